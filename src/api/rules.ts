import type { CertificationDecision, MandatoryCommentRequirement } from './schemas';

/**
 * ISC's limits and rules that both Attest's client and its sandbox tenant follow (API-NOTES §1): written
 * once, so the sandbox refuses exactly what the client is careful never to send.
 */

/** ISC's rate limit (API-NOTES §9): calls per client in a sliding window; beyond it, 429 with Retry-After. */
export const ISC_RATE_LIMIT = { limit: 100, windowMs: 10_000 } as const;

/**
 * The share of ISC's rate limit one long piece of work may take at once (gathering every page of a
 * listing, sending a bulk decision): the rest of the page keeps the other half.
 */
export const BULK_CALL_SHARE = Math.floor(ISC_RATE_LIMIT.limit / 2);

/** Decisions in one `makeIdentityDecision` call. */
export const DECIDE_MAX = 250;
/** References in one synchronous `reassignIdentityCertifications` call. */
export const REASSIGN_SYNC_MAX = 50;
/** References in one `submitReassignCertsAsync` call (a background task). */
export const REASSIGN_ASYNC_MAX = 500;
/** Certifications in one admin reassign (`move`) call. */
export const ADMIN_REASSIGN_MAX = 250;

/** ISC's user levels (the `authorities` of a token) that matter to certifications and their look-ups. */
export type UserLevel =
  | 'ORG_ADMIN'
  | 'CERT_ADMIN'
  | 'REPORT_ADMIN'
  | 'ROLE_ADMIN'
  | 'ROLE_SUBADMIN'
  | 'SOURCE_ADMIN'
  | 'SOURCE_SUBADMIN';
/** Who may run campaigns and act on any certification. */
export const CERTIFICATION_ADMIN_LEVELS: readonly UserLevel[] = ['ORG_ADMIN', 'CERT_ADMIN'];
/** Who may run and read campaign reports. */
export const REPORT_LEVELS: readonly UserLevel[] = ['ORG_ADMIN', 'CERT_ADMIN', 'REPORT_ADMIN'];

/** Who may be the remediator of a ROLE_COMPOSITION campaign (RoleCompositionCampaignInfo.remediatorRef). */
export const REMEDIATOR_LEVELS: readonly UserLevel[] = ['ORG_ADMIN', 'ROLE_ADMIN'];

/**
 * The user levels of the look-ups Attest's pickers use (x-sailpoint-userLevels of the supporting
 * definition); null means any signed-in identity (USER level).
 */
export const LOOKUP_LEVELS = {
  listSources: ['ORG_ADMIN', 'SOURCE_ADMIN', 'SOURCE_SUBADMIN', 'ROLE_SUBADMIN'],
  listRoles: ['ORG_ADMIN', 'ROLE_ADMIN', 'ROLE_SUBADMIN'],
  listAccessProfiles: ['ORG_ADMIN', 'ROLE_ADMIN', 'ROLE_SUBADMIN', 'SOURCE_ADMIN', 'SOURCE_SUBADMIN'],
  getPublicIdentities: null,
} as const satisfies Record<string, readonly UserLevel[] | null>;
export type LookupOperation = keyof typeof LOOKUP_LEVELS;

/** listRoles pages at most 50 records (its own `limit` maximum); the others take ISC's 250. */
export const LIST_ROLES_MAX_LIMIT = 50;

/** Whether a set of authorities may call a look-up. */
export function mayLookUp(authorities: readonly string[], operation: LookupOperation): boolean {
  const levels: readonly UserLevel[] | null = LOOKUP_LEVELS[operation];
  return levels === null || holdsLevel(authorities, levels);
}

/** Campaign statuses busy with background work: such campaigns cannot be deleted until it finishes. */
export const CAMPAIGN_BUSY_STATUSES: readonly string[] = ['ACTIVATING', 'COMPLETING', 'CANCELING'];

/** The calendar date (YYYY-MM-DD) of an instant at a UTC offset given in minutes. */
export function dateAtOffset(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * ISC activates a campaign only when its deadline falls on a later calendar day than today, both read at
 * the activation's time zone: a deadline of today answers a generic 400 (ADMIN-NOTES §1.1).
 */
export function deadlineAllowsActivation(deadline: string | null | undefined, now: number, offsetMinutes: number): boolean {
  if (!deadline) return false;
  const time = Date.parse(deadline);
  return !Number.isNaN(time) && dateAtOffset(time, offsetMinutes) > dateAtOffset(now, offsetMinutes);
}

/** A UTC offset in minutes as startCampaign's `timeZone` takes it: `Z` or `±hh:mm`. */
export function formatUtcOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The browser's current UTC offset in minutes (east of UTC positive, unlike getTimezoneOffset). */
export function browserUtcOffsetMinutes(date = new Date()): number {
  return -date.getTimezoneOffset();
}

/** Whether a set of authorities holds one of the levels. */
export function holdsLevel(authorities: readonly string[], levels: readonly UserLevel[]): boolean {
  return authorities.some((a) => (levels as readonly string[]).includes(a));
}

/** Whether the campaign's mandatoryCommentRequirement asks for a comment on this decision. */
export function commentRequired(requirement: MandatoryCommentRequirement | null | undefined, decision: CertificationDecision): boolean {
  return requirement === 'ALL_DECISIONS' || (requirement === 'REVOKE_ONLY_DECISIONS' && decision === 'REVOKE');
}
