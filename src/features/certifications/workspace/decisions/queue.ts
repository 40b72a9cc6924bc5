import { isApiError } from '../../../../api/errors';
import { BULK_CALL_SHARE, DECIDE_MAX, ISC_RATE_LIMIT } from '../../../../api/rules';
import type { CertificationDecision, IdentityCertificationDto, ReviewDecision } from '../../../../api/schemas';

/**
 * The durable decision queue. A decision is a legal record: it reaches the tenant once, as the person who
 * made it, saying what they meant.
 * - Every decision is written here first (IndexedDB), shown at once, and sent in calls of at most 250.
 * - It belongs to the identity (and tenant) that made it and is only ever sent as them: another identity's
 *   decisions are held, never sent and never dropped, until their owner signs in again or discards them.
 * - Exactly once: a batch is marked as being sent (durably) before it goes out. If its reply never comes
 *   (network drop, 5xx, timeout, reload, tab closed), it is *uncertain*: its items are read back from the
 *   tenant and only what still differs from the intent is sent again.
 * - One sender across tabs: one tab at a time holds a reviewer's send lock (Web Locks); every tab sees the
 *   others' decisions as they happen (a broadcast channel).
 * - A newer decision on an item replaces the queued one; a reply for an older version never clears a newer.
 * - 429 and 401 were refused at the gate: those batches are simply kept. A 400 on a batch is split to find
 *   the refused decisions; only those fail, with the tenant's message.
 */

/** Who made a decision: it is only ever sent with this identity's session on this tenant. */
export interface DecisionOwner {
  identityId: string;
  name: string;
  tenant: string;
}

export const ownerKey = (owner: Pick<DecisionOwner, 'identityId' | 'tenant'>) => `${owner.tenant}|${owner.identityId}`;

/**
 * queued: waits to be sent; sending: a call is out (durably marked before it left); uncertain: a call's
 * reply never came, so it is read back before anything is sent again; failed: the tenant refused it.
 */
export type EntryStatus = 'queued' | 'sending' | 'uncertain' | 'failed';

export interface QueueEntry {
  certificationId: string;
  decision: ReviewDecision;
  owner: DecisionOwner;
  /** Grows with each replacement (across tabs: time-based), so a reply for an older version doesn't clear a newer one. */
  version: number;
  status: EntryStatus;
  message?: string;
  queuedAt: number;
  /** When the last call carrying it left. */
  sentAt?: number;
}

export interface StoredKey {
  key: string;
  version: number;
}

export interface DecisionStorage {
  load(): Promise<QueueEntry[]>;
  /** Writes entries, never over a newer version of the same item (another tab may have written one). */
  put(entries: QueueEntry[]): Promise<void>;
  /**
   * Removes entries, unless a newer version of the item was written meanwhile. Puts and removals go out in
   * separate lanes, so a removal may land before a put of the same version: that put must not bring it back.
   */
  remove(keys: StoredKey[]): Promise<void>;
}

export interface RunProgress {
  total: number;
  sent: number;
  failed: number;
  /** Decide calls made in this run. */
  calls: number;
  /** Read-back calls made in this run (to settle calls whose reply was lost). */
  checks: number;
}

/** Why decisions are waiting, for the status line. */
export type WaitReason = 'offline' | 'rate-limited' | 'tenant-error' | 'storage' | 'session-expired' | 'other-tab';

export interface QueueHealth {
  reason: WaitReason | null;
  /** Epoch ms of the next try, when one is scheduled. */
  retryAt: number | null;
  /** Whether this tab sends this reviewer's decisions (another tab may hold the lock). */
  sender: boolean;
}

/** What the tenant holds for an item, as read back. */
export interface TenantDecision {
  decision: CertificationDecision | null | undefined;
  comments: string | null | undefined;
}

export type QueueEvent =
  | { type: 'change'; certificationId: string }
  | { type: 'sent'; certificationId: string; certification?: IdentityCertificationDto; decisions: ReviewDecision[] }
  | { type: 'failed'; certificationId: string; decisions: ReviewDecision[]; message: string }
  /** Everything this reviewer decided in the certification is confirmed. */
  | { type: 'drained'; certificationId: string; saved: number };

/** Messages between tabs of one browser. */
export type QueueMessage =
  | { type: 'put'; entries: QueueEntry[] }
  /** `confirmed`: the tenant holds them now (the other tabs show them as saved); otherwise taken back. */
  | { type: 'remove'; removed: StoredKey[]; confirmed: boolean };

export interface QueueChannel {
  postMessage(message: QueueMessage): void;
  addEventListener(type: 'message', listener: (event: { data: QueueMessage }) => void): void;
}

/** A held lock: `granted` resolves once this tab holds it; `release` gives it up (or stops waiting). */
export interface LockHandle {
  granted: Promise<void>;
  release(): void;
}

/** Thrown by `send` when the owner's session is not the one signed in (any more): the batch is held. */
export class NotSignedInAsOwner extends Error {
  constructor(owner: DecisionOwner) {
    super(`Not signed in as ${owner.name}.`);
    this.name = 'NotSignedInAsOwner';
  }
}

