// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setupSandbox } from '../../../test/sandbox-harness';
import { f, toFilterString, type Filter } from '../../api/filters';
import { request } from '../../api/http';
import { fetchAllPages, type FilterField, type Sorter } from '../../api/collections';
import {
  getCertificationTask,
  getIdentityCertification,
  getIdentityCertificationItemPermissions,
  getPendingCertificationTasks,
  listCertificationReviewers,
  listIdentityAccessReviewItems,
  listIdentityCertifications,
  makeIdentityDecision,
  reassignIdentityCertifications,
  signOffIdentityCertification,
  submitReassignCertsAsync,
} from '../../api/certifications';
import type { AccessReviewItem, IdentityCertificationDto, MandatoryCommentRequirement, ReviewDecision } from '../../api/schemas';
import { failure, refused } from '../../../test/expect-api';

const sb = setupSandbox();

// ---------------------------------------------------------------------------------------------------------
// Helpers: everything is found through the API (or, for who-is-who, the seed's identities), never by fixed id.

type CertFilter = Filter<FilterField<'listIdentityCertifications'>>;
type ItemFilter = Filter<FilterField<'listIdentityAccessReviewItems'>>;
type ItemSorter = Sorter<'listIdentityAccessReviewItems'>;

/** A GET with the query exactly as given: for filters and sorters the typed client would not let us write. */
function rawGet(path: string, query: Record<string, string>) {
  return request({ operationId: 'rawGet', method: 'GET', path, query, schema: z.array(z.unknown()) });
}

/** A POST with any body. */
function rawPost(path: string, body: unknown) {
  return request({ operationId: 'rawPost', method: 'POST', path, body, schema: z.unknown() });
}

async function allCertifications(params: Parameters<typeof listIdentityCertifications>[0] = {}) {
  return fetchAllPages((paging) => listIdentityCertifications({ ...params, ...paging }));
}

async function allItems(certificationId: string, params: Parameters<typeof listIdentityAccessReviewItems>[1] = {}) {
  return fetchAllPages((paging) => listIdentityAccessReviewItems(certificationId, { ...params, ...paging }));
}

/** The signed-in reviewer's ACTIVE certification whose campaign has this comment requirement (the largest if several). */
async function myActive(requirement?: MandatoryCommentRequirement, predicate: (c: IdentityCertificationDto) => boolean = () => true) {
  const { items } = await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') });
  const found = items
    .filter((c) => (!requirement || c.campaign?.mandatoryCommentRequirement === requirement) && predicate(c))
    .sort((a, b) => (b.decisionsTotal ?? 0) - (a.decisionsTotal ?? 0))[0];
  expect(found, `the seed gives ${sb.token ? 'the caller' : 'nobody'} an ACTIVE ${requirement ?? ''} certification`).toBeDefined();
  return found!;
}

async function undecided(certificationId: string, limit = 250) {
  return (await listIdentityAccessReviewItems(certificationId, { filters: f.eq('completed', false), limit })).items;
}

/** An identity without user levels that is not a persona: a plain employee. */
function plainIdentity(not: string[] = []) {
  const personaIds = ['manager', 'source-owner', 'cert-admin', 'org-admin'].map((k) => sb.persona(k as never).identityId);
  const found = sb.tenant.store
    .all('identities')
    .find((i) => i.levels.length === 0 && !i.isMachine && !personaIds.includes(i.id) && !not.includes(i.id));
  expect(found).toBeDefined();
  return found!;
}

const approve = (id: string, extra: Partial<ReviewDecision> = {}): ReviewDecision => ({ id, decision: 'APPROVE', bulk: false, ...extra });
const revoke = (id: string, extra: Partial<ReviewDecision> = {}): ReviewDecision => ({ id, decision: 'REVOKE', bulk: false, ...extra });

const ids = (list: { id?: string }[]) => list.map((x) => x.id!);
const lower = (s: string | null | undefined) => (s == null ? null : s.toLowerCase());

/** Sorted as ISC's sandbox sorts: case-insensitive, missing values last ascending and first descending. */
function expectSorted<T>(list: T[], key: (x: T) => string | null | undefined, descending: boolean) {
  for (let i = 1; i < list.length; i++) {
    const a = lower(key(list[i - 1]!));
    const b = lower(key(list[i]!));
    const order = a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
    expect(descending ? -order : order, `out of order at ${i}: ${a} then ${b}`).toBeLessThanOrEqual(0);
  }
}

/** What the counts of a certification must be, from its items. */
function countsOf(items: AccessReviewItem[]) {
  const bySummary = new Map<string, boolean>();
  for (const item of items) bySummary.set(item.identitySummary!.id!, (bySummary.get(item.identitySummary!.id!) ?? true) && item.completed === true);
  const decisionsMade = items.filter((i) => i.completed).length;
  return {
    decisionsMade,
    decisionsTotal: items.length,
    identitiesCompleted: [...bySummary.values()].filter(Boolean).length,
    identitiesTotal: bySummary.size,
    completed: decisionsMade === items.length,
  };
}

async function expectCountsConsistent(certificationId: string) {
  const cert = await getIdentityCertification(certificationId);
  const items = await allItems(certificationId);
  expect({
    decisionsMade: cert.decisionsMade,
    decisionsTotal: cert.decisionsTotal,
    identitiesCompleted: cert.identitiesCompleted,
    identitiesTotal: cert.identitiesTotal,
    completed: cert.completed,
  }).toEqual(countsOf(items));
  return { cert, items };
}

// ---------------------------------------------------------------------------------------------------------

