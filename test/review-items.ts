import type { AccessReviewItem, CertificationDecision } from '../src/api/schemas';

let counter = 0;

/** Tests: an entitlement review item, described and used unless the overrides say otherwise. */
export function makeItem(overrides: { name?: string; identity?: string; privileged?: boolean; newAccess?: boolean; usageDays?: number; description?: string | null; decision?: CertificationDecision; comments?: string } = {}): AccessReviewItem {
  counter++;
  const name = overrides.name ?? `Entitlement ${counter}`;
  return {
    id: `item-${counter}`,
    newAccess: overrides.newAccess ?? false,
    completed: Boolean(overrides.decision),
    ...(overrides.decision ? { decision: overrides.decision, comments: overrides.comments ?? null } : {}),
    identitySummary: { id: `summary-${overrides.identity ?? counter}`, name: overrides.identity ?? `Person ${counter}`, identityId: `identity-${counter}` },
    accessSummary: {
      access: { type: 'ENTITLEMENT', id: `ent-${counter}`, name },
      entitlement: {
        id: `ent-${counter}`,
        name,
        description: overrides.description === undefined ? `What ${name} grants.` : overrides.description,
        privileged: overrides.privileged ?? false,
        sourceName: 'Active Directory',
        account: { nativeIdentity: `user${counter}`, activityInsights: { usageDays: overrides.usageDays ?? 40, usageDaysState: 'COMPLETE' } },
      },
    },
  };
}