export interface DecisionQueueOptions {
  storage: DecisionStorage;
  /** Sends decisions with the owner's session; throws NotSignedInAsOwner when that session is gone. */
  send: (certificationId: string, decisions: ReviewDecision[], owner: DecisionOwner) => Promise<IdentityCertificationDto>;
  /**
   * Reads items back from the tenant (one list call filtered by their ids) with the owner's session.
   * Items absent from the answer are no longer in the certification.
   */
  readBack?: (certificationId: string, itemIds: string[], owner: DecisionOwner) => Promise<Map<string, TenantDecision>>;
  /** One sender per reviewer across tabs (Web Locks); without it this tab always sends. */
  lock?: (name: string) => LockHandle;
  /** The other tabs of this browser (BroadcastChannel). */
  channel?: QueueChannel;
  /** Wait before sending, so a quick change of mind (or Ctrl+Z) never reaches the tenant. */
  delayMs?: number;
  /** Waits between retries after transient failures. */
  retryDelaysMs?: number[];
  /**
   * Waits at least a 429's Retry-After before trying again (default). Off only where the tenant's clock is
   * not real time (tests that move it by hand).
   */
  honorRetryAfter?: boolean;
  /** A call whose reply has not come by then is abandoned and read back (it may still have landed). */
  sendTimeoutMs?: number;
  /**
   * How long after a lost call to wait before reading back (a request still travelling could land after
   * the read): a reload or a new sender tab waits this long after the call left.
   */
  readBackGraceMs?: number;
  /**
   * Calls in flight at once for one certification. Default: every call `callBudget` allows in its window
   * (50), so a bulk decision leaves at once, each call marked as being sent in the same storage write. The
   * browser paces them on its connections (six per host on HTTP/1.1, all together on HTTP/2) with no wait
   * on this page between a reply and the next call; the budget still holds them to their share of ISC's
   * rate limit.
   */
  concurrency?: number;
  /**
   * Calls (decide, read-back, the sign-off check) this queue makes at most per window: its share of ISC's
   * rate limit, so that a bulk decision never runs into 429 and the rest of the page keeps its calls.
   */
  callBudget?: { limit: number; windowMs: number };
  /**
   * Whether the certification still takes decisions. Asked once before a refused batch is split: a
   * certification signed off elsewhere refuses every decision, and splitting would cost ~2 calls per item.
   */
  acceptsDecisions?: (certificationId: string, owner: DecisionOwner) => Promise<boolean>;
  now?: () => number;
  isOnline?: () => boolean;
}

export const keyOf = (certificationId: string, itemId: string) => `${certificationId}:${itemId}`;

export const entryKey = (entry: QueueEntry) => keyOf(entry.certificationId, entry.decision.id);

/** Whether the tenant already holds what the reviewer meant (decision and comment). */
export function matchesIntent(tenant: TenantDecision | undefined, intent: ReviewDecision): boolean {
  return !!tenant && tenant.decision === intent.decision && (tenant.comments ?? '').trim() === (intent.comments ?? '').trim();
}

class SendTimeout extends Error {}
/** This browser could not write a call's "being sent" mark: the call must not leave (a reload couldn't read it back). */
class StorageFailed extends Error {}

/** Why the tenant refused a decision, in words a reviewer can act on (the tenant's own words follow). */
export function refusalMessage(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const said = error.messages.join(' ').trim();
  const tenant = said ? ` The tenant said: "${said}"` : '';
  if (error.status === 400 && /not in certification|no longer in/i.test(said)) {
    return `This item is no longer in this certification (it was probably reassigned), so the decision was not recorded.${tenant}`;
  }
  if (error.status === 400 && /comment/i.test(said)) return `This campaign requires a comment on this decision: decide again with a comment.${tenant}`;
  if (error.status === 400 && /signed|read-only|not ACTIVE/i.test(said)) return `This certification no longer takes decisions (it was signed off or closed).${tenant}`;
  if (error.status === 403) return `You may not decide in this certification; ask its reviewer or a certification admin.${tenant}`;
  if (error.status === 404) return `This certification no longer exists or you can no longer see it.${tenant}`;
  return `The tenant did not accept this decision. ${error.advice}${tenant}`;
}

