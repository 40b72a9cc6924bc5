import { DECIDE_MAX } from '../../../../api/rules';
import { describe, expect, it, vi } from 'vitest';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { getIdentityCertification, listIdentityAccessReviewItems, listIdentityCertifications, makeIdentityDecision } from '../../../../api/certifications';
import { TEST_OWNER } from '../../../../../test/decision-queue';
import { isApiError } from '../../../../api/errors';
import { f } from '../../../../api/filters';
import type { AccessReviewItem, IdentityCertificationDto, ReviewDecision } from '../../../../api/schemas';
import { fetchItems } from '../items';
import { DecisionQueue, type DecisionStorage } from './queue';
import { indexedDbDecisionStorage } from './storage';

/**
 * The decision queue against the simulated tenant: real HTTP through the typed client and MSW, IndexedDB
 * storage (fake-indexeddb, a fresh database per test), the tenant's own rules, faults and rate limit.
 */

/** makeIdentityDecision, counting every call the queue makes and what each successful one applied. */
function countingSend(onCall?: (call: number) => void) {
  const calls: ReviewDecision[][] = [];
  const landed: ReviewDecision[][] = [];
  const errors: unknown[] = [];
  const send = async (certificationId: string, decisions: ReviewDecision[]): Promise<IdentityCertificationDto> => {
    calls.push(decisions);
    onCall?.(calls.length);
    try {
      const certification = await makeIdentityDecision(certificationId, decisions);
      landed.push(decisions);
      return certification;
    } catch (error) {
      errors.push(error);
      throw error;
    }
  };
  const landedCounts = () => {
    const counts = new Map<string, number>();
    for (const d of landed.flat()) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
    return counts;
  };
  return { send, calls, landed, errors, landedCounts };
}

function newQueue(send: (certificationId: string, decisions: ReviewDecision[]) => Promise<IdentityCertificationDto>, options: { honorRetryAfter?: boolean } = {}) {
  const storage: DecisionStorage = indexedDbDecisionStorage(`attest-decisions-test-${crypto.randomUUID()}`);
  const queue = new DecisionQueue({
    storage,
    send,
    readBack: async (certificationId, itemIds) => {
      const page = await listIdentityAccessReviewItems(certificationId, { filters: f.in('id', itemIds), limit: DECIDE_MAX });
      return new Map(page.items.map((item) => [item.id!, { decision: item.decision, comments: item.comments }]));
    },
    delayMs: 0,
    retryDelaysMs: [5, 10, 20],
    readBackGraceMs: 0,
    concurrency: 2,
    ...options,
  });
  queue.setActor(TEST_OWNER);
  return { queue, storage };
}

/** Resolves once nothing of the certification is queued or being sent (failures may stay), and storage is written. */
async function idle(queue: DecisionQueue, certificationId: string): Promise<void> {
  await new Promise<void>((resolve) => {
    let off: () => void = () => undefined;
    const check = () => {
      if ([...queue.pending(certificationId).values()].every((e) => e.status === 'failed')) {
        off();
        resolve();
      }
    };
    off = queue.subscribe(check);
    check();
  });
  await queue.settled();
}

async function bigCertification(): Promise<IdentityCertificationDto> {
  const { items } = await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') });
  const big = items.find((c) => (c.decisionsTotal ?? 0) >= 10_000);
  expect(big, 'the source owner has the 10,000-item certification').toBeDefined();
  expect(big!.decisionsTotal).toBe(10_000);
  return big!;
}

const approve = (item: AccessReviewItem): ReviewDecision => ({ id: item.id!, decision: 'APPROVE', bulk: true });
const undecidedAmong = (items: AccessReviewItem[]) => items.filter((i) => !i.completed).length;

