import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../api/errors';
import type { IdentityCertificationDto, ReviewDecision } from '../../../../api/schemas';
import { memoryDecisionStorage, TEST_OWNER } from '../../../../../test/decision-queue';
import {
  DecisionQueue,
  NotSignedInAsOwner,
  ownerKey,
  refusalMessage,
  type DecisionOwner,
  type DecisionQueueOptions,
  type DecisionStorage,
  type LockHandle,
  type QueueChannel,
  type QueueMessage,
  type TenantDecision,
} from './queue';

/**
 * The queue's promises to an auditor: every decision reaches the tenant once, as the person who made it,
 * saying what they meant — through lost replies, reloads, identity switches and several tabs.
 */

const CERT = 'cert-trust';
const OTHER: DecisionOwner = { identityId: 'admin-9', name: 'Chen Wei', tenant: 'test-tenant' };

const networkError = () => new ApiError({ kind: 'network', operationId: 'makeIdentityDecision', cause: new TypeError('Failed to fetch') });
const httpError = (status: number, message: string, retryAfterSeconds?: number) =>
  new ApiError({ kind: 'http', operationId: 'makeIdentityDecision', status, messages: [message], ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

const ids = (n: number, prefix = 'item') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
const approve = (id: string, extra: Partial<ReviewDecision> = {}): ReviewDecision => ({ id, decision: 'APPROVE', bulk: true, ...extra });

/**
 * A tenant that records who decided what (an audit), applies a batch whole, and can lose replies: the call
 * is applied, then the connection drops before the answer reaches the browser.
 */
function auditedTenant() {
  const state = new Map<string, ReviewDecision>();
  const audit: { itemId: string; decision: string; by: string }[] = [];
  const decideCalls: { owner: DecisionOwner; decisions: ReviewDecision[] }[] = [];
  const readCalls: string[][] = [];
  let plan: ('ok' | 'lost-reply' | 'drop' | '503' | '429')[] = [];
  const gone = new Set<string>();
  const send = vi.fn(async (_cert: string, decisions: ReviewDecision[], owner: DecisionOwner): Promise<IdentityCertificationDto> => {
    decideCalls.push({ owner, decisions });
    const next = plan.shift() ?? 'ok';
    if (next === 'drop') throw networkError();
    if (next === '503') throw httpError(503, 'Service Unavailable');
    if (next === '429') throw httpError(429, 'Rate Limit Exceeded', 3);
    const missing = decisions.filter((d) => gone.has(d.id));
    if (missing.length) throw httpError(400, `These items are not in certification ${CERT}: ${missing[0]!.id}.`);
    for (const d of decisions) {
      state.set(d.id, d);
      audit.push({ itemId: d.id, decision: d.decision, by: owner.identityId });
    }
    if (next === 'lost-reply') throw networkError();
    return { id: CERT, decisionsMade: state.size };
  });
  const readBack = vi.fn(async (_cert: string, itemIds: string[]): Promise<Map<string, TenantDecision>> => {
    readCalls.push(itemIds);
    return new Map(itemIds.filter((id) => !gone.has(id)).map((id) => [id, { decision: state.get(id)?.decision, comments: state.get(id)?.comments }]));
  });
  const acceptedTwice = () => {
    const counts = new Map<string, number>();
    for (const a of audit) counts.set(a.itemId, (counts.get(a.itemId) ?? 0) + 1);
    return [...counts.values()].filter((n) => n > 1).length;
  };
  return { state, audit, decideCalls, readCalls, send, readBack, gone, acceptedTwice, plan: (...steps: typeof plan) => (plan = steps) };
}

type Tenant = ReturnType<typeof auditedTenant>;

function newQueue(tenant: Tenant, storage: DecisionStorage, extra: Partial<DecisionQueueOptions> = {}) {
  return new DecisionQueue({
    storage,
    send: tenant.send,
    readBack: tenant.readBack,
    delayMs: 0,
    retryDelaysMs: [1000, 2000],
    readBackGraceMs: 0,
    concurrency: 2,
    ...extra,
  });
}

async function drain(...queues: DecisionQueue[]) {
  await vi.runAllTimersAsync();
  for (const q of queues) await q.settled();
  await vi.runAllTimersAsync();
}

/** Web Locks in miniature: one holder per name, the others wait in line. */
function fakeLocks() {
  const lines = new Map<string, { grant: () => void; id: number }[]>();
  let ids = 0;
  const lock = (name: string): LockHandle => {
    const line = lines.get(name) ?? [];
    lines.set(name, line);
    const id = ++ids;
    let grant!: () => void;
    const granted = new Promise<void>((resolve) => (grant = resolve));
    line.push({ grant, id });
    if (line.length === 1) grant();
    return {
      granted,
      release() {
        const index = line.findIndex((w) => w.id === id);
        if (index < 0) return;
        line.splice(index, 1);
        if (index === 0) line[0]?.grant();
      },
    };
  };
  return lock;
}

/** A BroadcastChannel between tabs: each message reaches every other tab, later, as a copy. */
function channelHub() {
  const members: ((message: QueueMessage) => void)[] = [];
  return (): QueueChannel => {
    let own: ((event: { data: QueueMessage }) => void) | null = null;
    const deliver = (message: QueueMessage) => own?.({ data: structuredClone(message) });
    members.push(deliver);
    return {
      postMessage: (message) => {
        for (const member of members) if (member !== deliver) queueMicrotask(() => member(message));
      },
      addEventListener: (_type, listener) => (own = listener),
    };
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('exactly once: a call whose reply was lost', () => {
  it('is read back, not re-sent, when the tenant had applied it: 250 items accepted once, in 1 decide and 1 read', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    tenant.plan('lost-reply');
    queue.enqueue(CERT, ids(250).map((id) => approve(id)), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.pending(CERT).get('item-00000')?.status).toBe('uncertain');
    await drain(queue);
    expect(tenant.decideCalls).toHaveLength(1);
    expect(tenant.readCalls).toEqual([ids(250)]);
    expect(tenant.acceptedTwice()).toBe(0);
    expect(tenant.state.size).toBe(250);
    expect(queue.pending(CERT).size).toBe(0);
    expect(queue.progress(CERT)).toMatchObject({ total: 250, sent: 250, failed: 0, calls: 1, checks: 1 });
  });

  it('sends again only what the tenant does not hold when the call was dropped before it landed', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    tenant.plan('drop');
    queue.enqueue(CERT, [approve('a'), approve('b')], { immediate: true });
    await drain(queue);
    expect(tenant.decideCalls).toHaveLength(2);
    expect(tenant.readCalls).toHaveLength(1);
    expect(tenant.audit.map((a) => a.itemId).sort()).toEqual(['a', 'b']);
  });

  it('after a reload mid-send, reads the lost call back first and sends nothing the tenant already holds', async () => {
    const tenant = auditedTenant();
    const mem = memoryDecisionStorage();
    const before = newQueue(tenant, mem.storage);
    before.setActor(TEST_OWNER);
    // The page goes while the call is out; the tenant applied it.
    let resolveSend!: () => void;
    tenant.send.mockImplementationOnce(async (_c, decisions, owner) => {
      for (const d of decisions) {
        tenant.state.set(d.id, d);
        tenant.audit.push({ itemId: d.id, decision: d.decision, by: owner.identityId });
      }
      await new Promise<void>((resolve) => (resolveSend = resolve));
      return { id: CERT };
    });
    before.enqueue(CERT, ids(300).map((id) => approve(id)), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    await before.settled();
    expect([...mem.rows.values()].filter((e) => e.status === 'sending')).toHaveLength(250);
    expect(resolveSend).toBeTypeOf('function');

    const after = newQueue(tenant, mem.storage, { readBackGraceMs: 5000 });
    after.setActor(TEST_OWNER);
    await after.load();
    expect([...after.pending(CERT).values()].filter((e) => e.status === 'uncertain')).toHaveLength(250);
    await drain(after);
    expect(tenant.acceptedTwice()).toBe(0);
    expect(tenant.state.size).toBe(300);
    expect(after.pending(CERT).size).toBe(0);
    expect(mem.rows.size).toBe(0);
  });

  it('a decision on an item that left the certification fails with words a reviewer understands, not raw error text', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    tenant.gone.add('moved');
    queue.enqueue(CERT, [approve('moved')], { immediate: true });
    await drain(queue);
    const entry = queue.pending(CERT).get('moved');
    expect(entry?.status).toBe('failed');
    expect(entry?.message).toMatch(/^This item is no longer in this certification/);
    expect(tenant.audit).toHaveLength(0);
  });
});

describe('every decision belongs to its reviewer', () => {
  it('after a switch to another identity, the first one’s decisions are held: never sent, listed by owner, sent after switching back', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage, { delayMs: 600 });
    queue.setActor(TEST_OWNER);
    queue.enqueue(CERT, [approve('a'), approve('b'), approve('c')]);
    queue.setActor(OTHER);
    await drain(queue);
    expect(tenant.decideCalls).toHaveLength(0);
    expect(queue.pending(CERT).size).toBe(0);
    expect(queue.held()).toEqual([{ owner: TEST_OWNER, count: 3, certificationIds: [CERT] }]);

    // The other identity decides too: sent under their own name.
    queue.enqueue(CERT, [approve('d')], { immediate: true });
    await drain(queue);
    expect(tenant.decideCalls.map((c) => [c.owner.identityId, c.decisions.map((d) => d.id)])).toEqual([[OTHER.identityId, ['d']]]);

    queue.setActor(TEST_OWNER);
    await drain(queue);
    expect(tenant.audit.map((a) => `${a.itemId}:${a.by}`).sort()).toEqual(['a:reviewer-1', 'b:reviewer-1', 'c:reviewer-1', 'd:admin-9']);
    expect(queue.held()).toEqual([]);
  });

  it('held decisions are dropped only when someone says so, and never the signed-in identity’s own', async () => {
    const tenant = auditedTenant();
    const mem = memoryDecisionStorage();
    const queue = newQueue(tenant, mem.storage, { delayMs: 600 });
    queue.setActor(TEST_OWNER);
    queue.enqueue(CERT, [approve('a'), approve('b')]);
    queue.setActor(null);
    expect(() => queue.enqueue(CERT, [approve('c')])).toThrow(/Sign in/);
    queue.setActor(OTHER);
    expect(queue.discardHeld(OTHER)).toBe(0);
    expect(queue.discardHeld(TEST_OWNER)).toBe(2);
    await drain(queue);
    expect(queue.held()).toEqual([]);
    expect(mem.rows.size).toBe(0);
    expect(tenant.decideCalls).toHaveLength(0);
  });

  it('a send refused because the owner is no longer signed in keeps the decisions and pauses, nothing lost', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    tenant.send.mockRejectedValueOnce(new NotSignedInAsOwner(TEST_OWNER));
    queue.enqueue(CERT, [approve('a')], { immediate: true });
    await drain(queue);
    expect(queue.pending(CERT).get('a')?.status).toBe('queued');
    expect(queue.health(CERT).reason).toBe('session-expired');
    queue.resume();
    await drain(queue);
    expect(tenant.audit).toEqual([{ itemId: 'a', decision: 'APPROVE', by: TEST_OWNER.identityId }]);
  });

  it('a call refused because its owner switched away meanwhile does not stop the new identity’s decisions', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    let release!: () => void;
    tenant.send.mockImplementationOnce(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      throw new NotSignedInAsOwner(TEST_OWNER);
    });
    queue.enqueue(CERT, [approve('a')], { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    queue.setActor(OTHER);
    release();
    await vi.advanceTimersByTimeAsync(0);
    queue.enqueue(CERT, [approve('b')], { immediate: true });
    await drain(queue);
    expect(tenant.audit).toEqual([{ itemId: 'b', decision: 'APPROVE', by: OTHER.identityId }]);
    expect(queue.held()).toEqual([{ owner: TEST_OWNER, count: 1, certificationIds: [CERT] }]);
  });

  it('sends each decision with the identity recorded on it', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    queue.enqueue(CERT, [approve('a')], { immediate: true });
    await drain(queue);
    expect(tenant.send.mock.calls[0]![2]).toEqual(TEST_OWNER);
    expect(ownerKey(TEST_OWNER)).not.toBe(ownerKey({ ...TEST_OWNER, tenant: 'another-tenant' }));
  });
});