export class DecisionQueue {
  private entries = new Map<string, QueueEntry>();
  private listeners = new Set<(event: QueueEvent) => void>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private active = new Map<string, number>();
  private attempts = new Map<string, number>();
  /** Certifications waiting out a retry delay, with why and until when. */
  private waits = new Map<string, { reason: WaitReason; until: number }>();
  /** Keys whose call is in flight: a newer version of one waits for that reply, so calls never overtake. */
  private inFlight = new Set<string>();
  private runs = new Map<string, RunProgress>();
  private paused = false;
  private lastVersion = 0;
  private loaded: Promise<void> | null = null;
  private actor: DecisionOwner | null = null;
  private lockHandle: LockHandle | null = null;
  /** This tab holds the current actor's send lock. */
  private sender: boolean;
  private revisions = 0;
  /** Runs whose end ("all saved") was announced. */
  private announced = new WeakSet<RunProgress>();
  /** When this queue's calls in the current window left, oldest first. */
  private callTimes: number[] = [];
  /**
   * Entries land in storage in order. Removals (confirmed calls) go their own way: a removal only takes
   * versions up to its own, whenever it lands, so the "being sent" mark of the next call never waits for one.
   */
  private readonly puts = new WriteLane<QueueEntry>((entries) => this.options.storage.put(entries));
  private readonly removals = new WriteLane<StoredKey>((keys) => this.options.storage.remove(keys));

