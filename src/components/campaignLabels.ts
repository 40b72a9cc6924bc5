import type { CampaignStatus, CampaignType } from '../api/schemas';

export const CAMPAIGN_TYPE_LABELS: Record<CampaignType, string> = {
  MANAGER: 'Manager',
  SOURCE_OWNER: 'Source owner',
  SEARCH: 'Search',
  ROLE_COMPOSITION: 'Role composition',
  MACHINE_ACCOUNT: 'Machine account',
};

export function campaignTypeLabel(type: string | null | undefined): string {
  return (type && CAMPAIGN_TYPE_LABELS[type as CampaignType]) || type || 'Unknown';
}

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  PENDING: 'Generating',
  STAGED: 'Preview ready',
  CANCELING: 'Deleting',
  ACTIVATING: 'Activating',
  ACTIVE: 'Active',
  COMPLETING: 'Completing',
  COMPLETED: 'Completed',
  ERROR: 'Error',
  ARCHIVED: 'Archived',
};
