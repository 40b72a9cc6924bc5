import * as z from 'zod/mini';
import { ReviewDecision, ReviewReassign } from '../../api/schemas';
import { parseFilter, type Filter } from '../../api/filters';
import { commentRequired, DECIDE_MAX, REASSIGN_ASYNC_MAX, REASSIGN_SYNC_MAX } from '../../api/rules';
import { badRequest, forbidden, notFound } from '../errors';
import {
  CERTIFICATION_ADMIN_LEVELS,
  hasLevel,
  pageReply,
  parseBody,
  resolveIdentityParam,
  type RequestContext,
  type Route,
} from '../context';
import { queryCollection, type Accessors, type CollectionCache } from '../query';
import type { CertificationRecord, ItemRecord, TaskRecord } from '../model';
import type { Store } from '../store';
import { accessName, certificationCounts, certificationDto, identityRef, itemDto, itemSourceName, subjectName, taskDto } from '../views';
import { queueTask, settleCampaignIfAllSigned } from './lifecycle';


const isAdmin = (ctx: RequestContext) => hasLevel(ctx.caller, CERTIFICATION_ADMIN_LEVELS);

/**
 * The certification, if the caller is an admin or its reviewer: 404 when unknown, 403 otherwise. A reviewer
 * does not see it before its campaign is activated (as in the list), so a STAGED one is 404 to them too.
 */
function certificationFor(ctx: RequestContext, id: string): CertificationRecord {
  const cert = ctx.store.get('certifications', id);
  if (!cert) throw notFound('Certification', id);
  if (!isAdmin(ctx) && cert.reviewerId !== ctx.caller.id) {
    throw forbidden('Only the reviewer of this certification, an ORG_ADMIN or a CERT_ADMIN can do this.');
  }
  if (!isAdmin(ctx) && cert.phase === 'STAGED') throw notFound('Certification', id);
  return cert;
}

/** Certifications still being worked on refuse changes once signed, and before their campaign is active. */
function requireActive(cert: CertificationRecord, doing: string): void {
  if (cert.phase === 'SIGNED') throw badRequest(`The certification was signed off on ${cert.signed} and is read-only; it cannot ${doing}.`);
  if (cert.phase !== 'ACTIVE') throw badRequest(`The certification is ${cert.phase}, not ACTIVE; it cannot ${doing} until its campaign is activated.`);
}

function visibleCertifications(ctx: RequestContext): CertificationRecord[] {
  const reviewer = resolveIdentityParam(ctx, 'reviewer-identity');
  const admin = isAdmin(ctx);
  return ctx.store.all('certifications').filter((cert) => {
    if (reviewer !== null && cert.reviewerId !== reviewer) return false;
    if (admin) return true;
    // A reviewer sees only their own work, and only once it is active.
    return cert.reviewerId === ctx.caller.id && cert.phase !== 'STAGED';
  });
}

function certificationAccessors(store: Store): Accessors<CertificationRecord> {
  return {
    id: (c) => c.id,
    'campaign.id': (c) => c.campaignId,
    phase: (c) => c.phase,
    completed: (c) => certificationCounts(store.itemsOf(c.id)).completed,
    name: (c) => c.name,
    due: (c) => c.due,
    signed: (c) => c.signed,
  };
}

function itemAccessors(store: Store): Accessors<ItemRecord> {
  return {
    id: (i) => i.id,
    type: (i) => i.type,
    'access.type': (i) => i.type,
    completed: (i) => i.decision !== null,
    'identitySummary.id': (i) => i.identitySummaryId,
    'identitySummary.name': (i) => subjectName(store, i.identityId),
    'access.id': (i) => i.accessId,
    'access.name': (i) => accessName(store, i),
    'entitlement.sourceName': (i) => itemSourceName(store, i, 'ENTITLEMENT'),
    'accessProfile.sourceName': (i) => itemSourceName(store, i, 'ACCESS_PROFILE'),
  };
}

