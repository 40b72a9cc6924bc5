// @vitest-environment node
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { entryKey, type QueueEntry } from './queue';
import { indexedDbDecisionStorage } from './storage';

const owner = { identityId: 'id-priya', name: 'Priya Shah', tenant: 'https://acme.api.identitynow.com' };

function entry(itemId: string, version: number, status: QueueEntry['status'] = 'queued', decision: 'APPROVE' | 'REVOKE' = 'APPROVE'): QueueEntry {
  return { certificationId: 'cert-1', decision: { id: itemId, decision, bulk: false }, owner, version, status, queuedAt: 1 };
}

const newName = () => `attest-decisions-storage-test-${crypto.randomUUID()}`;
const summary = (entries: QueueEntry[]) => entries.map((e) => `${e.decision.id}@${e.version}:${e.status}:${e.decision.decision}`).sort();

describe('the decision queue’s IndexedDB storage', () => {
  it('reads back what was written, and forgets what was removed', async () => {
    const storage = indexedDbDecisionStorage(newName());
    await storage.put([entry('a', 1), entry('b', 2), entry('c', 3)]);
    await storage.remove([{ key: entryKey(entry('b', 2)), version: 2 }]);
    expect(summary(await storage.load())).toEqual(['a@1:queued:APPROVE', 'c@3:queued:APPROVE']);
  });

  it('never writes an older version over a newer one (another tab may have written it)', async () => {
    const storage = indexedDbDecisionStorage(newName());
    await storage.put([entry('a', 5, 'queued', 'REVOKE')]);
    await storage.put([entry('a', 4, 'queued', 'APPROVE')]);
    expect(summary(await storage.load())).toEqual(['a@5:queued:REVOKE']);
  });

  it('takes the later write of the same version: a batch marked as being sent stays marked', async () => {
    const storage = indexedDbDecisionStorage(newName());
    await storage.put([entry('a', 7, 'queued'), entry('b', 8, 'queued')]);
    await storage.put([entry('a', 7, 'sending')]);
    expect(summary(await storage.load())).toEqual(['a@7:sending:APPROVE', 'b@8:queued:APPROVE']);
  });

  it('removes an item only up to the version confirmed: a newer decision made meanwhile stays', async () => {
    const storage = indexedDbDecisionStorage(newName());
    await storage.put([entry('a', 1)]);
    await storage.put([entry('a', 2, 'queued', 'REVOKE')]);
    await storage.remove([{ key: entryKey(entry('a', 1)), version: 1 }]);
    expect(summary(await storage.load())).toEqual(['a@2:queued:REVOKE']);
    // A late write of a version already confirmed does not bring it back.
    await storage.remove([{ key: entryKey(entry('a', 2)), version: 2 }]);
    await storage.put([entry('a', 2, 'sending', 'REVOKE')]);
    expect(await storage.load()).toEqual([]);
  });

  it('is shared by two tabs: each sees the other’s writes, in the order they were made', async () => {
    const name = newName();
    const tabA = indexedDbDecisionStorage(name);
    const tabB = indexedDbDecisionStorage(name);
    await tabA.put([entry('a', 1), entry('b', 1)]);
    await tabB.put([entry('b', 3, 'queued', 'REVOKE')]);
    await tabA.remove([{ key: entryKey(entry('a', 1)), version: 1 }]);
    await tabA.put([entry('b', 2)]); // older than tab B's: ignored
    expect(summary(await tabB.load())).toEqual(['b@3:queued:REVOKE']);
    expect(summary(await tabA.load())).toEqual(['b@3:queued:REVOKE']);
  });

  it('folds a long log into one record of what is live, without changing what reads back', async () => {
    const name = newName();
    const storage = indexedDbDecisionStorage(name);
    const expected: QueueEntry[] = [];
    for (let i = 0; i < 100; i++) {
      await storage.put([entry(`item-${i}`, i + 1)]);
      if (i % 2 === 0) await storage.remove([{ key: entryKey(entry(`item-${i}`, i + 1)), version: i + 1 }]);
      else expected.push(entry(`item-${i}`, i + 1));
    }
    expect(summary(await storage.load())).toEqual(summary(expected));
    const db = await openDB(name);
    expect(await db.count('log')).toBeLessThanOrEqual(65);
    db.close();
  });

  it('remembers removals when it folds the log: a late write of a removed version stays removed', async () => {
    const name = newName();
    const storage = indexedDbDecisionStorage(name);
    const now = Date.now() * 1000;
    await storage.put([entry('a', now, 'queued')]);
    // Taken back (cancel) before its put landed in the other lane, then enough writes to fold the log.
    await storage.remove([{ key: entryKey(entry('a', now)), version: now }]);
    for (let i = 0; i < 70; i++) await storage.put([entry(`other-${i}`, now + i + 1)]);
    const db = await openDB(name);
    expect(await db.count('log')).toBeLessThan(70);
    db.close();
    await storage.put([entry('a', now, 'sending')]);
    expect((await storage.load()).map((e) => e.decision.id)).not.toContain('a');
  });

  it('writes a bulk decision of 5,000 items as one record', async () => {
    const name = newName();
    const storage = indexedDbDecisionStorage(name);
    await storage.put(Array.from({ length: 5000 }, (_, i) => entry(`item-${i}`, i + 1)));
    const db = await openDB(name);
    expect(await db.count('log')).toBe(1);
    db.close();
    expect(await storage.load()).toHaveLength(5000);
  });

  it('keeps what a previous Attest stored one row per item (database version 2)', async () => {
    const name = newName();
    const old = await openDB(name, 2, { upgrade: (db) => void db.createObjectStore('queue') });
    await old.put('queue', entry('a', 1, 'sending'), entryKey(entry('a', 1)));
    await old.put('queue', entry('b', 2, 'failed'), entryKey(entry('b', 2)));
    old.close();
    const storage = indexedDbDecisionStorage(name);
    expect(summary(await storage.load())).toEqual(['a@1:sending:APPROVE', 'b@2:failed:APPROVE']);
    const db = await openDB(name);
    expect([...db.objectStoreNames]).toEqual(['log']);
    db.close();
  });

  it('drops what version 1 stored: those decisions had no owner, so they can never be sent as anyone', async () => {
    const name = newName();
    const old = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('queue') });
    await old.put('queue', { certificationId: 'cert-1', decision: { id: 'a', decision: 'APPROVE', bulk: false }, version: 1 }, 'cert-1:a');
    old.close();
    expect(await indexedDbDecisionStorage(name).load()).toEqual([]);
  });
});
