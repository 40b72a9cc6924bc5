import { LIST_ROLES_MAX_LIMIT, LOOKUP_LEVELS, holdsLevel } from '../../api/rules';
import { badRequest, forbidden } from '../errors';
import { pageReply, requireLevel, resolveIdentityParam, type RequestContext, type Route } from '../context';
import { queryCollection, type Accessors } from '../query';
import type { AccessProfile, Identity, Role, Source } from '../model';
import type { Store } from '../store';

/**
 * The look-ups of ISC v3's supporting definition over the seed's catalogue: listSources, listRoles,
 * listAccessProfiles (each with its user levels and `for-subadmin` rules) and getPublicIdentities (any
 * signed-in identity). Filters, sorters and paging are the documented ones (collections.ts).
 */

/** A date the seed's sources and roles were created (they carry none): a year before the tenant's anchor. */
function catalogueDate(store: Store): string {
  const first = store.all('accessProfiles').map((ap) => ap.created).sort()[0];
  return first ?? new Date(0).toISOString();
}

function ownerRef(store: Store, id: string) {
  const owner = store.get('identities', id);
  return { type: 'IDENTITY', id, name: owner?.name ?? id };
}

/** Segmentation is not set up on the sandbox tenant, as on many real ones: asking for segments is an error. */
function refuseSegments(ctx: RequestContext): void {
  if (ctx.query.has('for-segment-ids') || ctx.query.has('include-unsegmented')) {
    throw badRequest('Segmentation is not available on this tenant: for-segment-ids and include-unsegmented cannot be used.');
  }
}

/**
 * `for-subadmin`: the identity (or `me`) whose administered objects to list. Null when not given.
 * Naming an identity that holds none of `subadminLevels` is a 400, as ISC documents.
 */
function subadminParam(ctx: RequestContext, subadminLevels: readonly ('ROLE_SUBADMIN' | 'SOURCE_SUBADMIN')[]): Identity | null {
  const id = resolveIdentityParam(ctx, 'for-subadmin');
  if (id === null) return null;
  const identity = ctx.store.get('identities', id);
  if (!identity || !holdsLevel(identity.levels, subadminLevels)) {
    throw badRequest(`for-subadmin must name an identity with the ${subadminLevels.join(' or ')} level; ${id} is not one.`);
  }
  return identity;
}

function booleanParam(ctx: RequestContext, name: string): boolean {
  const value = ctx.query.get(name);
  if (value === null || value === '') return false;
  if (value !== 'true' && value !== 'false') throw badRequest(`${name} must be true or false; it was "${value}".`);
  return value === 'true';
}

function sourceDto(store: Store, source: Source, created: string) {
  return {
    id: source.id,
    name: source.name,
    description: `${source.name} (${source.type}).`,
    owner: ownerRef(store, source.ownerId),
    type: source.type,
    connector: source.type.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    connectorName: source.type,
    connectionType: 'direct',
    authoritative: source.name.toLowerCase().includes('workday'),
    healthy: true,
    status: 'SOURCE_STATE_HEALTHY',
    features: [],
    category: null,
    managementWorkgroup: null,
    created,
    modified: created,
  };
}
type SourceDto = ReturnType<typeof sourceDto>;

const SOURCE_ACCESSORS: Accessors<SourceDto> = {
  id: (s) => s.id,
  name: (s) => s.name,
  type: (s) => s.type,
  'owner.id': (s) => s.owner.id,
  'owner.name': (s) => s.owner.name,
  features: (s) => s.features,
  created: (s) => s.created,
  modified: (s) => s.modified,
  'managementWorkgroup.id': () => null,
  description: (s) => s.description,
  authoritative: (s) => s.authoritative,
  healthy: (s) => s.healthy,
  status: (s) => s.status,
  connectionType: (s) => s.connectionType,
  connectorName: (s) => s.connectorName,
  category: (s) => s.category,
  'accountCorrelationConfig.id': () => null,
  'accountCorrelationConfig.name': () => null,
  'managerCorrelationRule.type': () => null,
  'managerCorrelationRule.id': () => null,
  'managerCorrelationRule.name': () => null,
};