describe('listIdentityCertifications', () => {
  it('reviewer-identity=me gives only the caller’s certifications, never STAGED ones', async () => {
    const me = sb.persona('manager').identityId;
    const stagedOfMine = sb.tenant.store.all('certifications').filter((c) => c.reviewerId === me && c.phase === 'STAGED');
    expect(stagedOfMine.length, 'the seed gives the manager a STAGED certification').toBeGreaterThan(0);

    const mine = await allCertifications({ reviewerIdentity: 'me' });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.reviewer?.id === me)).toBe(true);
    expect(mine.some((c) => c.phase === 'STAGED')).toBe(false);
    expect(new Set(mine.map((c) => c.phase))).toEqual(new Set(['ACTIVE', 'SIGNED']));
    expect(ids(mine)).not.toContain(stagedOfMine[0]!.id);

    // Without the parameter a reviewer sees the same: only their own.
    const all = await allCertifications();
    expect(ids(all).sort()).toEqual(ids(mine).sort());

    // Asking for someone else's work gives nothing, and a STAGED one is not found by id either.
    const other = sb.persona('source-owner').identityId;
    expect((await listIdentityCertifications({ reviewerIdentity: other })).items).toEqual([]);
    expect((await listIdentityCertifications({ filters: f.eq('id', stagedOfMine[0]!.id) })).items).toEqual([]);
    await refused(getIdentityCertification(stagedOfMine[0]!.id), 404);
    await refused(listIdentityAccessReviewItems(stagedOfMine[0]!.id), 404);

    // Once its campaign is activated, it is there.
    sb.signInAs('cert-admin');
    await request({ operationId: 'startCampaign', method: 'POST', path: `/campaigns/${stagedOfMine[0]!.campaignId}/activate`, body: {}, schema: null });
    sb.clock.advance(60_000);
    sb.signInAs('manager');
    await expect(getIdentityCertification(stagedOfMine[0]!.id)).resolves.toMatchObject({ phase: 'ACTIVE' });
    expect(ids(await allCertifications({ reviewerIdentity: 'me' }))).toContain(stagedOfMine[0]!.id);
  });

  it('an admin sees every certification, STAGED ones too, and can narrow to one reviewer', async () => {
    sb.signInAs('cert-admin');
    const total = sb.tenant.store.all('certifications').length;
    const page = await listIdentityCertifications({ count: true, limit: 1 });
    expect(page.total).toBe(total);
    const all = await allCertifications();
    expect(all).toHaveLength(total);
    expect(all.some((c) => c.phase === 'STAGED')).toBe(true);
    expect(new Set(all.map((c) => c.reviewer?.id)).size).toBeGreaterThan(3);

    const manager = sb.persona('manager').identityId;
    const managers = await allCertifications({ reviewerIdentity: manager });
    expect(managers.length).toBeGreaterThan(0);
    expect(managers.every((c) => c.reviewer?.id === manager)).toBe(true);
    expect(managers.some((c) => c.phase === 'STAGED')).toBe(true);

    sb.signInAs('org-admin');
    expect((await listIdentityCertifications({ count: true, limit: 0 })).total).toBe(total);
  });

  it('filters on id, campaign.id, phase and completed', async () => {
    sb.signInAs('cert-admin');
    const all = await allCertifications();
    const [a, b] = all;
    const check = async (filters: CertFilter, expected: IdentityCertificationDto[]) => {
      expect(expected.length, 'a meaningful filter').toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      const got = await allCertifications({ filters });
      expect(ids(got).sort()).toEqual(ids(expected).sort());
    };
    await check(f.eq('id', a!.id!), [a!]);
    await check(f.in('id', [a!.id!, b!.id!]), [a!, b!]);
    await check(f.eq('campaign.id', a!.campaign!.id), all.filter((c) => c.campaign?.id === a!.campaign!.id));
    const campaigns = [...new Set(all.map((c) => c.campaign!.id))].slice(0, 2);
    await check(f.in('campaign.id', campaigns), all.filter((c) => campaigns.includes(c.campaign!.id)));
    for (const phase of ['STAGED', 'ACTIVE', 'SIGNED']) await check(f.eq('phase', phase), all.filter((c) => c.phase === phase));
    await check(f.eq('completed', true), all.filter((c) => c.completed));
    await check(f.eq('completed', false), all.filter((c) => !c.completed));
    await check(f.and(f.eq('phase', 'ACTIVE'), f.eq('completed', false))!, all.filter((c) => c.phase === 'ACTIVE' && !c.completed));
    await check(f.eq('phase', 'signed'), all.filter((c) => c.phase === 'SIGNED'));
  });

  it('a hostile filter value cannot widen the filter', async () => {
    sb.signInAs('cert-admin');
    const [one] = (await listIdentityCertifications({ limit: 1 })).items;
    for (const value of ['" or id pr', `${one!.id}" or phase eq "ACTIVE`, '\\" or completed eq false or id eq \\"', '") or (id pr', '#&%', '%22 or id pr']) {
      expect((await listIdentityCertifications({ filters: f.eq('id', value) })).items, value).toEqual([]);
      expect((await listIdentityCertifications({ filters: f.in('campaign.id', [value]) })).items, value).toEqual([]);
    }
    expect(ids((await listIdentityCertifications({ filters: f.in('id', [one!.id!, '" or id pr']) })).items)).toEqual([one!.id]);
  });

  it('refuses unsupported fields, operators, uppercase operators and bad syntax with a 400 that says why', async () => {
    await refused(rawGet('/certifications', { filters: 'name eq "x"' }), 400, /"name" is not supported.*id, campaign\.id, phase, completed/);
    await refused(rawGet('/certifications', { filters: 'phase ne "SIGNED"' }), 400, /operator "ne" is not supported for "phase"/);
    await refused(rawGet('/certifications', { filters: 'id co "a"' }), 400, /operator "co"/);
    await refused(rawGet('/certifications', { filters: 'phase EQ "ACTIVE"' }), 400, /"EQ".*lowercase/);
    await refused(rawGet('/certifications', { filters: 'phase eq "ACTIVE' }), 400, /Unterminated/);
    await refused(rawGet('/certifications', { filters: 'phase eq "ACTIVE" and' }), 400, /Invalid filter/);
  });

  it('sorts by name, due and signed, ascending and descending', async () => {
    sb.signInAs('cert-admin');
    const sorters: [Sorter<'listIdentityCertifications'>, (c: IdentityCertificationDto) => string | null | undefined][] = [
      ['name', (c) => c.name],
      ['due', (c) => c.due],
      ['signed', (c) => c.signed],
    ];
    for (const [field, key] of sorters) {
      const asc = await allCertifications({ sorters: [field] });
      expectSorted(asc, key, false);
      const desc = await allCertifications({ sorters: [`-${field}` as Sorter<'listIdentityCertifications'>] });
      expectSorted(desc, key, true);
      expect(ids(desc)).not.toEqual(ids(asc));
    }
    const twoKeys = await allCertifications({ sorters: ['-signed', 'name'] });
    for (let i = 1; i < twoKeys.length; i++) {
      if (twoKeys[i - 1]!.signed === twoKeys[i]!.signed) expect(lower(twoKeys[i - 1]!.name)! <= lower(twoKeys[i]!.name)!).toBe(true);
    }
    await refused(rawGet('/certifications', { sorters: 'created' }), 400, /Sorting by "created" is not supported.*name, due, signed/);
    await refused(rawGet('/certifications', { sorters: 'name,-phase' }), 400, /"phase"/);
  });

  it('pages with limit and offset, counts with count=true, and refuses limit 251', async () => {
    sb.signInAs('cert-admin');
    const all = await allCertifications({ sorters: ['name'] });
    const first = await listIdentityCertifications({ sorters: ['name'], limit: 7, offset: 0, count: true });
    const second = await listIdentityCertifications({ sorters: ['name'], limit: 7, offset: 7 });
    expect(ids(first.items)).toEqual(ids(all.slice(0, 7)));
    expect(ids(second.items)).toEqual(ids(all.slice(7, 14)));
    expect(first.total).toBe(all.length);
    expect(second.total).toBeUndefined();
    expect((await listIdentityCertifications({ offset: all.length })).items).toEqual([]);
    expect((await listIdentityCertifications({ limit: 250 })).items).toHaveLength(Math.min(250, all.length));
    expect((await listIdentityCertifications({ filters: f.eq('phase', 'SIGNED'), count: true, limit: 1 })).total).toBe(
      all.filter((c) => c.phase === 'SIGNED').length,
    );

    await refused(listIdentityCertifications({ limit: 251 }), 400, /limit must be at most 250/);
    await refused(rawGet('/certifications', { offset: '-1' }), 400, /offset/);
    await refused(rawGet('/certifications', { count: 'yes' }), 400, /count/);
  });
});

describe('getIdentityCertification', () => {
  it('lets the reviewer and admins read it; 403 for anyone else; 404 when unknown', async () => {
    const cert = await myActive();
    await expect(getIdentityCertification(cert.id!)).resolves.toMatchObject({ id: cert.id, reviewer: { id: sb.persona('manager').identityId } });

    sb.signInAs('source-owner');
    await refused(getIdentityCertification(cert.id!), 403, /Only the reviewer/);
    sb.signInAs(plainIdentity().id);
    await refused(getIdentityCertification(cert.id!), 403);

    for (const admin of ['cert-admin', 'org-admin']) {
      sb.signInAs(admin);
      await expect(getIdentityCertification(cert.id!)).resolves.toEqual(cert);
    }
    await refused(getIdentityCertification('00000000000000000000000000000000'), 404, /was not found/);
    await refused(getIdentityCertification('../certifications'), 404);
  });
});

