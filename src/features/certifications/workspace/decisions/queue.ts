import { isApiError } from '../../../../api/errors';
import { DECIDE_MAX } from '../../../../api/rules';
import type { IdentityCertificationDto, ReviewDecision } from '../../../../api/schemas';

/**
 * The durable decision queue: every decision a reviewer makes is written here first (IndexedDB), shown
 * at once, and sent to the tenant in calls of at most 250. Nothing is lost and nothing is doubled:
 * - a newer decision on the same item replaces the queued one (deciding is idempotent per item);
 * - network failures, 5xx and rate limits keep decisions queued and retry with backoff;
 * - a 401 pauses sending until the session is renewed;
 * - a 400 on a batch is split to find the refused decisions; only those fail, with the tenant's message;
 * - a reload restores whatever was not yet confirmed.
 */


export interface QueueEntry {
  certificationId: string;
  decision: ReviewDecision;
  /** Increases with each replacement, so a reply for an older version doesn't clear a newer one. */
  version: number;
  status: 'queued' | 'sending' | 'failed';
  message?: string;
  queuedAt: number;
}

export interface DecisionStorage {
  load(): Promise<QueueEntry[]>;
  put(entries: QueueEntry[]): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface RunProgress {
  total: number;
  sent: number;
  failed: number;
  /** Calls made in this run. */
  calls: number;
}

export type QueueEvent =
  | { type: 'change'; certificationId: string }
  | { type: 'sent'; certificationId: string; certification: IdentityCertificationDto; decisions: ReviewDecision[] }
  | { type: 'failed'; certificationId: string; decisions: ReviewDecision[]; message: string };

export interface DecisionQueueOptions {
  storage: DecisionStorage;
  send: (certificationId: string, decisions: ReviewDecision[]) => Promise<IdentityCertificationDto>;
  /** Wait before sending, so a quick change of mind (or Ctrl+Z) never reaches the tenant. */
  delayMs?: number;
  /** Waits between retries after transient failures. */
  retryDelaysMs?: number[];
  /** Calls in flight at once for one certification. */
  concurrency?: number;
  /**
   * Whether the certification still takes decisions. Asked once before a refused batch is split: a
   * certification signed off elsewhere refuses every decision, and splitting would cost ~2 calls per item.
   */
  acceptsDecisions?: (certificationId: string) => Promise<boolean>;
}

export const keyOf = (certificationId: string, itemId: string) => `${certificationId}:${itemId}`;

export class DecisionQueue {
  private entries = new Map<string, QueueEntry>();
  private listeners = new Set<(event: QueueEvent) => void>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private active = new Map<string, number>();
  private attempts = new Map<string, number>();
  /** Certifications waiting out a retry delay: nothing is sent for them until the retry timer fires. */
  private backingOff = new Set<string>();
  /** Keys whose call is in flight: a newer version of one waits for that reply, so calls never overtake. */
  private inFlight = new Set<string>();
  private runs = new Map<string, RunProgress>();
  private paused = false;
  private versions = 0;
  private loaded: Promise<void> | null = null;
  /** Changes land in storage in order. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: DecisionQueueOptions) {}

  /** Restores decisions that were not confirmed before a reload, and sends them. */
  load(): Promise<void> {
    return (this.loaded ??= this.options.storage.load().then((stored) => {
      const restored: QueueEntry[] = [];
      for (const entry of stored) {
        const key = keyOf(entry.certificationId, entry.decision.id);
        if (this.entries.has(key)) continue;
        // A send cut short by the reload: its reply never came, so send it again.
        const restoredEntry: QueueEntry = { ...entry, status: entry.status === 'failed' ? 'failed' : 'queued' };
        this.entries.set(key, restoredEntry);
        restored.push(restoredEntry);
        this.versions = Math.max(this.versions, entry.version);
      }
      for (const certificationId of new Set(stored.map((e) => e.certificationId))) {
        // The restored decisions are this run's work, so progress can reach its total.
        const mine = restored.filter((e) => e.certificationId === certificationId);
        const run = this.run(certificationId);
        run.total += mine.length;
        run.failed += mine.filter((e) => e.status === 'failed').length;
        this.emit({ type: 'change', certificationId });
        this.schedule(certificationId, 0);
      }
    }));
  }

