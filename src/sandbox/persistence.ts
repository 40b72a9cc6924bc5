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

/**
 * Where the sandbox keeps its changes: IndexedDB in the browser, memory in unit tests. Every save and clear
 * counts one revision, kept with the data, so a tab can tell whether it has seen every other tab's writes.
 */
export interface Persistence {
  load(): Promise<{ meta: SandboxMeta | null; changes: PersistedChange[]; revision: number }>;
  /** Writes changes; answers the new revision. */
  save(changes: PersistedChange[]): Promise<number>;
  saveMeta(meta: SandboxMeta): Promise<void>;
  /** Forgets every change and the meta; answers the new revision (the revision itself is never reset). */
  clear(): Promise<number>;
  /** The revision last written, by any tab. */
  revision(): Promise<number>;
}

export function memoryPersistence(): Persistence & { changes: Map<string, PersistedChange> } {
  const changes = new Map<string, PersistedChange>();
  let meta: SandboxMeta | null = null;
  let revision = 0;
  return {
    changes,
    load: async () => ({ meta, changes: [...changes.values()].map((c) => structuredClone(c)), revision }),
    save: async (list) => {
      for (const c of list) changes.set(`${c.table}:${c.id}`, structuredClone(c));
      return ++revision;
    },
    saveMeta: async (m) => {
      meta = m;
    },
    clear: async () => {
      changes.clear();
      meta = null;
      return ++revision;
    },
    revision: async () => revision,
  };
}

const DB_NAME = 'attest-sandbox';

interface SandboxDb extends DBSchema {
  /** One row per changed record, keyed `table:id`. */
  changes: { key: string; value: PersistedChange };
  meta: { key: 'meta'; value: SandboxMeta };
  revision: { key: 'revision'; value: number };
}

/** Keeps the sandbox's changes in IndexedDB (through idb), one row per changed record. */
export function indexedDbPersistence(name = DB_NAME): Persistence {
  let dbPromise: Promise<IDBPDatabase<SandboxDb>> | null = null;
  const db = () =>
    (dbPromise ??= openDB<SandboxDb>(name, 2, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore('changes');
          database.createObjectStore('meta');
        }
        if (oldVersion < 2) database.createObjectStore('revision');
      },
    }));
  return {
    async load() {
      const tx = (await db()).transaction(['changes', 'meta', 'revision'], 'readonly');
      const [changes, meta, revision] = await Promise.all([
        tx.objectStore('changes').getAll(),
        tx.objectStore('meta').get('meta'),
        tx.objectStore('revision').get('revision'),
        tx.done,
      ]);
      return { meta: meta ?? null, changes, revision: revision ?? 0 };
    },
    async save(changes) {
      const tx = (await db()).transaction(['changes', 'revision'], 'readwrite');
      const revision = ((await tx.objectStore('revision').get('revision')) ?? 0) + 1;
      const puts = changes.map((c) => tx.objectStore('changes').put(c, `${c.table}:${c.id}`));
      await Promise.all([...puts, tx.objectStore('revision').put(revision, 'revision'), tx.done]);
      return revision;
    },
    async saveMeta(meta) {
      await (await db()).put('meta', meta, 'meta');
    },
    async clear() {
      const tx = (await db()).transaction(['changes', 'meta', 'revision'], 'readwrite');
      const revision = ((await tx.objectStore('revision').get('revision')) ?? 0) + 1;
      await Promise.all([tx.objectStore('changes').clear(), tx.objectStore('meta').clear(), tx.objectStore('revision').put(revision, 'revision'), tx.done]);
      return revision;
    },
    async revision() {
      return (await (await db()).get('revision', 'revision')) ?? 0;
    },
  };
}
