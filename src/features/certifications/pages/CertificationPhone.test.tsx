import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../test/sandbox-harness';
import { renderRoute } from '../../../../test/render';
import { scopeSentence } from '../workspace/dialogs/summary';

const sb = setupSandbox();

/** A phone-sized window as MUI's useMediaQuery sees it: every `max-width` query below 600 px matches. */
function phoneWidth() {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: /max-width:\s*599/.test(query),
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }));
}

/** The manager's smallest active certification, from the sandbox's records. */
function smallestActive() {
  const manager = sb.persona('manager');
  return sb.tenant.store
    .all('certifications')
    .filter((c) => c.reviewerId === manager.identityId && c.phase === 'ACTIVE')
    .sort((a, b) => sb.tenant.store.itemsOf(a.id).length - sb.tenant.store.itemsOf(b.id).length)[0]!;
}

describe('the workspace on a phone', () => {
  beforeEach(phoneWidth);
  afterEach(() => vi.unstubAllGlobals());

  it('lists items as cards with their own decision buttons, selection and details; the header folds', async () => {
    const cert = smallestActive();
    renderRoute(`/certifications/${cert.id}`);
    const cards = await screen.findByRole('list', { name: 'Access review items' }, { timeout: 10_000 });
    expect(screen.queryByRole('grid', { name: 'Access review items' })).not.toBeInTheDocument();

    // The header keeps what matters now; the rest is one tap away.
    const more = screen.getByRole('button', { name: 'More about this certification' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(more);
    expect(screen.getByRole('button', { name: 'Less about this certification' })).toHaveAttribute('aria-expanded', 'true');

    const approvedBefore = sb.tenant.store.itemsOf(cert.id).filter((i) => i.decision === 'APPROVE').length;
    const card = within(cards).getAllByRole('listitem').find((li) => within(li).queryByText('Undecided'))!;
    const name = card.getAttribute('aria-label')!;
    expect(within(card).getByText('Undecided')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: `Approve ${name}` }));
    // The campaign may ask for a comment first (in a dialog), then the card shows the decision at once.
    const ask = screen.queryByRole('dialog', { name: 'Approve 1 item' });
    if (ask) {
      await userEvent.type(within(ask).getByRole('textbox', { name: /Comment/ }), 'Still on the team.');
      await userEvent.click(within(ask).getByRole('button', { name: 'Approve' }));
    }
    expect(await within(card).findByText('Approved')).toBeInTheDocument();

    // Selecting cards brings up the bar with the bulk actions.
    const others = within(cards).getAllByRole('listitem').filter((li) => li !== card).slice(0, 2);
    for (const other of others) await userEvent.click(within(other).getByRole('checkbox', { name: `Select ${other.getAttribute('aria-label')}` }));
    const bar = screen.getByRole('region', { name: 'Selected items' });
    expect(within(bar).getByText(`${others.length} selected`)).toBeInTheDocument();
    expect(within(bar).getByRole('button', { name: `Approve selected (${others.length})` })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    expect(within(bar).getByText(`${within(cards).getAllByRole('listitem').length} selected`)).toBeInTheDocument();

    // Details open from the card.
    await userEvent.click(within(card).getByRole('button', { name: `Details ${name}` }));
    expect(await screen.findByRole('button', { name: 'Close details' })).toBeInTheDocument();

    await waitFor(() => expect(sb.tenant.store.itemsOf(cert.id).filter((i) => i.decision === 'APPROVE').length).toBe(approvedBefore + 1), { timeout: 10_000 });
  }, 60_000);
});

describe('scopeSentence: what a bulk decision acts on, in words', () => {
  it.each([
    ['All items', 251, 'All 251 items of this certification.'],
    ['All items', 1, 'The one item of this certification.'],
    ['Selected items', 10, 'The 10 selected items.'],
    ['Selected items', 1, 'The selected item.'],
    ['Items: undecided, entitlement', 1200, 'The 1,200 items matching: undecided, entitlement.'],
    ['All items of Dana Whitfield', 7, 'All 7 items of Dana Whitfield.'],
  ])('%s, %i', (scope, n, sentence) => {
    expect(scopeSentence(scope, n)).toBe(sentence);
  });
});
