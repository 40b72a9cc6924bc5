import { browserUtcOffsetMinutes, deadlineAllowsActivation, formatUtcOffset } from '../../../api/rules';
import { compare, type Operation } from 'fast-json-patch';
import { relativeDays } from '../../../components/format';
import type { CampaignStatus, IdentityCertificationDto, JsonPatchOperation, SlimCampaign } from '../../../api/schemas';

/**
 * The campaign page's rules, checked before anything is sent because ISC answers a broken precondition with
 * a generic 400 (ADMIN-NOTES §4.1): which fields a status lets an admin change, when a campaign can be
 * activated or completed, and which reviewers are stalled.
 */


/** The fields `updateCampaign` may change. */
export const EDITABLE_FIELDS = ['name', 'description', 'recommendationsEnabled', 'deadline', 'emailNotificationEnabled', 'autoRevokeAllowed'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Which fields each status allows (ISC: STAGED all six, ACTIVE the deadline only, others none). */
export const EDITABLE_BY_STATUS: Partial<Record<CampaignStatus, readonly EditableField[]>> = {
  STAGED: EDITABLE_FIELDS,
  ACTIVE: ['deadline'],
};

export function editableFields(status: string | null | undefined): readonly EditableField[] {
  return EDITABLE_BY_STATUS[status as CampaignStatus] ?? [];
}

/** Why a field cannot be changed now, or null when it can. */
export function readOnlyReason(status: string | null | undefined, field: EditableField): string | null {
  if (editableFields(status).includes(field)) return null;
  if (status === 'ACTIVE') return 'An active campaign can change only its deadline.';
  if (status === 'PENDING') return 'The campaign is still generating; it can be edited once its preview is ready (STAGED).';
  return `A campaign that is ${status ?? 'in an unknown status'} cannot be changed; only preview-ready (STAGED) and active campaigns can.`;
}

export type CampaignEdits = Pick<SlimCampaign, EditableField>;

/** The editable fields of a campaign, each present (null when unset), so `compare` answers `replace`. */
export function editableValues(campaign: SlimCampaign): CampaignEdits {
  return {
    name: campaign.name,
    description: campaign.description ?? null,
    recommendationsEnabled: campaign.recommendationsEnabled ?? false,
    deadline: campaign.deadline ?? null,
    emailNotificationEnabled: campaign.emailNotificationEnabled ?? false,
    autoRevokeAllowed: campaign.autoRevokeAllowed ?? false,
  };
}

/**
 * The JSON Patch from the campaign to the edits, built by fast-json-patch's `compare`, with only the fields
 * the status allows (anything else would be refused as a whole by ISC).
 */
export function campaignPatch(campaign: SlimCampaign, edits: CampaignEdits): JsonPatchOperation[] {
  const allowed = editableFields(campaign.status);
  const pick = (values: CampaignEdits) => Object.fromEntries(allowed.map((f) => [f, values[f] ?? null]));
  return compare(pick(editableValues(campaign)), pick(edits)).map(toPatchOperation);
}

function toPatchOperation(operation: Operation): JsonPatchOperation {
  return operation as JsonPatchOperation;
}

/** The browser's UTC offset now, as ISC's activate `timeZone` takes it: `Z` or `±hh:mm`. */
export function browserUtcOffset(date = new Date()): string {
  return formatUtcOffset(browserUtcOffsetMinutes(date));
}

export type Check = { ok: true } | { ok: false; reason: string };

/** Whether the campaign can be activated now: STAGED, with a deadline on a later day than today (in the browser's zone). */
export function activationCheck(campaign: SlimCampaign, now = Date.now(), offsetMinutes = -new Date(now).getTimezoneOffset()): Check {
  if (campaign.status !== 'STAGED') {
    const why =
      campaign.status === 'PENDING'
        ? 'it is still generating (PENDING); wait until its preview is ready'
        : `it is ${campaign.status ?? 'in an unknown status'}, and only a preview-ready (STAGED) campaign can be activated`;
    return { ok: false, reason: `This campaign cannot be activated: ${why}.` };
  }
  if (!campaign.deadline) return { ok: false, reason: 'Set a deadline (tomorrow or later) before activating: ISC refuses a campaign without one.' };
  if (!deadlineAllowsActivation(campaign.deadline, now, offsetMinutes)) {
    return { ok: false, reason: 'The deadline must be tomorrow or later to activate: ISC refuses a deadline of today or earlier. Edit the deadline first.' };
  }
  return { ok: true };
}

/** Whether the campaign can be completed now: ACTIVE and past its deadline. */
export function completionCheck(campaign: SlimCampaign, now = Date.now()): Check {
  if (campaign.status !== 'ACTIVE') {
    return { ok: false, reason: `Only an active campaign can be completed; this one is ${campaign.status ?? 'in an unknown status'}.` };
  }
  if (!campaign.deadline || Date.parse(campaign.deadline) >= now) {
    return { ok: false, reason: 'The campaign is not past due yet: ISC completes a campaign only after its deadline. Reviewers can still finish; or extend or shorten the deadline.' };
  }
  return { ok: true };
}

/** What ISC's generic 400 on activation most likely means, in words an admin can act on. */
export function explainActivationError(offset: string): string {
  return `ISC refused to activate the campaign without saying why. It does this when the deadline is today or earlier in the time zone sent (${offset}), when the campaign is no longer preview-ready (STAGED), or when it was generated too long ago. Check the deadline and the status below; if the campaign was generated more than a day ago, delete it and create it again.`;
}

// ---- Reviewers ----------------------------------------------------------------------------------

export interface ReviewerLoad {
  id: string;
  name: string;
  email: string | null;
  /** Certifications of this reviewer in the campaign, and how many are signed. */
  certifications: IdentityCertificationDto[];
  signed: number;
  decisionsMade: number;
  decisionsTotal: number;
  identitiesTotal: number;
  /** Certifications not yet signed (what escalation moves). */
  pendingIds: string[];
  /** Decided share 0..1 (1 when there is nothing to decide). */
  progress: number;
  governanceGroup: boolean;
}

/** Certifications grouped by reviewer, heaviest first. */
export function reviewerLoads(certifications: readonly IdentityCertificationDto[]): ReviewerLoad[] {
  const byReviewer = new Map<string, ReviewerLoad>();
  for (const cert of certifications) {
    const id = cert.reviewer?.id ?? 'unknown';
    let load = byReviewer.get(id);
    if (!load) {
      load = {
        id,
        name: cert.reviewer?.name ?? 'Unknown reviewer',
        email: cert.reviewer?.email ?? null,
        certifications: [],
        signed: 0,
        decisionsMade: 0,
        decisionsTotal: 0,
        identitiesTotal: 0,
        pendingIds: [],
        progress: 1,
        governanceGroup: cert.reviewer?.type === 'GOVERNANCE_GROUP',
      };
      byReviewer.set(id, load);
    }
    load.certifications.push(cert);
    load.decisionsMade += cert.decisionsMade ?? 0;
    load.decisionsTotal += cert.decisionsTotal ?? 0;
    load.identitiesTotal += cert.identitiesTotal ?? 0;
    if (cert.phase === 'SIGNED') load.signed++;
    else if (cert.id) load.pendingIds.push(cert.id);
  }
  for (const load of byReviewer.values()) load.progress = load.decisionsTotal > 0 ? load.decisionsMade / load.decisionsTotal : 1;
  return [...byReviewer.values()].sort((a, b) => b.decisionsTotal - a.decisionsTotal || a.name.localeCompare(b.name));
}

export interface StallThresholds {
  /** A reviewer below this decided share (0..100) is stalled… */
  maxProgressPercent: number;
  /** …when the deadline is at most this many days away (or past). */
  withinDays: number;
}

export const DEFAULT_THRESHOLDS: StallThresholds = { maxProgressPercent: 50, withinDays: 7 };

/** Reviewers with unsigned work, less than the threshold decided, while the deadline is near or past. */
export function stalledReviewers(loads: readonly ReviewerLoad[], deadline: string | null | undefined, thresholds: StallThresholds, now = Date.now()): ReviewerLoad[] {
  if (!deadline) return [];
  // Whole days, as the page shows them: "in 2 days" with a 2-day window counts as near.
  if (relativeDays(deadline, now) > thresholds.withinDays) return [];
  return loads.filter((l) => l.pendingIds.length > 0 && l.progress * 100 < thresholds.maxProgressPercent);
}

/** Whole days until the deadline (negative when past), counted as the due-date chips count them. */
export function daysUntil(deadline: string | null | undefined, now = Date.now()): number | null {
  if (!deadline) return null;
  return relativeDays(deadline, now);
}

/** Splits ids into calls of at most `size`. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** Sign-offs per day from `signed`, cumulative, for the sign-off curve. */
export function signOffsOverTime(certifications: readonly IdentityCertificationDto[]): { day: string; signed: number; total: number }[] {
  const perDay = new Map<string, number>();
  for (const cert of certifications) {
    if (!cert.signed) continue;
    const day = cert.signed.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  let total = 0;
  return [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, signed]) => ({ day, signed, total: (total += signed) }));
}