  subscribe(listener: (event: QueueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues decisions (replacing any queued for the same items) and sends them shortly. */
  enqueue(certificationId: string, decisions: ReviewDecision[], options: { immediate?: boolean } = {}): void {
    if (decisions.length === 0) return;
    const run = this.run(certificationId);
    const changed: QueueEntry[] = [];
    for (const decision of decisions) {
      const key = keyOf(certificationId, decision.id);
      const previous = this.entries.get(key);
      // Replacing a queued decision is not more work; replacing a failed one takes it out of the failures.
      if (previous?.status === 'failed' && run.failed > 0) run.failed--;
      else if (previous?.status !== 'queued') run.total++;
      const entry: QueueEntry = { certificationId, decision, version: ++this.versions, status: 'queued', queuedAt: Date.now() };
      this.entries.set(key, entry);
      changed.push(entry);
    }
    this.persist(changed, []);
    this.emit({ type: 'change', certificationId });
    this.schedule(certificationId, options.immediate ? 0 : (this.options.delayMs ?? 600));
  }

  /** Takes back queued decisions that have not been sent yet; answers the item ids taken back. */
  cancel(certificationId: string, itemIds: string[]): string[] {
    const removed: string[] = [];
    for (const id of itemIds) {
      const key = keyOf(certificationId, id);
      const entry = this.entries.get(key);
      if (entry && entry.status !== 'sending') {
        this.entries.delete(key);
        removed.push(key);
      }
    }
    if (removed.length) {
      const run = this.runs.get(certificationId);
      if (run) run.total = Math.max(run.sent + run.failed, run.total - removed.length);
      this.persist([], removed);
      this.emit({ type: 'change', certificationId });
    }
    return removed.map((k) => k.slice(certificationId.length + 1));
  }

  /** Unconfirmed decisions of a certification, by item id. */
  pending(certificationId: string): Map<string, QueueEntry> {
    const result = new Map<string, QueueEntry>();
    for (const entry of this.entries.values()) if (entry.certificationId === certificationId) result.set(entry.decision.id, entry);
    return result;
  }

  /** Every certification with unconfirmed decisions. */
  pendingCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.status !== 'failed') count++;
    return count;
  }

  progress(certificationId: string): RunProgress | null {
    return this.runs.get(certificationId) ?? null;
  }

  /** Sends failed decisions again (after the reviewer fixed what the tenant refused, or to try once more). */
  retryFailed(certificationId: string): void {
    const changed: QueueEntry[] = [];
    for (const entry of this.entries.values()) {
      if (entry.certificationId === certificationId && entry.status === 'failed') {
        entry.status = 'queued';
        delete entry.message;
        changed.push(entry);
      }
    }
    const run = this.runs.get(certificationId);
    if (run) run.failed = Math.max(0, run.failed - changed.length);
    this.persist(changed, []);
    this.emit({ type: 'change', certificationId });
    this.schedule(certificationId, 0);
  }

  /** Drops failed decisions: the rows go back to what the tenant has. */
  discardFailed(certificationId: string): void {
    const removed = [...this.entries.entries()].filter(([, e]) => e.certificationId === certificationId && e.status === 'failed').map(([k]) => k);
    for (const key of removed) this.entries.delete(key);
    this.persist([], removed);
    this.emit({ type: 'change', certificationId });
  }

  /** Stops sending (401: the session must be renewed first). */
  pause(): void {
    this.paused = true;
  }

  /** Sends again after a pause or when the browser is back online. */
  resume(): void {
    this.paused = false;
    for (const certificationId of new Set([...this.entries.values()].map((e) => e.certificationId))) this.schedule(certificationId, 0);
  }

  /** Waits until everything queued is written to storage (tests, and before unload). */
  settled(): Promise<void> {
    return this.writes;
  }

  private run(certificationId: string): RunProgress {
    let run = this.runs.get(certificationId);
    const busy = [...this.entries.values()].some((e) => e.certificationId === certificationId && e.status !== 'failed');
    if (!run || !busy) {
      run = { total: 0, sent: 0, failed: 0, calls: 0 };
      this.runs.set(certificationId, run);
    }
    return run;
  }

  private revisions = 0;

  /** Changes with every event: a cheap snapshot for React's useSyncExternalStore. */
  revision(): number {
    return this.revisions;
  }

  private emit(event: QueueEvent): void {
    this.revisions++;
    for (const listener of this.listeners) listener(event);
  }

  private persist(changed: QueueEntry[], removed: string[]): void {
    const snapshot = changed.map((e) => ({ ...e }));
    this.writes = this.writes
      .then(async () => {
        if (snapshot.length) await this.options.storage.put(snapshot);
        if (removed.length) await this.options.storage.remove(removed);
      })
      .catch((error: unknown) => console.error('Attest could not save decisions to this browser', error));
  }

  private schedule(certificationId: string, delay: number): void {
    const existing = this.timers.get(certificationId);
    if (existing) clearTimeout(existing);
    this.timers.set(
      certificationId,
      setTimeout(() => {
        this.timers.delete(certificationId);
        this.backingOff.delete(certificationId);
        void this.pump(certificationId);
      }, delay),
    );
  }

  /** Sends queued decisions in calls of at most 250, a few calls at a time. */
  private async pump(certificationId: string): Promise<void> {
    const limit = this.options.concurrency ?? 2;
    // After a transient failure, wait for the retry timer (a finished call must not resend at once).
    if (this.backingOff.has(certificationId)) return;
    while (!this.paused && (this.active.get(certificationId) ?? 0) < limit) {
      const batch = [...this.entries.values()]
        .filter((e) => e.certificationId === certificationId && e.status === 'queued' && !this.inFlight.has(keyOf(certificationId, e.decision.id)))
        .slice(0, DECIDE_MAX);
      if (batch.length === 0) return;
      for (const entry of batch) entry.status = 'sending';
      this.active.set(certificationId, (this.active.get(certificationId) ?? 0) + 1);
      this.emit({ type: 'change', certificationId });
      void this.sendBatch(certificationId, batch).finally(() => {
        this.active.set(certificationId, (this.active.get(certificationId) ?? 1) - 1);
        void this.pump(certificationId);
      });
    }
  }

