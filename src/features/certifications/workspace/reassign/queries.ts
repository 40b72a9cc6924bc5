import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { getCertificationTask, getPendingCertificationTasks } from '../../../../api/certifications';
import { f } from '../../../../api/filters';
import type { CertificationTask, CertificationTaskStatus } from '../../../../api/schemas';
import { certificationQueries } from '../../queries';

export const isTaskPending = (task: CertificationTask | undefined) => task?.status === 'QUEUED' || task?.status === 'IN_PROGRESS';

export const taskQueries = {
  all: () => ['certification-tasks'] as const,
  /** One task, polled every second while it is queued or running. */
  task: (taskId: string) =>
    queryOptions({
      queryKey: [...taskQueries.all(), taskId] as const,
      queryFn: ({ signal }) => getCertificationTask(taskId, { signal }),
      refetchInterval: (query) => (isTaskPending(query.state.data) ? 1000 : false),
      staleTime: 0,
    }),
  /** The certification's queued and running tasks, polled every 2 s while there are any. */
  pending: (certificationId: string) =>
    queryOptions({
      queryKey: [...taskQueries.all(), 'pending', certificationId] as const,
      queryFn: ({ signal }) => getPendingCertificationTasks({ filters: f.eq('targetId', certificationId), limit: 50 }, { signal }),
      refetchInterval: (query) => (query.state.data?.items.length ? 2000 : false),
    }),
};

const STATUS_LABELS: Record<CertificationTaskStatus, string> = {
  QUEUED: 'Queued',
  IN_PROGRESS: 'In progress',
  SUCCESS: 'Done',
  ERROR: 'Failed',
};

export function taskStatusLabel(status: CertificationTaskStatus | undefined): string {
  return status ? STATUS_LABELS[status] : 'Starting';
}

/** Refetches the certification, its items and reviewers, and every certification list: items have moved. */
export function invalidateCertification(queryClient: QueryClient, certificationId: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: certificationQueries.detail(certificationId).queryKey }),
    queryClient.invalidateQueries({ queryKey: certificationQueries.lists() }),
  ]).then(() => undefined);
}
