import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { f } from '../../../../api/filters';
import { listIdentityAccessReviewItems, listIdentityCertifications } from '../../../../api/certifications';
import { fetchAllPages } from '../../../../api/collections';
import type { AccessReviewItem } from '../../../../api/schemas';
import { TASK_FINISH_MS, TASK_START_MS } from '../../../../sandbox/rules/lifecycle';
import { ReassignDialog, type ReassignTargets } from './ReassignDialog';
import { renderWithProviders } from '../../../../../test/render';

const sb = setupSandbox();

/** The signed-in reviewer's ACTIVE certification with at least `size` items, and its first `take` items. */
async function myCertification(size: number, take: number) {
  const { items } = await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') });
  const cert = items.filter((c) => (c.decisionsTotal ?? 0) >= size).sort((a, b) => (a.decisionsTotal ?? 0) - (b.decisionsTotal ?? 0))[0];
  expect(cert, `the seed gives the caller an ACTIVE certification of ${size}+ items`).toBeDefined();
  const first = await fetchAllPages((paging) => listIdentityAccessReviewItems(cert!.id!, { ...paging, sorters: ['access.name'] }), { limit: 250 });
  return { cert: cert!, items: first.slice(0, take) };
}

async function itemIdsOf(certificationId: string): Promise<Set<string>> {
  return new Set((await fetchAllPages((paging) => listIdentityAccessReviewItems(certificationId, paging))).map((i) => i.id!));
}

function open(certificationId: string, currentReviewerId: string, targets: ReassignTargets) {
  const onDone = vi.fn();
  const onClose = vi.fn();
  const utils = renderWithProviders(
    <ReassignDialog open certificationId={certificationId} currentReviewerId={currentReviewerId} targets={targets} onClose={onClose} onDone={onDone} />,
  );
  return { ...utils, onDone, onClose, dialog: screen.getByRole('dialog', { name: 'Reassign to another reviewer' }) };
}

const reviewerField = () => screen.getByRole('combobox', { name: /New reviewer/ });
const reasonField = () => screen.getByRole('textbox', { name: /Reason/ });