  constructor(private readonly options: DecisionQueueOptions) {
    this.sender = !options.lock;
    options.channel?.addEventListener('message', (event) => this.receive(event.data));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Restores decisions that were not confirmed before a reload; calls that were out are read back first. */
  load(): Promise<void> {
    return (this.loaded ??= this.options.storage.load().then((stored) => {
      const certs = new Set<string>();
      for (const entry of stored) {
        if (!entry.owner) continue; // written by an older Attest that did not record owners: never guess one
        const key = entryKey(entry);
        const current = this.entries.get(key);
        if (current && current.version >= entry.version) continue;
        // A call cut short by the reload: its reply never came, so it is read back before anything is resent.
        const restored: QueueEntry = { ...entry, status: entry.status === 'sending' ? 'uncertain' : entry.status };
        this.entries.set(key, restored);
        this.lastVersion = Math.max(this.lastVersion, entry.version);
        certs.add(entry.certificationId);
      }
      for (const certificationId of certs) {
        const mine = this.mine(certificationId);
        const run = this.run(certificationId);
        run.total += mine.length;
        run.failed += mine.filter((e) => e.status === 'failed').length;
        this.emit({ type: 'change', certificationId });
        this.schedule(certificationId, 0);
      }
    }));
  }

  /**
   * Who is signed in in this tab. Only their decisions are sent (when this tab holds their send lock); the
   * others' are held. Null after sign-out.
   */
  setActor(owner: DecisionOwner | null): void {
    if ((owner && this.actor && ownerKey(owner) === ownerKey(this.actor)) || (!owner && !this.actor)) {
      if (owner) this.actor = owner;
      return;
    }
    const previous = this.lockHandle;
    this.lockHandle = null;
    this.actor = owner;
    this.sender = !this.options.lock;
    this.attempts.clear();
    // Progress is per reviewer: count what the new one has waiting.
    this.runs.clear();
    for (const certificationId of this.certifications()) {
      const mine = this.mine(certificationId);
      if (mine.length) this.runs.set(certificationId, { total: mine.length, sent: 0, failed: mine.filter((e) => e.status === 'failed').length, calls: 0, checks: 0 });
    }
    // Give the old reviewer's lock up only once their calls in flight are answered, so the tab that takes
    // it over never reads back (and resends) a call that is still travelling.
    if (previous) void this.idle().then(() => this.settled()).then(() => previous.release());
    if (owner && this.options.lock) {
      const handle = this.options.lock(`attest-decisions:${ownerKey(owner)}`);
      this.lockHandle = handle;
      void handle.granted.then(
        () => this.becomeSender(handle),
        () => undefined,
      );
    }
    for (const certificationId of this.certifications()) {
      this.emit({ type: 'change', certificationId });
      this.schedule(certificationId, 0);
    }
  }

  private async becomeSender(handle: LockHandle): Promise<void> {
    if (this.lockHandle !== handle) return handle.release();
    // Another tab sent until now: what it left as being sent had no reply here, so it is read back.
    const stored = await this.options.storage.load().catch(() => [] as QueueEntry[]);
    if (this.lockHandle !== handle) return handle.release();
    this.sender = true;
    const actor = this.actor;
    for (const entry of stored) {
      if (!entry.owner || !actor || ownerKey(entry.owner) !== ownerKey(actor)) continue;
      const key = entryKey(entry);
      const current = this.entries.get(key);
      if (current && current.version > entry.version) continue;
      if (current && current.version === entry.version && this.inFlight.has(key)) continue;
      this.entries.set(key, { ...entry, status: entry.status === 'sending' ? 'uncertain' : entry.status });
    }
    for (const [key, entry] of this.entries) {
      if (actor && ownerKey(entry.owner) === ownerKey(actor) && entry.status === 'sending' && !this.inFlight.has(key)) entry.status = 'uncertain';
    }
    for (const certificationId of this.certifications()) {
      this.emit({ type: 'change', certificationId });
      this.schedule(certificationId, 0);
    }
  }

  /** Resolves when no call of this tab is in flight. */
  private async idle(): Promise<void> {
    while (this.inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  subscribe(listener: (event: QueueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues decisions of the signed-in reviewer (replacing any queued for the same items) and sends them shortly. */
  enqueue(certificationId: string, decisions: ReviewDecision[], options: { immediate?: boolean } = {}): void {
    if (decisions.length === 0) return;
    const owner = this.actor;
    if (!owner) throw new Error('Sign in before deciding: a decision is recorded under the name of the person who makes it.');
    const run = this.run(certificationId);
    const changed: QueueEntry[] = [];
    for (const decision of decisions) {
      const key = keyOf(certificationId, decision.id);
      const previous = this.entries.get(key);
      // Replacing a queued decision is not more work; replacing a failed one takes it out of the failures.
      if (previous?.status === 'failed' && run.failed > 0) run.failed--;
      else if (previous?.status !== 'queued') run.total++;
      const entry: QueueEntry = { certificationId, decision, owner, version: this.nextVersion(), status: 'queued', queuedAt: this.now() };
      this.entries.set(key, entry);
      changed.push(entry);
    }
    this.persistSoon(changed, []);
    this.emit({ type: 'change', certificationId });
    this.schedule(certificationId, options.immediate ? 0 : (this.options.delayMs ?? 600));
  }

  /** Versions grow across tabs too: time-based, never below one seen before. */
  private nextVersion(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, this.now() * 1000);
    return this.lastVersion;
  }

  /** Takes back queued decisions that have not been sent yet; answers the item ids taken back. */
  cancel(certificationId: string, itemIds: string[]): string[] {
    const removed: QueueEntry[] = [];
    for (const id of itemIds) {
      const key = keyOf(certificationId, id);
      const entry = this.entries.get(key);
      if (entry && (entry.status === 'queued' || entry.status === 'failed') && this.isMine(entry)) {
        this.entries.delete(key);
        removed.push(entry);
      }
    }
    if (removed.length) {
      const run = this.runs.get(certificationId);
      if (run) run.total = Math.max(run.sent + run.failed, run.total - removed.length);
      this.persistSoon([], removed);
      this.emit({ type: 'change', certificationId });
    }
    return removed.map((e) => e.decision.id);
  }

  private isMine(entry: QueueEntry): boolean {
    const actor = this.actor;
    return actor !== null && entry.owner.identityId === actor.identityId && entry.owner.tenant === actor.tenant;
  }

  private mine(certificationId: string): QueueEntry[] {
    return [...this.entries.values()].filter((e) => e.certificationId === certificationId && this.isMine(e));
  }

  private certifications(): Set<string> {
    return new Set([...this.entries.values()].map((e) => e.certificationId));
  }

  /** Whether the signed-in reviewer has unconfirmed decisions in a certification (cheaper than pending()). */
  hasPending(certificationId: string): boolean {
    for (const entry of this.entries.values()) if (entry.certificationId === certificationId && this.isMine(entry)) return true;
    return false;
  }

  /** The signed-in reviewer's unconfirmed decisions in a certification, by item id. */
  pending(certificationId: string): Map<string, QueueEntry> {
    const result = new Map<string, QueueEntry>();
    for (const entry of this.entries.values()) if (entry.certificationId === certificationId && this.isMine(entry)) result.set(entry.decision.id, entry);
    return result;
  }

  /** One item's unconfirmed decision of the signed-in reviewer: what its row subscribes to. */
  entry(certificationId: string, itemId: string): QueueEntry | undefined {
    const entry = this.entries.get(keyOf(certificationId, itemId));
    return entry && this.isMine(entry) ? entry : undefined;
  }

  /** The signed-in reviewer's decisions not yet confirmed (failures aside), in every certification. */
  pendingCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.status !== 'failed' && this.isMine(entry)) count++;
    return count;
  }

  /** Other identities' decisions in this browser: held until their owner signs in again. */
  held(): { owner: DecisionOwner; count: number; certificationIds: string[] }[] {
    const groups = new Map<string, { owner: DecisionOwner; count: number; certificationIds: Set<string> }>();
    for (const entry of this.entries.values()) {
      if (this.isMine(entry)) continue;
      const key = ownerKey(entry.owner);
      const group = groups.get(key) ?? { owner: entry.owner, count: 0, certificationIds: new Set<string>() };
      group.count++;
      group.certificationIds.add(entry.certificationId);
      groups.set(key, group);
    }
    return [...groups.values()].map((g) => ({ ...g, certificationIds: [...g.certificationIds] }));
  }

  /** Drops another identity's held decisions, after the person said so: they are never sent. */
  discardHeld(owner: Pick<DecisionOwner, 'identityId' | 'tenant'>): number {
    const key = ownerKey(owner);
    if (this.actor && ownerKey(this.actor) === key) return 0;
    const removed = [...this.entries.values()].filter((e) => ownerKey(e.owner) === key);
    for (const entry of removed) this.entries.delete(entryKey(entry));
    if (removed.length) {
      this.persistSoon([], removed);
      for (const certificationId of new Set(removed.map((e) => e.certificationId))) this.emit({ type: 'change', certificationId });
    }
    return removed.length;
  }

  progress(certificationId: string): RunProgress | null {
    return this.runs.get(certificationId) ?? null;
  }

  /** Why the signed-in reviewer's decisions in a certification wait, and when the next try is. */
  health(certificationId: string): QueueHealth {
    const wait = this.waits.get(certificationId);
    const online = this.options.isOnline?.() ?? true;
    if (this.paused) return { reason: 'session-expired', retryAt: null, sender: this.sender };
    if (!this.sender) return { reason: 'other-tab', retryAt: null, sender: false };
    if (!online) return { reason: 'offline', retryAt: wait?.until ?? null, sender: true };
    return { reason: wait?.reason ?? null, retryAt: wait?.until ?? null, sender: true };
  }

  /** Sends what waits now instead of at the next scheduled try. */
  retryNow(certificationId: string): void {
    this.waits.delete(certificationId);
    this.attempts.delete(certificationId);
    this.emit({ type: 'change', certificationId });
    this.schedule(certificationId, 0);
  }

  /** Sends failed decisions again (after the reviewer fixed what the tenant refused, or to try once more). */
  retryFailed(certificationId: string): void {
    const changed: QueueEntry[] = [];
    for (const entry of this.mine(certificationId)) {
      if (entry.status === 'failed') {
        entry.status = 'queued';
        delete entry.message;
        changed.push(entry);
      }
    }
    const run = this.runs.get(certificationId);
    if (run) run.failed = Math.max(0, run.failed - changed.length);
    this.persistSoon(changed, []);
    this.emit({ type: 'change', certificationId });
    this.schedule(certificationId, 0);
  }

  /** Drops failed decisions: the rows go back to what the tenant has. */
  discardFailed(certificationId: string): void {
    const removed = this.mine(certificationId).filter((e) => e.status === 'failed');
    for (const entry of removed) this.entries.delete(entryKey(entry));
    this.persistSoon([], removed);
    this.emit({ type: 'change', certificationId });
  }

  /** Tells listeners to look again (the browser went offline: the status says so). */
  notifyAll(): void {
    for (const certificationId of this.certifications()) this.emit({ type: 'change', certificationId });
  }

  /** Stops sending (401: the session must be renewed first). */
  pause(): void {
    this.paused = true;
    for (const certificationId of this.certifications()) this.emit({ type: 'change', certificationId });
  }

  /** Sends again after a pause or when the browser is back online. */
  resume(): void {
    this.paused = false;
    for (const certificationId of this.certifications()) {
      this.waits.delete(certificationId);
      this.emit({ type: 'change', certificationId });
      this.schedule(certificationId, 0);
    }
  }

  /** Waits until everything queued is written to storage (tests, and before unload). */
  async settled(): Promise<void> {
    await Promise.all([this.puts.settled(), this.removals.settled()]);
  }

  private run(certificationId: string): RunProgress {
    let run = this.runs.get(certificationId);
    const busy = this.mine(certificationId).some((e) => e.status !== 'failed');
    if (!run || !busy) {
      run = { total: 0, sent: 0, failed: 0, calls: 0, checks: 0 };
      this.runs.set(certificationId, run);
    }
    return run;
  }

  /** Changes with every event: a cheap snapshot for React's useSyncExternalStore. */
  revision(): number {
    return this.revisions;
  }

  private emit(event: QueueEvent): void {
    this.revisions++;
    for (const listener of this.listeners) listener(event);
  }

  /**
   * Writes to storage, and tells the other tabs (`confirmed`: the removed ones reached the tenant). Resolves
   * once these changes are written; rejects if this browser could not write them.
   */
  private async persist(changed: QueueEntry[], removed: QueueEntry[], confirmed = false): Promise<void> {
    // Entries change in place (status, sentAt, message); their decision and owner never do. A shallow copy
    // is what was meant at this moment (storage and the channel clone it again), at a fraction of the cost
    // of structuredClone for the 5,000 entries of a bulk decision.
    const snapshot = changed.map((e) => ({ ...e }));
    const keys = removed.map((e) => ({ key: entryKey(e), version: e.version }));
    if (snapshot.length) this.broadcast({ type: 'put', entries: snapshot });
    if (keys.length) this.broadcast({ type: 'remove', removed: keys, confirmed });
    // Only the lanes written to are waited for: a call's "being sent" mark never waits for removals.
    await Promise.all([
      snapshot.length ? this.puts.add(snapshot.map((e) => [entryKey(e), e])) : undefined,
      keys.length ? this.removals.add(keys.map((k) => [k.key, k])) : undefined,
    ]);
  }

  /** persist() for changes nothing waits on (a failed write is logged by its lane). */
  private persistSoon(changed: QueueEntry[], removed: QueueEntry[], confirmed = false): void {
    this.persist(changed, removed, confirmed).catch(() => undefined);
  }

  private broadcast(message: QueueMessage): void {
    try {
      this.options.channel?.postMessage(message);
    } catch (error) {
      console.error('Attest could not tell its other tabs about decisions', error);
    }
  }

  /** Another tab's change: newer versions win; the sender tab sends what others queued. */
  private receive(message: QueueMessage): void {
    const certs = new Set<string>();
    if (message.type === 'put') {
      for (const entry of message.entries) {
        const key = entryKey(entry);
        const current = this.entries.get(key);
        if (current && (current.version > entry.version || this.inFlight.has(key))) continue;
        this.entries.set(key, entry);
        this.lastVersion = Math.max(this.lastVersion, entry.version);
        certs.add(entry.certificationId);
      }
    } else {
      const saved = new Map<string, ReviewDecision[]>();
      for (const { key, version } of message.removed) {
        const current = this.entries.get(key);
        if (current && current.version <= version && !this.inFlight.has(key)) {
          this.entries.delete(key);
          certs.add(current.certificationId);
          if (message.confirmed) saved.set(current.certificationId, [...(saved.get(current.certificationId) ?? []), current.decision]);
        }
      }
      // Saved by another tab: this tab's screens show them as the tenant's now.
      for (const [certificationId, decisions] of saved) this.emit({ type: 'sent', certificationId, decisions });
    }
    for (const certificationId of certs) {
      this.emit({ type: 'change', certificationId });
      if (message.type === 'put') this.schedule(certificationId, this.options.delayMs ?? 600);
    }
  }

  /** Pumps after `delay`, never before a retry wait runs out (retryNow() clears that). */
  private schedule(certificationId: string, delay: number): void {
    const existing = this.timers.get(certificationId);
    if (existing) clearTimeout(existing);
    const wait = this.waits.get(certificationId);
    if (wait) delay = Math.max(delay, wait.until - this.now());
    this.timers.set(
      certificationId,
      setTimeout(() => {
        this.timers.delete(certificationId);
        this.waits.delete(certificationId);
        void this.pump(certificationId);
      }, delay),
    );
  }

  /** Settles uncertain calls first (read back), then sends queued decisions in calls of at most 250. */
  private async pump(certificationId: string): Promise<void> {
    const limit = this.options.concurrency ?? this.callBudget().limit;
    const owner = this.actor;
    // After a transient failure, wait for the retry timer (a finished call must not resend at once).
    if (!owner || !this.sender || this.paused || this.waits.has(certificationId)) return;
    while ((this.active.get(certificationId) ?? 0) < limit && !this.paused && this.actor === owner && this.sender) {
      const mine = this.mine(certificationId).filter((e) => !this.inFlight.has(entryKey(e)));
      const uncertain = mine.filter((e) => e.status === 'uncertain');
      if (uncertain.length) {
        const grace = this.options.readBackGraceMs ?? 5000;
        const ready = uncertain.filter((e) => (e.sentAt ?? 0) + grace <= this.now());
        if (ready.length === 0) {
          const next = Math.min(...uncertain.map((e) => (e.sentAt ?? 0) + grace));
          this.schedule(certificationId, Math.max(0, next - this.now()));
          return;
        }
        const batch = ready.slice(0, DECIDE_MAX);
        this.launch(certificationId, batch, () => this.checkBatch(certificationId, batch, owner));
        continue;
      }
      const batch = mine.filter((e) => e.status === 'queued').slice(0, DECIDE_MAX);
      if (batch.length === 0) return;
      this.launch(certificationId, batch, () => this.sendBatch(certificationId, batch, owner));
    }
  }

  private launch(certificationId: string, batch: QueueEntry[], work: () => Promise<void>): void {
    for (const entry of batch) this.inFlight.add(entryKey(entry));
    this.active.set(certificationId, (this.active.get(certificationId) ?? 0) + 1);
    void work().finally(() => {
      for (const entry of batch) this.inFlight.delete(entryKey(entry));
      const active = (this.active.get(certificationId) ?? 1) - 1;
      this.active.set(certificationId, active);
      const run = this.runs.get(certificationId);
      if (active === 0 && run && run.sent > 0 && !this.announced.has(run) && this.mine(certificationId).length === 0) {
        this.announced.add(run);
        this.emit({ type: 'drained', certificationId, saved: run.sent });
      }
      void this.pump(certificationId);
    });
  }

  private callBudget(): { limit: number; windowMs: number } {
    return this.options.callBudget ?? { limit: BULK_CALL_SHARE, windowMs: ISC_RATE_LIMIT.windowMs };
  }

  /** Waits until one more call fits in this queue's share of the rate limit, and counts it. */
  private async callSlot(): Promise<void> {
    const { limit, windowMs } = this.callBudget();
    for (;;) {
      const now = this.now();
      while (this.callTimes.length > 0 && this.callTimes[0]! <= now - windowMs) this.callTimes.shift();
      if (this.callTimes.length < limit) {
        this.callTimes.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.callTimes[0]! + windowMs - now)));
    }
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.options.sendTimeoutMs;
    if (!ms) return promise;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new SendTimeout('No reply from the tenant in time.')), ms)));
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Reads an uncertain batch back: what the tenant already holds is confirmed, the rest is queued again. */
  private async checkBatch(certificationId: string, batch: QueueEntry[], owner: DecisionOwner): Promise<void> {
    const run = this.run(certificationId);
    let found: Map<string, TenantDecision>;
    if (!this.options.readBack) {
      found = new Map();
    } else {
      run.checks++;
      try {
        await this.callSlot();
        found = await this.withTimeout(this.options.readBack(certificationId, batch.map((e) => e.decision.id), owner));
      } catch (error) {
        this.backOff(certificationId, error, batch, 'uncertain');
        return;
      }
    }
    const confirmed: QueueEntry[] = [];
    const gone: QueueEntry[] = [];
    const resend: QueueEntry[] = [];
    for (const entry of batch) {
      if (this.entries.get(entryKey(entry))?.version !== entry.version) continue; // replaced meanwhile
      const tenant = found.get(entry.decision.id);
      if (this.options.readBack && !tenant) gone.push(entry);
      else if (matchesIntent(tenant, entry.decision)) confirmed.push(entry);
      else resend.push(entry);
    }
    for (const entry of confirmed) this.entries.delete(entryKey(entry));
    for (const entry of resend) entry.status = 'queued';
    const message = 'This item is no longer in this certification (it was reassigned or removed), so the decision was not recorded.';
    for (const entry of gone) {
      entry.status = 'failed';
      entry.message = message;
    }
    run.sent += confirmed.length;
    run.failed += gone.length;
    // Not written: storage still says they are being sent, so a reload reads them back (and finds them).
    await this.persist([...resend, ...gone], confirmed, true).catch(() => undefined);
    if (confirmed.length) this.emit({ type: 'sent', certificationId, decisions: confirmed.map((e) => e.decision) });
    if (gone.length) this.emit({ type: 'failed', certificationId, decisions: gone.map((e) => e.decision), message });
    this.afterReply(certificationId);
  }

  private async sendBatch(certificationId: string, batch: QueueEntry[], owner: DecisionOwner): Promise<void> {
    const run = this.run(certificationId);
    // Marked as being sent, durably, before it leaves: if the reply never comes, a reload knows to read back.
    const sentAt = this.now();
    for (const entry of batch) {
      entry.status = 'sending';
      entry.sentAt = sentAt;
    }
    this.emit({ type: 'change', certificationId });
    try {
      await this.persist(batch, []);
    } catch (error) {
      this.backOff(certificationId, new StorageFailed(error instanceof Error ? error.message : String(error)), batch, 'queued');
      return;
    }
    // Replaced or taken away while being written: send only what is still current.
    const current = batch.filter((e) => this.entries.get(entryKey(e))?.version === e.version);
    if (current.length === 0) return;
    run.calls++;
    let certification: IdentityCertificationDto;
    try {
      await this.callSlot();
      certification = await this.withTimeout(this.options.send(certificationId, current.map((e) => e.decision), owner));
    } catch (error) {
      await this.handleFailure(certificationId, current, error, run, owner);
      return;
    }
    this.attempts.delete(certificationId);
    const confirmed: QueueEntry[] = [];
    for (const entry of current) {
      // Only clear what this reply confirmed: a newer decision made meanwhile stays queued.
      if (this.entries.get(entryKey(entry))?.version === entry.version) {
        this.entries.delete(entryKey(entry));
        confirmed.push(entry);
      }
    }
    run.sent += current.length;
    // Not awaited: the rows show "saved" at once. Should the tab close before this write, the entries are
    // still marked as being sent, so they are read back (and found), never sent again.
    this.persistSoon([], confirmed, true);
    this.emit({ type: 'sent', certificationId, certification, decisions: current.map((e) => e.decision) });
    this.afterReply(certificationId);
  }

  private afterReply(certificationId: string): void {
    this.emit({ type: 'change', certificationId });
  }

  private async stillAccepts(certificationId: string, owner: DecisionOwner): Promise<boolean> {
    try {
      if (this.options.acceptsDecisions) await this.callSlot();
      return (await this.options.acceptsDecisions?.(certificationId, owner)) ?? true;
    } catch {
      return true;
    }
  }

  /** Keeps a batch (queued, or uncertain when it may have landed) and tries again after a pause. */
  private backOff(certificationId: string, error: unknown, batch: QueueEntry[], status: 'queued' | 'uncertain'): void {
    const current = batch.filter((e) => this.entries.get(entryKey(e))?.version === e.version);
    for (const entry of current) {
      entry.status = status;
      // The call is over (an answer or a failed connection): nothing of it can land later, so it is read back
      // at the next try. Only a call abandoned on a timeout may still be travelling (the grace covers it).
      if (!(error instanceof SendTimeout)) entry.sentAt = 0;
    }
    this.persistSoon(current, []);
    const attempt = (this.attempts.get(certificationId) ?? 0) + 1;
    this.attempts.set(certificationId, attempt);
    const delays = this.options.retryDelaysMs ?? [1000, 2000, 5000, 10_000, 30_000];
    const retryAfter =
      this.options.honorRetryAfter !== false && isApiError(error) && error.status === 429 && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
    const delay = Math.max(retryAfter, delays[Math.min(attempt, delays.length) - 1]!);
    const status429 = isApiError(error) && error.status === 429;
    const network = (isApiError(error) && error.kind === 'network') || error instanceof SendTimeout || (!(error instanceof StorageFailed) && !(this.options.isOnline?.() ?? true));
    const reason: WaitReason = error instanceof StorageFailed ? 'storage' : status429 ? 'rate-limited' : network ? 'offline' : 'tenant-error';
    this.waits.set(certificationId, { reason, until: this.now() + delay });
    this.schedule(certificationId, delay);
    this.emit({ type: 'change', certificationId });
  }

  private async handleFailure(certificationId: string, batch: QueueEntry[], error: unknown, run: RunProgress, owner: DecisionOwner): Promise<void> {
    const status = isApiError(error) ? error.status : undefined;
    const current = batch.filter((e) => this.entries.get(entryKey(e))?.version === e.version);
    // Decisions replaced while this call was out are never sent now: their newer versions count instead.
    run.total = Math.max(run.sent + run.failed, run.total - (batch.length - current.length));

    if (error instanceof NotSignedInAsOwner || status === 401) {
      // The session expired or another identity signed in: refused at the gate (or never sent), nothing
      // applied. Keep everything; wait for the owner's sign-in (another identity's sending goes on).
      for (const entry of current) entry.status = 'queued';
      await this.persist(current, []).catch(() => undefined);
      if (this.actor && ownerKey(this.actor) === ownerKey(owner)) this.pause();
    } else if (status === 429) {
      this.backOff(certificationId, error, current, 'queued');
      return;
    } else if (status === 400 && batch.length > 1 && current.length > 0 && (await this.stillAccepts(certificationId, owner))) {
      // Find the refused decisions: a refused batch applied nothing, so send each half on its own, at once.
      // (A decision replaced meanwhile may have been the refused one, so even a single one left is sent
      // again on its own.) The halves are awaited, so this call counts as in flight until they are answered.
      const half = Math.ceil(current.length / 2);
      for (const entry of current) entry.status = 'queued';
      const halves = [current.slice(0, half), current.slice(half)].filter((h) => h.length > 0);
      await Promise.all(halves.map((h) => this.sendBatch(certificationId, h, owner)));
      return;
    } else if (status !== undefined && status >= 400 && status < 500 && status !== 408) {
      // Refused for good (400 on a single decision, 403, 404): show it on the row, keep it for a retry or discard.
      const message = refusalMessage(error);
      for (const entry of current) {
        entry.status = 'failed';
        entry.message = message;
      }
      run.failed += current.length;
      await this.persist(current, []).catch(() => undefined);
      this.emit({ type: 'failed', certificationId, decisions: current.map((e) => e.decision), message });
    } else {
      // Network, timeout, 5xx, 408, an unreadable 2xx: the call may have landed. Read back before resending.
      this.backOff(certificationId, error, current, 'uncertain');
      return;
    }
    this.emit({ type: 'change', certificationId });
  }
}