describe('listIdentityAccessReviewItems', () => {
  /** The source name of an access profile item (which the API's AccessReviewItem does not carry); null for others. */
  function accessProfileSourceName(item: AccessReviewItem): string | null {
    if (item.accessSummary?.access?.type !== 'ACCESS_PROFILE') return null;
    const profile = sb.tenant.store.get('accessProfiles', item.accessSummary.access.id!)!;
    return sb.tenant.store.get('sources', profile.sourceId)!.name;
  }

  /** The manager's certification with the widest mix of access types. */
  async function mixedCertification() {
    const certs = (await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') })).items;
    let best: { cert: IdentityCertificationDto; items: AccessReviewItem[] } | undefined;
    for (const cert of certs) {
      if ((cert.decisionsTotal ?? 0) > 1000) continue;
      const items = await allItems(cert.id!);
      const types = new Set(items.map((i) => i.accessSummary?.access?.type)).size;
      if (!best || types > new Set(best.items.map((i) => i.accessSummary?.access?.type)).size) best = { cert, items };
    }
    expect(best).toBeDefined();
    return best!;
  }

  it('pages of one sorted, filtered listing agree with each other, and a decision between two pages shows in the next', async () => {
    const cert = await myActive();
    const query = { filters: f.eq('completed', false) as ItemFilter, sorters: ['identitySummary.name', 'access.name'] as ItemSorter[], count: true };
    const first = await listIdentityAccessReviewItems(cert.id!, { ...query, limit: 3, offset: 0 });
    const second = await listIdentityAccessReviewItems(cert.id!, { ...query, limit: 3, offset: 3 });
    const whole = await listIdentityAccessReviewItems(cert.id!, { ...query, limit: 6, offset: 0 });
    expect(ids([...first.items, ...second.items])).toEqual(ids(whole.items));
    // Deciding the first page's items takes them out of "undecided": the same offset now starts further on.
    await makeIdentityDecision(cert.id!, first.items.map((i) => approve(i.id!)));
    const after = await listIdentityAccessReviewItems(cert.id!, { ...query, limit: 3, offset: 0 });
    expect(after.total).toBe(first.total! - 3);
    expect(ids(after.items)).toEqual(ids(second.items));
  });

  it('each documented filter field and operator selects exactly the matching items', async () => {
    const { cert, items } = await mixedCertification();
    const types = new Set(items.map((i) => i.accessSummary!.access!.type!));
    expect(types.has('ENTITLEMENT') && (types.has('ACCESS_PROFILE') || types.has('ROLE')), 'a mix of access types').toBe(true);
    expect(items.some((i) => i.completed) && items.some((i) => !i.completed), 'some decided, some not').toBe(true);

    const check = async (filters: ItemFilter, expected: AccessReviewItem[], label: string) => {
      expect(expected.length, `${label}: a meaningful filter`).toBeGreaterThan(0);
      expect(expected.length, `${label}: a meaningful filter`).toBeLessThan(items.length);
      const got = await allItems(cert.id!, { filters });
      expect(ids(got).sort(), label).toEqual(ids(expected).sort());
    };
    const [x, y] = items;
    const entitlementItem = items.find((i) => i.accessSummary?.entitlement)!;
    const profileItem = items.find((i) => i.accessSummary?.accessProfile);
    const summaryId = x!.identitySummary!.id!;
    const summaryName = x!.identitySummary!.name!;
    const otherSummary = items.find((i) => i.identitySummary!.id !== summaryId)!.identitySummary!.id!;
    const accessName = entitlementItem.accessSummary!.access!.name!;
    const sourceName = entitlementItem.accessSummary!.entitlement!.sourceName!;

    await check(f.eq('id', x!.id!), [x!], 'id eq');
    await check(f.in('id', [x!.id!, y!.id!]), [x!, y!], 'id in');
    await check(f.eq('type', 'ENTITLEMENT'), items.filter((i) => i.accessSummary!.access!.type === 'ENTITLEMENT'), 'type eq');
    for (const type of types) {
      await check(f.eq('access.type', type), items.filter((i) => i.accessSummary!.access!.type === type), `access.type eq ${type}`);
    }
    await check(f.eq('completed', true), items.filter((i) => i.completed), 'completed eq');
    await check(f.ne('completed', true), items.filter((i) => !i.completed), 'completed ne');
    await check(f.eq('identitySummary.id', summaryId), items.filter((i) => i.identitySummary!.id === summaryId), 'identitySummary.id eq');
    await check(
      f.in('identitySummary.id', [summaryId, otherSummary]),
      items.filter((i) => [summaryId, otherSummary].includes(i.identitySummary!.id!)),
      'identitySummary.id in',
    );
    await check(f.eq('identitySummary.name', summaryName.toUpperCase()), items.filter((i) => i.identitySummary!.name === summaryName), 'identitySummary.name eq');
    const prefix = summaryName.slice(0, 3).toLowerCase();
    await check(f.sw('identitySummary.name', prefix), items.filter((i) => i.identitySummary!.name!.toLowerCase().startsWith(prefix)), 'identitySummary.name sw');
    await check(f.eq('access.id', x!.accessSummary!.access!.id!), items.filter((i) => i.accessSummary!.access!.id === x!.accessSummary!.access!.id), 'access.id eq');
    const accessIds = [x!.accessSummary!.access!.id!, y!.accessSummary!.access!.id!];
    await check(f.in('access.id', accessIds), items.filter((i) => accessIds.includes(i.accessSummary!.access!.id!)), 'access.id in');
    await check(f.eq('access.name', accessName), items.filter((i) => i.accessSummary!.access!.name === accessName), 'access.name eq');
    const accessPrefix = accessName.slice(0, 4);
    await check(
      f.sw('access.name', accessPrefix.toUpperCase()),
      items.filter((i) => i.accessSummary!.access!.name!.toLowerCase().startsWith(accessPrefix.toLowerCase())),
      'access.name sw',
    );
    await check(f.eq('entitlement.sourceName', sourceName), items.filter((i) => i.accessSummary!.entitlement?.sourceName === sourceName), 'entitlement.sourceName eq');
    await check(
      f.sw('entitlement.sourceName', sourceName.slice(0, 3).toLowerCase()),
      items.filter((i) => i.accessSummary!.entitlement?.sourceName?.toLowerCase().startsWith(sourceName.slice(0, 3).toLowerCase())),
      'entitlement.sourceName sw',
    );
    expect(profileItem, 'the certification has access profile items').toBeDefined();
    {
      // The API's access profile has no source name; the sandbox's catalogue knows it.
      const apName = accessProfileSourceName(profileItem!)!;
      await check(f.eq('accessProfile.sourceName', apName), items.filter((i) => accessProfileSourceName(i) === apName), 'accessProfile.sourceName eq');
      const apPrefix = apName.slice(0, 2).toLowerCase();
      await check(
        f.sw('accessProfile.sourceName', apPrefix.toUpperCase()),
        items.filter((i) => accessProfileSourceName(i)?.toLowerCase().startsWith(apPrefix)),
        'accessProfile.sourceName sw',
      );
    }
    await check(
      f.and(f.eq('completed', false), f.eq('access.type', 'ENTITLEMENT'))!,
      items.filter((i) => !i.completed && i.accessSummary!.access!.type === 'ENTITLEMENT'),
      'and',
    );
  });

  it('refuses other fields and operators with a 400', async () => {
    const cert = await myActive();
    const path = `/certifications/${cert.id}/access-review-items`;
    await refused(rawGet(path, { filters: 'decision eq "APPROVE"' }), 400, /"decision" is not supported/);
    await refused(rawGet(path, { filters: 'access.name co "admin"' }), 400, /operator "co" is not supported for "access\.name"/);
    await refused(rawGet(path, { filters: 'type in ("ROLE")' }), 400, /operator "in"/);
    await refused(rawGet(path, { filters: 'completed eq true or identitySummary.name ne "x"' }), 400, /operator "ne".*identitySummary\.name/);
    await refused(rawGet(path, { filters: 'completed EQ true' }), 400, /lowercase/);
    await refused(rawGet(path, { sorters: 'completed' }), 400, /Sorting by "completed"/);
    await refused(rawGet(path, { limit: '251' }), 400, /limit/);
  });

  it('sorts by each documented sorter, ascending and descending', async () => {
    const { cert, items } = await mixedCertification();
    const sorters: [Sorter<'listIdentityAccessReviewItems'>, (i: AccessReviewItem) => string | null | undefined][] = [
      ['identitySummary.name', (i) => i.identitySummary!.name],
      ['access.name', (i) => i.accessSummary!.access!.name],
      ['access.type', (i) => i.accessSummary!.access!.type],
      ['entitlement.sourceName', (i) => i.accessSummary!.entitlement?.sourceName ?? null],
      ['accessProfile.sourceName', accessProfileSourceName],
    ];
    for (const [field, key] of sorters) {
      const asc = await allItems(cert.id!, { sorters: [field] });
      expect(asc).toHaveLength(items.length);
      expectSorted(asc, key, false);
      const desc = await allItems(cert.id!, { sorters: [`-${field}` as Sorter<'listIdentityAccessReviewItems'>] });
      expectSorted(desc, key, true);
    }
  });

  it('entitlements, access-profiles and roles select by access id; only one of them at a time', async () => {
    const { cert, items } = await mixedCertification();
    const byType = (type: string) => items.filter((i) => i.accessSummary!.access!.type === type);
    const params = [
      ['ENTITLEMENT', 'entitlements'],
      ['ACCESS_PROFILE', 'accessProfiles'],
      ['ROLE', 'roles'],
    ] as const;
    let tested = 0;
    for (const [type, param] of params) {
      const ofType = byType(type);
      if (ofType.length === 0) continue;
      tested++;
      const wanted = [...new Set(ofType.map((i) => i.accessSummary!.access!.id!))].slice(0, 2);
      const got = await allItems(cert.id!, { [param]: wanted });
      expect(ids(got).sort()).toEqual(ids(ofType.filter((i) => wanted.includes(i.accessSummary!.access!.id!))).sort());
      // An id of another type selects nothing.
      const otherId = items.find((i) => i.accessSummary!.access!.type !== type)!.accessSummary!.access!.id!;
      expect((await listIdentityAccessReviewItems(cert.id!, { [param]: [otherId] })).items).toEqual([]);
    }
    expect(tested).toBeGreaterThanOrEqual(2);

    const e = byType('ENTITLEMENT')[0]!.accessSummary!.access!.id!;
    await refused(listIdentityAccessReviewItems(cert.id!, { entitlements: [e], roles: ['r'] }), 400, /Only one of entitlements, access-profiles and roles.*entitlements and roles/);
    await refused(listIdentityAccessReviewItems(cert.id!, { entitlements: [e], accessProfiles: ['p'] }), 400, /Only one of/);
    await refused(listIdentityAccessReviewItems(cert.id!, { accessProfiles: ['p'], roles: ['r'] }), 400, /Only one of/);
  });

  it('pages through the 10,000-item certification and counts', async () => {
    sb.signInAs('source-owner');
    const big = await myActive(undefined, (c) => (c.decisionsTotal ?? 0) >= 10_000);
    expect(big.decisionsTotal).toBe(10_000);

    const first = await listIdentityAccessReviewItems(big.id!, { limit: 250, count: true });
    expect(first.items).toHaveLength(250);
    expect(first.total).toBe(10_000);
    const last = await listIdentityAccessReviewItems(big.id!, { limit: 250, offset: 9_900 });
    expect(last.items).toHaveLength(100);
    expect((await listIdentityAccessReviewItems(big.id!, { offset: 10_000 })).items).toEqual([]);
    const middle = await listIdentityAccessReviewItems(big.id!, { limit: 10, offset: 245 });
    expect(ids(middle.items.slice(0, 5))).toEqual(ids(first.items.slice(245)));

    const progress: number[] = [];
    const all = await fetchAllPages((paging) => listIdentityAccessReviewItems(big.id!, paging), { onProgress: (loaded) => progress.push(loaded) });
    expect(all).toHaveLength(10_000);
    expect(new Set(ids(all)).size).toBe(10_000);
    expect(progress.at(-1)).toBe(10_000);
    expect(progress).toHaveLength(40);

    expect((await listIdentityAccessReviewItems(big.id!, { filters: f.eq('completed', true), count: true, limit: 0 })).total).toBe(big.decisionsMade);
    expect((await listIdentityAccessReviewItems(big.id!, { filters: f.eq('completed', false), count: true, limit: 0 })).total).toBe(
      10_000 - big.decisionsMade!,
    );
  });

  it('reads back 250 items by id in one call (id in (...), a URL of over 9,000 characters)', async () => {
    sb.signInAs('source-owner');
    const big = await myActive(undefined, (c) => (c.decisionsTotal ?? 0) >= 10_000);
    // Ids from all over the certification, not one page: every 40th item.
    const all = await allItems(big.id!);
    const wanted = all.filter((_, i) => i % 40 === 7).map((i) => i.id!);
    expect(wanted).toHaveLength(250);
    const filter = f.in('id', wanted);
    expect(encodeURIComponent(toFilterString(filter)).length).toBeGreaterThan(9_000);

    const page = await listIdentityAccessReviewItems(big.id!, { filters: filter, limit: 250, count: true });
    expect(page.total).toBe(250);
    expect(new Set(ids(page.items))).toEqual(new Set(wanted));
    // Decided items come back with their decisions: what a client reads after a lost reply.
    await makeIdentityDecision(big.id!, wanted.slice(0, 100).map((id) => revoke(id, { comments: 'No longer needed' })));
    const after = await listIdentityAccessReviewItems(big.id!, { filters: filter, limit: 250 });
    const byId = new Map(after.items.map((i) => [i.id!, i]));
    expect(wanted.slice(0, 100).every((id) => byId.get(id)?.decision === 'REVOKE' && byId.get(id)?.comments === 'No longer needed')).toBe(true);
    expect(wanted.slice(100).every((id) => byId.get(id)?.completed === false)).toBe(true);
    // Ids of another certification, or unknown, simply match nothing.
    const other = (await listIdentityAccessReviewItems(big.id!, { filters: f.in('id', ['00000000000000000000000000000000', wanted[0]!]), count: true })).total;
    expect(other).toBe(1);
  });

  it('follows the certification’s access rules: 403 for others, 404 when unknown', async () => {
    const cert = await myActive();
    sb.signInAs('source-owner');
    await refused(listIdentityAccessReviewItems(cert.id!), 403);
    sb.signInAs('cert-admin');
    expect((await listIdentityAccessReviewItems(cert.id!, { limit: 1 })).items).toHaveLength(1);
    await refused(listIdentityAccessReviewItems('00000000000000000000000000000000'), 404);
  });
});

describe('makeIdentityDecision', () => {
  it('takes 1 to 250 decisions; 0 and 251 are refused and change nothing', async () => {
    const cert = await myActive('NO_DECISIONS');
    const open = await undecided(cert.id!);
    expect(open.length).toBe(250);
    const before = await getIdentityCertification(cert.id!);

    await refused(makeIdentityDecision(cert.id!, []), 400, /between 1 and 250.*got 0/);
    const more = (await listIdentityAccessReviewItems(cert.id!, { filters: f.eq('completed', false), limit: 1, offset: 250 })).items;
    await refused(makeIdentityDecision(cert.id!, [...open, ...more].map((i) => approve(i.id!))), 400, /got 251/);
    expect((await getIdentityCertification(cert.id!)).decisionsMade).toBe(before.decisionsMade);

    const one = await makeIdentityDecision(cert.id!, [approve(open[0]!.id!)]);
    expect(one.decisionsMade).toBe(before.decisionsMade! + 1);
    const all = await makeIdentityDecision(cert.id!, open.map((i) => revoke(i.id!, { bulk: true })));
    expect(all.decisionsMade).toBe(before.decisionsMade! + 250);
    const decided = await allItems(cert.id!, { filters: f.in('id', ids(open)) });
    expect(decided.every((i) => i.completed && i.decision === 'REVOKE')).toBe(true);
  });

  it('refuses unknown and duplicate items, and proposedEndDate on APPROVE, applying nothing', async () => {
    const cert = await myActive('NO_DECISIONS');
    const [a, b] = await undecided(cert.id!, 2);
    const before = (await getIdentityCertification(cert.id!)).decisionsMade;

    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!), approve('no-such-item')]), 400, /not in certification.*no-such-item/);
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!), revoke(a!.id!)]), 400, new RegExp(`${a!.id} appears more than once`));
    await refused(
      makeIdentityDecision(cert.id!, [revoke(b!.id!), approve(a!.id!, { proposedEndDate: '2027-01-01T00:00:00Z' })]),
      400,
      /proposedEndDate is only allowed on REVOKE/,
    );
    // An item of another certification is unknown here.
    const other = await myActive('REVOKE_ONLY_DECISIONS');
    const foreign = (await undecided(other.id!, 1))[0]!;
    await refused(makeIdentityDecision(cert.id!, [approve(foreign.id!)]), 400, /not in certification/);
    await refused(rawPost(`/certifications/${cert.id}/decide`, [{ id: a!.id, decision: 'MAYBE', bulk: false }]), 400, /decision/);
    await refused(rawPost(`/certifications/${cert.id}/decide`, [{ id: a!.id, decision: 'APPROVE' }]), 400, /bulk/);

    expect((await getIdentityCertification(cert.id!)).decisionsMade).toBe(before);
    const untouched = await allItems(cert.id!, { filters: f.in('id', [a!.id!, b!.id!]) });
    expect(untouched).toHaveLength(2);
    expect(untouched.every((i) => !i.completed)).toBe(true);

    const revoked = await makeIdentityDecision(cert.id!, [revoke(b!.id!, { proposedEndDate: '2027-01-01T00:00:00Z' })]);
    expect(revoked.decisionsMade).toBe(before! + 1);
  });

  it('ALL_DECISIONS needs a comment on every decision', async () => {
    const cert = await myActive('ALL_DECISIONS');
    const [a, b] = await undecided(cert.id!, 2);
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!)]), 400, /requires a comment on every decision/);
    await refused(makeIdentityDecision(cert.id!, [revoke(a!.id!, { comments: '   ' })]), 400, /requires a comment/);
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!, { comments: 'ok' }), revoke(b!.id!)]), 400, /1 decision\(s\) have none/);
    expect((await getIdentityCertification(cert.id!)).decisionsMade).toBe(cert.decisionsMade);

    const done = await makeIdentityDecision(cert.id!, [approve(a!.id!, { comments: 'Needed for the Q4 forecast' }), revoke(b!.id!, { comments: 'Left the team' })]);
    expect(done.decisionsMade).toBe(cert.decisionsMade! + 2);
    const [ra] = await allItems(cert.id!, { filters: f.eq('id', a!.id!) });
    expect(ra!.comments).toBe('Needed for the Q4 forecast');
  });

  it('REVOKE_ONLY_DECISIONS needs a comment on revocations only', async () => {
    const cert = await myActive('REVOKE_ONLY_DECISIONS');
    const [a, b] = await undecided(cert.id!, 2);
    await refused(makeIdentityDecision(cert.id!, [revoke(a!.id!)]), 400, /requires a comment on every revocation/);
    await expect(makeIdentityDecision(cert.id!, [approve(a!.id!)])).resolves.toMatchObject({ decisionsMade: cert.decisionsMade! + 1 });
    await expect(makeIdentityDecision(cert.id!, [revoke(b!.id!, { comments: 'No longer needed' })])).resolves.toMatchObject({
      decisionsMade: cert.decisionsMade! + 2,
    });
    // Changing an approval into a revocation needs the comment too.
    await refused(makeIdentityDecision(cert.id!, [revoke(a!.id!)]), 400, /revocation/);
  });

  it('NO_DECISIONS needs no comment at all', async () => {
    const cert = await myActive('NO_DECISIONS');
    const [a, b] = await undecided(cert.id!, 2);
    await expect(makeIdentityDecision(cert.id!, [revoke(a!.id!), approve(b!.id!)])).resolves.toMatchObject({ decisionsMade: cert.decisionsMade! + 2 });
  });

  it('re-deciding before sign-off changes the decision, not the counts', async () => {
    const cert = await myActive('NO_DECISIONS');
    const [a] = await undecided(cert.id!, 1);
    const first = await makeIdentityDecision(cert.id!, [approve(a!.id!, { comments: 'fine' })]);
    const second = await makeIdentityDecision(cert.id!, [revoke(a!.id!, { proposedEndDate: '2027-02-01T00:00:00Z' })]);
    expect(second.decisionsMade).toBe(first.decisionsMade);
    const [item] = await allItems(cert.id!, { filters: f.eq('id', a!.id!) });
    expect(item).toMatchObject({ completed: true, decision: 'REVOKE', comments: null });
    const third = await makeIdentityDecision(cert.id!, [approve(a!.id!)]);
    expect(third.decisionsMade).toBe(first.decisionsMade);
    expect((await allItems(cert.id!, { filters: f.eq('id', a!.id!) }))[0]!.decision).toBe('APPROVE');
  });

  it('decisionsMade, identitiesCompleted and completed always agree with the items', async () => {
    const cert = await myActive('NO_DECISIONS', (c) => (c.decisionsTotal ?? 0) < 2000);
    await expectCountsConsistent(cert.id!);
    // Finish one identity completely.
    const { items } = await expectCountsConsistent(cert.id!);
    const summary = items.find((i) => !i.completed)!.identitySummary!.id!;
    const ofSummary = items.filter((i) => i.identitySummary!.id === summary && !i.completed);
    const before = await getIdentityCertification(cert.id!);
    const after = await makeIdentityDecision(cert.id!, ofSummary.map((i) => approve(i.id!)));
    expect(after.identitiesCompleted).toBe(before.identitiesCompleted! + 1);
    const { items: now } = await expectCountsConsistent(cert.id!);
    expect(now.filter((i) => i.identitySummary!.id === summary).every((i) => i.identitySummary!.completed)).toBe(true);
    expect((await listIdentityAccessReviewItems(cert.id!, { filters: f.eq('completed', true), count: true, limit: 0 })).total).toBe(after.decisionsMade);
    expect(after.completed).toBe(false);
  });

  it('403 for someone who is neither the reviewer nor an admin; admins may decide', async () => {
    const cert = await myActive('NO_DECISIONS');
    const [a] = await undecided(cert.id!, 1);
    sb.signInAs('source-owner');
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!)]), 403);
    sb.signInAs(plainIdentity().id);
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!)]), 403);
    sb.signInAs('cert-admin');
    await expect(makeIdentityDecision(cert.id!, [approve(a!.id!)])).resolves.toMatchObject({ decisionsMade: cert.decisionsMade! + 1 });
    await refused(makeIdentityDecision('00000000000000000000000000000000', [approve(a!.id!)]), 404);
  });

  it('a STAGED certification takes no decisions yet', async () => {
    sb.signInAs('cert-admin');
    const staged = (await listIdentityCertifications({ filters: f.eq('phase', 'STAGED'), limit: 1 })).items[0]!;
    const [item] = (await listIdentityAccessReviewItems(staged.id!, { limit: 1 })).items;
    await refused(makeIdentityDecision(staged.id!, [approve(item!.id!, { comments: 'x' })]), 400, /STAGED, not ACTIVE/);
    await refused(signOffIdentityCertification(staged.id!), 400, /STAGED/);
  });
});

