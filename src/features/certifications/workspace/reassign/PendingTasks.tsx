import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import type { CertificationTask, CertificationTaskType } from '../../../../api/schemas';
import { ErrorState } from '../../../../components/ErrorState';
import { invalidateCertification, taskQueries, taskStatusLabel } from './queries';

const TASK_TEXT: Partial<Record<CertificationTaskType, string>> = {
  REASSIGN: 'Reassigning items to another reviewer',
  ADMIN_REASSIGN: 'An administrator is reassigning this certification',
  COMPLETE_CERTIFICATION: 'Completing this certification',
  FINISH_CERTIFICATION: 'Finishing this certification',
};

const taskText = (task: CertificationTask) => `${(task.type && TASK_TEXT[task.type]) ?? 'Working on this certification'} (${taskStatusLabel(task.status)})`;

/**
 * The certification's queued and running background tasks (reassignments), checked every 2 s while there are
 * any. When one ends the certification is refetched: its items have moved. Renders nothing when there are none.
 */
export function PendingTasks({ certificationId }: { certificationId: string }) {
  const queryClient = useQueryClient();
  const pending = useQuery(taskQueries.pending(certificationId));
  const tasks = pending.data?.items;

  // A task gone from the pending list has finished (or failed): what it moved is no longer here.
  const seen = useRef<Set<string>>(new Set());
  useEffect(() => {
    if (!tasks) return;
    const now = new Set(tasks.flatMap((t) => t.id ?? []));
    const ended = [...seen.current].some((id) => !now.has(id));
    seen.current = now;
    if (ended) void invalidateCertification(queryClient, certificationId);
  }, [tasks, queryClient, certificationId]);

  if (pending.isError && !tasks) {
    return <ErrorState title="Couldn't check for reassignments in progress" error={pending.error} onRetry={() => void pending.refetch()} />;
  }
  if (!tasks?.length) return null;
  return (
    <Alert severity="info" role="status" icon={<CircularProgress size={20} aria-hidden />} sx={{ mb: 2 }}>
      {tasks.length === 1 ? (
        taskText(tasks[0]!)
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {tasks.map((task, i) => <li key={task.id ?? i}>{taskText(task)}</li>)}
        </Box>
      )}
    </Alert>
  );
}
