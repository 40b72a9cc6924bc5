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
const CHANGES = 'changes';
const META = 'meta';

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Keeps the sandbox's changes in IndexedDB, one row per changed record. */
export function indexedDbPersistence(factory: IDBFactory = indexedDB, name = DB_NAME): Persistence {
  let dbPromise: Promise<IDBDatabase> | null = null;
  const db = () =>
    (dbPromise ??= new Promise((resolve, reject) => {
      const open = factory.open(name, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore(CHANGES);
        open.result.createObjectStore(META);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    }));
  return {
    async load() {
      const tx = (await db()).transaction([CHANGES, META], 'readonly');
      const [changes, meta] = await Promise.all([
        promisify(tx.objectStore(CHANGES).getAll() as IDBRequest<PersistedChange[]>),
        promisify(tx.objectStore(META).get('meta') as IDBRequest<SandboxMeta | undefined>),
      ]);
      return { meta: meta ?? null, changes };
    },
    async save(changes) {
      const tx = (await db()).transaction(CHANGES, 'readwrite');
      const store = tx.objectStore(CHANGES);
      for (const c of changes) store.put(c, `${c.table}:${c.id}`);
      await done(tx);
    },
    async saveMeta(meta) {
      const tx = (await db()).transaction(META, 'readwrite');
      tx.objectStore(META).put(meta, 'meta');
      await done(tx);
    },
    async clear() {
      const tx = (await db()).transaction([CHANGES, META], 'readwrite');
      tx.objectStore(CHANGES).clear();
      tx.objectStore(META).clear();
      await done(tx);
    },
  };
}
