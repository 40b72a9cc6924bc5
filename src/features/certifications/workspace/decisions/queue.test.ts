import { DECIDE_MAX } from '../../../../api/rules';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../api/errors';
import type { CertificationDecision, IdentityCertificationDto, ReviewDecision } from '../../../../api/schemas';
import { memoryDecisionStorage, TEST_OWNER } from '../../../../../test/decision-queue';
import { DecisionQueue, keyOf, type DecisionQueueOptions, type QueueEvent, type TenantDecision } from './queue';

const CERT = 'cert-1';
const DELAY = 600;
const RETRY = [1000, 2000, 5000];

// ---------------------------------------------------------------------------------------------------------
// Fakes: a storage in memory that logs what it is asked to do, and a tenant that records every call.

const httpError = (status: number, message: string) =>
  new ApiError({ kind: 'http', operationId: 'makeIdentityDecision', status, messages: [message], detailCode: `${status}` });
const networkError = () => new ApiError({ kind: 'network', operationId: 'makeIdentityDecision', cause: new TypeError('Failed to fetch') });

interface Deferred {
  promise: Promise<void>;
  release: () => void;
}
function deferred(): Deferred {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/**
 * A tenant that keeps one decision per item. It answers like ISC: a batch with a refused decision is refused
 * whole (400, nothing applied). `failNext` makes the next calls fail before anything is applied, `hold` keeps
 * the next call in flight until released (it is applied only when released).
 */
function fakeTenant() {
  const state = new Map<string, ReviewDecision>();
  const calls: ReviewDecision[][] = [];
  /** Decisions applied, per successful call. */
  const landed: ReviewDecision[][] = [];
  const failures: unknown[] = [];
  const holds: Deferred[] = [];
  let refuse: (d: ReviewDecision) => string | null = () => null;
  const send = vi.fn(async (certificationId: string, decisions: ReviewDecision[]): Promise<IdentityCertificationDto> => {
    calls.push(decisions.map((d) => ({ ...d })));
    const hold = holds.shift();
    const failure = failures.shift();
    if (hold) await hold.promise;
    if (failure) throw failure;
    if (decisions.length < 1 || decisions.length > DECIDE_MAX) throw httpError(400, `Send between 1 and 250 decisions; got ${decisions.length}.`);
    const refusals = decisions.map(refuse).filter((m): m is string => m !== null);
    if (refusals.length) throw httpError(400, refusals[0]!);
    for (const d of decisions) state.set(d.id, d);
    landed.push(decisions);
    return { id: certificationId, decisionsMade: state.size, decisionsTotal: 10_000 };
  });
  /** Items taken out of the certification (reassigned away). */
  const gone = new Set<string>();
  const readBack = vi.fn(async (_certificationId: string, itemIds: string[]): Promise<Map<string, TenantDecision>> => {
    return new Map(itemIds.filter((id) => !gone.has(id)).map((id) => [id, { decision: state.get(id)?.decision, comments: state.get(id)?.comments }]));
  });
  return {
    send,
    readBack,
    gone,
    state,
    calls,
    landed,
    failNext: (...errors: unknown[]) => failures.push(...errors),
    hold: () => {
      const d = deferred();
      holds.push(d);
      return d;
    },
    refuseWhen: (predicate: (d: ReviewDecision) => string | null) => (refuse = predicate),
    /** How often each item id landed (in successful calls). */
    landedCounts: () => {
      const counts = new Map<string, number>();
      for (const d of landed.flat()) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
      return counts;
    },
  };
}

const ids = (n: number, prefix = 'item') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
const decision = (id: string, d: CertificationDecision = 'APPROVE', extra: Partial<ReviewDecision> = {}): ReviewDecision => ({ id, decision: d, bulk: false, ...extra });
const approveAll = (list: string[]) => list.map((id) => decision(id, 'APPROVE', { bulk: true }));

function setup(options: Partial<DecisionQueueOptions> = {}, storageOptions: { writeDelayMs?: number } = {}) {
  const tenant = fakeTenant();
  const mem = memoryDecisionStorage(storageOptions);
  const queue = new DecisionQueue({ storage: mem.storage, send: tenant.send, readBack: tenant.readBack, delayMs: DELAY, retryDelaysMs: RETRY, readBackGraceMs: 0, concurrency: 2, ...options });
  queue.setActor(TEST_OWNER);
  const events: QueueEvent[] = [];
  queue.subscribe((e) => events.push(e));
  return { tenant, queue, events, ...mem };
}

/** Lets every timer fire and every reply and write land. */
async function drain(queue: DecisionQueue) {
  await vi.runAllTimersAsync();
  await queue.settled();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DecisionQueue: batching', () => {
  it('sends 1,000 decisions in exactly 4 calls of at most 250, none twice', async () => {
    const { tenant, queue, rows } = setup();
    const all = ids(1000);
    queue.enqueue(CERT, approveAll(all), { immediate: true });
    expect(queue.pending(CERT).size).toBe(1000);
    await drain(queue);

    expect(tenant.send).toHaveBeenCalledTimes(4);
    for (const call of tenant.calls) expect(call.length).toBeLessThanOrEqual(DECIDE_MAX);
    expect(tenant.calls.map((c) => c.length)).toEqual([250, 250, 250, 250]);
    const sent = tenant.calls.flat().map((d) => d.id);
    expect(new Set(sent).size).toBe(1000);
    expect(sent.sort()).toEqual(all);
    expect(tenant.state.size).toBe(1000);
    expect(queue.pending(CERT).size).toBe(0);
    expect(queue.pendingCount()).toBe(0);
    expect(queue.progress(CERT)).toEqual({ total: 1000, sent: 1000, failed: 0, calls: 4, checks: 0 });
    expect(rows.size).toBe(0);
  });

  it('sends no more than `concurrency` calls at a time', async () => {
    const { tenant, queue } = setup({ concurrency: 2 });
    const holds = [tenant.hold(), tenant.hold(), tenant.hold()];
    queue.enqueue(CERT, approveAll(ids(1000)), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(tenant.send).toHaveBeenCalledTimes(2);
    holds[0]!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(tenant.send).toHaveBeenCalledTimes(3);
    holds[1]!.release();
    holds[2]!.release();
    await drain(queue);
    expect(tenant.send).toHaveBeenCalledTimes(4);
    expect(tenant.state.size).toBe(1000);
  });

  it('sends a bulk decision at once: every call its call budget allows, each marked as being sent before it leaves', async () => {
    const { tenant, queue, rows } = setup({ concurrency: undefined });
    const holds = Array.from({ length: 20 }, () => tenant.hold());
    queue.enqueue(CERT, approveAll(ids(5000)), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    // All twenty calls left before any reply came, and storage says each of their items is being sent.
    expect(tenant.send).toHaveBeenCalledTimes(20);
    expect(rows.size).toBe(5000);
    expect([...rows.values()].every((entry) => entry.status === 'sending')).toBe(true);
    for (const hold of holds) hold.release();
    await drain(queue);
    expect(tenant.send).toHaveBeenCalledTimes(20);
    expect([...tenant.landedCounts().values()].every((n) => n === 1)).toBe(true);
    expect(tenant.state.size).toBe(5000);
  });

  it('a bulk decision beyond its call budget sends the rest when the window allows (50 calls per 10 s)', async () => {
    const { tenant, queue } = setup({ concurrency: undefined });
    queue.enqueue(CERT, approveAll(ids(60 * 250)), { immediate: true });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(tenant.send).toHaveBeenCalledTimes(50);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(tenant.send).toHaveBeenCalledTimes(60);
    await drain(queue);
    expect(tenant.state.size).toBe(60 * 250);
  });

  it('never makes more calls in a window than its call budget, and never has one item in two calls at once', async () => {
    const tenant = fakeTenant();
    const mem = memoryDecisionStorage();
    const inFlight = new Set<string>();
    const callTimes: number[] = [];
    let overlaps = 0;
    const send: DecisionQueueOptions['send'] = async (certificationId, decisions) => {
      callTimes.push(Date.now());
      for (const d of decisions) {
        if (inFlight.has(d.id)) overlaps++;
        inFlight.add(d.id);
      }
      // Replies take a while, so calls overlap and newer decisions on the same items come in meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const d of decisions) inFlight.delete(d.id);
      return tenant.send(certificationId, decisions);
    };
    const budget = { limit: 5, windowMs: 10_000 };
    const queue = new DecisionQueue({ storage: mem.storage, send, readBack: tenant.readBack, delayMs: 0, retryDelaysMs: RETRY, readBackGraceMs: 0, callBudget: budget, concurrency: 5 });
    queue.setActor(TEST_OWNER);
    const all = ids(3000);
    queue.enqueue(CERT, approveAll(all), { immediate: true });
    await vi.advanceTimersByTimeAsync(100);
    // Changes of mind on items whose calls are out: they wait for those replies.
    queue.enqueue(CERT, all.slice(0, 300).map((id) => decision(id, 'REVOKE', { comments: 'Not needed' })), { immediate: true });
    await drain(queue);

    expect(overlaps).toBe(0);
    expect(callTimes).toHaveLength(12 + 2);
    for (const start of callTimes) expect(callTimes.filter((t) => t >= start && t < start + budget.windowMs).length).toBeLessThanOrEqual(budget.limit);
    expect(callTimes.at(-1)! - callTimes[0]!).toBeGreaterThanOrEqual(2 * budget.windowMs);
    expect(tenant.state.size).toBe(3000);
    expect(tenant.state.get(all[0]!)?.decision).toBe('REVOKE');
    expect(tenant.state.get(all[2999]!)?.decision).toBe('APPROVE');
    expect(queue.pending(CERT).size).toBe(0);
  });

  it('waits out a 429 for its Retry-After, however short its own retry delay', async () => {
    const { tenant, queue } = setup({ concurrency: undefined, retryDelaysMs: [500] });
    tenant.failNext(new ApiError({ kind: 'http', operationId: 'makeIdentityDecision', status: 429, messages: ['Rate Limit Exceeded'], retryAfterSeconds: 7 }));
    queue.enqueue(CERT, approveAll(ids(10)), { immediate: true });
    await vi.advanceTimersByTimeAsync(6900);
    expect(tenant.send).toHaveBeenCalledTimes(1);
    expect(queue.health(CERT).reason).toBe('rate-limited');
    await vi.advanceTimersByTimeAsync(200);
    expect(tenant.send).toHaveBeenCalledTimes(2);
    expect(tenant.state.size).toBe(10);
  });

  it('waits `delayMs` before sending a single decision, so a quick change of mind never reaches the tenant', async () => {
    const { tenant, queue } = setup();
    queue.enqueue(CERT, [decision('a', 'APPROVE')]);
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(tenant.send).not.toHaveBeenCalled();
    expect(queue.pending(CERT).get('a')?.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(1);
    expect(tenant.send).toHaveBeenCalledTimes(1);
  });

  it('a second decision on an item before sending replaces the first: one call, the last value', async () => {
    const { tenant, queue, rows } = setup();
    queue.enqueue(CERT, [decision('a', 'APPROVE'), decision('b', 'APPROVE')]);
    await vi.advanceTimersByTimeAsync(100);
    queue.enqueue(CERT, [decision('a', 'REVOKE', { comments: 'Left the team' })]);
    expect(queue.pending(CERT).size).toBe(2);
    expect(rows.size).toBe(2);
    await drain(queue);

    expect(tenant.send).toHaveBeenCalledTimes(1);
    expect(tenant.calls[0]).toEqual([decision('a', 'REVOKE', { comments: 'Left the team' }), decision('b', 'APPROVE')]);
    expect(tenant.state.get('a')?.decision).toBe('REVOKE');
    // The replaced decision is not counted as more work.
    expect(queue.progress(CERT)).toEqual({ total: 2, sent: 2, failed: 0, calls: 1, checks: 0 });
    expect(rows.size).toBe(0);
  });

  it('a decision changed while its batch is in flight stays queued, is sent after the reply, and the newer one wins', async () => {
    const { tenant, queue, rows } = setup();
    const first = tenant.hold();
    queue.enqueue(CERT, [decision('a', 'APPROVE'), decision('b', 'APPROVE')], { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(tenant.send).toHaveBeenCalledTimes(1);
    expect(queue.pending(CERT).get('a')?.status).toBe('sending');

    queue.enqueue(CERT, [decision('a', 'REVOKE', { comments: 'Not needed' })]);
    expect(queue.pending(CERT).get('a')).toMatchObject({ status: 'queued', decision: { decision: 'REVOKE' } });
    // Long after the delay, the newer version still waits for the older one's reply (a second call could overtake it).
    await vi.advanceTimersByTimeAsync(DELAY * 5);
    expect(tenant.send).toHaveBeenCalledTimes(1);

    const second = tenant.hold();
    first.release();
    await vi.advanceTimersByTimeAsync(0);
    // The older reply confirmed b, but not a: its newer version goes out only now.
    expect(tenant.state.get('a')?.decision).toBe('APPROVE');
    expect(tenant.send).toHaveBeenCalledTimes(2);
    expect([...queue.pending(CERT).keys()]).toEqual(['a']);
    expect(queue.pending(CERT).get('a')).toMatchObject({ status: 'sending', decision: { decision: 'REVOKE' } });
    second.release();
    await drain(queue);
    expect(tenant.send).toHaveBeenCalledTimes(2);
    expect(tenant.calls[1]).toEqual([decision('a', 'REVOKE', { comments: 'Not needed' })]);
    expect(tenant.state.get('a')?.decision).toBe('REVOKE');
    expect(tenant.state.get('b')?.decision).toBe('APPROVE');
    expect(queue.pending(CERT).size).toBe(0);
    expect(rows.size).toBe(0);
    expect(queue.progress(CERT)).toEqual({ total: 3, sent: 3, failed: 0, calls: 2, checks: 0 });
  });
});

describe('DecisionQueue: failures', () => {
  it('a network failure keeps the batch queued and retries it after the delay: nothing lost, nothing doubled', async () => {
    const { tenant, queue, rows } = setup({ concurrency: 2 });
    const all = ids(1000);
    // The second call is dropped, the next one meets a 503, then a 429 the client gave up on.
    tenant.failNext(undefined, networkError(), httpError(503, 'Service Unavailable'), httpError(429, 'Rate Limit Exceeded'));
    queue.enqueue(CERT, approveAll(all), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    // The first call landed and the next ones failed; a failed batch is not sent again before the retry delay
    // (a call that ends meanwhile must not resend it at once).
    const callsBeforeRetry = tenant.calls.length;
    expect(callsBeforeRetry).toBeGreaterThanOrEqual(2);
    expect(tenant.state.size).toBe(250);
    const failedIds = tenant.calls[1]!.map((d) => d.id);
    await vi.advanceTimersByTimeAsync(RETRY[0]! - 1);
    expect(tenant.calls.length).toBe(callsBeforeRetry);
    expect(tenant.calls.flat().filter((d) => d.id === failedIds[0])).toHaveLength(1);
    // Its reply never came: it may have landed, so it is read back before anything is sent again.
    expect(queue.pending(CERT).get(failedIds[0]!)?.status).toBe('uncertain');
    await queue.settled();
    expect(rows.size).toBe(750);

    await drain(queue);
    const counts = tenant.landedCounts();
    expect(counts.size).toBe(1000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(tenant.state.size).toBe(1000);
    expect(queue.pending(CERT).size).toBe(0);
    expect(rows.size).toBe(0);
    const progress = queue.progress(CERT)!;
    expect(progress).toMatchObject({ total: 1000, sent: 1000, failed: 0 });
    expect(progress.calls).toBe(tenant.calls.length);
    // 4 successful calls plus the 3 that failed.
    expect(tenant.calls.length).toBe(7);
  });

  it('backs off longer after each consecutive failure', async () => {
    const { tenant, queue } = setup();
    tenant.failNext(networkError(), networkError(), networkError());
    queue.enqueue(CERT, [decision('a')], { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(tenant.send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RETRY[0]!);
    expect(tenant.send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(RETRY[1]! - 1);
    expect(tenant.send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(tenant.send).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(RETRY[2]!);
    expect(tenant.send).toHaveBeenCalledTimes(4);
    await drain(queue);
    expect(tenant.state.get('a')?.decision).toBe('APPROVE');
    expect(queue.pending(CERT).size).toBe(0);
  });

  it('a 401 pauses sending until resume()', async () => {
    const { tenant, queue, rows } = setup();
    tenant.failNext(httpError(401, 'JWT validation failed: JWT is expired'));
    queue.enqueue(CERT, approveAll(ids(300)), { immediate: true });
    await drain(queue);
    // The first call met the 401; the second went out with it and landed. Nothing more until the session is back.
    expect(tenant.send).toHaveBeenCalledTimes(2);
    expect(tenant.state.size).toBe(50);
    expect(queue.pending(CERT).size).toBe(250);
    expect([...queue.pending(CERT).values()].every((e) => e.status === 'queued')).toBe(true);
    queue.enqueue(CERT, [decision('late', 'APPROVE')]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tenant.send).toHaveBeenCalledTimes(2);

    queue.resume();
    await drain(queue);
    // 251 decisions: two more calls.
    expect(tenant.send).toHaveBeenCalledTimes(4);
    expect(tenant.state.size).toBe(301);
    expect([...tenant.landedCounts().values()].every((n) => n === 1)).toBe(true);
    expect(queue.pending(CERT).size).toBe(0);
    expect(rows.size).toBe(0);
  });

  it('a 400 on a batch of 250 isolates the one refused decision as failed, with the message; the other 249 land', async () => {
    const { tenant, queue, rows, events } = setup();
    const all = ids(250);
    const bad = all[137]!;
    const message = `Item ${bad} is not in certification ${CERT}.`;
    tenant.refuseWhen((d) => (d.id === bad ? message : null));
    queue.enqueue(CERT, approveAll(all), { immediate: true });
    await drain(queue);

    const pending = queue.pending(CERT);
    expect([...pending.keys()]).toEqual([bad]);
    expect(pending.get(bad)).toMatchObject({ status: 'failed' });
    expect(pending.get(bad)!.message).toContain(message);
    expect(tenant.state.size).toBe(249);
    expect(tenant.state.has(bad)).toBe(false);
    expect([...tenant.landedCounts().values()].every((n) => n === 1)).toBe(true);
    // Halving: at most 2 calls per level below the first.
    expect(tenant.calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(250)));
    expect(queue.progress(CERT)).toMatchObject({ total: 250, sent: 249, failed: 1, calls: tenant.calls.length });
    const failed = events.filter((e) => e.type === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ decisions: [expect.objectContaining({ id: bad })] });
    expect((failed[0] as Extract<QueueEvent, { type: 'failed' }>).message).toContain(message);
    // Only the failure is kept in storage, marked as such.
    expect([...rows.keys()]).toEqual([keyOf(CERT, bad)]);
    expect(rows.get(keyOf(CERT, bad))).toMatchObject({ status: 'failed' });
    expect(queue.pendingCount()).toBe(0);
  });

  it('a 400 on a batch whose refused decision was replaced meanwhile fails nothing that is still current', async () => {
    const { tenant, queue } = setup();
    const first = tenant.hold();
    // Comment-less revocations are refused.
    tenant.refuseWhen((d) => (d.decision === 'REVOKE' && !d.comments ? `Item ${d.id} needs a comment.` : null));
    queue.enqueue(CERT, [decision('a', 'REVOKE'), decision('b', 'APPROVE')], { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    queue.enqueue(CERT, [decision('a', 'REVOKE', { comments: 'Gone' })]);
    first.release();
    await drain(queue);
    expect(queue.pending(CERT).size).toBe(0);
    expect(tenant.state.get('a')).toMatchObject({ decision: 'REVOKE', comments: 'Gone' });
    expect(tenant.state.get('b')?.decision).toBe('APPROVE');
  });

  it('a 403 marks the batch failed at once, without splitting it', async () => {
    const { tenant, queue, rows } = setup();
    tenant.failNext(httpError(403, 'Only the reviewer of this certification can do this.'));
    queue.enqueue(CERT, approveAll(ids(3)), { immediate: true });
    await drain(queue);
    expect(tenant.send).toHaveBeenCalledTimes(1);
    const pending = [...queue.pending(CERT).values()];
    expect(pending).toHaveLength(3);
    expect(pending.every((e) => e.status === 'failed' && e.message?.includes('Only the reviewer'))).toBe(true);
    expect(queue.progress(CERT)).toMatchObject({ total: 3, sent: 0, failed: 3 });
    expect([...rows.values()].every((e) => e.status === 'failed')).toBe(true);
  });

  it('retryFailed sends the failed decisions again', async () => {
    const { tenant, queue, rows } = setup();
    tenant.failNext(httpError(403, 'Forbidden'));
    queue.enqueue(CERT, approveAll(ids(3)), { immediate: true });
    await drain(queue);
    expect(tenant.state.size).toBe(0);

    queue.retryFailed(CERT);
    expect([...queue.pending(CERT).values()].every((e) => e.status === 'queued' && e.message === undefined)).toBe(true);
    await drain(queue);
    expect(tenant.send).toHaveBeenCalledTimes(2);
    expect(tenant.state.size).toBe(3);
    expect(queue.pending(CERT).size).toBe(0);
    expect(rows.size).toBe(0);
    expect(queue.progress(CERT)).toMatchObject({ total: 3, sent: 3, failed: 0 });
  });

  it('discardFailed drops the failed decisions without sending anything', async () => {
    const { tenant, queue, rows } = setup();
    tenant.failNext(httpError(403, 'Forbidden'));
    queue.enqueue(CERT, approveAll(ids(3)), { immediate: true });
    await drain(queue);
    expect(rows.size).toBe(3);

    queue.discardFailed(CERT);
    await drain(queue);
    expect(queue.pending(CERT).size).toBe(0);
    expect(rows.size).toBe(0);
    expect(tenant.send).toHaveBeenCalledTimes(1);
    expect(tenant.state.size).toBe(0);
  });

  it('a new decision on a failed item replaces the failure', async () => {
    const { tenant, queue } = setup();
    tenant.refuseWhen((d) => (d.decision === 'REVOKE' && !d.comments ? 'A comment is required.' : null));
    queue.enqueue(CERT, [decision('a', 'REVOKE')], { immediate: true });
    await drain(queue);
    expect(queue.pending(CERT).get('a')?.status).toBe('failed');
    expect(queue.progress(CERT)).toMatchObject({ total: 1, sent: 0, failed: 1 });

    queue.enqueue(CERT, [decision('a', 'REVOKE', { comments: 'Moved to finance' })], { immediate: true });
    await drain(queue);
    expect(queue.pending(CERT).size).toBe(0);
    expect(tenant.state.get('a')?.comments).toBe('Moved to finance');
  });
});

describe('DecisionQueue: cancel, reload, progress, storage', () => {
  it('cancel() takes back queued decisions but not those in flight', async () => {
    const { tenant, queue, rows } = setup({ concurrency: 1 });
    const first = tenant.hold();
    const all = ids(500);
    queue.enqueue(CERT, approveAll(all), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(tenant.send).toHaveBeenCalledTimes(1);
    const inFlight = tenant.calls[0]!.map((d) => d.id);

    const taken = queue.cancel(CERT, all);
    expect(taken.sort()).toEqual(all.filter((id) => !inFlight.includes(id)).sort());
    expect(taken).toHaveLength(250);
    expect(queue.pending(CERT).size).toBe(250);
    expect([...queue.pending(CERT).values()].every((e) => e.status === 'sending')).toBe(true);

    first.release();
    await drain(queue);
    expect(tenant.send).toHaveBeenCalledTimes(1);
    expect([...tenant.state.keys()].sort()).toEqual([...inFlight].sort());
    expect(queue.pending(CERT).size).toBe(0);
    expect(rows.size).toBe(0);
    expect(queue.progress(CERT)).toMatchObject({ total: 250, sent: 250, failed: 0 });
  });

  it('load() after a reload sends what was queued or in flight; failed decisions stay failed', async () => {
    const mem = memoryDecisionStorage();
    // Before the reload: one decision refused, then 300 more, of which 250 are in flight when the page goes.
    const before = fakeTenant();
    before.refuseWhen((d) => (d.id === 'refused' ? 'Item refused is not in this certification.' : null));
    const old = new DecisionQueue({ storage: mem.storage, send: before.send, readBack: before.readBack, delayMs: DELAY, retryDelaysMs: RETRY, concurrency: 1 });
    old.setActor(TEST_OWNER);
    old.enqueue(CERT, [decision('refused')], { immediate: true });
    await drain(old);
    expect(old.pending(CERT).get('refused')?.status).toBe('failed');
    before.hold(); // never answered: the page is closed first
    const all = ids(300);
    old.enqueue(CERT, approveAll(all), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(before.send).toHaveBeenCalledTimes(2);
    expect(old.pending(CERT).get(all[0]!)?.status).toBe('sending');
    await old.settled();
    expect(mem.rows.size).toBe(301);

    // The reload: a new queue over the same storage.
    const after = fakeTenant();
    const queue = new DecisionQueue({ storage: mem.storage, send: after.send, readBack: after.readBack, delayMs: DELAY, retryDelaysMs: RETRY, concurrency: 1 });
    queue.setActor(TEST_OWNER);
    await queue.load();
    expect(queue.pending(CERT).size).toBe(301);
    expect(queue.pending(CERT).get('refused')).toMatchObject({ status: 'failed', message: expect.stringContaining('not in this certification') });
    await drain(queue);

    expect(after.send).toHaveBeenCalledTimes(2);
    expect([...after.state.keys()].sort()).toEqual(all);
    expect([...after.landedCounts().values()].every((n) => n === 1)).toBe(true);
    expect([...queue.pending(CERT).keys()]).toEqual(['refused']);
    expect(queue.pending(CERT).get('refused')?.status).toBe('failed');
    expect([...mem.rows.keys()]).toEqual([keyOf(CERT, 'refused')]);
    expect(queue.progress(CERT)).toMatchObject({ total: 301, sent: 300, failed: 1 });
    // load() runs once.
    await queue.load();
    expect(after.send).toHaveBeenCalledTimes(2);
  });

  it('load() keeps a decision made before the restore finished over the stored one', async () => {
    const mem = memoryDecisionStorage();
    const old = new DecisionQueue({ storage: mem.storage, send: fakeTenant().send, delayMs: DELAY });
    old.setActor(TEST_OWNER);
    old.pause();
    old.enqueue(CERT, [decision('a', 'APPROVE'), decision('b', 'APPROVE')]);
    await old.settled();

    const tenant = fakeTenant();
    const queue = new DecisionQueue({ storage: mem.storage, send: tenant.send, delayMs: DELAY });
    queue.setActor(TEST_OWNER);
    queue.enqueue(CERT, [decision('a', 'REVOKE', { comments: 'Changed my mind' })]);
    await queue.load();
    await drain(queue);
    expect(tenant.state.get('a')?.decision).toBe('REVOKE');
    expect(tenant.state.get('b')?.decision).toBe('APPROVE');
    expect(mem.rows.size).toBe(0);
  });

  it('progress counts the run: total, sent, failed and calls as they happen', async () => {
    const { tenant, queue } = setup({ concurrency: 1 });
    tenant.refuseWhen((d) => (d.id === 'item-00599' ? 'refused' : null));
    expect(queue.progress(CERT)).toBeNull();
    const first = tenant.hold();
    const second = tenant.hold();
    queue.enqueue(CERT, approveAll(ids(600)), { immediate: true });
    expect(queue.progress(CERT)).toEqual({ total: 600, sent: 0, failed: 0, calls: 0, checks: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.progress(CERT)).toEqual({ total: 600, sent: 0, failed: 0, calls: 1, checks: 0 });
    first.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.progress(CERT)).toEqual({ total: 600, sent: 250, failed: 0, calls: 2, checks: 0 });
    second.release();
    await drain(queue);
    const progress = queue.progress(CERT)!;
    expect(progress).toMatchObject({ total: 600, sent: 599, failed: 1 });
    expect(progress.calls).toBe(tenant.calls.length);

    // The next decisions start a new run.
    queue.enqueue(CERT, approveAll(['x', 'y']), { immediate: true });
    expect(queue.progress(CERT)).toEqual({ total: 2, sent: 0, failed: 0, calls: 0, checks: 0 });
    await drain(queue);
    expect(queue.progress(CERT)).toEqual({ total: 2, sent: 2, failed: 0, calls: 1, checks: 0 });
  });

  it('revision() changes with every change, and subscribers hear about it', async () => {
    const { queue, events } = setup();
    const start = queue.revision();
    queue.enqueue(CERT, [decision('a')], { immediate: true });
    expect(queue.revision()).toBeGreaterThan(start);
    const afterEnqueue = queue.revision();
    await drain(queue);
    expect(queue.revision()).toBeGreaterThan(afterEnqueue);
    expect(events.map((e) => e.type)).toEqual(['change', 'change', 'sent', 'change', 'drained']);
    const sent = events.find((e) => e.type === 'sent') as Extract<QueueEvent, { type: 'sent' }>;
    expect(sent.certification).toMatchObject({ id: CERT, decisionsMade: 1 });
    expect(sent.decisions).toEqual([decision('a')]);
  });

  it('writes land in order (put, then remove), so storage is empty once everything is confirmed, even with a slow storage', async () => {
    // Writes take longer than the tenant's replies: a remove must still not overtake its put.
    const { tenant, queue, rows, log } = setup({ delayMs: 0 }, { writeDelayMs: 50 });
    queue.enqueue(CERT, approveAll(ids(600)), { immediate: true });
    queue.enqueue(CERT, [decision('solo')]);
    await drain(queue);
    expect(tenant.state.size).toBe(601);
    expect(rows.size).toBe(0);
    for (const key of [keyOf(CERT, 'item-00000'), keyOf(CERT, 'item-00599'), keyOf(CERT, 'solo')]) {
      const put = log.indexOf(`put ${key}`);
      const remove = log.indexOf(`remove ${key}`);
      expect(put).toBeGreaterThanOrEqual(0);
      expect(remove).toBeGreaterThan(put);
    }
  });

  it('sends the next call without waiting for the removal of the last one from storage', async () => {
    const tenant = fakeTenant();
    const mem = memoryDecisionStorage();
    const removing = deferred();
    const storage = { ...mem.storage, remove: async (keys: Parameters<typeof mem.storage.remove>[0]) => (await removing.promise, mem.storage.remove(keys)) };
    // Each call leaves only once its items are durably marked as being sent.
    const marked: boolean[] = [];
    const send: DecisionQueueOptions['send'] = async (certificationId, decisions) => {
      marked.push(decisions.every((d) => mem.rows.get(keyOf(CERT, d.id))?.status === 'sending'));
      return tenant.send(certificationId, decisions);
    };
    const queue = new DecisionQueue({ storage, send, readBack: tenant.readBack, delayMs: 0, retryDelaysMs: RETRY, readBackGraceMs: 0, concurrency: 1 });
    queue.setActor(TEST_OWNER);
    queue.enqueue(CERT, approveAll(ids(750)), { immediate: true });
    await vi.runAllTimersAsync();
    expect(marked).toEqual([true, true, true]);
    // Every call went out and landed while the first removal was still being written.
    expect(tenant.calls.map((c) => c.length)).toEqual([250, 250, 250]);
    expect(mem.rows.size).toBe(750);
    removing.release();
    await drain(queue);
    expect(mem.rows.size).toBe(0);
    expect([...tenant.landedCounts().values()].every((n) => n === 1)).toBe(true);
  });

  it('sends nothing this browser could not mark as being sent, says why, and sends it once storage works again', async () => {
    const tenant = fakeTenant();
    const mem = memoryDecisionStorage();
    let broken = false;
    const storage = { ...mem.storage, put: async (entries: Parameters<typeof mem.storage.put>[0]) => (broken ? Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')) : mem.storage.put(entries)) };
    const queue = new DecisionQueue({ storage, send: tenant.send, readBack: tenant.readBack, delayMs: 0, retryDelaysMs: RETRY, readBackGraceMs: 0, concurrency: 1 });
    queue.setActor(TEST_OWNER);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    queue.enqueue(CERT, [decision('a')]);
    await queue.settled();
    broken = true;
    await vi.advanceTimersByTimeAsync(DELAY + 10);
    expect(tenant.calls).toHaveLength(0);
    expect(queue.health(CERT).reason).toBe('storage');
    expect(queue.pending(CERT).get('a')?.status).toBe('queued');
    broken = false;
    await drain(queue);
    expect(tenant.calls).toEqual([[decision('a')]]);
    expect(mem.rows.size).toBe(0);
  });

  it('keeps certifications apart', async () => {
    const { tenant, queue } = setup();
    queue.enqueue('cert-a', [decision('x')], { immediate: true });
    queue.enqueue('cert-b', [decision('x', 'REVOKE', { comments: 'no' })], { immediate: true });
    expect(queue.pending('cert-a').get('x')?.decision.decision).toBe('APPROVE');
    expect(queue.pending('cert-b').get('x')?.decision.decision).toBe('REVOKE');
    expect(queue.pendingCount()).toBe(2);
    await drain(queue);
    expect(tenant.send.mock.calls.map(([cert]) => cert).sort()).toEqual(['cert-a', 'cert-b']);
  });
});

describe('a certification that no longer takes decisions', () => {
  it('fails a refused batch whole instead of splitting it, when the certification was signed meanwhile', async () => {
    const storage = { load: async () => [], put: async () => undefined, remove: async () => undefined };
    const send = vi.fn(async () => {
      throw new ApiError({ kind: 'http', operationId: 'makeIdentityDecision', status: 400, messages: ['The certification was signed off and is read-only.'] });
    });
    const q = new DecisionQueue({ storage, send, delayMs: 0, acceptsDecisions: async () => false });
    q.setActor(TEST_OWNER);
    q.enqueue('cert-1', Array.from({ length: 250 }, (_, i) => ({ id: `item-${i}`, decision: 'APPROVE' as const, bulk: true })));
    await vi.waitFor(() => expect(q.progress('cert-1')?.failed).toBe(250));
    expect(send).toHaveBeenCalledTimes(1);
    expect([...q.pending('cert-1').values()].every((e) => e.status === 'failed' && /read-only/.test(e.message ?? ''))).toBe(true);
  });
});
