import type { DecisionOwner, DecisionStorage, QueueEntry } from '../src/features/certifications/workspace/decisions/queue';
import { keyOf } from '../src/features/certifications/workspace/decisions/queue';

/** The reviewer most queue tests decide as. */
export const TEST_OWNER: DecisionOwner = { identityId: 'reviewer-1', name: 'Riley Reviewer', tenant: 'test-tenant' };

/**
 * Decision storage in memory with IndexedDB storage's rules (never over a newer version, never removing
 * one), logging what it is asked to do. `writeDelayMs` makes every write slow.
 */
export function memoryDecisionStorage(options: { writeDelayMs?: number } = {}) {
  const rows = new Map<string, QueueEntry>();
  /** Removed versions, by key: as in the real storage, a later put of one of them doesn't bring it back. */
  const removedUpTo = new Map<string, number>();
  const log: string[] = [];
  const wait = () => (options.writeDelayMs ? new Promise<void>((resolve) => setTimeout(resolve, options.writeDelayMs)) : Promise.resolve());
  const storage: DecisionStorage = {
    load: async () => [...rows.values()].map((e) => structuredClone(e)),
    put: async (entries) => {
      await wait();
      for (const e of entries) {
        const key = keyOf(e.certificationId, e.decision.id);
        const stored = rows.get(key);
        if ((stored && stored.version > e.version) || (removedUpTo.get(key) ?? -Infinity) >= e.version) continue;
        rows.set(key, structuredClone(e));
        log.push(`put ${key}`);
      }
    },
    remove: async (keys) => {
      await wait();
      for (const { key, version } of keys) {
        removedUpTo.set(key, Math.max(version, removedUpTo.get(key) ?? -Infinity));
        const stored = rows.get(key);
        if (!stored || stored.version > version) continue;
        rows.delete(key);
        log.push(`remove ${key}`);
      }
    },
  };
  return { storage, rows, log };
}
