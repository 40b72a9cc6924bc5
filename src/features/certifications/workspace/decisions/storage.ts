import { openDB, type IDBPDatabase } from 'idb';
import { entryKey, type DecisionStorage, type QueueEntry, type StoredKey } from './queue';

/**
 * The decision queue's storage in IndexedDB, shared by the tabs of this browser: a log. Each write is one
 * record (the entries it puts, or the keys it removes), whatever its size, because IndexedDB's cost is per
 * record: a bulk decision's 5,000 entries cost one record, not 5,000 (about 0.1 ms each here), and marking
 * 250 of them as being sent is one small write instead of a read-and-write of 250 rows.
 *
 * Reading it back replays the records in the order they were written (the store's key generator orders the
 * writes of every tab): an item is its newest version, unless a removal of that version or a newer one came
 * after. The same version written twice (queued, then being sent) is the later write. A write that finds more
 * than COMPACT_FROM records folds the log into one record of what is live, in the same transaction.
 */
const DB_NAME = 'attest-decisions';
/** Version 2: one row per item (read once, when the database moves to version 3). */
const LEGACY_STORE = 'queue';
const LOG = 'log';
const COMPACT_FROM = 64;
/** How long a folded log remembers removals (versions are milliseconds × 1000). */
const REMOVALS_KEPT_MS = 24 * 3600 * 1000;

interface LogRecord {
  puts: QueueEntry[];
  removes: StoredKey[];
}

export function indexedDbDecisionStorage(name = DB_NAME): DecisionStorage {
  let dbPromise: Promise<IDBPDatabase> | null = null;
  const db = () =>
    (dbPromise ??= openDB(name, 3, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion >= 3) return;
        try {
          const log = database.createObjectStore(LOG, { autoIncrement: true });
          if (!database.objectStoreNames.contains(LEGACY_STORE)) return;
          // Version 1 kept decisions without their owner: they cannot be sent as anyone, so they go.
          const legacy = oldVersion >= 2 ? ((await transaction.objectStore(LEGACY_STORE).getAll()) as QueueEntry[]) : [];
          if (legacy.length) await log.add({ puts: legacy, removes: [] } satisfies LogRecord);
          database.deleteObjectStore(LEGACY_STORE);
        } catch (error) {
          // Never half moved: the old rows stay where they were, for the next try.
          transaction.abort();
          throw error;
        }
      },
      // A newer Attest in another tab wants to upgrade: step aside (this tab reopens on its next write).
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        dbPromise = null;
      },
    }).catch((error: unknown) => {
      dbPromise = null;
      throw error;
    }));

  async function append(record: LogRecord): Promise<void> {
    const tx = (await db()).transaction(LOG, 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // a failed request below rejects first; the write's own error is that one
    await tx.store.add(record);
    if ((await tx.store.count()) > COMPACT_FROM) {
      const { live, removedUpTo } = replayLog((await tx.store.getAll()) as LogRecord[]);
      await tx.store.clear();
      // The removals stay too (a day's worth): a late write of a version already removed must not bring it back.
      const since = (Date.now() - REMOVALS_KEPT_MS) * 1000;
      const removes = [...removedUpTo].flatMap(([key, version]) => (version >= since ? [{ key, version }] : []));
      if (live.length || removes.length) await tx.store.add({ puts: live, removes } satisfies LogRecord);
    }
    await done;
  }

  return {
    async load() {
      return replayLog((await (await db()).getAll(LOG)) as LogRecord[]).live;
    },
    put: (entries) => (entries.length ? append({ puts: entries, removes: [] }) : Promise.resolve()),
    remove: (keys) => (keys.length ? append({ puts: [], removes: keys }) : Promise.resolve()),
  };
}

/**
 * What the log holds now: per item, the newest version written, unless a removal at or above it came
 * (before or after it: a removal also refuses later writes of the versions it removed).
 */
function replayLog(records: LogRecord[]): { live: QueueEntry[]; removedUpTo: Map<string, number> } {
  const live = new Map<string, QueueEntry>();
  const removedUpTo = new Map<string, number>();
  for (const record of records) {
    for (const entry of record.puts) {
      const key = entryKey(entry);
      const current = live.get(key);
      if ((current && current.version > entry.version) || (removedUpTo.get(key) ?? -Infinity) >= entry.version) continue;
      live.set(key, entry);
    }
    for (const { key, version } of record.removes) {
      removedUpTo.set(key, Math.max(version, removedUpTo.get(key) ?? -Infinity));
      const current = live.get(key);
      if (current && current.version <= version) live.delete(key);
    }
  }
  return { live: [...live.values()], removedUpTo };
}
