import type { CampaignType, SlimCampaign } from '../../../api/schemas';

/**
 * Views over every campaign that ISC's `GET /campaigns` cannot filter (it filters id, name and status only):
 * overdue, due this week and by type. They run in the browser over all pages.
 */
export type CampaignView = 'overdue' | 'due-week';

export const CAMPAIGN_VIEWS: { value: CampaignView; label: string; description: string }[] = [
  { value: 'overdue', label: 'Overdue', description: 'Active campaigns past their deadline' },
  { value: 'due-week', label: 'Due this week', description: 'Unfinished campaigns with a deadline in the next 7 days' },
];

const WEEK = 7 * 86_400_000;
/** Statuses of a campaign whose deadline still matters. */
const UNFINISHED = new Set(['PENDING', 'STAGED', 'ACTIVATING', 'ACTIVE']);

/** Whether a campaign is in a client-side view and of one of the types (none = any type). */
export function inView(campaign: SlimCampaign, view: CampaignView | null, types: readonly CampaignType[], now: number): boolean {
  if (types.length && !types.includes(campaign.type)) return false;
  if (!view) return true;
  const deadline = campaign.deadline ? Date.parse(campaign.deadline) : NaN;
  if (Number.isNaN(deadline)) return false;
  if (view === 'overdue') return campaign.status === 'ACTIVE' && deadline < now;
  return UNFINISHED.has(campaign.status ?? '') && deadline >= now && deadline < now + WEEK;
}
