import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AccessReviewItem, CertificationDecision, MandatoryCommentRequirement } from '../../../../api/schemas';
import { memoryDecisionStorage, TEST_OWNER } from '../../../../../test/decision-queue';
import { DecisionQueue } from '../decisions/queue';
import { replaceDecisionQueue } from '../decisions/useDecisions';
import { BulkConfirmDialog, type BulkConfirmDialogProps } from './BulkConfirmDialog';
import { makeItem } from '../../../../../test/review-items';
import { renderWithProviders } from '../../../../../test/render';

const CERT = 'cert-bulk';
let queue: DecisionQueue;

beforeEach(() => {
  // Decisions stay "not yet sent" for the length of a test.
  queue = new DecisionQueue({ storage: memoryDecisionStorage().storage, send: vi.fn(), delayMs: 600_000 });
  replaceDecisionQueue(queue);
  queue.setActor(TEST_OWNER);
});
afterEach(() => replaceDecisionQueue(null));

function open(decision: CertificationDecision, items: AccessReviewItem[] | null, extra: Partial<BulkConfirmDialogProps> = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const requirement: MandatoryCommentRequirement = 'NO_DECISIONS';
  const utils = renderWithProviders(
    <BulkConfirmDialog
      open
      certificationId={CERT}
      decision={decision}
      count={items?.length ?? 1000}
      items={items}
      scopeLabel="Items: undecided"
      requirement={requirement}
      onCancel={onCancel}
      onConfirm={onConfirm}
      {...extra}
    />,
  );
  const dialog = screen.getByRole('dialog');
  return { ...utils, dialog, onConfirm, onCancel };
}

/** Ten items, six of them high-risk: 2 privileged (one also unused), 3 new, 1 without a description. */
function mixedItems(): AccessReviewItem[] {
  return [
    makeItem({ name: 'Domain Admins', privileged: true }),
    makeItem({ name: 'SAP_FI_ADMIN', privileged: true, usageDays: 0 }),
    makeItem({ name: 'New 1', newAccess: true }),
    makeItem({ name: 'New 2', newAccess: true }),
    makeItem({ name: 'New 3', newAccess: true }),
    makeItem({ name: 'Undocumented', description: null }),
    makeItem(),
    makeItem(),
    makeItem(),
    makeItem(),
  ];
}

describe('BulkConfirmDialog', () => {
  it('shows how far gathering the items has got, and cannot confirm until they are in', () => {
    const { dialog } = open('APPROVE', null, { count: 1000, loading: { loaded: 250, total: 1000 } });
    expect(within(dialog).getByRole('heading', { name: 'Approve 1,000 items?' })).toBeInTheDocument();
    expect(within(dialog).getByText('The 1,000 items matching: undecided.')).toBeInTheDocument();
    const bar = within(dialog).getByRole('progressbar', { name: 'Gathering the items' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(within(dialog).getByText('Gathering the items: 250 of 1,000')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Approve 1,000 items' })).toBeDisabled();
  });

  it('leaves high-risk items out of a bulk approval by default, and names the riskiest', async () => {
    const { dialog, onConfirm } = open('APPROVE', mixedItems());
    const warning = within(dialog).getByRole('alert');
    expect(within(warning).getByText('6 high-risk items stay for one-by-one review')).toBeInTheDocument();
    expect(within(warning).getByText('6 of 10 are high-risk: 2 privileged, 3 new access, 1 unused, 1 no description.')).toBeInTheDocument();
    const examples = within(within(warning).getByRole('list', { name: 'High-risk examples' })).getAllByRole('listitem');
    expect(examples).toHaveLength(5);
    // Riskiest first: privileged and unused beats privileged alone.
    expect(examples[0]).toHaveTextContent(/^SAP_FI_ADMIN for Person \d+ \(privileged, unused\)$/);
    expect(examples[1]).toHaveTextContent(/^Domain Admins for/);
    expect(within(warning).getByText('and 1 more.')).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve 4 items' }));
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({ includeExisting: false, includeHighRisk: false });
  });

  it('including the high-risk items is a separate step that needs a comment', async () => {
    const { dialog, onConfirm } = open('APPROVE', mixedItems());
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Also approve the 6 high-risk items (needs a comment)' }));
    const confirm = within(dialog).getByRole('button', { name: 'Approve 10 items' });
    expect(confirm).toBeDisabled();
    expect(within(dialog).getByText('6 high-risk items are included')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Comment/ }), 'Quarterly check with the app owner');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({ comments: 'Quarterly check with the app owner', includeExisting: false, includeHighRisk: true });
  });

  it('counts items that already have another decision, saved or not yet sent, and changes them only when asked', async () => {
    const revoked = makeItem({ decision: 'REVOKE', comments: 'Left the team' });
    const pendingRevoke = makeItem();
    const approved = makeItem({ decision: 'APPROVE' });
    const fresh = [makeItem(), makeItem()];
    act(() => queue.enqueue(CERT, [{ id: pendingRevoke.id!, decision: 'REVOKE', bulk: false, comments: 'Not needed' }]));
    const { dialog, onConfirm } = open('APPROVE', [revoked, pendingRevoke, approved, ...fresh]);
    const changes = within(dialog).getByRole('list', { name: 'What this changes' });
    expect(within(changes).getByText('2 items have no decision yet.')).toBeInTheDocument();
    expect(within(changes).getByText('2 items already have another decision (1 saved, 1 not yet sent): left as they are.')).toBeInTheDocument();
    expect(within(changes).getByText('1 item is already approved: nothing to do.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Approve 2 items' })).toBeEnabled();

    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Also change 2 existing decisions to approve' }));
    expect(within(changes).getByText(/: they change too\.$/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve 4 items' }));
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({ includeExisting: true, includeHighRisk: false });
  });

  it('revokes with the same comment rules and end date as a single decision', async () => {
    const { dialog, onConfirm } = open('REVOKE', mixedItems(), { requirement: 'REVOKE_ONLY_DECISIONS' });
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', { name: 'Revoke 10 items' });
    expect(confirm).toBeDisabled();
    expect(within(dialog).getByText('This campaign requires a comment on every revocation.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/Proposed end date/)).toBeInTheDocument();
    const comment = within(dialog).getByRole('textbox', { name: /Comment/ });
    expect(comment).toHaveFocus();
    await userEvent.type(comment, 'Team disbanded{Control>}{Enter}{/Control}');
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({ comments: 'Team disbanded', includeExisting: false, includeHighRisk: false });
  });

  it('says so when nothing is left to decide', () => {
    const { dialog } = open('APPROVE', [], { count: 12 });
    expect(within(dialog).getByText(/nothing to approve/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Approve 0 items' })).toBeDisabled();
  });

  it('renders hostile names as text', () => {
    const { dialog } = open('APPROVE', [makeItem({ name: '<img src=x onerror=alert(1)>', privileged: true })], { scopeLabel: '<i>all</i>' });
    expect(within(dialog).getByText(/^<img src=x onerror=alert\(1\)> for/)).toBeInTheDocument();
    expect(within(dialog).getByText(/<i>all<\/i>/)).toBeInTheDocument();
    expect(document.querySelector('img, i')).toBeNull();
  });
});