describe('the decision audit', () => {
  it('keeps one row per item per accepted call: when, what, bulk, comments, and who sent it', async () => {
    const cert = await myActive('REVOKE_ONLY_DECISIONS');
    const [a, b] = await undecided(cert.id!, 2);
    const manager = sb.persona('manager');
    const managerName = sb.tenant.store.get('identities', manager.identityId)!.name;
    expect(await sb.tenant.audit()).toEqual([]);

    await makeIdentityDecision(cert.id!, [approve(a!.id!, { bulk: true }), revoke(b!.id!, { comments: 'Left the team', proposedEndDate: '2027-01-01T00:00:00Z' })]);
    sb.clock.advance(60_000);
    // Re-deciding is a new row, and a certification admin deciding is recorded under the admin's name.
    sb.signInAs('cert-admin');
    const admin = sb.tenant.store.get('identities', sb.persona('cert-admin').identityId)!;
    await makeIdentityDecision(cert.id!, [approve(b!.id!, { comments: '  ' })]);

    const start = new Date(sb.clock.now() - 60_000).toISOString();
    expect(await sb.tenant.audit()).toEqual([
      expect.objectContaining({ at: start, certificationId: cert.id, itemId: a!.id, decision: 'APPROVE', comments: null, proposedEndDate: null, bulk: true, actorId: manager.identityId, actorName: managerName }),
      expect.objectContaining({ at: start, itemId: b!.id, decision: 'REVOKE', comments: 'Left the team', proposedEndDate: '2027-01-01T00:00:00Z', bulk: false, actorId: manager.identityId }),
      expect.objectContaining({ at: new Date(sb.clock.now()).toISOString(), itemId: b!.id, decision: 'APPROVE', comments: null, actorId: admin.id, actorName: admin.name }),
    ]);
    expect((await sb.tenant.audit()).map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('records nothing for refused calls (400, 403, faults) and filters by certification', async () => {
    const cert = await myActive('REVOKE_ONLY_DECISIONS');
    const [a] = await undecided(cert.id!, 1);
    await refused(makeIdentityDecision(cert.id!, [revoke(a!.id!)]), 400, /comment/);
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!), approve('no-such-item')]), 400);
    sb.signInAs('source-owner');
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!)]), 403);
    sb.signInAs('manager');
    sb.tenant.injectFault({ fault: 503, times: 1, operationId: 'makeIdentityDecision' });
    await refused(makeIdentityDecision(cert.id!, [approve(a!.id!)]), 503);
    expect(await sb.tenant.audit()).toEqual([]);

    const other = await myActive('NO_DECISIONS');
    const [o] = await undecided(other.id!, 1);
    await makeIdentityDecision(cert.id!, [approve(a!.id!)]);
    await makeIdentityDecision(other.id!, [revoke(o!.id!)]);
    expect((await sb.tenant.audit()).map((r) => r.itemId)).toEqual([a!.id, o!.id]);
    expect((await sb.tenant.audit({ certificationId: other.id! })).map((r) => r.itemId)).toEqual([o!.id]);
    expect(await sb.tenant.audit({ certificationId: 'unknown' })).toEqual([]);
  });

  it('a lost reply: the tenant applied and audited the decisions once, the client saw a network error', async () => {
    const cert = await myActive('NO_DECISIONS');
    const open = await undecided(cert.id!, 5);
    sb.tenant.injectFault({ fault: 'lost-reply', times: 1, operationId: 'makeIdentityDecision' });
    const error = await failure(makeIdentityDecision(cert.id!, open.map((i) => approve(i.id!))));
    expect(error.kind).toBe('network');
    expect(sb.tenant.faults).toEqual([]);
    expect((await getIdentityCertification(cert.id!)).decisionsMade).toBe(cert.decisionsMade! + 5);
    const back = await listIdentityAccessReviewItems(cert.id!, { filters: f.in('id', ids(open)) });
    expect(back.items.every((i) => i.decision === 'APPROVE')).toBe(true);
    expect((await sb.tenant.audit({ certificationId: cert.id! })).map((r) => r.itemId)).toEqual(ids(open));
  });

  it('reset forgets the audit', async () => {
    const cert = await myActive('NO_DECISIONS');
    const [a] = await undecided(cert.id!, 1);
    await makeIdentityDecision(cert.id!, [approve(a!.id!)]);
    expect(await sb.tenant.audit()).toHaveLength(1);
    await sb.tenant.reset();
    expect(await sb.tenant.audit()).toEqual([]);
  });
});

