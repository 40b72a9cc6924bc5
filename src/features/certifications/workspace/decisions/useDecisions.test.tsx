import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../../../../api/errors';
import type { AccessReviewItem, IdentityCertificationDto, ReviewDecision } from '../../../../api/schemas';
import { certificationQueries } from '../../queries';
import { itemQueries } from '../items';
import { memoryDecisionStorage, TEST_OWNER } from '../../../../../test/decision-queue';
import { DecisionQueue, type QueueEntry } from './queue';
import { effectiveDecision, replaceDecisionQueue, useDecisions } from './useDecisions';

const CERT = 'cert-hook';
const DELAY = 600;
const PAGE_KEY = itemQueries.page(CERT, {}, { offset: 0, limit: 250, sorters: [] }).queryKey;

const item = (id: string, saved?: Pick<AccessReviewItem, 'decision' | 'comments'>): AccessReviewItem => ({
  id,
  completed: Boolean(saved?.decision),
  newAccess: false,
  ...(saved?.decision ? { decision: saved.decision, comments: saved.comments ?? null } : { comments: null }),
  accessSummary: { access: { type: 'ENTITLEMENT', id: `access-${id}`, name: `Access ${id}` } },
});

let queryClient: QueryClient;
let send: ReturnType<typeof vi.fn<(certificationId: string, decisions: ReviewDecision[]) => Promise<IdentityCertificationDto>>>;
let refuse: (d: ReviewDecision) => string | null;
let rows: Map<string, QueueEntry>;

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

/** The item as the cached page has it now. */
const cached = (id: string) => queryClient.getQueryData<{ items: AccessReviewItem[] }>(PAGE_KEY)!.items.find((i) => i.id === id)!;

function render() {
  return renderHook(() => useDecisions(CERT), { wrapper });
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity } } });
  queryClient.setQueryData(PAGE_KEY, {
    items: [item('a'), item('b'), item('c'), item('saved', { decision: 'APPROVE', comments: 'Needed for payroll' })],
    total: 4,
  });
  refuse = () => null;
  let made = 1;
  send = vi.fn(async (certificationId: string, decisions: ReviewDecision[]) => {
    const refusal = decisions.map((d) => refuse(d)).find((m) => m !== null);
    if (refusal) throw new ApiError({ kind: 'http', operationId: 'makeIdentityDecision', status: 400, messages: [refusal], detailCode: '400.1 Bad Request Content' });
    made += decisions.length;
    return { id: certificationId, decisionsMade: made, decisionsTotal: 4 };
  });
  const mem = memoryDecisionStorage();
  rows = mem.rows;
  const q = new DecisionQueue({ storage: mem.storage, send, delayMs: DELAY, retryDelaysMs: [1000] });
  replaceDecisionQueue(q);
  q.setActor(TEST_OWNER);
});

afterEach(() => {
  replaceDecisionQueue(null);
  queryClient.clear();
  vi.useRealTimers();
});

