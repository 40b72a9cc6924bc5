import * as z from 'zod/mini';
import { requestPage } from './http';
import type { Filter } from './filters';
import type { CollectionPage, FilterField, Paging, Sorter } from './collections';
import { LIST_ROLES_MAX_LIMIT } from './rules';

/**
 * The look-ups of ISC v3's supporting definition that the campaign wizard's pickers use: sources, roles,
 * access profiles and public identities, one function per operationId. Who may call each is in
 * `LOOKUP_LEVELS` (rules.ts). Schemas keep the fields a picker shows; everything else is optional and
 * unknown fields are stripped, so a tenant's extra or missing attributes never fail a response.
 */

type RequestOptions = { signal?: AbortSignal };

/** A reference to an identity (or governance group) as owners and managers are given. */
export const LookupReference = z.object({
  type: z.nullish(z.string()),
  id: z.nullish(z.string()),
  name: z.nullish(z.string()),
});
export type LookupReference = z.infer<typeof LookupReference>;

/** A source (Source): required by the spec are name, owner and connector; only id and name are needed here. */
export const Source = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  owner: z.nullish(LookupReference),
  type: z.nullish(z.string()),
  connector: z.nullish(z.string()),
  connectorName: z.nullish(z.string()),
  authoritative: z.nullish(z.boolean()),
  healthy: z.nullish(z.boolean()),
  /** An open enum (SOURCE_STATE_...): any string is kept. */
  status: z.nullish(z.string()),
});
export type Source = z.infer<typeof Source>;

/** A role (Role). */
export const Role = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  owner: z.nullish(LookupReference),
  enabled: z.nullish(z.boolean()),
  requestable: z.nullish(z.boolean()),
  privilegeLevel: z.nullish(z.string()),
});
export type Role = z.infer<typeof Role>;

/** An access profile (AccessProfile). */
export const AccessProfile = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  owner: z.nullish(LookupReference),
  source: z.nullish(LookupReference),
  enabled: z.nullish(z.boolean()),
  requestable: z.nullish(z.boolean()),
});
export type AccessProfile = z.infer<typeof AccessProfile>;

/** An identity as any signed-in user may see it (PublicIdentity); the spec marks nothing required. */
export const PublicIdentity = z.object({
  id: z.string(),
  name: z.nullish(z.string()),
  alias: z.nullish(z.string()),
  email: z.nullish(z.string()),
  status: z.nullish(z.string()),
  /** Open enum (ACTIVE, INACTIVE_SHORT_TERM, INACTIVE_LONG_TERM): any string is kept. */
  identityState: z.nullish(z.string()),
  manager: z.nullish(LookupReference),
  /** The tenant's public identity attributes (configured per tenant: title, department, ...); a malformed list is dropped, never fatal. */
  attributes: z.catch(z.nullish(z.array(z.object({ key: z.nullish(z.string()), name: z.nullish(z.string()), value: z.nullish(z.string()) }))), undefined),
});
export type PublicIdentity = z.infer<typeof PublicIdentity>;

/** A public identity attribute's value by key or display name (case-insensitive), when the tenant publishes it. */
export function publicAttribute(identity: PublicIdentity, names: readonly string[]): string | undefined {
  const wanted = names.map((n) => n.toLowerCase());
  const found = identity.attributes?.find((a) => wanted.includes((a.key ?? '').toLowerCase()) || wanted.includes((a.name ?? '').toLowerCase()));
  return found?.value?.trim() || undefined;
}

export interface ListSourcesParams extends Paging {
  filters?: Filter<FilterField<'listSources'>>;
  sorters?: Sorter<'listSources'>[];
  /** A SOURCE_SUBADMIN must pass `me` (or their id) to list the sources they administer. */
  forSubadmin?: string;
  includeIDNSource?: boolean;
}

/** Sources of the tenant (ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN, ROLE_SUBADMIN). */
export function listSources(params: ListSourcesParams = {}, options: RequestOptions = {}): Promise<CollectionPage<Source>> {
  const { filters, sorters, forSubadmin, includeIDNSource, ...paging } = params;
  return requestPage({
    operationId: 'listSources',
    path: '/sources',
    query: { 'for-subadmin': forSubadmin, includeIDNSource },
    paging,
    filters,
    sorters,
    schema: z.array(Source),
    ...options,
  });
}

export interface ListRolesParams extends Paging {
  filters?: Filter<FilterField<'listRoles'>>;
  sorters?: Sorter<'listRoles'>[];
  forSubadmin?: string;
}

/** Roles of the tenant (ORG_ADMIN, ROLE_ADMIN, ROLE_SUBADMIN); at most 50 per page. */
export function listRoles(params: ListRolesParams = {}, options: RequestOptions = {}): Promise<CollectionPage<Role>> {
  const { filters, sorters, forSubadmin, ...paging } = params;
  if (paging.limit !== undefined && paging.limit > LIST_ROLES_MAX_LIMIT) {
    throw new RangeError(`listRoles takes at most ${LIST_ROLES_MAX_LIMIT} roles per page; asked for ${paging.limit}.`);
  }
  return requestPage({
    operationId: 'listRoles',
    path: '/roles',
    query: { 'for-subadmin': forSubadmin },
    paging,
    filters,
    sorters,
    schema: z.array(Role),
    ...options,
  });
}

export interface ListAccessProfilesParams extends Paging {
  filters?: Filter<FilterField<'listAccessProfiles'>>;
  sorters?: Sorter<'listAccessProfiles'>[];
  forSubadmin?: string;
}

/** Access profiles (ORG_ADMIN, ROLE_ADMIN, ROLE_SUBADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN). */
export function listAccessProfiles(params: ListAccessProfilesParams = {}, options: RequestOptions = {}): Promise<CollectionPage<AccessProfile>> {
  const { filters, sorters, forSubadmin, ...paging } = params;
  return requestPage({
    operationId: 'listAccessProfiles',
    path: '/access-profiles',
    query: { 'for-subadmin': forSubadmin },
    paging,
    filters,
    sorters,
    schema: z.array(AccessProfile),
    ...options,
  });
}

export interface GetPublicIdentitiesParams extends Paging {
  filters?: Filter<FilterField<'getPublicIdentities'>>;
  sorters?: Sorter<'getPublicIdentities'>[];
  /** Leaves out incomplete identities and uncorrelated accounts (no email, no last name, ...). */
  addCoreFilters?: boolean;
}

/** Identities as any signed-in user may look them up (USER level). */
export function getPublicIdentities(params: GetPublicIdentitiesParams = {}, options: RequestOptions = {}): Promise<CollectionPage<PublicIdentity>> {
  const { filters, sorters, addCoreFilters, ...paging } = params;
  return requestPage({
    operationId: 'getPublicIdentities',
    path: '/public-identities',
    query: { 'add-core-filters': addCoreFilters },
    paging,
    filters,
    sorters,
    schema: z.array(PublicIdentity),
    ...options,
  });
}
