import { useState } from 'react';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getActiveCampaigns } from '../../../api/campaigns';
import { fetchAllPages, type Sorter } from '../../../api/collections';
import { f } from '../../../api/filters';
import type { CampaignStatus, SlimCampaign } from '../../../api/schemas';
import { campaignQueries } from '../queries';

/** What ISC filters on the server: status (in) and the name's start (sw). */
export interface CampaignServerFilters {
  statuses: CampaignStatus[];
  name: string;
}

function serverFilter(filters: CampaignServerFilters) {
  const name = filters.name.trim();
  return f.and<'status' | 'name'>(
    filters.statuses.length ? f.in('status', filters.statuses) : undefined,
    name ? f.sw('name', name) : undefined,
  );
}

export const campaignListQueries = {
  /** One page of campaigns, filtered, sorted and counted by the tenant. */
  page: (filters: CampaignServerFilters, paging: { offset: number; limit: number; sorters: Sorter<'getActiveCampaigns'>[] }) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), 'list', 'page', filters, paging] as const,
      queryFn: ({ signal }) =>
        getActiveCampaigns({ detail: 'SLIM', filters: serverFilter(filters), sorters: paging.sorters, offset: paging.offset, limit: paging.limit, count: true }, { signal }),
      placeholderData: keepPreviousData,
    }),
};

/**
 * Every campaign matching the server filters, walked page by page (250 at a time), for the views ISC
 * cannot filter. `progress` says how many are loaded of how many.
 */
export function useAllCampaigns(filters: CampaignServerFilters, enabled: boolean) {
  const [progress, setProgress] = useState<{ loaded: number; total: number | undefined }>({ loaded: 0, total: undefined });
  const query = useQuery({
    queryKey: [...campaignQueries.all(), 'list', 'all', filters] as const,
    queryFn: ({ signal }) =>
      fetchAllPages<SlimCampaign>(
        (paging) => getActiveCampaigns({ detail: 'SLIM', filters: serverFilter(filters), sorters: ['-created'], ...paging }, { signal }),
        { onProgress: (loaded, total) => setProgress({ loaded, total }) },
      ),
    enabled,
    staleTime: 30_000,
  });
  return { ...query, progress };
}