async function chooseBySearch(text: string, option: RegExp) {
  await userEvent.type(reviewerField(), text);
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

async function chooseById(id: string) {
  await userEvent.click(reviewerField());
  await userEvent.paste(id);
  await userEvent.click(await screen.findByRole('option', { name: `Use identity id ${id}` }));
}

const ids = (items: AccessReviewItem[]) => items.map((i) => i.id!);

describe('ReassignDialog', () => {
  it('moves 2 items to the chosen reviewer at once: they leave this certification for a new one that names where they came from', async () => {
    const priya = sb.persona('source-owner').identityId;
    const { cert, items } = await myCertification(2, 2);
    const { onDone } = open(cert.id!, cert.reviewer!.id!, { items });

    await chooseBySearch('priya sh', /Priya Shah/);
    expect(reviewerField()).toHaveValue('Priya Shah');
    await userEvent.type(reasonField(), 'Priya owns these applications.');
    await userEvent.click(screen.getByRole('button', { name: 'Reassign 2 items' }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ moved: 2 }));
    const left = await itemIdsOf(cert.id!);
    for (const id of ids(items)) expect(left.has(id)).toBe(false);

    sb.signInAs('source-owner');
    const theirs = await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') });
    const moved = theirs.items.find((c) => c.reassignment?.from?.id === cert.id);
    expect(moved?.reviewer?.id).toBe(priya);
    expect(moved?.reassignment?.from?.reviewer?.name).toBe('Morgan Reyes');
    expect(moved?.reassignment?.comment).toBe('Priya owns these applications.');
    expect(await itemIdsOf(moved!.id!)).toEqual(new Set(ids(items)));
  });

  it('requires a reviewer and a reason, and sends nothing without them', async () => {
    const { cert, items } = await myCertification(2, 2);
    const { onDone } = open(cert.id!, cert.reviewer!.id!, { items });

    await userEvent.click(screen.getByRole('button', { name: 'Reassign 2 items' }));
    expect(await screen.findByText(/Choose the new reviewer/)).toBeInTheDocument();
    expect(reviewerField()).toHaveFocus();

    await chooseBySearch('priya', /Priya Shah/);
    await userEvent.click(screen.getByRole('button', { name: 'Reassign 2 items' }));
    expect(await screen.findByText(/Enter a reason/)).toBeInTheDocument();
    expect(reasonField()).toHaveAttribute('aria-invalid', 'true');
    expect(reasonField()).toHaveFocus();

    // Spaces are not a reason.
    await userEvent.type(reasonField(), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Reassign 2 items' }));
    expect(screen.getByText(/Enter a reason/)).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
    const left = await itemIdsOf(cert.id!);
    for (const id of ids(items)) expect(left.has(id)).toBe(true);
  });

  it('finds Morgan Reyes by "morgan", with the email, and leaves the current reviewer out', async () => {
    sb.signInAs('source-owner');
    const { cert, items } = await myCertification(2, 1);
    const morgan = sb.tenant.store.get('identities', sb.persona('manager').identityId)!;
    open(cert.id!, cert.reviewer!.id!, { items });

    await userEvent.type(reviewerField(), 'morgan');
    const option = await screen.findByRole('option', { name: /Morgan Reyes/ });
    expect(within(option).getByText(morgan.email!)).toBeInTheDocument();

    await userEvent.clear(reviewerField());
    await userEvent.type(reviewerField(), 'priya shah');
    expect(await screen.findByText(/No one matches “priya shah”/)).toBeInTheDocument();
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
  });

  it('takes a pasted identity id, and sends with Ctrl+Enter', async () => {
    const priya = sb.persona('source-owner').identityId;
    const { cert, items } = await myCertification(2, 1);
    const { onDone } = open(cert.id!, cert.reviewer!.id!, { items });

    await chooseById(priya);
    expect(reviewerField()).toHaveValue(priya);
    // Keyboard only: Ctrl+Enter in the reason sends.
    await userEvent.type(reasonField(), 'Source owner{Control>}{Enter}{/Control}');

    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ moved: 1 }));
    expect((await itemIdsOf(cert.id!)).has(items[0]!.id!)).toBe(false);
  });

  it('moves whole identities as IDENTITY_SUMMARY references', async () => {
    const { cert, items } = await myCertification(2, 1);
    const summary = items[0]!.identitySummary!;
    const { items: theirs } = await listIdentityAccessReviewItems(cert.id!, { filters: f.eq('identitySummary.id', summary.id!), count: true });
    const { onDone } = open(cert.id!, cert.reviewer!.id!, {
      identities: [{ identitySummaryId: summary.id!, name: summary.name!, itemCount: theirs.length }],
    });

    await chooseBySearch('priya', /Priya Shah/);
    await userEvent.type(reasonField(), 'Transferred to IT');
    await userEvent.click(screen.getByRole('button', { name: `Reassign 1 identity (${theirs.length} ${theirs.length === 1 ? 'item' : 'items'})` }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ moved: 1 }));
    const left = await listIdentityAccessReviewItems(cert.id!, { filters: f.eq('identitySummary.id', summary.id!) });
    expect(left.items).toEqual([]);
  });

  it('sends more than 50 items as a background task and follows it to the end', async () => {
    const { cert, items } = await myCertification(60, 60);
    const { onDone } = open(cert.id!, cert.reviewer!.id!, { items });

    await chooseBySearch('priya', /Priya Shah/);
    await userEvent.type(reasonField(), 'Bulk move');
    await userEvent.click(screen.getByRole('button', { name: 'Reassign 60 items' }));

    expect(await screen.findByText(/Reassigning in the background: Queued/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: /Reassignment progress: Queued/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reassigning…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Close' })).toBeEnabled();

    sb.clock.advance(TASK_START_MS + 100);
    expect(await screen.findByText(/Reassigning in the background: In progress/)).toBeInTheDocument();
    sb.clock.advance(TASK_FINISH_MS - TASK_START_MS);
    expect(await screen.findByText(/Reassigning in the background: Done/)).toBeInTheDocument();
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ moved: 60 }));
    expect(onDone).toHaveBeenCalledTimes(1);
    const left = await itemIdsOf(cert.id!);
    for (const id of ids(items)) expect(left.has(id)).toBe(false);
  });

  it('offers to move the first 500 when more are selected', async () => {
    const { cert, items } = await myCertification(501, 501);
    const total = cert.decisionsTotal!;
    const { onDone } = open(cert.id!, cert.reviewer!.id!, { items });

    expect(screen.getByText(/You selected 501 items, but ISC reassigns at most 500 at once/)).toBeInTheDocument();
    await chooseBySearch('priya', /Priya Shah/);
    await userEvent.type(reasonField(), 'First batch');
    await userEvent.click(screen.getByRole('button', { name: 'Reassign the first 500 items' }));

    expect(await screen.findByText(/Reassigning in the background/)).toBeInTheDocument();
    sb.clock.advance(TASK_FINISH_MS + 100);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ moved: 500 }));
    const left = await itemIdsOf(cert.id!);
    expect(left.size).toBe(total - 500);
    expect(left.has(items[500]!.id!)).toBe(true);
  });

  it('shows the tenant’s refusal with advice, and keeps what was entered', async () => {
    const { cert, items } = await myCertification(2, 2);
    const { onDone } = open(cert.id!, cert.reviewer!.id!, { items });

    // The current reviewer is not offered by the search, but can be pasted: the tenant refuses it.
    await chooseById(cert.reviewer!.id!);
    await userEvent.type(reasonField(), 'Back to me');
    await userEvent.click(screen.getByRole('button', { name: 'Reassign 2 items' }));

    expect(await screen.findByText('The reassignment was not accepted')).toBeInTheDocument();
    expect(screen.getByText(/Morgan Reyes already reviews this certification/)).toBeInTheDocument();
    expect(screen.getByText(/Check the values and try again/)).toBeInTheDocument();
    expect(reviewerField()).toHaveValue(cert.reviewer!.id!);
    expect(reasonField()).toHaveValue('Back to me');
    expect(screen.getByRole('button', { name: 'Reassign 2 items' })).toBeEnabled();
    expect(onDone).not.toHaveBeenCalled();
  });
});
