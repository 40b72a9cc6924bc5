import type { FilterOperator } from './filters';

/**
 * The standard collection parameters (API-NOTES §3) and, per list operation, exactly the filter fields,
 * operators and sorters ISC documents. The client's types and the sandbox's validation both read this table.
 */
export const MAX_LIMIT = 250;

export interface CollectionRule {
  filters: Readonly<Record<string, readonly FilterOperator[]>>;
  sorters: readonly string[];
}

export const collectionRules = {
  listIdentityCertifications: {
    filters: { id: ['eq', 'in'], 'campaign.id': ['eq', 'in'], phase: ['eq'], completed: ['eq'] },
    sorters: ['name', 'due', 'signed'],
  },
  listIdentityAccessReviewItems: {
    filters: {
      id: ['eq', 'in'],
      type: ['eq'],
      'access.type': ['eq'],
      completed: ['eq', 'ne'],
      'identitySummary.id': ['eq', 'in'],
      'identitySummary.name': ['eq', 'sw'],
      'access.id': ['eq', 'in'],
      'access.name': ['eq', 'sw'],
      'entitlement.sourceName': ['eq', 'sw'],
      'accessProfile.sourceName': ['eq', 'sw'],
    },
    sorters: ['identitySummary.name', 'access.name', 'access.type', 'entitlement.sourceName', 'accessProfile.sourceName'],
  },
  getIdentityCertificationItemPermissions: {
    filters: { target: ['eq', 'sw'], rights: ['ca'] },
    sorters: [],
  },
  listCertificationReviewers: {
    filters: { id: ['eq', 'in'], name: ['eq', 'sw'], email: ['eq', 'sw'] },
    sorters: ['name', 'email'],
  },
  getPendingCertificationTasks: {
    filters: { id: ['eq', 'in'], targetId: ['eq', 'in'], type: ['eq', 'in'] },
    sorters: [],
  },
  /** Not a collection, but filtered with the standard syntax (supporting definition, Certification Summaries). */
  getIdentityDecisionSummary: {
    filters: { 'identitySummary.id': ['eq', 'in'] },
    sorters: [],
  },
  getActiveCampaigns: {
    filters: { id: ['eq', 'in'], name: ['eq', 'sw'], status: ['eq', 'in'] },
    sorters: ['name', 'created'],
  },
  getCampaignTemplates: {
    filters: {
      name: ['eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'sw'],
      id: ['eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'sw'],
    },
    sorters: ['name', 'created', 'modified'],
  },
  // Look-ups of the supporting definition (sources, roles, access profiles, public identities).
  listSources: {
    filters: {
      id: ['eq', 'in', 'ge', 'gt', 'le', 'lt', 'ne', 'isnull', 'sw'],
      name: ['co', 'eq', 'in', 'sw', 'ge', 'gt', 'ne', 'isnull'],
      type: ['eq', 'in', 'ge', 'gt', 'ne', 'isnull', 'sw'],
      'owner.id': ['eq', 'in', 'ge', 'gt', 'le', 'lt', 'ne', 'isnull', 'sw'],
      features: ['ca', 'co'],
      created: ['eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'isnull', 'sw'],
      modified: ['eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'isnull', 'sw'],
      'managementWorkgroup.id': ['eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'isnull', 'sw'],
      description: ['eq', 'sw'],
      authoritative: ['eq', 'ne', 'isnull'],
      healthy: ['isnull'],
      status: ['eq', 'in', 'ge', 'gt', 'le', 'lt', 'ne', 'isnull', 'sw'],
      connectionType: ['eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'isnull', 'sw'],
      connectorName: ['eq', 'ge', 'gt', 'in', 'ne', 'isnull', 'sw'],
      category: ['co', 'eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'sw'],
    },
    sorters: [
      'type', 'created', 'modified', 'name', 'owner.name', 'healthy', 'status', 'id', 'description', 'owner.id',
      'accountCorrelationConfig.id', 'accountCorrelationConfig.name', 'managerCorrelationRule.type', 'managerCorrelationRule.id',
      'managerCorrelationRule.name', 'authoritative', 'managementWorkgroup.id', 'connectorName', 'connectionType',
    ],
  },
  listRoles: {
    filters: {
      id: ['eq', 'in'],
      name: ['eq', 'sw'],
      created: ['gt', 'ge', 'le'],
      modified: ['lt', 'ge', 'le'],
      'owner.id': ['eq', 'in'],
      requestable: ['eq'],
      dimensional: ['eq'],
    },
    sorters: ['name', 'created', 'modified'],
  },
  listAccessProfiles: {
    filters: {
      id: ['eq', 'in'],
      name: ['eq', 'sw'],
      created: ['gt', 'ge', 'le'],
      modified: ['gt', 'lt', 'ge', 'le'],
      'owner.id': ['eq', 'in'],
      requestable: ['eq'],
      'source.id': ['eq', 'in'],
    },
    sorters: ['name', 'created', 'modified'],
  },
  getPublicIdentities: {
    filters: { id: ['eq', 'in'], alias: ['eq', 'sw'], email: ['eq', 'sw'], firstname: ['eq', 'sw'], lastname: ['eq', 'sw'] },
    sorters: ['name'],
  },
} as const satisfies Record<string, CollectionRule>;

export type CollectionOperation = keyof typeof collectionRules;
export type FilterField<Op extends CollectionOperation> = keyof (typeof collectionRules)[Op]['filters'] & string;
export type SorterField<Op extends CollectionOperation> = (typeof collectionRules)[Op]['sorters'][number];
/** A sorter: the field, or the field with a leading `-` for descending. */
export type Sorter<Op extends CollectionOperation> = SorterField<Op> | `-${SorterField<Op>}`;

/** Paging as ISC takes it: `offset` counts records, `limit` is at most 250, `count` asks for X-Total-Count. */
export interface Paging {
  limit?: number;
  offset?: number;
  count?: boolean;
}

/** A page of a collection; `total` is X-Total-Count when `count` was asked for. */
export interface CollectionPage<T> {
  items: T[];
  total: number | undefined;
}

/**
 * Walks every page of a collection, `limit` records at a time, until a short page (or `total`) ends it.
 * `onProgress` reports records loaded so far and the total when known.
 */
export async function fetchAllPages<T>(
  fetchPage: (paging: Required<Paging>) => Promise<CollectionPage<T>>,
  options: { limit?: number; onProgress?: (loaded: number, total: number | undefined) => void } = {},
): Promise<T[]> {
  // At least 1: with a limit of 0 every page is "full" and, without a total, the walk would never end.
  const limit = Math.max(1, Math.min(options.limit ?? MAX_LIMIT, MAX_LIMIT));
  const all: T[] = [];
  let total: number | undefined;
  for (let offset = 0; ; offset += limit) {
    const page = await fetchPage({ limit, offset, count: offset === 0 });
    if (offset === 0) total = page.total;
    all.push(...page.items);
    options.onProgress?.(all.length, total);
    if (page.items.length < limit || (total !== undefined && all.length >= total)) return all;
  }
}