describe('DecisionQueue over the sandbox', () => {
  const sb = setupSandbox();

  it('approves 5,000 of the 10,000 items in exactly 20 calls; decisionsMade rises by the undecided among them', async () => {
    sb.signInAs('source-owner');
    const cert = await bigCertification();
    const items = await fetchItems(cert.id!, {});
    expect(items).toHaveLength(10_000);
    const chosen = items.slice(0, 5000);
    const newlyDecided = undecidedAmong(chosen);
    // The seed has some of them decided already: those are changed, not counted again.
    expect(newlyDecided).toBeGreaterThan(0);
    expect(newlyDecided).toBeLessThan(5000);

    const tenant = countingSend();
    const { queue, storage } = newQueue(tenant.send);
    queue.enqueue(cert.id!, chosen.map(approve), { immediate: true });
    await idle(queue, cert.id!);

    expect(tenant.calls).toHaveLength(20);
    expect(tenant.calls.every((c) => c.length <= DECIDE_MAX)).toBe(true);
    expect(tenant.errors).toEqual([]);
    const counts = tenant.landedCounts();
    expect(counts.size).toBe(5000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(queue.progress(cert.id!)).toMatchObject({ total: 5000, sent: 5000, failed: 0, calls: 20 });

    const after = await getIdentityCertification(cert.id!);
    expect(after.decisionsMade).toBe(cert.decisionsMade! + newlyDecided);
    const byId = new Map(sb.tenant.store.itemsOf(cert.id!).map((i) => [i.id, i]));
    expect(chosen.every((i) => byId.get(i.id!)?.decision === 'APPROVE')).toBe(true);
    expect(queue.pending(cert.id!).size).toBe(0);
    expect(await storage.load()).toEqual([]);
  });

  it('with dropped connections and 503s mid-run, every decision still lands exactly once', async () => {
    sb.signInAs('source-owner');
    const cert = await bigCertification();
    const items = await fetchItems(cert.id!, {});
    const errorLog = vi.spyOn(console, 'error');

    const tenant = countingSend((call) => {
      if (call === 5) sb.tenant.injectFault({ fault: 'drop', times: 2, operationId: 'makeIdentityDecision' });
      if (call === 20) sb.tenant.injectFault({ fault: 503, times: 3, operationId: 'makeIdentityDecision' });
    });
    const { queue, storage } = newQueue(tenant.send);
    queue.enqueue(cert.id!, items.map(approve), { immediate: true });
    await idle(queue, cert.id!);

    // The faults were met: 2 dropped connections and 3 503s, each retried by the queue.
    const statuses = tenant.errors.map((e) => (isApiError(e) ? (e.kind === 'network' ? 'network' : e.status) : 'other'));
    expect(statuses.sort()).toEqual([503, 503, 503, 'network', 'network']);
    // Each failed call was read back first: what the tenant already held (approved before) was not sent again.
    expect(tenant.calls.length).toBeLessThanOrEqual(40 + 5);
    const counts = tenant.landedCounts();
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const approvedBefore = new Set(items.filter((i) => i.decision === 'APPROVE' && !i.comments).map((i) => i.id));
    for (const item of items) if (!approvedBefore.has(item.id)) expect(counts.get(item.id!), item.id).toBe(1);
    expect(sb.tenant.store.itemsOf(cert.id!).every((i) => i.decision === 'APPROVE')).toBe(true);

    const after = await getIdentityCertification(cert.id!);
    expect(after.decisionsMade).toBe(10_000);
    expect(after.decisionsMade).toBe(cert.decisionsMade! + undecidedAmong(items));
    expect(queue.pending(cert.id!).size).toBe(0);
    expect(queue.progress(cert.id!)).toMatchObject({ total: 10_000, sent: 10_000, failed: 0, calls: tenant.calls.length, checks: 5 });
    expect(await storage.load()).toEqual([]);
    expect(errorLog).not.toHaveBeenCalled();
    errorLog.mockRestore();
  });

  it('isolates comment-less revocations the campaign refuses as failed, with the tenant’s message; the rest land', async () => {
    sb.signInAs('source-owner');
    const cert = await bigCertification();
    expect(cert.campaign?.mandatoryCommentRequirement).toBe('REVOKE_ONLY_DECISIONS');
    const open = (await fetchItems(cert.id!, { undecided: true })).slice(0, 600);
    expect(open).toHaveLength(600);
    // Mostly approvals, some revocations with a comment, and 4 without (refused by the campaign).
    const bare = new Set([open[3]!.id!, open[251]!.id!, open[252]!.id!, open[599]!.id!]);
    const decisions: ReviewDecision[] = open.map((item, i) =>
      bare.has(item.id!)
        ? { id: item.id!, decision: 'REVOKE', bulk: true }
        : i % 10 === 0
          ? { id: item.id!, decision: 'REVOKE', bulk: true, comments: 'No longer in the team' }
          : approve(item),
    );

    const tenant = countingSend();
    const { queue, storage } = newQueue(tenant.send);
    const failedEvents: string[] = [];
    queue.subscribe((e) => e.type === 'failed' && failedEvents.push(...e.decisions.map((d) => d.id)));
    queue.enqueue(cert.id!, decisions, { immediate: true });
    await idle(queue, cert.id!);

    const pending = queue.pending(cert.id!);
    expect(new Set(pending.keys())).toEqual(bare);
    for (const id of bare) {
      const entry = pending.get(id)!;
      expect(entry.status).toBe('failed');
      expect(entry.message).toMatch(/requires a comment on every revocation/);
      expect(entry.message).toContain(id);
    }
    expect(new Set(failedEvents)).toEqual(bare);
    expect(queue.progress(cert.id!)).toMatchObject({ total: 600, sent: 596, failed: 4 });

    const after = await getIdentityCertification(cert.id!);
    expect(after.decisionsMade).toBe(cert.decisionsMade! + 596);
    const byId = new Map(sb.tenant.store.itemsOf(cert.id!).map((i) => [i.id, i]));
    for (const d of decisions) {
      if (bare.has(d.id)) expect(byId.get(d.id)?.decision).toBeNull();
      else expect(byId.get(d.id)).toMatchObject({ decision: d.decision, comments: d.comments ?? null });
    }
    expect([...tenant.landedCounts().values()].every((n) => n === 1)).toBe(true);
    // Only the refused decisions are kept in this browser, marked failed.
    const stored = await storage.load();
    expect(new Set(stored.map((e) => e.decision.id))).toEqual(bare);
    expect(stored.every((e) => e.status === 'failed')).toBe(true);
  });
});

describe('DecisionQueue over the rate-limited sandbox', () => {
  const sb = setupSandbox({ rateLimit: true });

  it('10,000 decisions through ISC’s rate limit: 429s are waited out, nothing is refused for good', async () => {
    sb.signInAs('source-owner');
    const cert = await bigCertification();
    const items = await fetchItems(cert.id!, {});
    // Use up the rest of this client's 100 calls per 10 s, so the run starts against the limit.
    let spent = 0;
    for (;;) {
      try {
        await getIdentityCertification(cert.id!);
        spent++;
      } catch (error) {
        expect(isApiError(error) && error.status).toBe(429);
        break;
      }
      expect(spent).toBeLessThan(100);
    }

    // The tenant's clock only moves when the test moves it: each call takes a second of tenant time.
    const tenant = countingSend(() => sb.clock.advance(1000));
    // The tenant's Retry-After is in its own (hand-moved) time, not real time: the queue's short delays stand in.
    const { queue, storage } = newQueue(tenant.send, { honorRetryAfter: false });
    queue.enqueue(cert.id!, items.map(approve), { immediate: true });
    await idle(queue, cert.id!);

    // The client's own retries gave up on some calls; the queue kept those decisions and sent them again.
    expect(tenant.errors.length).toBeGreaterThan(0);
    expect(tenant.errors.every((e) => isApiError(e) && e.status === 429)).toBe(true);
    expect([...queue.pending(cert.id!).values()]).toEqual([]);
    const counts = tenant.landedCounts();
    expect(counts.size).toBe(10_000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(tenant.landed).toHaveLength(40);
    expect(queue.progress(cert.id!)).toMatchObject({ total: 10_000, sent: 10_000, failed: 0 });

    sb.clock.advance(10_000);
    expect((await getIdentityCertification(cert.id!)).decisionsMade).toBe(10_000);
    expect(await storage.load()).toEqual([]);
  });
});
