import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { memoryDecisionStorage } from '../../../../../test/decision-queue';
import { renderRoute } from '../../../../../test/render';
import { listIdentityAccessReviewItems, makeIdentityDecision } from '../../../../api/certifications';
import { DecisionQueue } from '../decisions/queue';
import { replaceDecisionQueue } from '../decisions/useDecisions';

const sb = setupSandbox();

beforeEach(() => {
  replaceDecisionQueue(new DecisionQueue({ storage: memoryDecisionStorage().storage, send: (id, decisions) => makeIdentityDecision(id, decisions), retryDelaysMs: [0] }));
});

/** The manager's active certification of a name, and its first page of items in the grid's order. */
async function certification(name: RegExp, phase: 'ACTIVE' | 'SIGNED' = 'ACTIVE') {
  const manager = sb.persona('manager').identityId;
  const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === phase && name.test(c.name));
  if (!cert) throw new Error(`no ${phase} certification matching ${name}`);
  const page = await listIdentityAccessReviewItems(cert.id, { limit: 25, offset: 0, count: true, sorters: ['identitySummary.name'] });
  return { cert, items: page.items, total: page.total! };
}

const accessName = (item: { accessSummary?: { access?: { name?: string | null } | null } | null }) => item.accessSummary!.access!.name!;

/** Opens the pane on a row (the first by default), by its Details action. */
async function openFirst(items: { accessSummary?: { access?: { name?: string | null } | null } | null; identitySummary?: { name?: string | null } | null }[], at = 0) {
  const grid = await screen.findByRole('grid', { name: 'Access review items' });
  const first = items[at]!;
  await userEvent.click(await within(grid).findByRole('button', { name: `Details ${accessName(first)} for ${first.identitySummary!.name}` }));
  return screen.findByRole('dialog', { name: accessName(first) });
}

describe('Deciding from the details pane', { timeout: 60_000 }, () => {
  it('approves with a, moves with j and k without closing, and the grid row shows the decision', async () => {
    const { cert, items, total } = await certification(/Manager Review/);
    renderRoute(`/certifications/${cert.id}`);
    const pane = await openFirst(items);
    const decision = within(pane).getByRole('region', { name: 'Decision' });
    expect(within(decision).getByText(items[0]!.decision ? /Approved|Revoked/ : 'Undecided')).toBeInTheDocument();
    expect(within(pane).getByText(`Item 1 of ${total}`)).toBeInTheDocument();
    expect(within(pane).getByRole('button', { name: 'Previous' })).toBeDisabled();

    // Keyboard only: a, then j to the next item, k back.
    within(pane).getByRole('heading', { level: 2 }).focus();
    await userEvent.keyboard('a');
    await waitFor(() => expect(within(decision).getByText('Approved')).toBeInTheDocument());
    await userEvent.keyboard('j');
    expect(within(pane).getByRole('heading', { level: 2, name: accessName(items[1]!) })).toHaveFocus();
    expect(within(pane).getByText(`Item 2 of ${total}`)).toBeInTheDocument();
    await userEvent.keyboard('k');
    expect(within(pane).getByRole('heading', { level: 2, name: accessName(items[0]!) })).toBeInTheDocument();
    expect(within(decision).getByText('Approved')).toBeInTheDocument();

    // The tenant has it, from the pane, and the row shows it once the pane is closed.
    await waitFor(async () => expect((await sb.tenant.audit({ certificationId: cert.id })).some((a) => a.itemId === items[0]!.id && a.decision === 'APPROVE')).toBe(true));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const grid = screen.getByRole('grid', { name: 'Access review items' });
    const row = within(grid).getAllByRole('row').find((r) => within(r).queryByText(accessName(items[0]!)) && within(r).queryByText(items[0]!.identitySummary!.name!));
    expect(within(row!).getByText('Approved')).toBeInTheDocument();
  });

  it('asks for the comment the campaign requires before a revocation, then shows it', async () => {
    const { cert, items } = await certification(/Manager Review/);
    expect(cert.id).toBeTruthy();
    renderRoute(`/certifications/${cert.id}`);
    const pane = await openFirst(items);
    await userEvent.click(within(pane).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke 1 item' });
    expect(within(dialog).getByText('This campaign requires a comment on every revocation.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Comment/ }), 'Moved to another team');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Revoke 1 item' })).not.toBeInTheDocument());
    const decision = within(pane).getByRole('region', { name: 'Decision' });
    expect(within(decision).getByText('Revoked')).toBeInTheDocument();
    expect(within(decision).getByText('Moved to another team')).toBeInTheDocument();
    await waitFor(async () => {
      const audit = await sb.tenant.audit({ certificationId: cert.id });
      expect(audit.find((a) => a.itemId === items[0]!.id)).toMatchObject({ decision: 'REVOKE', comments: 'Moved to another team' });
    });
  });

  it('opens the comment dialog with c, keeping the decision the item has', async () => {
    const { cert, items } = await certification(/Manager Review/);
    renderRoute(`/certifications/${cert.id}`);
    const pane = await openFirst(items);
    within(pane).getByRole('heading', { level: 2 }).focus();
    await userEvent.keyboard('c');
    expect(await screen.findByRole('dialog', { name: /^(Approve|Revoke) 1 item$/ })).toBeInTheDocument();
  });

  it('goes on to the next page of the grid after its last row', async () => {
    const { cert, items, total } = await certification(/Manager Review/);
    expect(total).toBeGreaterThan(25);
    const second = await listIdentityAccessReviewItems(cert.id, { limit: 25, offset: 25, sorters: ['identitySummary.name'] });
    const { router } = renderRoute(`/certifications/${cert.id}`);
    const pane = await openFirst(items, 24);
    const next = within(pane).getByRole('button', { name: 'Next' });
    expect(within(pane).getByText(`Item 25 of ${total}`)).toBeInTheDocument();
    await userEvent.click(next);
    expect(await within(pane).findByText(`Item 26 of ${total}`)).toBeInTheDocument();
    expect(within(pane).getByRole('heading', { level: 2, name: accessName(second.items[0]!) })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('page')).toBe('1');
  });

  it('shows a signed certification’s decisions without controls', async () => {
    const { cert, items } = await certification(/./, 'SIGNED');
    renderRoute(`/certifications/${cert.id}`);
    const pane = await openFirst(items);
    const decision = within(pane).getByRole('region', { name: 'Decision' });
    expect(within(decision).getByText(items[0]!.decision === 'REVOKE' ? 'Revoked' : 'Approved')).toBeInTheDocument();
    expect(within(pane).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    within(pane).getByRole('heading', { level: 2 }).focus();
    await userEvent.keyboard('r');
    expect(screen.queryByRole('dialog', { name: /Revoke/ })).not.toBeInTheDocument();
    await userEvent.keyboard('j');
    expect(within(pane).getByRole('heading', { level: 2, name: accessName(items[1]!) })).toBeInTheDocument();
  });
});
