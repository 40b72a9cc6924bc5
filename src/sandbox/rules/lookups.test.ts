// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setupSandbox } from '../../../test/sandbox-harness';
import { refused } from '../../../test/expect-api';
import { request } from '../../api/http';
import { f } from '../../api/filters';
import { getPublicIdentities, listAccessProfiles, listRoles, listSources } from '../../api/lookups';
import type { UserLevel } from '../model';

const sb = setupSandbox();

/** Gives an identity of the seed these user levels (and only these), and signs in as it. */
function signInWithLevels(levels: UserLevel[]): string {
  const someone = sb.tenant.store.all('identities').find((i) => !i.isMachine && i.levels.length === 0 && i.id !== sb.persona('manager').identityId)!;
  sb.tenant.store.put('identities', { ...someone, levels });
  sb.signInAs(someone.id);
  return someone.id;
}

function raw(path: string, query: Record<string, string> = {}) {
  return request({ operationId: 'raw', method: 'GET', path, query, schema: z.array(z.record(z.string(), z.unknown())) });
}

describe('user levels of the look-ups', () => {
  it('lets an ORG_ADMIN list sources, roles and access profiles', async () => {
    sb.signInAs('org-admin');
    expect((await listSources()).items.length).toBe(sb.tenant.store.all('sources').length);
    expect((await listRoles()).items.length).toBe(Math.min(50, sb.tenant.store.all('roles').length));
    expect((await listAccessProfiles()).items.length).toBe(Math.min(250, sb.tenant.store.all('accessProfiles').length));
  });

  it('refuses sources, roles and access profiles to a CERT_ADMIN, a REPORT_ADMIN and a reviewer with 403', async () => {
    for (const who of ['cert-admin', 'reportAdmin', 'manager'] as const) {
      sb.signInAs(who);
      await refused(listSources(), 403, /ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN, ROLE_SUBADMIN/);
      await refused(listRoles(), 403, /ORG_ADMIN, ROLE_ADMIN, ROLE_SUBADMIN/);
      await refused(listAccessProfiles(), 403, /ORG_ADMIN, ROLE_ADMIN, ROLE_SUBADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN/);
    }
  });

  it('lets a ROLE_ADMIN list roles and access profiles but not sources', async () => {
    signInWithLevels(['ROLE_ADMIN']);
    expect((await listRoles()).items.length).toBeGreaterThan(0);
    expect((await listAccessProfiles()).items.length).toBeGreaterThan(0);
    await refused(listSources(), 403);
  });

  it('lets a SOURCE_ADMIN list sources and access profiles but not roles', async () => {
    signInWithLevels(['SOURCE_ADMIN']);
    expect((await listSources()).items.length).toBe(sb.tenant.store.all('sources').length);
    expect((await listAccessProfiles()).items.length).toBeGreaterThan(0);
    await refused(listRoles(), 403);
  });

  it('requires a SOURCE_SUBADMIN to pass for-subadmin=me, and then lists only the sources they own', async () => {
    const id = signInWithLevels(['SOURCE_SUBADMIN']);
    await refused(listSources(), 403, /for-subadmin/);
    const owned = sb.tenant.store.all('sources')[0]!;
    sb.tenant.store.put('sources', { ...owned, ownerId: id });
    const { items } = await listSources({ forSubadmin: 'me' });
    expect(items.map((s) => s.id)).toEqual([owned.id]);
  });

  it('answers 400 when for-subadmin names an identity that is not a subadmin', async () => {
    sb.signInAs('org-admin');
    await refused(listRoles({ forSubadmin: sb.persona('manager').identityId }), 400, /ROLE_SUBADMIN/);
    await refused(listAccessProfiles({ forSubadmin: 'me' }), 400, /ROLE_SUBADMIN or SOURCE_SUBADMIN/);
  });

  it('lets every signed-in identity look up public identities', async () => {
    for (const who of ['manager', 'source-owner', 'cert-admin', 'reportAdmin'] as const) {
      sb.signInAs(who);
      const { items } = await getPublicIdentities({ filters: f.eq('id', sb.persona('org-admin').identityId) });
      expect(items).toEqual([expect.objectContaining({ id: sb.persona('org-admin').identityId, name: 'Dana Okafor', email: expect.stringContaining('@') })]);
    }
  });
});

describe('filters, sorters and paging of the look-ups', () => {
  it('filters sources by name (co, sw) and owner.id, and sorts by name descending', async () => {
    sb.signInAs('org-admin');
    const owner = sb.persona('source-owner').identityId;
    const byOwner = await listSources({ filters: f.eq('owner.id', owner), sorters: ['-name'] });
    const expected = sb.tenant.store.all('sources').filter((s) => s.ownerId === owner).map((s) => s.name).sort().reverse();
    expect(byOwner.items.map((s) => s.name)).toEqual(expected);
    expect(byOwner.items[0]!.owner).toMatchObject({ id: owner, name: 'Priya Shah' });
    const ad = await listSources({ filters: f.co('name', 'active directory') });
    expect(ad.items.map((s) => s.name)).toEqual(['Corporate Active Directory']);
    expect((await listSources({ filters: f.sw('name', 'Corp') })).items.map((s) => s.name)).toContain('Corporate Active Directory');
  });

  it('refuses filters and sorters the operation does not document, with 400', async () => {
    sb.signInAs('org-admin');
    await refused(raw('/roles', { filters: 'name co "Sales"' }), 400, /operator "co" is not supported for "name"/);
    await refused(raw('/access-profiles', { filters: 'type eq "x"' }), 400, /Filtering by "type" is not supported/);
    await refused(raw('/public-identities', { sorters: 'email' }), 400, /Sorting by "email" is not supported/);
    await refused(raw('/roles', { 'for-segment-ids': 'abc' }), 400, /Segmentation is not available/);
  });

  it('pages roles 50 at a time at most, with X-Total-Count', async () => {
    sb.signInAs('org-admin');
    await refused(raw('/roles', { limit: '51' }), 400, /at most 50/);
    const total = sb.tenant.store.all('roles').length;
    const first = await listRoles({ limit: 2, offset: 0, count: true, sorters: ['name'] });
    const second = await listRoles({ limit: 2, offset: 2, sorters: ['name'] });
    expect(first.total).toBe(total);
    const names = sb.tenant.store.all('roles').map((r) => r.name).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect([...first.items, ...second.items].map((r) => r.name)).toEqual(names.slice(0, 4));
  });

  it('filters access profiles by source.id', async () => {
    sb.signInAs('org-admin');
    const source = sb.tenant.store.all('accessProfiles')[0]!.sourceId;
    const { items } = await listAccessProfiles({ filters: f.eq('source.id', source), count: true });
    expect(items.length).toBe(sb.tenant.store.all('accessProfiles').filter((ap) => ap.sourceId === source).length);
    expect(items.every((ap) => ap.source?.id === source)).toBe(true);
  });

  it('finds public identities by first and last name prefixes, and leaves machines out with add-core-filters', async () => {
    sb.signInAs('manager');
    const found = await getPublicIdentities({ filters: f.and(f.sw('firstname', 'morg'), f.sw('lastname', 're')) });
    expect(found.items.map((i) => i.name)).toContain('Morgan Reyes');
    const all = await getPublicIdentities({ count: true, limit: 1 });
    const core = await getPublicIdentities({ count: true, limit: 1, addCoreFilters: true });
    const machines = sb.tenant.store.all('identities').filter((i) => i.isMachine).length;
    expect(machines).toBeGreaterThan(0);
    expect(all.total! - core.total!).toBe(machines);
    expect(all.total).toBe(sb.tenant.store.all('identities').length);
  });
});