/** The entitlements / access-profiles / roles parameters: only one of the three at a time. */
function accessParameterFilter(ctx: RequestContext): ((item: ItemRecord) => boolean) | null {
  const given = (['entitlements', 'access-profiles', 'roles'] as const)
    .map((name) => ({ name, value: ctx.query.get(name) }))
    .filter((p) => p.value !== null && p.value !== '');
  if (given.length === 0) return null;
  if (given.length > 1) {
    throw badRequest(`Only one of entitlements, access-profiles and roles may be used at a time; got ${given.map((g) => g.name).join(' and ')}.`);
  }
  const { name, value } = given[0]!;
  const ids = new Set(value!.split(',').map((s) => s.trim()));
  const type = name === 'entitlements' ? 'ENTITLEMENT' : name === 'access-profiles' ? 'ACCESS_PROFILE' : 'ROLE';
  return (item) => item.type === type && ids.has(item.accessId);
}

/** The access parameters as given, to key cached listings. */
function accessParameterKey(ctx: RequestContext): string {
  return ['entitlements', 'access-profiles', 'roles'].map((name) => ctx.query.get(name) ?? '').join('|');
}

const listCaches = new WeakMap<Store, CollectionCache>();
/** One cache of filtered, sorted listings per store (its pages are read one after another). */
function listCache(store: Store): CollectionCache {
  let cache = listCaches.get(store);
  if (!cache) listCaches.set(store, (cache = new Map()));
  return cache;
}

/** The permissions filter allows one and/or only, joining a target filter with a rights filter. */
function checkPermissionFilterShape(text: string | null): void {
  if (!text) return;
  let filter: Filter;
  try {
    filter = parseFilter(text);
  } catch {
    return; // the standard parser reports syntax errors
  }
  if (filter.kind === 'not') throw badRequest('Permission filters do not support "not".');
  if (filter.kind === 'and' || filter.kind === 'or') {
    const fields = filter.terms.map((t) => ('field' in t ? t.field : null));
    if (filter.terms.length !== 2 || !fields.includes('target') || !fields.includes('rights')) {
      throw badRequest(`Permission filters allow only one "${filter.kind}", joining a target filter with a rights filter.`);
    }
  }
}

function resolveReassignRefs(store: Store, cert: CertificationRecord, refs: { id: string; type: string }[]): ItemRecord[] {
  const items = store.itemsOf(cert.id);
  const byId = new Map(items.map((i) => [i.id, i]));
  const bySummary = new Map<string, ItemRecord[]>();
  for (const item of items) {
    const list = bySummary.get(item.identitySummaryId) ?? [];
    list.push(item);
    bySummary.set(item.identitySummaryId, list);
  }
  const chosen = new Map<string, ItemRecord>();
  const unknown: string[] = [];
  for (const ref of refs) {
    const found = ref.type === 'ITEM' ? (byId.has(ref.id) ? [byId.get(ref.id)!] : []) : (bySummary.get(ref.id) ?? []);
    if (found.length === 0) unknown.push(`${ref.type} ${ref.id}`);
    for (const item of found) chosen.set(item.id, item);
  }
  if (unknown.length) throw badRequest(`These are not in certification ${cert.id}: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}.`);
  return [...chosen.values()];
}

function validateReassign(ctx: RequestContext, cert: CertificationRecord, max: number) {
  const body = parseBody(ctx, ReviewReassign, 'ReviewReassign');
  if (body.reassign.length === 0) throw badRequest('reassign must name at least one identity or item.');
  if (body.reassign.length > max) throw badRequest(`At most ${max} identities or items can be reassigned in one request; got ${body.reassign.length}.`);
  if (!body.reason.trim()) throw badRequest('A reason for the reassignment is required.');
  const target = ctx.store.get('identities', body.reassignTo);
  if (!target) throw badRequest(`reassignTo: no identity with id ${body.reassignTo}.`);
  if (body.reassignTo === cert.reviewerId) throw badRequest(`${target.name} already reviews this certification.`);
  const items = resolveReassignRefs(ctx.store, cert, body.reassign);
  return { body, items };
}

