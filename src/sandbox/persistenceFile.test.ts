// @vitest-environment node
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistedChange } from './persistence';
import { filePersistence } from './persistenceFile';
import { PERSONAS, SEED_VERSION } from './seed';
import { SandboxTenant } from './tenant';

/** The local HTTP tenant's state file (NDJSON): what survives a restart of `npm run tenant`. */
describe('filePersistence', () => {
  const dirs: string[] = [];
  const stateFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'attest-state-'));
    dirs.push(dir);
    return join(dir, 'nested', 'state.ndjson');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const v1: PersistedChange = { table: 'items', id: 'i1', record: { id: 'i1', decision: 'APPROVE' } };
  const v2: PersistedChange = { table: 'items', id: 'i1', record: { id: 'i1', decision: 'REVOKE' } };
  const gone: PersistedChange = { table: 'tasks', id: 't1', record: null };
  const meta = { anchor: 1_700_000_000_000, scale: 1, seedVersion: SEED_VERSION };

  it('writes every save as a line, and a restart reads back the latest version of each record, the meta and the revision', async () => {
    const path = stateFile();
    const first = filePersistence(path);
    expect(await first.load()).toEqual({ meta: null, changes: [], revision: 0 });
    expect(await first.save([v1, gone])).toBe(1);
    await first.saveMeta(meta);
    expect(await first.save([v2])).toBe(2);
    // Appended as it goes: the file already holds both saves before any restart.
    expect(readFileSync(path, 'utf8').trim().split('\n').filter((l) => JSON.parse(l).op === 'save')).toHaveLength(2);

    const restarted = filePersistence(path);
    const loaded = await restarted.load();
    expect(loaded.meta).toEqual(meta);
    expect(loaded.revision).toBe(2);
    expect(loaded.changes).toHaveLength(2);
    expect(loaded.changes).toEqual(expect.arrayContaining([v2, gone]));
    // Loading compacts the log: one version of each record.
    expect(readFileSync(path, 'utf8')).not.toContain('"APPROVE"');
    expect(await restarted.save([v1])).toBe(3);
    expect((await filePersistence(path).load()).changes).toEqual(expect.arrayContaining([v1, gone]));
  });

  it('a clear forgets changes and meta but not the revision, also after a restart', async () => {
    const path = stateFile();
    const persistence = filePersistence(path);
    await persistence.save([v1]);
    await persistence.saveMeta(meta);
    expect(await persistence.clear()).toBe(2);
    expect(await filePersistence(path).load()).toEqual({ meta: null, changes: [], revision: 2 });
  });

  it('ignores a last line cut short by a crash, and refuses a damaged line before it', async () => {
    const path = stateFile();
    await filePersistence(path).save([v1]);
    appendFileSync(path, '{"op":"save","revision":2,"chan');
    expect((await filePersistence(path).load()).changes).toEqual([v1]);

    writeFileSync(path, `not json\n${JSON.stringify({ op: 'save', revision: 1, changes: [v1] })}\n`);
    await expect(filePersistence(path).load()).rejects.toThrow(/damaged at line 1/);
  });

  it('a tenant over it survives a restart: decisions and the audit come back, and reset forgets them', async () => {
    const path = stateFile();
    const manager = PERSONAS.find((p) => p.key === 'manager')!.identityId;
    const first = await SandboxTenant.create({ persistence: filePersistence(path), rateLimit: null });
    const cert = first.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === 'ACTIVE')!;
    const item = first.store.itemsOf(cert.id).find((i) => i.decision === null)!;
    const reply = await first.handle(
      new Request(`http://127.0.0.1/v3/certifications/${cert.id}/decide`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${first.mintToken(manager)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify([{ id: item.id, decision: 'REVOKE', bulk: false, comments: 'Left in May' }]),
      }),
    );
    expect(reply.status).toBe(200);

    const restarted = await SandboxTenant.create({ persistence: filePersistence(path), rateLimit: null });
    expect(restarted.store.get('items', item.id)).toMatchObject({ decision: 'REVOKE', comments: 'Left in May' });
    expect(await restarted.audit()).toEqual([expect.objectContaining({ itemId: item.id, decision: 'REVOKE', actorId: manager })]);
    expect(restarted.store.get('certifications', cert.id)!.created).toBe(cert.created);

    await restarted.reset();
    const afterReset = await SandboxTenant.create({ persistence: filePersistence(path), rateLimit: null });
    expect(afterReset.store.get('items', item.id)!.decision).toBeNull();
    expect(await afterReset.audit()).toEqual([]);
  });
});
