import type { CertificationDecision, MandatoryCommentRequirement } from './schemas';

/**
 * ISC's limits and rules that both Attest's client and its sandbox tenant follow (API-NOTES §1): written
 * once, so the sandbox refuses exactly what the client is careful never to send.
 */

/** Decisions in one `makeIdentityDecision` call. */
export const DECIDE_MAX = 250;
/** References in one synchronous `reassignIdentityCertifications` call. */
export const REASSIGN_SYNC_MAX = 50;
/** References in one `submitReassignCertsAsync` call (a background task). */
export const REASSIGN_ASYNC_MAX = 500;
/** Certifications in one admin reassign (`move`) call. */
export const ADMIN_REASSIGN_MAX = 250;

/** ISC's user levels (the `authorities` of a token) that matter to certifications. */
export type UserLevel = 'ORG_ADMIN' | 'CERT_ADMIN' | 'REPORT_ADMIN';
/** Who may run campaigns and act on any certification. */
export const CERTIFICATION_ADMIN_LEVELS: readonly UserLevel[] = ['ORG_ADMIN', 'CERT_ADMIN'];
/** Who may run and read campaign reports. */
export const REPORT_LEVELS: readonly UserLevel[] = ['ORG_ADMIN', 'CERT_ADMIN', 'REPORT_ADMIN'];

/** Whether a set of authorities holds one of the levels. */
export function holdsLevel(authorities: readonly string[], levels: readonly UserLevel[]): boolean {
  return authorities.some((a) => (levels as readonly string[]).includes(a));
}

/** Whether the campaign's mandatoryCommentRequirement asks for a comment on this decision. */
export function commentRequired(requirement: MandatoryCommentRequirement | null | undefined, decision: CertificationDecision): boolean {
  return requirement === 'ALL_DECISIONS' || (requirement === 'REVOKE_ONLY_DECISIONS' && decision === 'REVOKE');
}