  private async sendBatch(certificationId: string, batch: QueueEntry[]): Promise<void> {
    const run = this.run(certificationId);
    run.calls++;
    const decisions = batch.map((e) => e.decision);
    const keys = batch.map((e) => keyOf(certificationId, e.decision.id));
    for (const key of keys) this.inFlight.add(key);
    let certification: IdentityCertificationDto;
    try {
      certification = await this.options.send(certificationId, decisions);
    } catch (error) {
      for (const key of keys) this.inFlight.delete(key);
      await this.handleFailure(certificationId, batch, error, run);
      return;
    }
    for (const key of keys) this.inFlight.delete(key);
    this.attempts.delete(certificationId);
    const confirmed: string[] = [];
    for (const entry of batch) {
      const key = keyOf(certificationId, entry.decision.id);
      // Only clear what this reply confirmed: a newer decision made meanwhile stays queued.
      if (this.entries.get(key)?.version === entry.version) {
        this.entries.delete(key);
        confirmed.push(key);
      }
    }
    run.sent += batch.length;
    this.persist([], confirmed);
    this.emit({ type: 'sent', certificationId, certification, decisions });
    this.emit({ type: 'change', certificationId });
  }

  private async stillAccepts(certificationId: string): Promise<boolean> {
    try {
      return (await this.options.acceptsDecisions?.(certificationId)) ?? true;
    } catch {
      return true;
    }
  }

  private async handleFailure(certificationId: string, batch: QueueEntry[], error: unknown, run: RunProgress): Promise<void> {
    const status = isApiError(error) ? error.status : undefined;
    const current = batch.filter((e) => this.entries.get(keyOf(certificationId, e.decision.id))?.version === e.version);
    const requeue = () => current.forEach((e) => (e.status = 'queued'));
    // Decisions replaced while this call was out are never sent now: their newer versions count instead.
    run.total = Math.max(run.sent + run.failed, run.total - (batch.length - current.length));

    if (status === 401) {
      // The session expired: keep everything, wait for sign-in.
      requeue();
      this.pause();
    } else if (status === 400 && batch.length > 1 && (await this.stillAccepts(certificationId))) {
      // Find the refused decisions: send each half on its own, immediately. (A decision replaced meanwhile
      // may have been the refused one, so even a single one left is sent again on its own.) The halves are
      // awaited, so this call counts as in flight until they are answered.
      const half = Math.ceil(current.length / 2);
      const halves = [current.slice(0, half), current.slice(half)].filter((h) => h.length > 0);
      for (const entry of current) entry.status = 'sending';
      await Promise.all(halves.map((h) => this.sendBatch(certificationId, h)));
      return;
    } else if (status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 408) {
      // Refused for good (400 on a single decision, 403, 404): show it on the row, keep it for a retry or discard.
      const message = error instanceof Error ? error.message : String(error);
      for (const entry of current) {
        entry.status = 'failed';
        entry.message = message;
      }
      // The run of this call (this.run() would start a new one once nothing is left to send).
      run.failed += current.length;
      this.persist(current, []);
      this.emit({ type: 'failed', certificationId, decisions: current.map((e) => e.decision), message });
    } else {
      // Network, 5xx, rate limit: keep it queued and try again after a pause.
      requeue();
      this.backingOff.add(certificationId);
      const attempt = (this.attempts.get(certificationId) ?? 0) + 1;
      this.attempts.set(certificationId, attempt);
      const delays = this.options.retryDelaysMs ?? [1000, 2000, 5000, 10_000, 30_000];
      this.schedule(certificationId, delays[Math.min(attempt, delays.length) - 1]!);
    }
    this.emit({ type: 'change', certificationId });
  }
}

const DB_NAME = 'attest-decisions';
const STORE = 'queue';

/** IndexedDB storage of unconfirmed decisions, one row per item, in this browser only. */
export function indexedDbDecisionStorage(factory: IDBFactory = indexedDB): DecisionStorage {
  let dbPromise: Promise<IDBDatabase> | null = null;
  const db = () =>
    (dbPromise ??= new Promise((resolve, reject) => {
      const open = factory.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    }));
  const transaction = async (mode: IDBTransactionMode, work: (store: IDBObjectStore) => void) => {
    const tx = (await db()).transaction(STORE, mode);
    work(tx.objectStore(STORE));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    async load() {
      let result: QueueEntry[] = [];
      await transaction('readonly', (store) => {
        const request = store.getAll();
        request.onsuccess = () => (result = request.result as QueueEntry[]);
      });
      return result;
    },
    put: (entries) => transaction('readwrite', (store) => entries.forEach((e) => store.put(e, keyOf(e.certificationId, e.decision.id)))),
    remove: (keys) => transaction('readwrite', (store) => keys.forEach((k) => store.delete(k))),
  };
}