function roleDto(store: Store, role: Role, created: string) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    owner: ownerRef(store, role.ownerId),
    accessProfiles: role.accessProfileIds.map((id) => ({ type: 'ACCESS_PROFILE', id, name: store.get('accessProfiles', id)?.name ?? id })),
    entitlements: role.entitlementIds.map((id) => ({ type: 'ENTITLEMENT', id, name: store.get('entitlements', id)?.name ?? id })),
    enabled: true,
    requestable: true,
    dimensional: false,
    privilegeLevel: role.privileged ? 'High' : null,
    created,
    modified: created,
  };
}
type RoleDto = ReturnType<typeof roleDto>;

const ROLE_ACCESSORS: Accessors<RoleDto> = {
  id: (r) => r.id,
  name: (r) => r.name,
  created: (r) => r.created,
  modified: (r) => r.modified,
  'owner.id': (r) => r.owner.id,
  requestable: (r) => r.requestable,
  dimensional: (r) => r.dimensional,
};

function accessProfileDto(store: Store, ap: AccessProfile) {
  const source = store.get('sources', ap.sourceId);
  return {
    id: ap.id,
    name: ap.name,
    description: ap.description,
    owner: ownerRef(store, ap.ownerId),
    source: { type: 'SOURCE', id: ap.sourceId, name: source?.name ?? ap.sourceId },
    entitlements: ap.entitlementIds.map((id) => ({ type: 'ENTITLEMENT', id, name: store.get('entitlements', id)?.name ?? id })),
    enabled: true,
    requestable: true,
    created: ap.created,
    modified: ap.modified,
  };
}
type AccessProfileDto = ReturnType<typeof accessProfileDto>;

const ACCESS_PROFILE_ACCESSORS: Accessors<AccessProfileDto> = {
  id: (a) => a.id,
  name: (a) => a.name,
  created: (a) => a.created,
  modified: (a) => a.modified,
  'owner.id': (a) => a.owner.id,
  requestable: (a) => a.requestable,
  'source.id': (a) => a.source.id,
};

/** A PublicIdentity: what any user may see of another (no user levels, no access). */
function publicIdentityDto(store: Store, identity: Identity) {
  const [firstname = '', ...rest] = identity.isMachine ? [] : identity.name.split(' ');
  const manager = identity.managerId ? store.get('identities', identity.managerId) : undefined;
  return {
    id: identity.id,
    name: identity.name,
    alias: identity.email ? identity.email.split('@')[0]! : identity.name.toLowerCase(),
    email: identity.email,
    status: 'Active',
    identityState: 'ACTIVE',
    manager: manager ? { type: 'IDENTITY', id: manager.id, name: manager.name } : null,
    attributes: [
      { key: 'department', name: 'Department', value: identity.department },
      { key: 'title', name: 'Title', value: identity.title },
    ],
    // Not part of the DTO: what the filters read.
    _first: firstname || null,
    _last: rest.join(' ') || null,
    _machine: identity.isMachine,
  };
}
type PublicIdentityDto = ReturnType<typeof publicIdentityDto>;

const PUBLIC_IDENTITY_ACCESSORS: Accessors<PublicIdentityDto> = {
  id: (i) => i.id,
  alias: (i) => i.alias,
  email: (i) => i.email,
  firstname: (i) => i._first,
  lastname: (i) => i._last,
  name: (i) => i.name,
};

/** The request's query with `limit` defaulted (listRoles pages 50 by default, not 250). */
function withDefaultLimit(query: URLSearchParams, limit: number): URLSearchParams {
  if (query.get('limit')) return query;
  const next = new URLSearchParams(query);
  next.set('limit', String(limit));
  return next;
}