/** Moves items to the new reviewer's certification in the same campaign, creating it if need be. */
export function applyReassign(store: Store, from: CertificationRecord, items: ItemRecord[], reassignTo: string, reason: string): CertificationRecord {
  const now = store.nowIso();
  let target = store
    .all('certifications')
    .find((c) => c.campaignId === from.campaignId && c.reviewerId === reassignTo && c.phase === from.phase && c.reassignment?.fromId === from.id);
  if (!target) {
    const campaign = store.get('campaigns', from.campaignId);
    target = store.put('certifications', {
      id: store.newId(),
      name: `${campaign?.name ?? from.name}: ${store.get('identities', reassignTo)?.name ?? reassignTo}`,
      campaignId: from.campaignId,
      reviewerId: reassignTo,
      phase: from.phase,
      due: from.due,
      signed: null,
      created: now,
      modified: now,
      reassignment: { fromId: from.id, comment: reason },
    });
  }
  for (const item of items) {
    // Still current? A decision or another reassign may have moved it meanwhile.
    const current = store.get('items', item.id);
    if (current && current.certificationId === from.id) store.put('items', { ...current, certificationId: target.id });
  }
  store.put('certifications', { ...from, modified: now });
  store.put('certifications', { ...target, modified: now });
  return target;
}

/** The sandbox's audit: who the tenant accepted each decision from (one row per item per accepted call). */
function recordDecision(ctx: RequestContext, cert: CertificationRecord, d: ReviewDecision): void {
  ctx.store.put('decisionAudit', {
    id: ctx.store.newId(),
    at: ctx.store.nowIso(),
    seq: ctx.store.nextAuditSeq(),
    certificationId: cert.id,
    itemId: d.id,
    decision: d.decision,
    comments: d.comments?.trim() ? d.comments : null,
    proposedEndDate: d.decision === 'REVOKE' ? (d.proposedEndDate ?? null) : null,
    bulk: d.bulk,
    actorId: ctx.caller.id,
    actorName: ctx.caller.name,
  });
}

function canSeeTask(ctx: RequestContext, task: TaskRecord): boolean {
  if (isAdmin(ctx) || task.ownerId === ctx.caller.id) return true;
  const cert = task.targetType === 'CERTIFICATION' ? ctx.store.get('certifications', task.targetId ?? '') : undefined;
  return cert?.reviewerId === ctx.caller.id;
}

