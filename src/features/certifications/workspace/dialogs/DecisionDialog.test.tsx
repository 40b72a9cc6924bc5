import { describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CertificationDecision, MandatoryCommentRequirement } from '../../../../api/schemas';
import { DecisionDialog } from './DecisionDialog';
import { endOfDayIn } from '../../../../components/zonedDays';
import { todayInputValue } from './CommentFields';
import { makeItem } from '../../../../../test/review-items';
import { renderWithProviders } from '../../../../../test/render';

function open(decision: CertificationDecision, requirement: MandatoryCommentRequirement | null, options: { items?: ReturnType<typeof makeItem>[]; initialComment?: string } = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const items = options.items ?? [makeItem({ name: 'CN=Finance-Approvers', identity: 'Dana Whitfield' })];
  renderWithProviders(
    <DecisionDialog open decision={decision} items={items} requirement={requirement} initialComment={options.initialComment} onCancel={onCancel} onConfirm={onConfirm} />,
  );
  const dialog = screen.getByRole('dialog');
  return {
    dialog,
    onConfirm,
    onCancel,
    comment: () => within(dialog).getByRole('textbox', { name: /Comment/ }),
    confirm: () => within(dialog).getByRole('button', { name: decision === 'APPROVE' ? 'Approve' : 'Revoke' }),
  };
}

/** YYYY-MM-DD, `days` from today in local time. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return todayInputValue(d);
}

describe('DecisionDialog', () => {
  it('requires a comment on every decision under ALL_DECISIONS, and hands it over', async () => {
    const { dialog, comment, confirm, onConfirm } = open('APPROVE', 'ALL_DECISIONS');
    expect(comment()).toBeRequired();
    expect(confirm()).toBeDisabled();
    expect(within(dialog).getByText('This campaign requires a comment on every decision.')).toBeInTheDocument();
    await userEvent.type(comment(), '  Still in the role  ');
    expect(confirm()).toBeEnabled();
    await userEvent.click(confirm());
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({ comments: 'Still in the role' });
  });

  it('does not take blank comments as comments', async () => {
    const { comment, confirm } = open('REVOKE', 'ALL_DECISIONS');
    await userEvent.type(comment(), '   ');
    expect(confirm()).toBeDisabled();
  });

  it('under REVOKE_ONLY_DECISIONS requires a comment to revoke but not to approve', async () => {
    const approve = open('APPROVE', 'REVOKE_ONLY_DECISIONS');
    expect(approve.comment()).not.toBeRequired();
    expect(within(approve.dialog).getByText('Optional. Without one, items keep the comment they have.')).toBeInTheDocument();
    await userEvent.click(approve.confirm());
    expect(approve.onConfirm).toHaveBeenCalledExactlyOnceWith({});
    cleanup();

    const revoke = open('REVOKE', 'REVOKE_ONLY_DECISIONS');
    expect(revoke.confirm()).toBeDisabled();
    expect(within(revoke.dialog).getByText('This campaign requires a comment on every revocation.')).toBeInTheDocument();
    await userEvent.type(revoke.comment(), 'Left the team');
    await userEvent.click(revoke.confirm());
    expect(revoke.onConfirm).toHaveBeenCalledExactlyOnceWith({ comments: 'Left the team' });
  });

  it('leaves comments optional under NO_DECISIONS', async () => {
    const { comment, confirm, onConfirm } = open('REVOKE', 'NO_DECISIONS');
    expect(comment()).not.toBeRequired();
    await userEvent.click(confirm());
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({});
  });

  it('summarises one item as "<access> for <identity>", and many as a count', () => {
    const one = open('REVOKE', null);
    expect(within(one.dialog).getByRole('heading', { name: 'Revoke 1 item' })).toBeInTheDocument();
    expect(one.dialog).toHaveAccessibleName('Revoke 1 item');
    expect(within(one.dialog).getByText('CN=Finance-Approvers for Dana Whitfield')).toBeInTheDocument();
    cleanup();

    const many = open('APPROVE', null, { items: [makeItem({ identity: 'A' }), makeItem({ identity: 'A' }), makeItem({ identity: 'B' })] });
    expect(within(many.dialog).getByRole('heading', { name: 'Approve 3 items' })).toBeInTheDocument();
    expect(within(many.dialog).getByText('3 items for 2 identities:')).toBeInTheDocument();
    expect(within(within(many.dialog).getByRole('list', { name: 'Items' })).getAllByRole('listitem')).toHaveLength(3);
  });

  it('renders hostile names as text', () => {
    const { dialog } = open('APPROVE', null, { items: [makeItem({ name: '<img src=x onerror=alert(1)>', identity: '<b>Eve</b>' })] });
    expect(within(dialog).getByText('<img src=x onerror=alert(1)> for <b>Eve</b>')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });

  it('focuses the comment; Ctrl/Cmd+Enter confirms, Escape cancels', async () => {
    const { comment, onConfirm, onCancel } = open('APPROVE', 'ALL_DECISIONS', { initialComment: 'Reviewed' });
    expect(comment()).toHaveFocus();
    expect(comment()).toHaveValue('Reviewed');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({ comments: 'Reviewed' });
    await userEvent.keyboard('{Meta>}{Enter}{/Meta}');
    expect(onConfirm).toHaveBeenCalledTimes(2);
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('does not confirm from the keyboard while the required comment is missing; a click beside it keeps it, Cancel cancels', async () => {
    const { dialog, onConfirm, onCancel } = open('REVOKE', 'ALL_DECISIONS');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.click(document.querySelector('.MuiBackdrop-root')!);
    expect(onCancel).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('counts the comment against its 2,000 characters', async () => {
    const { dialog, comment } = open('APPROVE', null);
    expect(comment()).toHaveAttribute('maxlength', '2000');
    expect(within(dialog).getByText('0 / 2,000')).toBeInTheDocument();
    await userEvent.type(comment(), 'Hello');
    expect(within(dialog).getByText('5 / 2,000')).toBeInTheDocument();
  });

  it('offers a proposed end date for revocations only', () => {
    const approve = open('APPROVE', null);
    expect(within(approve.dialog).queryByLabelText(/Proposed end date/)).not.toBeInTheDocument();
    cleanup();
    const revoke = open('REVOKE', null);
    expect(within(revoke.dialog).getByLabelText(/Proposed end date/)).toHaveAttribute('min', todayInputValue());
  });

  it('takes an end date of today or later, sent as the end of that day in the reviewer’s time zone', async () => {
    const { dialog, confirm, onConfirm } = open('REVOKE', null);
    const date = within(dialog).getByLabelText(/Proposed end date/);
    fireEvent.change(date, { target: { value: dayFromToday(-1) } });
    expect(within(dialog).getByText('The end date must be today or later.')).toBeInTheDocument();
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(confirm()).toBeDisabled();

    fireEvent.change(date, { target: { value: dayFromToday(0) } });
    expect(confirm()).toBeEnabled();
    const later = dayFromToday(30);
    fireEvent.change(date, { target: { value: later } });
    await userEvent.click(confirm());
    expect(onConfirm).toHaveBeenCalledExactlyOnceWith({ proposedEndDate: endOfDayIn(later) });
  });
});
