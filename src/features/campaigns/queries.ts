import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getActiveCampaigns } from '../../api/campaigns';
import { f } from '../../api/filters';
import type { Sorter } from '../../api/collections';
import type { CampaignStatus } from '../../api/schemas';

export interface CampaignListParams {
  statuses: CampaignStatus[];
  offset: number;
  limit: number;
  sorters: Sorter<'getActiveCampaigns'>[];
}

export const campaignQueries = {
  all: () => ['campaigns'] as const,
  list: (params: CampaignListParams) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), 'list', params] as const,
      queryFn: ({ signal }) =>
        getActiveCampaigns(
          {
            detail: 'SLIM',
            filters: params.statuses.length ? f.in('status', params.statuses) : undefined,
            sorters: params.sorters,
            offset: params.offset,
            limit: params.limit,
            count: true,
          },
          { signal },
        ),
      placeholderData: keepPreviousData,
    }),
};
