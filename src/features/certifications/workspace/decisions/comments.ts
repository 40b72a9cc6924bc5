import type { MandatoryCommentRequirement } from '../../../../api/schemas';

export { commentRequired } from '../../../../api/rules';

/** The requirement in words, for the comment dialog and the header. */
export function commentRequirementText(requirement: MandatoryCommentRequirement | null | undefined): string {
  if (requirement === 'ALL_DECISIONS') return 'This campaign requires a comment on every decision.';
  if (requirement === 'REVOKE_ONLY_DECISIONS') return 'This campaign requires a comment on every revocation.';
  return 'Comments are optional in this campaign.';
}
