import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  getIdentityCertification,
  listCertificationReviewers,
  listIdentityCertifications,
  type ListIdentityCertificationsParams,
} from '../../api/certifications';
import { f } from '../../api/filters';
import type { Sorter } from '../../api/collections';
import type { CertificationPhase } from '../../api/schemas';

/** The signed-in reviewer's certifications in one phase: ACTIVE ones to work on, SIGNED ones completed. */
export interface MyCertificationsParams {
  phase: Extract<CertificationPhase, 'ACTIVE' | 'SIGNED'>;
  offset: number;
  limit: number;
  sorters: Sorter<'listIdentityCertifications'>[];
}

/** Query keys run general → specific, so `certificationQueries.all()` invalidates every certification query. */
export const certificationQueries = {
  all: () => ['certifications'] as const,
  lists: () => [...certificationQueries.all(), 'list'] as const,
  mine: (params: MyCertificationsParams) =>
    queryOptions({
      queryKey: [...certificationQueries.lists(), 'me', params] as const,
      queryFn: ({ signal }) => {
        const request: ListIdentityCertificationsParams = {
          reviewerIdentity: 'me',
          filters: f.eq('phase', params.phase),
          sorters: params.sorters,
          offset: params.offset,
          limit: params.limit,
          count: true,
        };
        return listIdentityCertifications(request, { signal });
      },
      // Another page or sort of the same tab keeps its rows while loading; another tab never shows this one's.
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[3].phase === params.phase ? keepPreviousData(previous) : undefined),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...certificationQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getIdentityCertification(id, { signal }),
    }),
  reviewers: (id: string) =>
    queryOptions({
      queryKey: [...certificationQueries.all(), 'detail', id, 'reviewers'] as const,
      queryFn: ({ signal }) => listCertificationReviewers(id, { limit: 50, sorters: ['name'] }, { signal }),
    }),
};
