import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteCampaigns } from '../../../api/campaigns';
import { campaignQueries } from '../queries';

/** Deletes campaigns in one call (all or none); resolves once the campaign lists are fresh again. */
export function useDeleteCampaigns() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => deleteCampaigns({ ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignQueries.all() }),
  });
}
