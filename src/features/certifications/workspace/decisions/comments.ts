import type { CertificationDecision, MandatoryCommentRequirement } from '../../../../api/schemas';

/** Whether the campaign's mandatoryCommentRequirement asks for a comment on this decision. */
export function commentRequired(requirement: MandatoryCommentRequirement | null | undefined, decision: CertificationDecision): boolean {
  return requirement === 'ALL_DECISIONS' || (requirement === 'REVOKE_ONLY_DECISIONS' && decision === 'REVOKE');
}

/** The requirement in words, for the comment dialog and the header. */
export function commentRequirementText(requirement: MandatoryCommentRequirement | null | undefined): string {
  if (requirement === 'ALL_DECISIONS') return 'This campaign requires a comment on every decision.';
  if (requirement === 'REVOKE_ONLY_DECISIONS') return 'This campaign requires a comment on every revocation.';
  return 'Comments are optional in this campaign.';
}