export const lookupRoutes: Route[] = [
  {
    /** Sources (ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN, ROLE_SUBADMIN); a SOURCE_SUBADMIN must pass for-subadmin. */
    operationId: 'listSources',
    method: 'GET',
    path: '/sources',
    handle: (ctx) => {
      requireLevel(ctx, LOOKUP_LEVELS.listSources);
      booleanParam(ctx, 'includeIDNSource');
      const sourceSubadminOnly = holdsLevel(ctx.caller.levels, ['SOURCE_SUBADMIN']) && !holdsLevel(ctx.caller.levels, ['ORG_ADMIN', 'SOURCE_ADMIN']);
      if (sourceSubadminOnly && resolveIdentityParam(ctx, 'for-subadmin') !== ctx.caller.id) {
        throw forbidden('A SOURCE_SUBADMIN must pass for-subadmin=me (or their own identity id) to list sources.');
      }
      const subadmin = subadminParam(ctx, ['SOURCE_SUBADMIN']);
      const created = catalogueDate(ctx.store);
      const sources = ctx.store
        .all('sources')
        .filter((s) => !subadmin || s.ownerId === subadmin.id)
        .map((s) => sourceDto(ctx.store, s, created));
      const { page, totalCount } = queryCollection('listSources', sources, ctx.query, SOURCE_ACCESSORS);
      return pageReply(page, totalCount);
    },
  },
  {
    /** Roles (ORG_ADMIN, ROLE_ADMIN, ROLE_SUBADMIN), at most 50 per page. */
    operationId: 'listRoles',
    method: 'GET',
    path: '/roles',
    handle: (ctx) => {
      requireLevel(ctx, LOOKUP_LEVELS.listRoles);
      refuseSegments(ctx);
      const limit = Number(ctx.query.get('limit') ?? LIST_ROLES_MAX_LIMIT);
      if (limit > LIST_ROLES_MAX_LIMIT) throw badRequest(`limit must be at most ${LIST_ROLES_MAX_LIMIT} for roles; it was ${limit}.`);
      const subadmin = subadminParam(ctx, ['ROLE_SUBADMIN']);
      const created = catalogueDate(ctx.store);
      const roles = ctx.store
        .all('roles')
        .filter((r) => !subadmin || r.ownerId === subadmin.id)
        .map((r) => roleDto(ctx.store, r, created));
      const { page, totalCount } = queryCollection('listRoles', roles, withDefaultLimit(ctx.query, LIST_ROLES_MAX_LIMIT), ROLE_ACCESSORS);
      return pageReply(page, totalCount);
    },
  },
  {
    /** Access profiles (ORG_ADMIN, ROLE_ADMIN, ROLE_SUBADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN). */
    operationId: 'listAccessProfiles',
    method: 'GET',
    path: '/access-profiles',
    handle: (ctx) => {
      requireLevel(ctx, LOOKUP_LEVELS.listAccessProfiles);
      refuseSegments(ctx);
      const subadmin = subadminParam(ctx, ['ROLE_SUBADMIN', 'SOURCE_SUBADMIN']);
      const profiles = ctx.store
        .all('accessProfiles')
        .filter((ap) => !subadmin || ap.ownerId === subadmin.id || ctx.store.get('sources', ap.sourceId)?.ownerId === subadmin.id)
        .map((ap) => accessProfileDto(ctx.store, ap));
      const { page, totalCount } = queryCollection('listAccessProfiles', profiles, ctx.query, ACCESS_PROFILE_ACCESSORS);
      return pageReply(page, totalCount);
    },
  },
  {
    /** Public identities: any signed-in identity (USER level); add-core-filters leaves out identities without an email or last name. */
    operationId: 'getPublicIdentities',
    method: 'GET',
    path: '/public-identities',
    handle: (ctx) => {
      const core = booleanParam(ctx, 'add-core-filters');
      const identities = ctx.store
        .all('identities')
        .map((i) => publicIdentityDto(ctx.store, i))
        .filter((i) => !core || (i.email !== null && i._last !== null));
      const { page, totalCount } = queryCollection('getPublicIdentities', identities, ctx.query, PUBLIC_IDENTITY_ACCESSORS);
      return pageReply(page.map(({ _first, _last, _machine, ...dto }) => dto), totalCount);
    },
  },
];