describe('one sender across tabs', () => {
  it('two tabs deciding in one certification: one sends, both see every decision, each accepted once', async () => {
    const tenant = auditedTenant();
    const { storage, rows } = memoryDecisionStorage();
    const lock = fakeLocks();
    const hub = channelHub();
    const tabA = newQueue(tenant, storage, { lock, channel: hub(), delayMs: 600 });
    const tabB = newQueue(tenant, storage, { lock, channel: hub(), delayMs: 600 });
    tabA.setActor(TEST_OWNER);
    tabB.setActor(TEST_OWNER);
    await vi.advanceTimersByTimeAsync(0);
    expect(tabA.health(CERT).sender).toBe(true);
    expect(tabB.health(CERT)).toMatchObject({ sender: false, reason: 'other-tab' });

    const savedInB: string[] = [];
    tabB.subscribe((e) => e.type === 'sent' && savedInB.push(...e.decisions.map((d) => d.id)));
    tabA.enqueue(CERT, ids(5, 'a').map((id) => approve(id)));
    tabB.enqueue(CERT, ids(5, 'b').map((id) => approve(id)));
    await vi.advanceTimersByTimeAsync(0);
    // Each tab shows the other's decisions as they happen.
    expect(tabA.pending(CERT).size).toBe(10);
    expect(tabB.pending(CERT).size).toBe(10);
    await drain(tabA, tabB);
    expect(tenant.acceptedTwice()).toBe(0);
    expect(tenant.state.size).toBe(10);
    expect(tenant.decideCalls.length).toBeLessThanOrEqual(2);
    expect(tabA.pending(CERT).size).toBe(0);
    expect(tabB.pending(CERT).size).toBe(0);
    expect(rows.size).toBe(0);
    // The tab that did not send hears that they were saved (its screens show them as the tenant's).
    expect(savedInB.sort()).toEqual([...ids(5, 'a'), ...ids(5, 'b')].sort());
  });

  it('when the sending tab closes mid-send, the other takes over, reads the lost call back, and nothing is doubled', async () => {
    const tenant = auditedTenant();
    const mem = memoryDecisionStorage();
    const lock = fakeLocks();
    const hub = channelHub();
    const tabA = newQueue(tenant, mem.storage, { lock, channel: hub() });
    const tabB = newQueue(tenant, mem.storage, { lock, channel: hub() });
    tabA.setActor(TEST_OWNER);
    tabB.setActor(TEST_OWNER);
    // Tab A's call lands on the tenant, and then tab A is closed before the reply (its lock goes with it).
    tenant.send.mockImplementationOnce(async (_c, decisions, owner) => {
      for (const d of decisions) {
        tenant.state.set(d.id, d);
        tenant.audit.push({ itemId: d.id, decision: d.decision, by: owner.identityId });
      }
      return new Promise<IdentityCertificationDto>(() => undefined);
    });
    tabA.enqueue(CERT, ids(260).map((id) => approve(id)), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    await tabA.settled();
    tabA.setActor(null); // the tab's lock is released as if it closed (its call never answers)
    (tabA as unknown as { inFlight: Set<string> }).inFlight.clear();
    await drain(tabB);
    expect(tenant.acceptedTwice()).toBe(0);
    expect(tenant.state.size).toBe(260);
    expect(tabB.pending(CERT).size).toBe(0);
    expect(tenant.readCalls.length).toBeGreaterThanOrEqual(1);
  });
});

describe('honest status', () => {
  it('says the tenant is rate-limiting and when the next try is; Retry now sends at once', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage, { retryDelaysMs: [10_000] });
    queue.setActor(TEST_OWNER);
    tenant.plan('429');
    queue.enqueue(CERT, [approve('a')], { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    const health = queue.health(CERT);
    expect(health.reason).toBe('rate-limited');
    expect(health.retryAt! - Date.now()).toBe(10_000);
    // A 429 was refused at the gate: nothing to read back.
    expect(queue.pending(CERT).get('a')?.status).toBe('queued');
    queue.retryNow(CERT);
    await vi.advanceTimersByTimeAsync(0);
    expect(tenant.audit).toHaveLength(1);
    expect(queue.health(CERT).reason).toBeNull();
    expect(tenant.readCalls).toHaveLength(0);
  });

  it('says the tenant had an error after a 5xx, and that it is offline after a dropped connection', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    tenant.plan('503');
    queue.enqueue(CERT, [approve('a')], { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.health(CERT).reason).toBe('tenant-error');
    tenant.plan('drop');
    queue.retryNow(CERT);
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.health(CERT).reason).toBe('offline');
    await drain(queue);
    expect(tenant.acceptedTwice()).toBe(0);
  });

  it('announces when everything the reviewer decided is saved', async () => {
    const tenant = auditedTenant();
    const { storage } = memoryDecisionStorage();
    const queue = newQueue(tenant, storage);
    queue.setActor(TEST_OWNER);
    const drained: number[] = [];
    queue.subscribe((e) => e.type === 'drained' && drained.push(e.saved));
    queue.enqueue(CERT, ids(300).map((id) => approve(id)), { immediate: true });
    await drain(queue);
    expect(drained).toEqual([300]);
  });
});

describe('refusalMessage', () => {
  it('explains what a reviewer can do, and keeps the tenant’s words', () => {
    expect(refusalMessage(httpError(400, 'These items are not in certification x: y.'))).toMatch(/no longer in this certification.*The tenant said: "These items/);
    expect(refusalMessage(httpError(400, 'This campaign requires a comment on every revocation.'))).toMatch(/^This campaign requires a comment/);
    expect(refusalMessage(httpError(403, 'Forbidden'))).toMatch(/^You may not decide in this certification/);
  });
});