describe('useDecisions', () => {
  it('shows a decision at once (queued), then, once sent, from the cached page (saved)', async () => {
    const { result } = render();
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: undefined, state: 'undecided' });

    act(() => result.current.decide([{ item: cached('a'), decision: 'APPROVE' }], { bulk: false }));
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'queued' });
    expect(result.current.unsentCount).toBe(1);
    expect(result.current.canUndo).toBe(true);
    expect(send).not.toHaveBeenCalled();

    await advance(DELAY);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(CERT, [{ id: 'a', decision: 'APPROVE', bulk: false }], TEST_OWNER);
    expect(result.current.pending.size).toBe(0);
    expect(result.current.unsentCount).toBe(0);
    expect(cached('a')).toMatchObject({ decision: 'APPROVE', completed: true, comments: null });
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'saved' });
    // The reply is the certification as the tenant counts it now.
    expect(queryClient.getQueryData(certificationQueries.detail(CERT).queryKey)).toMatchObject({ id: CERT, decisionsMade: 2 });
    expect(rows.size).toBe(0);
  });

  it('sends comments trimmed, proposedEndDate only on revocations, and bulk decisions at once', async () => {
    const { result } = render();
    act(() =>
      result.current.decide(
        [
          { item: cached('a'), decision: 'REVOKE', comments: '  Left the company  ', proposedEndDate: '2027-01-01T00:00:00Z' },
          { item: cached('b'), decision: 'APPROVE', comments: '   ', proposedEndDate: '2027-01-01T00:00:00Z' },
        ],
        { bulk: true },
      ),
    );
    await advance(0);
    expect(send).toHaveBeenCalledWith(CERT, [
      { id: 'a', decision: 'REVOKE', bulk: true, comments: 'Left the company', proposedEndDate: '2027-01-01T00:00:00Z' },
      { id: 'b', decision: 'APPROVE', bulk: true },
    ],
    TEST_OWNER);
    expect(result.current.tally).toEqual({ bulk: 2, single: 0, bulkHighRisk: 0 });
  });

  it('undo before the send takes the decision back: nothing is sent', async () => {
    const { result } = render();
    act(() => result.current.decide([{ item: cached('a'), decision: 'REVOKE', comments: 'Not needed' }], { bulk: false }));
    let outcome: ReturnType<typeof result.current.undo> = null;
    act(() => {
      outcome = result.current.undo();
    });
    expect(outcome).toEqual({ undone: 1, kept: 0 });
    expect(result.current.pending.size).toBe(0);
    expect(result.current.canUndo).toBe(false);
    expect(effectiveDecision(cached('a'), result.current.pending).state).toBe('undecided');
    await advance(DELAY * 10);
    expect(send).not.toHaveBeenCalled();
    expect(rows.size).toBe(0);
    expect(result.current.tally).toEqual({ bulk: 0, single: 0, bulkHighRisk: 0 });
  });

  it('undo before the send of a change to a saved decision sends nothing either: the tenant still has it', async () => {
    const { result } = render();
    act(() => result.current.decide([{ item: cached('saved'), decision: 'REVOKE', comments: 'Moved teams' }], { bulk: false }));
    expect(effectiveDecision(cached('saved'), result.current.pending)).toMatchObject({ decision: 'REVOKE', state: 'queued' });
    act(() => {
      expect(result.current.undo()).toEqual({ undone: 1, kept: 0 });
    });
    expect(effectiveDecision(cached('saved'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'saved', comments: 'Needed for payroll' });
    await advance(DELAY * 10);
    expect(send).not.toHaveBeenCalled();
  });

  it('undo of a second decision not yet sent goes back to the first, which is still sent', async () => {
    const { result } = render();
    act(() => result.current.decide([{ item: cached('a'), decision: 'APPROVE' }], { bulk: false }));
    act(() => result.current.decide([{ item: cached('a'), decision: 'REVOKE', comments: 'No' }], { bulk: false }));
    act(() => {
      expect(result.current.undo()).toEqual({ undone: 1, kept: 0 });
    });
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'queued' });
    await advance(DELAY);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(CERT, [{ id: 'a', decision: 'APPROVE', bulk: false }], TEST_OWNER);
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'saved' });
  });

  it('undo after the send of a changed decision restores the previous decision', async () => {
    const { result } = render();
    act(() => result.current.decide([{ item: cached('saved'), decision: 'REVOKE', comments: 'Moved teams' }], { bulk: false }));
    await advance(DELAY);
    expect(send).toHaveBeenCalledTimes(1);
    expect(effectiveDecision(cached('saved'), result.current.pending)).toMatchObject({ decision: 'REVOKE', state: 'saved', comments: 'Moved teams' });

    act(() => {
      expect(result.current.undo()).toEqual({ undone: 1, kept: 0 });
    });
    expect(effectiveDecision(cached('saved'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'queued' });
    await advance(DELAY);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith(CERT, [{ id: 'saved', decision: 'APPROVE', bulk: false, comments: 'Needed for payroll' }], TEST_OWNER);
    expect(effectiveDecision(cached('saved'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'saved', comments: 'Needed for payroll' });
  });

  it('undo of a first decision already confirmed keeps it (ISC cannot clear a decision) and says so', async () => {
    const { result } = render();
    act(() => result.current.decide([{ item: cached('a'), decision: 'APPROVE' }], { bulk: false }));
    await advance(DELAY);
    expect(effectiveDecision(cached('a'), result.current.pending).state).toBe('saved');

    act(() => {
      expect(result.current.undo()).toEqual({ undone: 0, kept: 1 });
    });
    await advance(DELAY * 10);
    expect(send).toHaveBeenCalledTimes(1);
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'saved' });
    expect(result.current.tally).toEqual({ bulk: 0, single: 1, bulkHighRisk: 0 });
  });

  it('undo of a bulk step reports what was undone and what was kept, and corrects the tally', async () => {
    const { result } = render();
    act(() => result.current.decide([{ item: cached('a'), decision: 'APPROVE' }], { bulk: false }));
    await advance(DELAY);
    act(() => result.current.decide(['a', 'b', 'saved'].map((id) => ({ item: cached(id), decision: 'REVOKE' as const, comments: 'Cleanup' })), { bulk: true }));
    expect(result.current.tally).toEqual({ bulk: 3, single: 1, bulkHighRisk: 0 });
    await advance(0);
    expect(send).toHaveBeenCalledTimes(2);

    act(() => {
      // a and saved go back to their approvals; b's first decision stays.
      expect(result.current.undo()).toEqual({ undone: 2, kept: 1 });
    });
    expect(result.current.tally).toEqual({ bulk: 1, single: 1, bulkHighRisk: 0 });
    await advance(DELAY);
    expect(send).toHaveBeenLastCalledWith(CERT, [
      { id: 'a', decision: 'APPROVE', bulk: false },
      { id: 'saved', decision: 'APPROVE', bulk: false, comments: 'Needed for payroll' },
    ],
    TEST_OWNER);
  });

  it('a bulk step of one item is taken off the bulk tally when undone', () => {
    const { result } = render();
    act(() => result.current.decide([{ item: cached('a'), decision: 'APPROVE' }], { bulk: true }));
    expect(result.current.tally).toEqual({ bulk: 1, single: 0, bulkHighRisk: 0 });
    act(() => {
      result.current.undo();
    });
    expect(result.current.tally).toEqual({ bulk: 0, single: 0, bulkHighRisk: 0 });
  });

  it('failures surface through failedCount and the row, and can be retried or discarded', async () => {
    refuse = (d) => (d.decision === 'REVOKE' && !d.comments ? `This campaign requires a comment on every revocation (first: ${d.id}).` : null);
    const { result } = render();
    act(() =>
      result.current.decide(
        [
          { item: cached('a'), decision: 'REVOKE' },
          { item: cached('b'), decision: 'APPROVE' },
          { item: cached('saved'), decision: 'REVOKE' },
        ],
        { bulk: true },
      ),
    );
    await advance(0);
    expect(result.current.failedCount).toBe(2);
    expect(result.current.unsentCount).toBe(0);
    expect(result.current.progress).toMatchObject({ total: 3, sent: 1, failed: 2 });
    // The row shows what the tenant has, with the tenant's message.
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: undefined, state: 'failed', message: expect.stringContaining('requires a comment') });
    expect(effectiveDecision(cached('saved'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'failed' });
    expect(effectiveDecision(cached('b'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'saved' });

    // Still refused on retry; then dropped.
    act(() => result.current.retryFailed());
    await advance(0);
    expect(result.current.failedCount).toBe(2);
    act(() => result.current.discardFailed());
    expect(result.current.failedCount).toBe(0);
    expect(effectiveDecision(cached('a'), result.current.pending).state).toBe('undecided');
    expect(effectiveDecision(cached('saved'), result.current.pending)).toMatchObject({ decision: 'APPROVE', state: 'saved' });
    await advance(0);
    expect(rows.size).toBe(0);
  });

  it('a failed decision fixed by deciding again is sent and saved', async () => {
    refuse = (d) => (d.decision === 'REVOKE' && !d.comments ? 'A comment is required.' : null);
    const { result } = render();
    act(() => result.current.decide([{ item: cached('a'), decision: 'REVOKE' }], { bulk: false }));
    await advance(DELAY);
    expect(result.current.failedCount).toBe(1);
    act(() => result.current.decide([{ item: cached('a'), decision: 'REVOKE', comments: 'Left' }], { bulk: false }));
    expect(result.current.failedCount).toBe(0);
    await advance(DELAY);
    expect(effectiveDecision(cached('a'), result.current.pending)).toMatchObject({ decision: 'REVOKE', comments: 'Left', state: 'saved' });
  });

  it('a certification’s hook ignores the others’ decisions', async () => {
    const { result } = render();
    const other = renderHook(() => useDecisions('other-cert'), { wrapper });
    act(() => other.result.current.decide([{ item: item('x'), decision: 'APPROVE' }], { bulk: true }));
    expect(result.current.pending.size).toBe(0);
    expect(other.result.current.pending.size).toBe(1);
    expect(result.current.canUndo).toBe(false);
    await advance(0);
    expect(send).toHaveBeenCalledWith('other-cert', [{ id: 'x', decision: 'APPROVE', bulk: true }], TEST_OWNER);
    expect(cached('a').decision).toBeUndefined();
  });
});