/**
 * Storage writes of one kind, one after another. Changes made while a write is going on go out together in
 * the next one, the newest version of each item winning: the "being sent" marks of a bulk decision's first
 * calls are one transaction, and so are the removals of the calls confirmed meanwhile.
 */
class WriteLane<T extends { version: number }> {
  private done: Promise<void> = Promise.resolve();
  private waiting = new Map<string, T>();
  /** The write that takes `waiting` out; null once it has started (later changes wait for the next). */
  private next: Promise<void> | null = null;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  add(items: [key: string, item: T][]): Promise<void> {
    for (const [key, item] of items) {
      const waiting = this.waiting.get(key);
      if (!waiting || waiting.version <= item.version) this.waiting.set(key, item);
    }
    if (!this.next) {
      const next = this.done.then(async () => {
        this.next = null;
        const batch = [...this.waiting.values()];
        this.waiting.clear();
        await this.write(batch);
      });
      this.next = next;
      // The callers of this write hear of a failure; the writes after it still go.
      this.done = next.catch((error: unknown) => console.error('Attest could not save decisions to this browser', error));
    }
    return this.next;
  }

  settled(): Promise<void> {
    return this.done;
  }
}

/** The browser's Web Locks, when it has them. */
export function webLock(name: string): LockHandle {
  const controller = new AbortController();
  let release: (() => void) | null = null;
  let released = false;
  const granted = new Promise<void>((resolve, reject) => {
    navigator.locks
      .request(name, { signal: controller.signal }, () => {
        if (released) return Promise.resolve();
        resolve();
        return new Promise<void>((done) => (release = done));
      })
      .catch(reject);
  });
  return {
    granted,
    release() {
      released = true;
      if (release) release();
      else controller.abort();
    },
  };
}
