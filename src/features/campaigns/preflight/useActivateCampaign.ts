import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startCampaign } from '../../../api/campaigns';
import { browserUtcOffsetMinutes, formatUtcOffset } from '../../../api/rules';
import { campaignQueries } from '../queries';

/** Activates a STAGED campaign with the browser's current UTC offset; resolves once the campaign data is fresh. */
export function useActivateCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => startCampaign(id, { timeZone: formatUtcOffset(browserUtcOffsetMinutes()) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignQueries.all() }),
  });
}
