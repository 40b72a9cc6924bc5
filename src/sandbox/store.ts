import { TABLE_NAMES, type Assignment, type DecisionAuditRecord, type ItemRecord, type SeedData, type TableName, type Tables } from './model';
import type { Persistence, PersistedChange } from './persistence';

/**
 * The sandbox's state: tables of records in memory, built from the deterministic seed and overlaid with
 * every change persisted since (IndexedDB in the browser), so a reload loses nothing. Changes are tracked
 * per record and written by `flush()` after each request.
 */
export class Store {
  private tables = new Map<TableName, Map<string, unknown>>();
  private dirty = new Map<string, PersistedChange>();
  private itemIndex: Map<string, ItemRecord[]> | null = null;
  /** Where each item sits in its certification's list: a decision replaces one item in O(1), not O(n). */
  private itemPositions = new Map<string, number>();
  readonly assignments: Assignment[];
  private idCounter = 0;
  private auditSeq: number | null = null;
  /** Goes up whenever records change behind the rules' back (changes from another tab): caches built over the store drop. */
  generation = 0;
  /** Goes up with every change of any record (put, delete, another tab's): caches of answers drop. */
  changeCount = 0;

  constructor(
    seed: SeedData,
    private readonly persistence: Persistence,
    /** The clock; tests move it. */
    readonly clock: { now: () => number } = { now: () => Date.now() },
  ) {
    for (const name of TABLE_NAMES) {
      this.tables.set(name, new Map((seed.tables[name] as { id: string }[]).map((r) => [r.id, r])));
    }
    this.assignments = seed.assignments;
  }

  /** Applies changes persisted earlier (or by another tab) on top of the seed, and drops the indexes. */
  applyPersisted(changes: PersistedChange[]): void {
    for (const change of changes) {
      const table = this.tables.get(change.table);
      if (!table) continue;
      if (change.record === null) table.delete(change.id);
      else table.set(change.id, change.record);
      if (change.table === 'decisionAudit' && change.record && this.auditSeq !== null) {
        this.auditSeq = Math.max(this.auditSeq, (change.record as DecisionAuditRecord).seq);
      }
    }
    this.itemIndex = null;
    this.generation++;
    this.changeCount++;
  }

  /** The next audit row's sequence number, after every row this store has seen (its own and other tabs'). */
  nextAuditSeq(): number {
    this.auditSeq ??= this.all('decisionAudit').reduce((max, r) => Math.max(max, r.seq), 0);
    return ++this.auditSeq;
  }

  now(): Date {
    return new Date(this.clock.now());
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  /** A new 32-hex-digit id, like ISC's. */
  newId(): string {
    this.idCounter = (this.idCounter + 1) % 0x10000;
    return randomHex(28) + this.idCounter.toString(16).padStart(4, '0');
  }

  get<T extends TableName>(table: T, id: string): Tables[T] | undefined {
    return this.table(table).get(id) as Tables[T] | undefined;
  }

  all<T extends TableName>(table: T): Tables[T][] {
    return [...this.table(table).values()] as Tables[T][];
  }

  put<T extends TableName>(table: T, record: Tables[T]): Tables[T] {
    const id = (record as { id: string }).id;
    if (table === 'items') this.reindexItem(this.table('items').get(id) as ItemRecord | undefined, record as ItemRecord);
    this.table(table).set(id, record);
    this.dirty.set(`${table}:${id}`, { table, id, record });
    this.changeCount++;
    return record;
  }

  delete(table: TableName, id: string): void {
    if (table === 'items') this.reindexItem(this.table('items').get(id) as ItemRecord | undefined, undefined);
    this.table(table).delete(id);
    this.dirty.set(`${table}:${id}`, { table, id, record: null });
    this.changeCount++;
  }

  /** The items of a certification, in a stable order. */
  itemsOf(certificationId: string): ItemRecord[] {
    return this.index().get(certificationId) ?? [];
  }

  /** Writes the changes made since the last flush; answers them (for other tabs) and the revision written. */
  async flush(): Promise<{ changes: PersistedChange[]; revision: number } | null> {
    if (this.dirty.size === 0) return null;
    const changes = [...this.dirty.values()];
    this.dirty.clear();
    const revision = await this.persistence.save(changes);
    return { changes, revision };
  }

  private table(name: TableName): Map<string, unknown> {
    return this.tables.get(name)!;
  }

  private index(): Map<string, ItemRecord[]> {
    if (!this.itemIndex) {
      this.itemIndex = new Map();
      this.itemPositions = new Map();
      for (const item of this.table('items').values() as Iterable<ItemRecord>) {
        let list = this.itemIndex.get(item.certificationId);
        if (!list) this.itemIndex.set(item.certificationId, (list = []));
        this.itemPositions.set(item.id, list.length);
        list.push(item);
      }
    }
    return this.itemIndex;
  }

  private reindexItem(before: ItemRecord | undefined, after: ItemRecord | undefined): void {
    if (!this.itemIndex) return;
    if (before && after && before.certificationId === after.certificationId) {
      const list = this.itemIndex.get(before.certificationId)!;
      const at = this.itemPositions.get(before.id);
      // A position is stale once an item before it left the list (removals don't renumber): look it up then.
      const index = at !== undefined && list[at] === before ? at : list.indexOf(before);
      list[index] = after;
      this.itemPositions.set(after.id, index);
      return;
    }
    if (before) {
      const list = this.itemIndex.get(before.certificationId);
      const at = list ? list.indexOf(before) : -1;
      if (list && at >= 0) {
        list.splice(at, 1);
        this.itemPositions.delete(before.id);
      }
    }
    if (after) {
      let list = this.itemIndex.get(after.certificationId);
      if (!list) this.itemIndex.set(after.certificationId, (list = []));
      this.itemPositions.set(after.id, list.length);
      list.push(after);
    }
  }
}

/** Random bytes drawn in bulk: a decision call records 250 audit rows, and each draw costs a system call. */
const randomPool = new Uint8Array(4096);
let randomUsed = randomPool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function randomHex(digits: number): string {
  let out = '';
  for (let i = 0; i < digits / 2; i++) {
    if (randomUsed === randomPool.length) {
      crypto.getRandomValues(randomPool);
      randomUsed = 0;
    }
    out += HEX[randomPool[randomUsed++]!];
  }
  return out;
}