describe('signOffIdentityCertification', () => {
  it('is refused while items are undecided, saying how many', async () => {
    const cert = await myActive('ALL_DECISIONS');
    const left = cert.decisionsTotal! - cert.decisionsMade!;
    expect(left).toBeGreaterThan(0);
    await refused(signOffIdentityCertification(cert.id!), 400, new RegExp(`${left} of ${cert.decisionsTotal} are still undecided`));
    sb.signInAs('source-owner');
    await refused(signOffIdentityCertification(cert.id!), 403);
  });

  it('after every decision: SIGNED, signed set, read-only, and listed as SIGNED', async () => {
    const cert = await myActive('ALL_DECISIONS');
    const open = await undecided(cert.id!);
    expect(open.length).toBeLessThanOrEqual(250);
    const decided = await makeIdentityDecision(cert.id!, open.map((i, n) => (n % 2 ? revoke(i.id!, { comments: 'no' }) : approve(i.id!, { comments: 'yes' }))));
    expect(decided.completed).toBe(true);
    expect(decided.phase).toBe('ACTIVE');
    expect(decided.signed ?? null).toBeNull();

    sb.clock.advance(60_000);
    const signed = await signOffIdentityCertification(cert.id!);
    expect(signed.phase).toBe('SIGNED');
    expect(signed.signed).toBe(new Date(sb.clock.now()).toISOString());
    expect(signed.completed).toBe(true);
    expect(await getIdentityCertification(cert.id!)).toMatchObject({ phase: 'SIGNED', signed: signed.signed });

    await refused(makeIdentityDecision(cert.id!, [approve(open[0]!.id!, { comments: 'changed my mind' })]), 400, /signed off.*read-only/);
    const someone = plainIdentity();
    await refused(
      reassignIdentityCertifications(cert.id!, { reassign: [{ id: open[0]!.id!, type: 'ITEM' }], reassignTo: someone.id, reason: 'late' }),
      400,
      /read-only/,
    );
    await refused(submitReassignCertsAsync(cert.id!, { reassign: [{ id: open[0]!.id!, type: 'ITEM' }], reassignTo: someone.id, reason: 'late' }), 400, /read-only/);
    await refused(signOffIdentityCertification(cert.id!), 400, /read-only/);
    expect((await allItems(cert.id!, { filters: f.eq('id', open[0]!.id!) }))[0]!.decision).toBe('APPROVE');

    const signedList = await allCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'SIGNED') });
    expect(ids(signedList)).toContain(cert.id);
    const activeList = await allCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') });
    expect(ids(activeList)).not.toContain(cert.id);
  });
});