export const certificationRoutes: Route[] = [
  {
    operationId: 'listIdentityCertifications',
    method: 'GET',
    path: '/certifications',
    handle: (ctx) => {
      const { page, totalCount } = queryCollection('listIdentityCertifications', visibleCertifications(ctx), ctx.query, certificationAccessors(ctx.store));
      return pageReply(page.map((c) => certificationDto(ctx.store, c)), totalCount);
    },
  },
  {
    operationId: 'getIdentityCertification',
    method: 'GET',
    path: '/certifications/:id',
    handle: (ctx) => ({ body: certificationDto(ctx.store, certificationFor(ctx, ctx.params.id!)) }),
  },
  {
    operationId: 'listIdentityAccessReviewItems',
    method: 'GET',
    path: '/certifications/:id/access-review-items',
    handle: (ctx) => {
      const cert = certificationFor(ctx, ctx.params.id!);
      const byAccess = accessParameterFilter(ctx);
      const items = ctx.store.itemsOf(cert.id);
      const { page, totalCount } = queryCollection(
        'listIdentityAccessReviewItems',
        byAccess ? items.filter(byAccess) : items,
        ctx.query,
        itemAccessors(ctx.store),
        { cacheKey: `${cert.id}?${accessParameterKey(ctx)}`, version: ctx.store.changeCount, cache: listCache(ctx.store) },
      );
      const { completedIdentities } = certificationCounts(items);
      return pageReply(page.map((i) => itemDto(ctx.store, i, completedIdentities.get(i.identitySummaryId) ?? false)), totalCount);
    },
  },
  {
    operationId: 'makeIdentityDecision',
    method: 'POST',
    path: '/certifications/:id/decide',
    handle: (ctx) => {
      const cert = certificationFor(ctx, ctx.params.id!);
      const decisions = parseBody(ctx, z.array(ReviewDecision), 'list of ReviewDecision');
      if (decisions.length < 1 || decisions.length > DECIDE_MAX) {
        throw badRequest(`Send between 1 and ${DECIDE_MAX} decisions in one request; got ${decisions.length}.`);
      }
      requireActive(cert, 'take decisions');
      // One look-up per decision, not a map of the certification's (up to 10,000) items per call.
      const itemOf = (id: string) => {
        const item = ctx.store.get('items', id);
        return item?.certificationId === cert.id ? item : undefined;
      };
      const seen = new Set<string>();
      const unknown: string[] = [];
      const missingComments: string[] = [];
      const requirement = ctx.store.get('campaigns', cert.campaignId)?.mandatoryCommentRequirement ?? 'NO_DECISIONS';
      for (const d of decisions) {
        if (seen.has(d.id)) throw badRequest(`Item ${d.id} appears more than once in this request.`);
        seen.add(d.id);
        if (!itemOf(d.id)) unknown.push(d.id);
        if (d.proposedEndDate && d.decision !== 'REVOKE') throw badRequest(`Item ${d.id}: proposedEndDate is only allowed on REVOKE decisions.`);
        if (commentRequired(requirement, d.decision) && !d.comments?.trim()) missingComments.push(d.id);
      }
      if (unknown.length) throw badRequest(`These items are not in certification ${cert.id}: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}.`);
      if (missingComments.length) {
        const which = requirement === 'ALL_DECISIONS' ? 'every decision' : 'every revocation';
        throw badRequest(`This campaign requires a comment on ${which}; ${missingComments.length} decision(s) have none (first: ${missingComments[0]}).`);
      }
      for (const d of decisions) {
        const item = itemOf(d.id)!;
        ctx.store.put('items', {
          ...item,
          decision: d.decision,
          comments: d.comments?.trim() ? d.comments : null,
          proposedEndDate: d.decision === 'REVOKE' ? (d.proposedEndDate ?? null) : null,
          bulk: d.bulk,
        });
        recordDecision(ctx, cert, d);
      }
      const updated = ctx.store.put('certifications', { ...cert, modified: ctx.store.nowIso() });
      return { body: certificationDto(ctx.store, updated) };
    },
  },
  {
    operationId: 'reassignIdentityCertifications',
    method: 'POST',
    path: '/certifications/:id/reassign',
    handle: (ctx) => {
      const cert = certificationFor(ctx, ctx.params.id!);
      requireActive(cert, 'be reassigned');
      const { body, items } = validateReassign(ctx, cert, REASSIGN_SYNC_MAX);
      applyReassign(ctx.store, cert, items, body.reassignTo, body.reason);
      return { body: certificationDto(ctx.store, ctx.store.get('certifications', cert.id)!) };
    },
  },
  {
    operationId: 'signOffIdentityCertification',
    method: 'POST',
    path: '/certifications/:id/sign-off',
    handle: (ctx) => {
      const cert = certificationFor(ctx, ctx.params.id!);
      requireActive(cert, 'be signed off again');
      const counts = certificationCounts(ctx.store.itemsOf(cert.id));
      if (!counts.completed) {
        const left = counts.decisionsTotal - counts.decisionsMade;
        throw badRequest(`Every item must be decided before sign-off; ${left} of ${counts.decisionsTotal} are still undecided.`);
      }
      const now = ctx.store.nowIso();
      const signed = ctx.store.put('certifications', { ...cert, phase: 'SIGNED', signed: now, modified: now });
      settleCampaignIfAllSigned(ctx.store, cert.campaignId);
      return { body: certificationDto(ctx.store, signed) };
    },
  },
  {
    operationId: 'getIdentityCertificationItemPermissions',
    method: 'GET',
    path: '/certifications/:certificationId/access-review-items/:itemId/permissions',
    handle: (ctx) => {
      const cert = certificationFor(ctx, ctx.params.certificationId!);
      const item = ctx.store.get('items', ctx.params.itemId!);
      if (!item || item.certificationId !== cert.id) throw notFound('Access review item', ctx.params.itemId!);
      checkPermissionFilterShape(ctx.query.get('filters'));
      const permissions = item.type === 'ENTITLEMENT' ? (ctx.store.get('entitlements', item.accessId)?.permissions ?? []) : [];
      const { page, totalCount } = queryCollection('getIdentityCertificationItemPermissions', permissions, ctx.query, {
        target: (p) => p.target,
        rights: (p) => p.rights,
      });
      return pageReply(page, totalCount);
    },
  },
  {
    operationId: 'listCertificationReviewers',
    method: 'GET',
    path: '/certifications/:id/reviewers',
    handle: (ctx) => {
      const cert = certificationFor(ctx, ctx.params.id!);
      // The current reviewer and those it was reassigned from.
      const ids: string[] = [];
      for (let c: CertificationRecord | undefined = cert; c && !ids.includes(c.reviewerId); c = c.reassignment ? ctx.store.get('certifications', c.reassignment.fromId) : undefined) {
        ids.push(c.reviewerId);
      }
      const reviewers = ids.flatMap((id) => identityRef(ctx.store, id) ?? []);
      const { page, totalCount } = queryCollection('listCertificationReviewers', reviewers, ctx.query, {
        id: (r) => r.id,
        name: (r) => r.name,
        email: (r) => r.email,
      });
      return pageReply(page, totalCount);
    },
  },
  {
    operationId: 'submitReassignCertsAsync',
    method: 'POST',
    path: '/certifications/:id/reassign-async',
    handle: (ctx) => {
      const cert = certificationFor(ctx, ctx.params.id!);
      requireActive(cert, 'be reassigned');
      const { body } = validateReassign(ctx, cert, REASSIGN_ASYNC_MAX);
      const task = queueTask(ctx.store, {
        type: 'REASSIGN',
        targetType: 'CERTIFICATION',
        targetId: cert.id,
        ownerId: ctx.caller.id,
        work: { kind: 'reassign', certificationId: cert.id, refs: body.reassign, reassignTo: body.reassignTo, reason: body.reason },
      });
      return { body: taskDto(task) };
    },
  },
  {
    operationId: 'getCertificationTask',
    method: 'GET',
    path: '/certification-tasks/:id',
    handle: (ctx) => {
      const task = ctx.store.get('tasks', ctx.params.id!);
      if (!task) throw notFound('Certification task', ctx.params.id!);
      if (!canSeeTask(ctx, task)) throw forbidden();
      return { body: taskDto(task) };
    },
  },
  {
    operationId: 'getPendingCertificationTasks',
    method: 'GET',
    path: '/certification-tasks',
    handle: (ctx) => {
      const reviewer = resolveIdentityParam(ctx, 'reviewer-identity');
      const pending = ctx.store.all('tasks').filter((t) => {
        if (t.status !== 'QUEUED' && t.status !== 'IN_PROGRESS') return false;
        if (!canSeeTask(ctx, t)) return false;
        if (reviewer === null) return true;
        const cert = t.targetType === 'CERTIFICATION' ? ctx.store.get('certifications', t.targetId ?? '') : undefined;
        return t.ownerId === reviewer || cert?.reviewerId === reviewer;
      });
      const { page, totalCount } = queryCollection('getPendingCertificationTasks', pending, ctx.query, {
        id: (t) => t.id,
        targetId: (t) => t.targetId,
        type: (t) => t.type,
      });
      return pageReply(page.map(taskDto), totalCount);
    },
  },
];

export { resolveReassignRefs };
