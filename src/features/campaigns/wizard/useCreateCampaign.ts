import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createCampaign } from '../../../api/campaigns';
import type { Campaign } from '../../../api/schemas';
import { campaignQueries } from '../queries';

/** Creates a campaign (ISC answers 202 with it PENDING); the campaign lists refresh in the background. */
export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Campaign) => createCampaign(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: campaignQueries.all() });
    },
  });
}