describe('reassignIdentityCertifications', () => {
  it('moves items to a certification of the new reviewer in the same campaign', async () => {
    const manager = sb.persona('manager').identityId;
    const cert = await myActive('NO_DECISIONS');
    const [a, b, c] = await undecided(cert.id!, 3);
    const to = plainIdentity();

    const after = await reassignIdentityCertifications(cert.id!, {
      reassign: [
        { id: a!.id!, type: 'ITEM' },
        { id: b!.id!, type: 'ITEM' },
      ],
      reassignTo: to.id,
      reason: 'Knows these accounts better',
    });
    expect(after.id).toBe(cert.id);
    expect(after.decisionsTotal).toBe(cert.decisionsTotal! - 2);
    expect(after.reviewer?.id).toBe(manager);
    const remaining = ids(await allItems(cert.id!));
    expect(remaining).not.toContain(a!.id);
    expect(remaining).toContain(c!.id);

    sb.signInAs(to.id);
    const theirs = await allCertifications({ reviewerIdentity: 'me' });
    const moved = theirs.find((x) => x.reassignment?.from?.id === cert.id);
    expect(moved).toBeDefined();
    expect(moved).toMatchObject({
      phase: 'ACTIVE',
      campaign: { id: cert.campaign!.id },
      reviewer: { id: to.id, name: to.name },
      decisionsTotal: 2,
      reassignment: { from: { id: cert.id, name: cert.name, type: 'CERTIFICATION', reviewer: { id: manager } }, comment: 'Knows these accounts better' },
    });
    expect(ids(await allItems(moved!.id!)).sort()).toEqual([a!.id, b!.id].sort());
    await expect(getIdentityCertification(moved!.id!)).resolves.toMatchObject({ id: moved!.id });
    const reviewers = await listCertificationReviewers(moved!.id!);
    expect(ids(reviewers.items).sort()).toEqual([to.id, manager].sort());
    const sortedReviewers = await listCertificationReviewers(moved!.id!, { sorters: ['-name'], count: true });
    expect(sortedReviewers.total).toBe(2);
    expectSorted(sortedReviewers.items, (r) => r.name, true);

    // The new reviewer can decide the moved items.
    await expect(makeIdentityDecision(moved!.id!, [approve(a!.id!)])).resolves.toMatchObject({ decisionsMade: 1 });

    // A second reassignment to the same person joins the same certification.
    sb.signInAs('manager');
    await reassignIdentityCertifications(cert.id!, { reassign: [{ id: c!.id!, type: 'ITEM' }], reassignTo: to.id, reason: 'Same again' });
    sb.signInAs(to.id);
    const again = (await allCertifications({ reviewerIdentity: 'me' })).filter((x) => x.reassignment?.from?.id === cert.id);
    expect(again).toHaveLength(1);
    expect(again[0]!.decisionsTotal).toBe(3);
  });

  it('reassigning an identity summary moves all of that identity’s items', async () => {
    const cert = await myActive('NO_DECISIONS');
    const items = await allItems(cert.id!);
    const summary = items[0]!.identitySummary!.id!;
    const ofSummary = items.filter((i) => i.identitySummary!.id === summary);
    const to = plainIdentity();
    const after = await reassignIdentityCertifications(cert.id!, { reassign: [{ id: summary, type: 'IDENTITY_SUMMARY' }], reassignTo: to.id, reason: 'Conflict of interest' });
    expect(after.decisionsTotal).toBe(items.length - ofSummary.length);
    expect(after.identitiesTotal).toBe(cert.identitiesTotal! - 1);
    expect((await allItems(cert.id!, { filters: f.eq('identitySummary.id', summary) }))).toEqual([]);
  });

  it('refuses more than 50, no reason, an unknown or the same reviewer, and unknown items, moving nothing', async () => {
    const cert = await myActive('NO_DECISIONS');
    const open = await undecided(cert.id!, 51);
    const to = plainIdentity();
    const body = (refs: string[], extra: Partial<{ reassignTo: string; reason: string }> = {}) => ({
      reassign: refs.map((id) => ({ id, type: 'ITEM' as const })),
      reassignTo: to.id,
      reason: 'Vacation',
      ...extra,
    });
    await refused(reassignIdentityCertifications(cert.id!, body(ids(open))), 400, /At most 50.*got 51/);
    await refused(reassignIdentityCertifications(cert.id!, body([open[0]!.id!], { reason: '' })), 400, /reason/);
    await refused(reassignIdentityCertifications(cert.id!, body([open[0]!.id!], { reason: '   ' })), 400, /reason/);
    await refused(rawPost(`/certifications/${cert.id}/reassign`, { reassign: [{ id: open[0]!.id, type: 'ITEM' }], reassignTo: to.id }), 400, /reason/);
    await refused(reassignIdentityCertifications(cert.id!, body([open[0]!.id!], { reassignTo: 'nobody-at-all' })), 400, /reassignTo: no identity with id nobody-at-all/);
    await refused(reassignIdentityCertifications(cert.id!, body([open[0]!.id!], { reassignTo: sb.persona('manager').identityId })), 400, /already reviews this certification/);
    await refused(reassignIdentityCertifications(cert.id!, body([open[0]!.id!, 'not-an-item'])), 400, /not in certification.*ITEM not-an-item/);
    await refused(reassignIdentityCertifications(cert.id!, body([])), 400, /at least one/);
    sb.signInAs('source-owner');
    await refused(reassignIdentityCertifications(cert.id!, body([open[0]!.id!])), 403);
    sb.signInAs('manager');

    expect((await getIdentityCertification(cert.id!)).decisionsTotal).toBe(cert.decisionsTotal);
    sb.signInAs(to.id);
    expect((await allCertifications({ reviewerIdentity: 'me' })).filter((x) => x.reassignment?.from?.id === cert.id)).toEqual([]);
    sb.signInAs('manager');
    // Exactly 50 is fine.
    const fifty = await reassignIdentityCertifications(cert.id!, body(ids(open.slice(0, 50))));
    expect(fifty.decisionsTotal).toBe(cert.decisionsTotal! - 50);
  });
});

