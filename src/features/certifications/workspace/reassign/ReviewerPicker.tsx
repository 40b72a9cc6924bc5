import type { Ref } from 'react';
import { IdentityPicker, type IdentityChoice } from '../../../../components/IdentityPicker';

export { isIdentityId } from '../../../../components/IdentityPicker';

/** The new reviewer: a person found by the look-up, or an identity id pasted as is. */
export type ReviewerChoice = IdentityChoice;

/** The new reviewer for a reassignment: the shared identity picker, the current reviewer left out. */
export function ReviewerPicker(props: {
  value: ReviewerChoice | null;
  onChange(value: ReviewerChoice | null): void;
  currentReviewerId: string;
  error?: string | null;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { currentReviewerId, ...rest } = props;
  return <IdentityPicker {...rest} label="New reviewer" excludeId={currentReviewerId} />;
}
