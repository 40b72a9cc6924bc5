// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { indexedDbPersistence, type PersistedChange } from './persistence';
import { PERSONAS, SEED_VERSION } from './seed';
import { SandboxTenant } from './tenant';

/** IndexedDB (fake-indexeddb in Node) through idb: what the browser's sandbox keeps across reloads. */
describe('indexedDbPersistence', () => {
  const dbName = () => `attest-sandbox-test-${crypto.randomUUID()}`;

  it('starts empty, keeps the latest version of each record, deletions and the meta, and clears', async () => {
    const name = dbName();
    const persistence = indexedDbPersistence(name);
    expect(await persistence.load()).toEqual({ meta: null, changes: [], revision: 0 });

    const v1: PersistedChange = { table: 'items', id: 'i1', record: { id: 'i1', decision: 'APPROVE' } };
    const v2: PersistedChange = { table: 'items', id: 'i1', record: { id: 'i1', decision: 'REVOKE' } };
    const gone: PersistedChange = { table: 'tasks', id: 't1', record: null };
    const sameIdOtherTable: PersistedChange = { table: 'certifications', id: 'i1', record: { id: 'i1', name: 'Q4' } };
    // Every save counts one revision, whatever it holds.
    expect(await persistence.save([v1, gone])).toBe(1);
    expect(await persistence.save([v2, sameIdOtherTable])).toBe(2);
    await persistence.saveMeta({ anchor: 1_700_000_000_000, scale: 1, seedVersion: SEED_VERSION });

    const loaded = await persistence.load();
    expect(loaded.meta).toEqual({ anchor: 1_700_000_000_000, scale: 1, seedVersion: SEED_VERSION });
    expect(loaded.changes).toHaveLength(3);
    expect(loaded.changes).toEqual(expect.arrayContaining([v2, gone, sameIdOtherTable]));
    expect(loaded.revision).toBe(2);

    // A clear forgets the data but not the revision: a tab that saw revision 2 knows it is behind.
    expect(await persistence.clear()).toBe(3);
    expect(await persistence.load()).toEqual({ meta: null, changes: [], revision: 3 });
    expect(await persistence.revision()).toBe(3);
    // Another connection to the same database (another tab) reads the same revision.
    expect(await indexedDbPersistence(name).revision()).toBe(3);
  });

  it('a tenant over it survives a reload: decisions and the audit come back', async () => {
    const name = dbName();
    const manager = PERSONAS.find((p) => p.key === 'manager')!.identityId;
    const first = await SandboxTenant.create({ persistence: indexedDbPersistence(name), rateLimit: null });
    const cert = first.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === 'ACTIVE')!;
    const item = first.store.itemsOf(cert.id).find((i) => i.decision === null)!;
    const reply = await first.handle(
      new Request(`http://attest.test/v3/certifications/${cert.id}/decide`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${first.mintToken(manager)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify([{ id: item.id, decision: 'REVOKE', bulk: true, comments: 'Left in May' }]),
      }),
    );
    expect(reply.status).toBe(200);

    const reloaded = await SandboxTenant.create({ persistence: indexedDbPersistence(name), rateLimit: null });
    expect(reloaded.store.get('items', item.id)).toMatchObject({ decision: 'REVOKE', comments: 'Left in May', bulk: true });
    expect(await reloaded.audit()).toEqual([expect.objectContaining({ itemId: item.id, decision: 'REVOKE', bulk: true, actorId: manager })]);
    // Same seed, same dates: the anchor was kept.
    expect(reloaded.store.get('certifications', cert.id)!.created).toBe(cert.created);

    await reloaded.reset();
    const afterReset = await SandboxTenant.create({ persistence: indexedDbPersistence(name), rateLimit: null });
    expect(afterReset.store.get('items', item.id)!.decision).toBeNull();
    expect(await afterReset.audit()).toEqual([]);
  });
});