describe('submitReassignCertsAsync', () => {
  it('answers a QUEUED task (200) that runs IN_PROGRESS, then SUCCESS, and moves the items', async () => {
    const manager = sb.persona('manager').identityId;
    const cert = await myActive('NO_DECISIONS');
    const open = await undecided(cert.id!, 120);
    const to = plainIdentity();
    const body = { reassign: open.map((i) => ({ id: i.id!, type: 'ITEM' as const })), reassignTo: to.id, reason: 'Team change' };

    const response = await request({
      operationId: 'submitReassignCertsAsync',
      method: 'POST',
      path: `/certifications/${cert.id}/reassign-async`,
      body,
      schema: z.object({ id: z.string(), status: z.string(), type: z.string(), targetType: z.string(), targetId: z.string() }),
    });
    expect(response.status).toBe(200);
    const task = response.data;
    expect(task).toMatchObject({ status: 'QUEUED', type: 'REASSIGN', targetType: 'CERTIFICATION', targetId: cert.id });

    const pending = await getPendingCertificationTasks();
    expect(ids(pending.items)).toContain(task.id);
    expect(ids((await getPendingCertificationTasks({ reviewerIdentity: 'me', filters: f.eq('targetId', cert.id!) })).items)).toEqual([task.id]);
    expect((await getPendingCertificationTasks({ filters: f.eq('type', 'ADMIN_REASSIGN') })).items).toEqual([]);
    // Nothing has moved yet.
    expect((await getIdentityCertification(cert.id!)).decisionsTotal).toBe(cert.decisionsTotal);

    sb.clock.advance(1_000);
    await expect(getCertificationTask(task.id)).resolves.toMatchObject({ id: task.id, status: 'IN_PROGRESS' });
    expect(ids((await getPendingCertificationTasks()).items)).toContain(task.id);

    sb.clock.advance(3_000);
    await expect(getCertificationTask(task.id)).resolves.toMatchObject({ id: task.id, status: 'SUCCESS', errors: [] });
    expect(ids((await getPendingCertificationTasks()).items)).not.toContain(task.id);
    expect((await getIdentityCertification(cert.id!)).decisionsTotal).toBe(cert.decisionsTotal! - 120);

    sb.signInAs(to.id);
    const moved = (await allCertifications({ reviewerIdentity: 'me' })).find((c) => c.reassignment?.from?.id === cert.id)!;
    expect(moved).toMatchObject({ decisionsTotal: 120, campaign: { id: cert.campaign!.id }, reassignment: { from: { reviewer: { id: manager } }, comment: 'Team change' } });
    expect(ids(await allItems(moved.id!)).sort()).toEqual(ids(open).sort());
    // The task is the submitter's and the certification reviewer's business, not everyone's.
    sb.signInAs('source-owner');
    await refused(getCertificationTask(task.id), 403);
    expect((await getPendingCertificationTasks()).items).toEqual([]);
  });

  it('refuses more than 500, and the same mistakes as the synchronous reassign', async () => {
    sb.signInAs('source-owner');
    const big = await myActive(undefined, (c) => (c.decisionsTotal ?? 0) >= 10_000);
    const page1 = (await listIdentityAccessReviewItems(big.id!, { limit: 250 })).items;
    const page2 = (await listIdentityAccessReviewItems(big.id!, { limit: 250, offset: 250 })).items;
    const page3 = (await listIdentityAccessReviewItems(big.id!, { limit: 1, offset: 500 })).items;
    const to = plainIdentity();
    const refs = (list: AccessReviewItem[]) => list.map((i) => ({ id: i.id!, type: 'ITEM' as const }));
    await refused(submitReassignCertsAsync(big.id!, { reassign: refs([...page1, ...page2, ...page3]), reassignTo: to.id, reason: 'x' }), 400, /At most 500.*got 501/);
    await refused(submitReassignCertsAsync(big.id!, { reassign: refs(page3), reassignTo: to.id, reason: '' }), 400, /reason/);
    await refused(submitReassignCertsAsync(big.id!, { reassign: [{ id: 'nope', type: 'ITEM' }], reassignTo: to.id, reason: 'x' }), 400, /nope/);
    expect((await getPendingCertificationTasks()).items).toEqual([]);

    const task = await submitReassignCertsAsync(big.id!, { reassign: refs([...page1, ...page2]), reassignTo: to.id, reason: 'Split the work' });
    expect(task.status).toBe('QUEUED');
    sb.clock.advance(5_000);
    await expect(getCertificationTask(task.id!)).resolves.toMatchObject({ status: 'SUCCESS' });
    expect((await getIdentityCertification(big.id!)).decisionsTotal).toBe(10_000 - 500);
    await refused(getCertificationTask('00000000-0000-0000-0000-000000000000'), 404);
  });
});

