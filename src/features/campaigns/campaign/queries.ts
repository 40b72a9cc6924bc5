import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getCampaign, getCampaignReports, getCampaignReportsConfig } from '../../../api/campaigns';
import { listIdentityCertifications } from '../../../api/certifications';
import { fetchAllPages, type Sorter } from '../../../api/collections';
import { f } from '../../../api/filters';
import type { Campaign, CampaignReport, IdentityCertificationDto } from '../../../api/schemas';
import { campaignQueries } from '../queries';

/** Report statuses that are still running: the list refreshes while one is. */
export const RUNNING_REPORT_STATUSES: readonly string[] = ['PENDING'];

/** Campaign statuses that change on their own (background work): the campaign refreshes while in one. */
export const TRANSIENT_STATUSES: readonly string[] = ['PENDING', 'ACTIVATING', 'COMPLETING', 'CANCELING'];

export interface CampaignCertificationsParams {
  offset: number;
  limit: number;
  sorters: Sorter<'listIdentityCertifications'>[];
}

/** Queries of one campaign's page; keys run under the campaigns family so a mutation can refresh them all. */
export const campaignPageQueries = {
  detail: (id: string) => [...campaignQueries.all(), 'detail', id] as const,
  campaign: (id: string) =>
    queryOptions({
      queryKey: [...campaignPageQueries.detail(id), 'campaign'] as const,
      queryFn: ({ signal }) => getCampaign(id, { detail: 'FULL' }, { signal }) as Promise<Campaign>,
      refetchInterval: (query) => (TRANSIENT_STATUSES.includes(query.state.data?.status ?? '') ? 1500 : false),
    }),
  /** One page of the campaign's certifications (server paging and sorting) for the grid. */
  certifications: (id: string, params: CampaignCertificationsParams) =>
    queryOptions({
      queryKey: [...campaignPageQueries.detail(id), 'certifications', 'page', params] as const,
      queryFn: ({ signal }) =>
        listIdentityCertifications(
          { filters: f.eq('campaign.id', id), offset: params.offset, limit: params.limit, sorters: params.sorters, count: true },
          { signal },
        ),
      placeholderData: keepPreviousData,
    }),
  /** Every certification of the campaign (pages of 250), for the charts, the reviewer figures and steering. */
  allCertifications: (id: string) =>
    queryOptions({
      queryKey: [...campaignPageQueries.detail(id), 'certifications', 'all'] as const,
      queryFn: ({ signal }): Promise<IdentityCertificationDto[]> =>
        fetchAllPages((paging) => listIdentityCertifications({ filters: f.eq('campaign.id', id), sorters: ['name'], ...paging }, { signal })),
    }),
  reports: (id: string) =>
    queryOptions({
      queryKey: [...campaignPageQueries.detail(id), 'reports'] as const,
      queryFn: ({ signal }): Promise<CampaignReport[]> => getCampaignReports(id, { signal }),
      refetchInterval: (query) => (query.state.data?.some((r) => RUNNING_REPORT_STATUSES.includes(r.status ?? '')) ? 1500 : false),
    }),
  /** The tenant-wide report columns (not per campaign). */
  reportsConfig: () =>
    queryOptions({
      queryKey: [...campaignQueries.all(), 'reports-configuration'] as const,
      queryFn: ({ signal }) => getCampaignReportsConfig({ signal }),
    }),
};
