import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { listIdentityAccessReviewItems } from '../../../../api/certifications';
import { fetchItems } from '../items';
import { riskFlags } from '../risk';
import { resolveRequestItems } from './requests';
import {
  calls,
  cellOf,
  columnHeader,
  columnText,
  dataRows,
  freshDecisionQueue,
  harness,
  managerCertification,
  recordRequests,
  renderGrid,
  resetCalls,
  rowKey,
} from '../../../../../test/workspace-grid';
import { vi } from 'vitest';

const sb = setupSandbox();
const GRID = { name: 'Access review items' };
const XSS = '<img src=x onerror=alert(1)>';

beforeEach(() => {
  resetCalls();
  freshDecisionQueue();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The manager's 251-item "Manager Review" certification. */
function review() {
  return managerCertification(sb, /Manager Review/);
}

async function loadedGrid() {
  const grid = await screen.findByRole('grid', GRID);
  await waitFor(() => expect(dataRows(grid).length).toBeGreaterThan(0));
  return grid;
}

/** The recorded reads of the Undecided filter's items. */
function undecidedReads(requests: URL[]): URL[] {
  return requests.filter((u) => u.searchParams.get('filters') === 'completed eq false');
}

function rowWith(grid: HTMLElement, text: string): HTMLElement {
  const row = dataRows(grid).find((r) => within(r).queryAllByText(text).length > 0);
  if (!row) throw new Error(`no row with ${text}`);
  return row;
}

describe('ItemGrid', () => {
  it('shows the server’s page of items with every column, API strings as text', async () => {
    const cert = review();
    const first = await listIdentityAccessReviewItems(cert.id, { limit: 25, offset: 0, count: true, sorters: ['identitySummary.name'] });
    renderGrid(`/certifications/${cert.id}`);
    const grid = await loadedGrid();
    for (const header of ['Identity', 'Access', 'Type', 'Source', 'Description', 'Owner', 'Flags', 'Decision', 'Comment', 'Actions']) {
      expect(columnHeader(grid, header)).toBeInTheDocument();
    }
    expect(columnText(grid, 'Access')).toEqual(first.items.map((i) => i.accessSummary?.access?.name));
    expect(columnText(grid, 'Identity')).toEqual(first.items.map((i) => i.identitySummary?.name));
    expect(screen.getByText(`Showing ${first.total} of ${first.total} items`)).toBeInTheDocument();
    // Decided items read as such, undecided ones too.
    const decided = first.items.find((i) => i.decision === 'APPROVE');
    if (decided) expect(cellOf(grid, rowWith(grid, decided.accessSummary!.access!.name!), 'Decision')).toHaveTextContent('Approved');
    expect(screen.getByRole('button', { name: 'Approve all matching…' })).toBeEnabled();
  });

  it('renders hostile names literally and creates no element from them', async () => {
    const cert = review();
    const { container } = renderGrid(`/certifications/${cert.id}?search=${encodeURIComponent('<img')}`);
    const grid = await loadedGrid();
    const row = rowWith(grid, XSS);
    expect(cellOf(grid, row, 'Access')).toHaveTextContent(XSS);
    expect(cellOf(grid, row, 'Type')).toHaveTextContent('Entitlement');
    expect(cellOf(grid, row, 'Source')).toHaveTextContent('Salesforce');
    expect(cellOf(grid, row, 'Description')).toHaveTextContent('<script>alert("xss")</script> Imported from a legacy permission set.');
    expect(within(cellOf(grid, row, 'Flags')).getByText('Privileged')).toBeInTheDocument();
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByRole('button', { name: `Approve ${XSS} for ${within(cellOf(grid, row, 'Identity')).getByText(/./).textContent}` })).toBeInTheDocument();
  });

  it('sorts on the server: clicking Access asks for access.name and reorders the rows', async () => {
    const cert = review();
    const requests = recordRequests(sb);
    const { params } = renderGrid(`/certifications/${cert.id}`);
    const grid = await loadedGrid();
    const expected = await listIdentityAccessReviewItems(cert.id, { limit: 25, offset: 0, sorters: ['access.name'] });
    await userEvent.click(columnHeader(grid, 'Access'));
    await waitFor(() => expect(columnText(grid, 'Access')).toEqual(expected.items.map((i) => i.accessSummary?.access?.name)));
    expect(requests.some((u) => u.pathname.endsWith('/access-review-items') && u.searchParams.get('sorters') === 'access.name')).toBe(true);
    expect(params().get('sort')).toBe('access.name');
    expect(columnHeader(grid, 'Access')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('searches on the server after a pause, and keeps the search in the URL', async () => {
    const cert = review();
    const requests = recordRequests(sb);
    const { params } = renderGrid(`/certifications/${cert.id}`);
    const grid = await loadedGrid();
    const expected = await fetchItems(cert.id, { search: 'Export' });
    expect(expected.length).toBeGreaterThan(0);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search access' }), 'Export');
    await waitFor(() => expect(params().get('search')).toBe('Export'));
    await waitFor(() => expect(screen.getByText(`Showing ${expected.length} of 251 items`)).toBeInTheDocument());
    // The grid applies new rows in an effect after the count shows (its read may have left before the URL changed).
    await waitFor(() => expect(columnText(grid, 'Access').map((name) => name.toLowerCase().startsWith('export'))).toEqual(expected.slice(0, 25).map(() => true)));
    const filters = requests.map((u) => u.searchParams.get('filters')).filter(Boolean);
    expect(filters).toContain('access.name sw "Export"');
    // Debounced: no request for the partial words typed on the way.
    expect(filters).not.toContain('access.name sw "E"');
  });

  it('filters undecided items on the server', async () => {
    const cert = review();
    const requests = recordRequests(sb);
    const { params } = renderGrid(`/certifications/${cert.id}`);
    await loadedGrid();
    const undecided = sb.tenant.store.itemsOf(cert.id).filter((i) => i.decision === null).length;
    const button = screen.getByRole('button', { name: 'Undecided' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(screen.getByText(`Showing ${undecided} of 251 items`)).toBeInTheDocument());
    expect(params().get('quick')).toBe('undecided');
    expect(undecidedReads(requests)).not.toHaveLength(0);
    expect(screen.queryByText(/across all/)).not.toBeInTheDocument();
  });

  it('reads the Undecided page ahead once the first page shows, so the filter shows its rows without another read', async () => {
    const cert = review();
    const requests = recordRequests(sb);
    renderGrid(`/certifications/${cert.id}`);
    const grid = await loadedGrid();
    await waitFor(() => expect(undecidedReads(requests)).toHaveLength(1));
    // The same page the filter asks for: same page size and order, first page.
    expect(undecidedReads(requests)[0]!.searchParams.get('limit')).toBe('25');
    expect(undecidedReads(requests)[0]!.searchParams.get('offset')).toBe('0');
    const undecided = sb.tenant.store.itemsOf(cert.id).filter((i) => i.decision === null).length;
    await userEvent.click(screen.getByRole('button', { name: 'Undecided' }));
    expect(screen.getByText(`Showing ${undecided} of 251 items`)).toBeInTheDocument();
    await waitFor(() => expect(columnText(grid, 'Decision').every((text) => text === 'Undecided')).toBe(true));
    expect(undecidedReads(requests)).toHaveLength(1);
  });

  it('reads the Undecided page ahead again once a decision is saved, so the filter shows the tenant’s count', async () => {
    const cert = review();
    harness.autoDecide = true;
    const requests = recordRequests(sb);
    renderGrid(`/certifications/${cert.id}`);
    const grid = await loadedGrid();
    await waitFor(() => expect(undecidedReads(requests)).toHaveLength(1));
    const undecidedCount = () => sb.tenant.store.itemsOf(cert.id).filter((i) => i.decision === null).length;
    const before = undecidedCount();
    const row = dataRows(grid).find((r) => cellOf(grid, r, 'Decision').textContent === 'Undecided')!;
    await userEvent.click(cellOf(grid, row, 'Access'));
    await userEvent.keyboard('a');
    await waitFor(() => expect(undecidedCount()).toBe(before - 1));
    await waitFor(() => expect(undecidedReads(requests)).toHaveLength(2));
    await userEvent.click(screen.getByRole('button', { name: 'Undecided' }));
    await waitFor(() => expect(screen.getByText(`Showing ${before - 1} of 251 items`)).toBeInTheDocument());
    expect(undecidedReads(requests)).toHaveLength(2);
  });

  it('reads nothing ahead for a reviewer who cannot decide', async () => {
    const cert = review();
    const requests = recordRequests(sb);
    renderGrid(`/certifications/${cert.id}`, { readOnly: true });
    await loadedGrid();
    // Three times the idle fallback of a browser without requestIdleCallback (jsdom): the read would have left.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(undecidedReads(requests)).toHaveLength(0);
  });

  it('switches to the full index for Privileged, says so, and shows only privileged items', async () => {
    const cert = review();
    const all = await fetchItems(cert.id, {});
    const privileged = all.filter((i) => riskFlags(i).includes('privileged'));
    expect(privileged.length).toBeGreaterThan(0);
    sb.tenant.latency = { minMs: 30, maxMs: 30 };
    const { params } = renderGrid(`/certifications/${cert.id}`);
    await loadedGrid();
    await userEvent.click(screen.getByRole('button', { name: 'Privileged' }));
    expect(await screen.findByRole('progressbar', { name: 'Loading all 251 items' })).toBeInTheDocument();
    expect(screen.getByText(/^Loading all 251 items… \d+%$/)).toBeInTheDocument();
    expect(await screen.findByText(/Privileged only across all 251 items/)).toBeInTheDocument();
    sb.tenant.latency = { minMs: 0, maxMs: 0 };
    const shown = await loadedGrid();
    expect(screen.getByText(`Showing ${privileged.length} of 251 items`)).toBeInTheDocument();
    for (const row of dataRows(shown)) expect(within(cellOf(shown, row, 'Flags')).getByText('Privileged')).toBeInTheDocument();
    expect(params().get('quick')).toBe('privileged');
    // "All matching" hands over exactly these items: there is no API query for "privileged".
    await userEvent.click(screen.getByRole('button', { name: 'Approve all matching…' }));
    const [items, , options] = calls.request.mock.calls[0]!;
    expect(items.map((i) => i.id).sort()).toEqual(privileged.map((i) => i.id).sort());
    expect(options.filter).toEqual({ complete: true, count: privileged.length, description: 'Items: privileged' });
  });

  it('orders by risk across every item: privileged first', async () => {
    const cert = review();
    const all = await fetchItems(cert.id, {});
    const privileged = all.filter((i) => riskFlags(i).includes('privileged')).length;
    const { params } = renderGrid(`/certifications/${cert.id}`);
    await loadedGrid();
    const toggle = screen.getByRole('button', { name: 'Order by risk' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByText(/Sorted by risk across all 251 items/)).toBeInTheDocument();
    const grid = await loadedGrid();
    const flags = dataRows(grid).map((row) => within(cellOf(grid, row, 'Flags')).queryByText('Privileged') !== null);
    const firstPage = Math.min(privileged, flags.length);
    expect(flags.slice(0, firstPage).every(Boolean)).toBe(true);
    expect(flags.slice(firstPage).some(Boolean)).toBe(false);
    expect(params().get('order')).toBe('risk');
    // No column claims the order; sorting a column replaces the risk order.
    expect(columnHeader(grid, 'Access')).not.toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(columnHeader(grid, 'Access'));
    await waitFor(() => expect(params().get('order')).toBeNull());
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  it('keeps a selection across pages and asks to approve exactly the selected items', async () => {
    const cert = review();
    renderGrid(`/certifications/${cert.id}`);
    const grid = await loadedGrid();
    const [a, b] = dataRows(grid);
    const picked = [rowKey(grid, a!), rowKey(grid, b!)];
    await userEvent.click(within(a!).getByRole('checkbox'));
    await userEvent.click(within(b!).getByRole('checkbox'));
    const bar = screen.getByRole('region', { name: 'Selected items' });
    expect(within(bar).getByText('2 selected')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() => expect(rowKey(grid, dataRows(grid)[0]!)).not.toBe(picked[0]));
    const third = dataRows(grid)[0]!;
    picked.push(rowKey(grid, third));
    await userEvent.click(within(third).getByRole('checkbox'));
    await userEvent.click(within(bar).getByRole('button', { name: 'Approve selected (3)' }));
    expect(calls.request).toHaveBeenCalledTimes(1);
    const [items, decision, options] = calls.request.mock.calls[0]!;
    expect(items.map((i) => `${i.accessSummary?.access?.name} for ${i.identitySummary?.name}`)).toEqual(picked);
    expect(decision).toBe('APPROVE');
    expect(options).toEqual({ bulk: true, scope: 'selection' });

    await userEvent.click(within(bar).getByRole('button', { name: 'Reassign selected (3)' }));
    expect(calls.reassign.mock.calls[0]![0]).toHaveLength(3);
    await userEvent.click(within(bar).getByRole('button', { name: 'Clear' }));
    expect(screen.queryByRole('region', { name: 'Selected items' })).not.toBeInTheDocument();
  });

  it('asks for everything matching the filter, with a query the page can resolve', async () => {
    const cert = review();
    renderGrid(`/certifications/${cert.id}?type=ENTITLEMENT`);
    await loadedGrid();
    const expected = await fetchItems(cert.id, { accessType: 'ENTITLEMENT' });
    await waitFor(() => expect(screen.getByText(`Showing ${expected.length} of 251 items`)).toBeInTheDocument());
    await userEvent.click(screen.getByRole('button', { name: 'Revoke all matching…' }));
    const [items, decision, options] = calls.request.mock.calls[0]!;
    expect(decision).toBe('REVOKE');
    expect(options).toMatchObject({ bulk: true, scope: 'filter', filter: { query: { accessType: 'ENTITLEMENT' }, count: expected.length, complete: false } });
    expect(options.filter?.description).toBe('Items: entitlement');
    const resolved = await resolveRequestItems(cert.id, items, options);
    expect(resolved.map((i) => i.id).sort()).toEqual(expected.map((i) => i.id).sort());
  });

  it('decides with the keyboard on the focused row, shows it at once, and never steals typing', async () => {
    const cert = review();
    freshDecisionQueue(60_000); // decisions stay "Saving…"
    harness.autoDecide = true;
    renderGrid(`/certifications/${cert.id}?quick=undecided`);
    const grid = await loadedGrid();
    const [first, second] = dataRows(grid);
    const firstAccess = cellOf(grid, first!, 'Access');
    await userEvent.click(firstAccess);
    expect(firstAccess).toHaveFocus();

    await userEvent.keyboard('a');
    expect(calls.request).toHaveBeenCalledTimes(1);
    const [items, decision, options] = calls.request.mock.calls[0]!;
    expect(items.map((i) => i.accessSummary?.access?.name)).toEqual([firstAccess.textContent]);
    expect(decision).toBe('APPROVE');
    expect(options).toEqual({ bulk: false, scope: 'rows' });
    // Optimistic: in the row at once, no refetch, and focus stays on the row.
    expect(cellOf(grid, first!, 'Decision')).toHaveTextContent('Approved');
    expect(cellOf(grid, first!, 'Decision')).toHaveTextContent('Saving…');
    expect(firstAccess).toHaveFocus();

    await userEvent.keyboard('j');
    const secondAccess = cellOf(grid, second!, 'Access');
    expect(secondAccess).toHaveFocus();
    await userEvent.keyboard('r');
    expect(calls.request.mock.calls[1]![1]).toBe('REVOKE');
    expect(calls.request.mock.calls[1]![0][0]!.accessSummary?.access?.name).toBe(secondAccess.textContent);
    expect(cellOf(grid, second!, 'Decision')).toHaveTextContent('Revoked');

    // Undo takes the last decision back, in the row at once, and says so.
    await userEvent.keyboard('{Control>}z{/Control}');
    expect(cellOf(grid, second!, 'Decision')).toHaveTextContent('Undecided');
    expect(await screen.findByText('Undid 1 decision.')).toBeInTheDocument();

    await userEvent.keyboard('k');
    expect(firstAccess).toHaveFocus();
    await userEvent.keyboard('c');
    expect(calls.comment.mock.calls[0]![0].accessSummary?.access?.name).toBe(firstAccess.textContent);
    await userEvent.keyboard('{Enter}');
    expect(calls.details.mock.calls[0]![0].accessSummary?.access?.name).toBe(firstAccess.textContent);

    // x (or Space) selects; with a selection, `a` and `r` act on it.
    await userEvent.keyboard('j');
    await userEvent.keyboard('x');
    expect(screen.getByRole('region', { name: 'Selected items' })).toHaveTextContent('1 selected');
    await userEvent.keyboard('k');
    await userEvent.keyboard(' ');
    expect(screen.getByRole('region', { name: 'Selected items' })).toHaveTextContent('2 selected');
    calls.request.mockClear();
    await userEvent.keyboard('r');
    const [selected, revoke, scope] = calls.request.mock.calls[0]!;
    expect(selected.map((i) => i.accessSummary?.access?.name)).toEqual([secondAccess.textContent, firstAccess.textContent]);
    expect(revoke).toBe('REVOKE');
    expect(scope).toEqual({ bulk: true, scope: 'selection' });
    await userEvent.keyboard(' ');
    expect(screen.getByRole('region', { name: 'Selected items' })).toHaveTextContent('1 selected');

    // Typing in the search box is typing.
    calls.request.mockClear();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search access' }), 'ar');
    expect(calls.request).not.toHaveBeenCalled();
  });

  it('in the Undecided view, focus moves on to the next undecided row once a decision is saved', async () => {
    const cert = review();
    harness.autoDecide = true;
    renderGrid(`/certifications/${cert.id}?quick=undecided`);
    const grid = await loadedGrid();
    const [first, second] = dataRows(grid).map((row) => rowKey(grid, row));
    await userEvent.click(cellOf(grid, dataRows(grid)[0]!, 'Access'));
    await userEvent.keyboard('a');
    // Saved, the page refetches: the decided row leaves and the next undecided one takes its place and focus.
    await waitFor(() => expect(rowKey(grid, dataRows(grid)[0]!)).toBe(second));
    await waitFor(() => expect(cellOf(grid, dataRows(grid)[0]!, 'Access')).toHaveFocus());
    await userEvent.keyboard('a');
    expect(calls.request.mock.calls.map(([items]) => `${items[0]!.accessSummary?.access?.name} for ${items[0]!.identitySummary?.name}`)).toEqual([first, second]);
  });

  it('has no serious or critical axe violations (colour contrast is checked in the browser journeys)', async () => {
    const { default: axe } = await import('axe-core');
    const cert = review();
    renderGrid(`/certifications/${cert.id}?search=${encodeURIComponent('<img')}`);
    const grid = await loadedGrid();
    await userEvent.click(within(dataRows(grid)[0]!).getByRole('checkbox'));
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('shows the shortcuts on ?', async () => {
    renderGrid(`/certifications/${review().id}`);
    const grid = await loadedGrid();
    await userEvent.click(cellOf(grid, dataRows(grid)[0]!, 'Access'));
    await userEvent.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Approve the focused row, or the selected rows')).toBeInTheDocument();
  });

  it('read-only: no selection, decision or reassign controls, and decision keys do nothing', async () => {
    const cert = review();
    renderGrid(`/certifications/${cert.id}`, { readOnly: true });
    const grid = await loadedGrid();
    expect(within(grid).queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /^(Approve|Revoke|Reassign) / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /all matching/ })).not.toBeInTheDocument();
    const row = dataRows(grid)[0]!;
    expect(within(row).getByRole('button', { name: /^Details / })).toBeInTheDocument();
    await userEvent.click(cellOf(grid, row, 'Access'));
    await userEvent.keyboard('arx');
    expect(calls.request).not.toHaveBeenCalled();
    expect(screen.queryByRole('region', { name: 'Selected items' })).not.toBeInTheDocument();
    await userEvent.keyboard('d');
    expect(calls.details).toHaveBeenCalledTimes(1);
  });

  it('shows a refused decision as "Not saved" with the tenant’s message', async () => {
    const cert = review();
    harness.autoDecide = true;
    renderGrid(`/certifications/${cert.id}?quick=undecided`);
    const grid = await loadedGrid();
    const row = dataRows(grid)[0]!;
    const name = cellOf(grid, row, 'Access').textContent!;
    // The campaign requires a comment on revocations: revoking without one is refused.
    await userEvent.click(within(row).getByRole('button', { name: new RegExp(`^Revoke ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} for`) }));
    const notSaved = await within(cellOf(grid, row, 'Decision')).findByText('Not saved');
    expect(cellOf(grid, row, 'Decision')).toHaveTextContent('Undecided');
    const trigger = notSaved.parentElement!;
    act(() => void fireEvent.mouseOver(trigger));
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(/Revoke was not saved: .*requires a comment/);
  });
});
