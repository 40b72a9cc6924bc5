import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TableName } from './model';

/** One record written (or deleted, when `record` is null) since the seed. */
export interface PersistedChange {
  table: TableName;
  id: string;
  record: unknown | null;
}

/** What the seed was made from: regenerating it with the same meta gives the same data. */
export interface SandboxMeta {
  /** Epoch ms the seed's dates are relative to (the sandbox's creation or last reset). */
  anchor: number;
  /** Data size multiplier (1 = a few hundred identities). */
  scale: number;
  seedVersion: number;
}

/** Where the sandbox keeps its changes: IndexedDB in the browser, memory in unit tests. */
export interface Persistence {
  load(): Promise<{ meta: SandboxMeta | null; changes: PersistedChange[] }>;
  save(changes: PersistedChange[]): Promise<void>;
  saveMeta(meta: SandboxMeta): Promise<void>;
  clear(): Promise<void>;
}

export function memoryPersistence(): Persistence & { changes: Map<string, PersistedChange> } {
  const changes = new Map<string, PersistedChange>();
  let meta: SandboxMeta | null = null;
  return {
    changes,
    load: async () => ({ meta, changes: [...changes.values()] }),
    save: async (list) => {
      for (const c of list) changes.set(`${c.table}:${c.id}`, structuredClone(c));
    },
    saveMeta: async (m) => {
      meta = m;
    },
    clear: async () => {
      changes.clear();
      meta = null;
    },
  };
}

const DB_NAME = 'attest-sandbox';

interface SandboxDb extends DBSchema {
  /** One row per changed record, keyed `table:id`. */
  changes: { key: string; value: PersistedChange };
  meta: { key: 'meta'; value: SandboxMeta };
}

/** Keeps the sandbox's changes in IndexedDB (through idb), one row per changed record. */
export function indexedDbPersistence(name = DB_NAME): Persistence {
  let dbPromise: Promise<IDBPDatabase<SandboxDb>> | null = null;
  const db = () =>
    (dbPromise ??= openDB<SandboxDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('changes');
        database.createObjectStore('meta');
      },
    }));
  return {
    async load() {
      const tx = (await db()).transaction(['changes', 'meta'], 'readonly');
      const [changes, meta] = await Promise.all([tx.objectStore('changes').getAll(), tx.objectStore('meta').get('meta'), tx.done]);
      return { meta: meta ?? null, changes };
    },
    async save(changes) {
      const tx = (await db()).transaction('changes', 'readwrite');
      await Promise.all([...changes.map((c) => tx.store.put(c, `${c.table}:${c.id}`)), tx.done]);
    },
    async saveMeta(meta) {
      await (await db()).put('meta', meta, 'meta');
    },
    async clear() {
      const tx = (await db()).transaction(['changes', 'meta'], 'readwrite');
      await Promise.all([tx.objectStore('changes').clear(), tx.objectStore('meta').clear(), tx.done]);
    },
  };
}
