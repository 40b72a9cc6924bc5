import type {
  AccessReviewItem,
  CampaignReference,
  CertificationTask,
  IdentityCertificationDto,
  IdentityReferenceWithNameAndEmail,
  ReviewableAccessProfile,
  ReviewableEntitlement,
  ReviewableRole,
  Reviewer,
} from '../api/schemas';
import type { Account, CertificationRecord, Entitlement, ItemRecord, TaskRecord, TemplateRecord } from './model';
import type { Store } from './store';

/** Builds the API's DTOs from the sandbox's records; counts are always computed, never stored. */

export function identityRef(store: Store, id: string | null | undefined): IdentityReferenceWithNameAndEmail | null {
  if (!id) return null;
  const identity = store.get('identities', id);
  if (!identity) return null;
  return { type: 'IDENTITY', id, name: identity.name, email: identity.email };
}

export function reviewerOf(store: Store, id: string): Reviewer {
  const identity = store.get('identities', id);
  return { id, name: identity?.name ?? id, email: identity?.email ?? null, type: 'IDENTITY', created: null, modified: null };
}

export function campaignReference(store: Store, campaignId: string): CampaignReference {
  const campaign = store.get('campaigns', campaignId);
  return {
    id: campaignId,
    name: campaign?.name ?? '',
    type: 'CAMPAIGN',
    campaignType: campaign?.type ?? 'MANAGER',
    description: campaign?.description ?? null,
    correlatedStatus: campaign?.correlatedStatus ?? 'CORRELATED',
    mandatoryCommentRequirement: campaign?.mandatoryCommentRequirement ?? 'NO_DECISIONS',
  };
}

/** Decision and identity counts of a certification, from its items. */
export function certificationCounts(items: readonly ItemRecord[]) {
  const identities = new Map<string, boolean>();
  let decisionsMade = 0;
  for (const item of items) {
    const decided = item.decision !== null;
    if (decided) decisionsMade++;
    identities.set(item.identitySummaryId, (identities.get(item.identitySummaryId) ?? true) && decided);
  }
  let identitiesCompleted = 0;
  for (const done of identities.values()) if (done) identitiesCompleted++;
  return {
    decisionsMade,
    decisionsTotal: items.length,
    identitiesCompleted,
    identitiesTotal: identities.size,
    completed: decisionsMade === items.length,
    completedIdentities: identities,
  };
}

export function certificationDto(store: Store, cert: CertificationRecord): IdentityCertificationDto {
  const { completedIdentities: _, ...counts } = certificationCounts(store.itemsOf(cert.id));
  const from = cert.reassignment ? store.get('certifications', cert.reassignment.fromId) : undefined;
  return {
    id: cert.id,
    name: cert.name,
    campaign: campaignReference(store, cert.campaignId),
    ...counts,
    created: cert.created,
    modified: cert.modified,
    due: cert.due,
    signed: cert.signed,
    reviewer: reviewerOf(store, cert.reviewerId),
    reassignment: cert.reassignment
      ? {
          from: {
            id: cert.reassignment.fromId,
            name: from?.name ?? cert.reassignment.fromName ?? '',
            type: 'CERTIFICATION',
            reviewer: reviewerOf(store, from?.reviewerId ?? cert.reassignment.fromReviewerId ?? ''),
          },
          comment: cert.reassignment.comment,
        }
      : null,
    hasErrors: false,
    errorMessage: null,
    phase: cert.phase,
  };
}

const accountIndexes = new WeakMap<Store, { generation: number; index: Map<string, Account> }>();

function accountOf(store: Store, identityId: string, sourceId: string): Account | undefined {
  let cached = accountIndexes.get(store);
  if (!cached || cached.generation !== store.generation) {
    cached = { generation: store.generation, index: new Map(store.all('accounts').map((a) => [`${a.identityId}:${a.sourceId}`, a])) };
    accountIndexes.set(store, cached);
  }
  return cached.index.get(`${identityId}:${sourceId}`);
}

function entitlementDto(store: Store, entitlement: Entitlement, identityId: string | null): ReviewableEntitlement {
  const source = store.get('sources', entitlement.sourceId);
  const account = identityId ? accountOf(store, identityId, entitlement.sourceId) : undefined;
  return {
    id: entitlement.id,
    name: entitlement.name,
    description: entitlement.description,
    privileged: entitlement.privileged,
    owner: identityRef(store, entitlement.ownerId),
    attributeName: entitlement.attributeName,
    attributeValue: entitlement.attributeValue,
    sourceSchemaObjectType: entitlement.sourceSchemaObjectType,
    sourceName: source?.name ?? '',
    sourceType: source?.type ?? '',
    sourceId: entitlement.sourceId,
    hasPermissions: entitlement.permissions.length > 0,
    isPermission: false,
    revocable: entitlement.revocable,
    cloudGoverned: entitlement.cloudGoverned,
    containsDataAccess: entitlement.containsDataAccess,
    dataAccess: entitlement.containsDataAccess
      ? {
          policies: [],
          categories: entitlement.dataCategories.map((value) => ({ value, matchCount: 1 })),
          impactScore: { value: String(entitlement.impactScore ?? 0) },
        }
      : null,
    account: account
      ? {
          nativeIdentity: account.nativeIdentity,
          disabled: account.disabled,
          locked: account.locked,
          type: 'ACCOUNT',
          id: account.id,
          name: account.name,
          created: account.created,
          modified: null,
          activityInsights: {
            accountID: account.id,
            usageDays: account.usageDays ?? 0,
            usageDaysState: account.usageDays === null ? 'UNKNOWN' : 'COMPLETE',
          },
          description: null,
          governanceGroupId: null,
          owner: null,
        }
      : null,
  };
}

