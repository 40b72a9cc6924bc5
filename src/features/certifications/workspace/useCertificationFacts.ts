import { useMemo } from 'react';
import type { IdentityCertificationDto } from '../../../api/schemas';

/** What every confirmed decide call changes: the certification's progress, shown by its header and sign-off. */
const PROGRESS_FIELDS = new Set<string>(['decisionsMade', 'identitiesCompleted', 'completed', 'modified']);

const factsKey = (cert: IdentityCertificationDto) => JSON.stringify(cert, (key, value: unknown) => (PROGRESS_FIELDS.has(key) ? undefined : value));

/**
 * The certification as the item views need it: the same object while only its progress changes. Each of
 * a bulk approval's 20 decide calls answers with new counts; without this, every answer re-rendered every row.
 */
export function useCertificationFacts(cert: IdentityCertificationDto): IdentityCertificationDto {
  const key = factsKey(cert);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key says when anything but the progress changed
  return useMemo(() => cert, [key]);
}
