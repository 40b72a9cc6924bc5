import { useEffect, useState } from 'react';
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { getCertificationTask, getPendingCertificationTasks } from '../../../../api/certifications';
import { f } from '../../../../api/filters';
import { searchIdentities } from '../../../../api/search';
import type { CertificationTask, CertificationTaskStatus } from '../../../../api/schemas';
import { certificationQueries } from '../../queries';

/** Look-ups start at this many characters: fewer would match most of the tenant. */
export const SEARCH_MIN_LENGTH = 2;
/** How many people the reviewer picker offers at once. */
export const SEARCH_LIMIT = 20;

export const identityQueries = {
  search: (text: string) =>
    queryOptions({
      queryKey: ['identities', 'search', text] as const,
      queryFn: ({ signal }) => searchIdentities(text, { limit: SEARCH_LIMIT, signal }),
      enabled: text.trim().length >= SEARCH_MIN_LENGTH,
      // No placeholder: people found for older text are not offered while the new text is searched.
      staleTime: 60_000,
    }),
};

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

/** `value`, once it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