/** The entitlements with these ids that exist, as the API shows them. */
function entitlementDtos(store: Store, ids: string[], identityId: string | null): ReviewableEntitlement[] {
  return ids.flatMap((id) => {
    const entitlement = store.get('entitlements', id);
    return entitlement ? [entitlementDto(store, entitlement, identityId)] : [];
  });
}

function accessProfileDto(store: Store, id: string, identityId: string | null): ReviewableAccessProfile | undefined {
  const profile = store.get('accessProfiles', id);
  if (!profile) return undefined;
  return {
    id: profile.id,
    name: profile.name,
    description: profile.description,
    privileged: profile.privileged,
    cloudGoverned: false,
    endDate: null,
    owner: identityRef(store, profile.ownerId),
    entitlements: entitlementDtos(store, profile.entitlementIds, identityId),
    created: profile.created,
    modified: profile.modified,
  };
}

function roleDto(store: Store, id: string, identityId: string | null): ReviewableRole | undefined {
  const role = store.get('roles', id);
  if (!role) return undefined;
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    privileged: role.privileged,
    revocable: role.revocable,
    owner: identityRef(store, role.ownerId),
    // A role's endDate is not nullable: left out when the assignment has none.
    accessProfiles: role.accessProfileIds.flatMap((p) => accessProfileDto(store, p, identityId) ?? []),
    entitlements: entitlementDtos(store, role.entitlementIds, identityId),
  };
}

/** Name of the reviewed subject: an identity, or for role composition the role. */
export function subjectName(store: Store, identityId: string): string {
  return store.get('identities', identityId)?.name ?? store.get('roles', identityId)?.name ?? identityId;
}

/** Name of the access an item reviews. */
export function accessName(store: Store, item: ItemRecord): string {
  const table = item.type === 'ENTITLEMENT' ? 'entitlements' : item.type === 'ACCESS_PROFILE' ? 'accessProfiles' : 'roles';
  return store.get(table, item.accessId)?.name ?? '';
}

/** Source name of an entitlement item or access profile item (null for other types). */
export function itemSourceName(store: Store, item: ItemRecord, type: 'ENTITLEMENT' | 'ACCESS_PROFILE'): string | null {
  if (item.type !== type) return null;
  const sourceId = type === 'ENTITLEMENT' ? store.get('entitlements', item.accessId)?.sourceId : store.get('accessProfiles', item.accessId)?.sourceId;
  return sourceId ? (store.get('sources', sourceId)?.name ?? null) : null;
}

export function itemDto(store: Store, item: ItemRecord, identityCompleted: boolean): AccessReviewItem {
  const isIdentity = store.get('identities', item.identityId) !== undefined;
  const identityId = isIdentity ? item.identityId : null;
  const entitlement = item.type === 'ENTITLEMENT' ? store.get('entitlements', item.accessId) : undefined;
  const dto: AccessReviewItem = {
    accessSummary: {
      access: { type: item.type, id: item.accessId, name: accessName(store, item) },
      entitlement: entitlement ? entitlementDto(store, entitlement, identityId) : null,
      accessProfile: item.type === 'ACCESS_PROFILE' ? accessProfileDto(store, item.accessId, identityId) : undefined,
      role: item.type === 'ROLE' ? (roleDto(store, item.accessId, identityId) ?? null) : null,
    },
    identitySummary: {
      id: item.identitySummaryId,
      name: subjectName(store, item.identityId),
      identityId: item.identityId,
      completed: identityCompleted,
    },
    id: item.id,
    completed: item.decision !== null,
    newAccess: item.newAccess,
    comments: item.comments,
  };
  if (item.decision) dto.decision = item.decision;
  return dto;
}

/** A task as the API shows it, without what the sandbox keeps to finish it. */
export function taskDto(task: TaskRecord): CertificationTask {
  const { ownerId: _o, startAt: _s, finishAt: _f, work: _w, ...dto } = task;
  return dto;
}

/**
 * A value without the null fields the definition does not mark nullable: unset fields are left out, at any
 * depth, except the top-level fields named in `nullable`.
 */
export function withoutNulls<T>(value: T, nullable: readonly string[] = []): T {
  if (Array.isArray(value)) return value.map((v) => withoutNulls(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null && !nullable.includes(key)) continue;
    out[key] = withoutNulls(field);
  }
  return out as T;
}

/** A campaign as the API shows it: only `description` may be null (ISC's default filter when none is set). */
export function campaignView<T extends object>(campaign: T): T {
  return withoutNulls(campaign, ['description']);
}

/** A template as the API shows it: only `modified` and its campaign's `description` may be null. */
export function templateView(template: TemplateRecord): TemplateRecord {
  const { campaign, ...rest } = template;
  return { ...withoutNulls(rest, ['modified']), campaign: campaignView(campaign) } as TemplateRecord;
}
