import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { fetchItems } from '../items';
import { calls, columnText, dataRows, freshDecisionQueue, harness, managerCertification, renderGrid, resetCalls } from '../../../../../test/workspace-grid';

const sb = setupSandbox();

beforeEach(() => {
  resetCalls();
  freshDecisionQueue(60_000);
});

/** The certification's identities and their items, from the API: what the list must show. */
async function identitiesOf(certificationId: string) {
  const items = await fetchItems(certificationId, {});
  const byId = new Map<string, { name: string; total: number; decided: number }>();
  for (const item of items) {
    const id = item.identitySummary!.id!;
    const entry = byId.get(id) ?? { name: item.identitySummary!.name!, total: 0, decided: 0 };
    entry.total++;
    if (item.decision) entry.decided++;
    byId.set(id, entry);
  }
  return { items, byId };
}

describe('IdentityList (By identity)', () => {
  it('lists the identities by name with their progress, and searches them', async () => {
    const cert = managerCertification(sb, /Manager Review/);
    const { byId } = await identitiesOf(cert.id);
    renderGrid(`/certifications/${cert.id}?view=identities`, { review: true });
    const table = await screen.findByRole('table', { name: 'Identities' });
    const names = [...byId.values()].map((i) => i.name).sort((a, b) => a.localeCompare(b));
    const shown = within(table).getAllByRole('rowheader').map((cell) => cell.textContent);
    expect(shown).toEqual(names.slice(0, 25));
    const first = [...byId.values()].find((i) => i.name === names[0])!;
    expect(within(table).getByRole('progressbar', { name: `${first.decided} of ${first.total} decisions` })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'By identity' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search identities' }), names[1]!.slice(0, 5));
    expect(within(table).getAllByRole('rowheader').map((c) => c.textContent)).toContain(names[1]);
    expect(screen.getByText(/^Showing \d+ of \d+ identities$/)).toBeInTheDocument();
  });

  it('drills into one identity (in the URL), shows only their items, and comes back', async () => {
    const cert = managerCertification(sb, /Manager Review/);
    const { byId } = await identitiesOf(cert.id);
    const [id, person] = [...byId.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name))[0]!;
    const { params } = renderGrid(`/certifications/${cert.id}?view=identities`, { review: true });
    await userEvent.click(await screen.findByRole('button', { name: person.name }));
    expect(params().get('identity')).toBe(id);
    expect(await screen.findByRole('heading', { name: `Access of ${person.name}` })).toBeInTheDocument();
    const grid = await screen.findByRole('grid', { name: 'Access review items' });
    // One person's view counts their items, not "of" the certification's.
    await waitFor(() => expect(screen.getByText(`${person.total} ${person.total === 1 ? 'item' : 'items'}`)).toBeInTheDocument());
    expect(new Set(columnText(grid, 'Identity'))).toEqual(new Set([person.name]));
    expect(dataRows(grid)).toHaveLength(Math.min(person.total, 25));

    await userEvent.click(screen.getByRole('button', { name: 'Back to all identities' }));
    expect(await screen.findByRole('table', { name: 'Identities' })).toBeInTheDocument();
    expect(params().get('identity')).toBeNull();
    expect(params().get('view')).toBe('identities');
  });

  it('approves all of an identity’s items in one request, and its progress moves at once', async () => {
    const cert = managerCertification(sb, /Manager Review/);
    const { byId } = await identitiesOf(cert.id);
    const [id, person] = [...byId.entries()].find(([, p]) => p.decided < p.total)!;
    harness.autoDecide = true;
    renderGrid(`/certifications/${cert.id}?view=identities`, { review: true });
    await userEvent.type(await screen.findByRole('searchbox', { name: 'Search identities' }), person.name);
    await userEvent.click(await screen.findByRole('button', { name: `Approve all for ${person.name}` }));
    const [items, decision, options] = calls.request.mock.calls[0]!;
    expect(decision).toBe('APPROVE');
    expect(items).toHaveLength(person.total);
    expect(items.every((i) => i.identitySummary?.id === id)).toBe(true);
    expect(options).toMatchObject({ bulk: true, scope: 'filter', filter: { query: { identitySummaryId: id }, count: person.total, complete: true } });
    expect(screen.getByRole('progressbar', { name: `${person.total} of ${person.total} decisions` })).toBeInTheDocument();
  });

  it('read-only: no bulk decisions per identity', async () => {
    const cert = managerCertification(sb, /Manager Review/);
    renderGrid(`/certifications/${cert.id}?view=identities`, { review: true, readOnly: true });
    await screen.findByRole('table', { name: 'Identities' });
    expect(screen.queryByRole('button', { name: /^(Approve|Revoke) all for / })).not.toBeInTheDocument();
  });
});