describe('getIdentityCertificationItemPermissions', () => {
  /** An item of the manager's whose entitlement has several permissions. */
  async function itemWithPermissions() {
    const store = sb.tenant.store;
    const manager = sb.persona('manager').identityId;
    for (const cert of store.all('certifications')) {
      if (cert.reviewerId !== manager || cert.phase !== 'ACTIVE') continue;
      for (const item of store.itemsOf(cert.id)) {
        const permissions = item.type === 'ENTITLEMENT' ? (store.get('entitlements', item.accessId)?.permissions ?? []) : [];
        if (permissions.length >= 3) return { certId: cert.id, itemId: item.id, permissions };
      }
    }
    throw new Error('the seed gives the manager no item with permissions');
  }

  it('lists the permissions and filters them by target eq/sw and rights ca, case-insensitively', async () => {
    const { certId, itemId, permissions } = await itemWithPermissions();
    const all = await getIdentityCertificationItemPermissions(certId, itemId, { count: true });
    expect(all.items).toEqual(permissions);
    expect(all.total).toBe(permissions.length);

    const p0 = permissions[0]!;
    const byTarget = await getIdentityCertificationItemPermissions(certId, itemId, { filters: f.eq('target', p0.target!.toUpperCase()) });
    expect(byTarget.items).toEqual(permissions.filter((p) => p.target!.toLowerCase() === p0.target!.toLowerCase()));
    const prefix = p0.target!.slice(0, 2);
    const bySw = await getIdentityCertificationItemPermissions(certId, itemId, { filters: f.sw('target', prefix.toUpperCase()) });
    expect(bySw.items).toEqual(permissions.filter((p) => p.target!.toLowerCase().startsWith(prefix.toLowerCase())));

    const right = p0.rights![0]!;
    const rights = await getIdentityCertificationItemPermissions(certId, itemId, { filters: f.ca('rights', [right.toLowerCase()]) });
    expect(rights.items).toEqual(permissions.filter((p) => p.rights!.includes(right)));
    const two = [p0.rights![0]!, p0.rights!.at(-1)!];
    const both = await getIdentityCertificationItemPermissions(certId, itemId, { filters: f.ca('rights', two) });
    expect(both.items).toEqual(permissions.filter((p) => two.every((r) => p.rights!.includes(r))));
    expect(both.items).toContainEqual(p0);

    const and = await getIdentityCertificationItemPermissions(certId, itemId, { filters: f.and(f.ca('rights', [right]), f.eq('target', p0.target!))! });
    expect(and.items).toEqual([p0]);
    const or = await getIdentityCertificationItemPermissions(certId, itemId, { filters: f.or(f.eq('target', p0.target!), f.ca('rights', ['NO-SUCH-RIGHT']))! });
    expect(or.items).toEqual([p0]);
    const none = await getIdentityCertificationItemPermissions(certId, itemId, { filters: f.eq('target', 'no-such-target') });
    expect(none.items).toEqual([]);
  });

  it('allows one and/or only, joining target with rights; other shapes are a 400', async () => {
    const { certId, itemId } = await itemWithPermissions();
    const path = `/certifications/${certId}/access-review-items/${itemId}/permissions`;
    await refused(rawGet(path, { filters: 'target eq "a" and target sw "b"' }), 400, /only one "and", joining a target filter with a rights filter/);
    await refused(rawGet(path, { filters: 'target eq "a" or target eq "b"' }), 400, /only one "or"/);
    await refused(rawGet(path, { filters: 'rights ca ("READ") and rights ca ("CREATE")' }), 400, /joining a target/);
    await refused(rawGet(path, { filters: 'rights ca ("READ") and target eq "a" and target sw "b"' }), 400, /only one/);
    await refused(rawGet(path, { filters: '(rights ca ("READ") and target eq "a") or target eq "b"' }), 400, /only one/);
    await refused(rawGet(path, { filters: 'not target eq "a"' }), 400, /not/);
    await refused(rawGet(path, { filters: 'rights eq "READ"' }), 400, /operator "eq" is not supported for "rights"/);
    await refused(rawGet(path, { filters: 'target co "a"' }), 400, /operator "co"/);
    await refused(rawGet(path, { filters: 'name eq "a"' }), 400, /"name" is not supported/);
    await refused(rawGet(path, { filters: 'target EQ "a"' }), 400, /lowercase/);
  });

  it('404 for an unknown item or one of another certification; 403 for others', async () => {
    const { certId, itemId } = await itemWithPermissions();
    await refused(getIdentityCertificationItemPermissions(certId, 'no-such-item'), 404, /Access review item/);
    const other = (await allCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') })).find((c) => c.id !== certId)!;
    await refused(getIdentityCertificationItemPermissions(other.id!, itemId), 404);
    await refused(getIdentityCertificationItemPermissions('00000000000000000000000000000000', itemId), 404);
    sb.signInAs('source-owner');
    await refused(getIdentityCertificationItemPermissions(certId, itemId), 403);
  });
});
