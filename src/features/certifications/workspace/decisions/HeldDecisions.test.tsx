import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../../../api/errors';
import { memoryDecisionStorage, TEST_OWNER } from '../../../../../test/decision-queue';
import { renderWithProviders } from '../../../../../test/render';
import { DecisionStatus } from '../DecisionStatus';
import { HeldDecisionsBanner } from './HeldDecisions';
import { DecisionQueue, type DecisionOwner, type DecisionQueueOptions } from './queue';
import { replaceDecisionQueue, useDecisions } from './useDecisions';

/** What a reviewer sees of decisions that wait: whose they are, why, and when the next try is. */

const CERT = 'cert-status';
const ADMIN: DecisionOwner = { identityId: 'admin-1', name: 'Chen Wei', tenant: TEST_OWNER.tenant };
let queue: DecisionQueue;
let send: ReturnType<typeof vi.fn<DecisionQueueOptions['send']>>;

beforeEach(() => {
  send = vi.fn<DecisionQueueOptions['send']>();
  queue = new DecisionQueue({ storage: memoryDecisionStorage().storage, send, delayMs: 0, retryDelaysMs: [30_000] });
  replaceDecisionQueue(queue);
  queue.setActor(TEST_OWNER);
});
afterEach(() => replaceDecisionQueue(null));

function Status() {
  const decisions = useDecisions(CERT);
  return <DecisionStatus certificationId={CERT} decisions={decisions} />;
}

describe('HeldDecisionsBanner', () => {
  it('names whose decisions wait, never sends them, and discards them only after a confirmation', async () => {
    act(() => queue.enqueue(CERT, [{ id: 'a', decision: 'APPROVE', bulk: false }, { id: 'b', decision: 'REVOKE', bulk: false, comments: 'Left' }]));
    act(() => queue.setActor(ADMIN));
    renderWithProviders(<HeldDecisionsBanner />);
    const banner = screen.getByRole('alert');
    expect(banner).toHaveTextContent('2 decisions by Riley Reviewer wait for Riley Reviewer to sign in again.');
    expect(send).not.toHaveBeenCalled();

    await userEvent.click(within(banner).getByRole('button', { name: 'Discard…' }));
    const dialog = screen.getByRole('dialog', { name: 'Discard 2 decisions by Riley Reviewer?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep them' }));
    expect(queue.held()).toHaveLength(1);

    await userEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Discard…' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Discard' }));
    expect(queue.held()).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(send).not.toHaveBeenCalled();
  });

  it('shows nothing when no one else’s decisions are kept', () => {
    act(() => queue.enqueue(CERT, [{ id: 'a', decision: 'APPROVE', bulk: false }]));
    renderWithProviders(<HeldDecisionsBanner />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('DecisionStatus', () => {
  it('says the tenant is rate-limiting and when the next try is, and Retry now sends at once', async () => {
    send.mockRejectedValueOnce(new ApiError({ kind: 'http', operationId: 'makeIdentityDecision', status: 429, messages: ['Rate Limit Exceeded'], retryAfterSeconds: 30 }));
    send.mockResolvedValueOnce({ id: CERT });
    renderWithProviders(<Status />);
    act(() => queue.enqueue(CERT, [{ id: 'a', decision: 'APPROVE', bulk: false }], { immediate: true }));
    const waiting = await screen.findByRole('alert');
    expect(waiting).toHaveTextContent(/^1 decision waits\. The tenant is rate-limiting requests\. Next try in (29|30|31) s\./);
    await userEvent.click(within(waiting).getByRole('button', { name: 'Retry now' }));
    expect(await screen.findByText('Your decision is saved.')).toBeInTheDocument();
    expect(send).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the session expired, with no Retry now (signing in sends them)', async () => {
    send.mockRejectedValueOnce(new ApiError({ kind: 'http', operationId: 'makeIdentityDecision', status: 401, messages: ['JWT is expired'] }));
    renderWithProviders(<Status />);
    act(() => queue.enqueue(CERT, [{ id: 'a', decision: 'APPROVE', bulk: false }, { id: 'b', decision: 'APPROVE', bulk: false }], { immediate: true }));
    const waiting = await screen.findByRole('alert');
    expect(waiting).toHaveTextContent('2 decisions wait. Your session has expired: sign in again to send them. Nothing is lost.');
    expect(within(waiting).queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();
  });

  it('announces "All N decisions saved" once a run is confirmed', async () => {
    send.mockResolvedValue({ id: CERT });
    renderWithProviders(<Status />);
    act(() => queue.enqueue(CERT, ['a', 'b', 'c'].map((id) => ({ id, decision: 'APPROVE' as const, bulk: true })), { immediate: true }));
    expect(await screen.findByText('All 3 decisions saved.')).toBeInTheDocument();
  });
});
