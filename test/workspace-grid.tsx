import { render, within } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { testQueryClient } from './render';
import { createMemoryRouter, useParams } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { vi } from 'vitest';
import { AppProviders } from '../src/app/App';
import { makeIdentityDecision } from '../src/api/certifications';
import type { AccessReviewItem, CertificationDecision } from '../src/api/schemas';
import { certificationQueries } from '../src/features/certifications/queries';
import { memoryDecisionStorage } from './decision-queue';
import { DecisionQueue } from '../src/features/certifications/workspace/decisions/queue';
import { replaceDecisionQueue, useDecisions } from '../src/features/certifications/workspace/decisions/useDecisions';
import type { setupSandbox } from './sandbox-harness';
import { ItemReview } from '../src/features/certifications/workspace/grid/ItemReview';
import { ItemGrid, type ItemGridProps } from '../src/features/certifications/workspace/grid/ItemGrid';
import type { DecisionRequestOptions } from '../src/features/certifications/workspace/grid/requests';

/** Test support for the workspace grid: the grid in the app's providers, on a route, against the sandbox. */

type Sandbox = ReturnType<typeof setupSandbox>;

export const calls = {
  request: vi.fn<(items: AccessReviewItem[], decision: CertificationDecision, options: DecisionRequestOptions) => void>(),
  details: vi.fn<(item: AccessReviewItem) => void>(),
  reassign: vi.fn<(items: AccessReviewItem[]) => void>(),
  comment: vi.fn<(item: AccessReviewItem) => void>(),
};

/** The page's part, as simply as possible: decide at once what the grid asks (when `autoDecide`). */
export const harness = { autoDecide: false };

/** A fresh decision queue in memory; `delayMs` long keeps decisions "Saving…". */
export function freshDecisionQueue(delayMs = 0) {
  const queue = new DecisionQueue({ storage: memoryDecisionStorage().storage, send: (id, decisions) => makeIdentityDecision(id, decisions), delayMs, retryDelaysMs: [0] });
  replaceDecisionQueue(queue);
  return queue;
}

export function resetCalls() {
  for (const fn of Object.values(calls)) fn.mockReset();
  harness.autoDecide = false;
}

function Harness({ readOnly, review }: { readOnly: boolean; review: boolean }) {
  const { id = '' } = useParams();
  const certification = useQuery(certificationQueries.detail(id));
  const { decide } = useDecisions(id);
  if (!certification.data) return <p>Loading certification</p>;
  const props: ItemGridProps = {
    certification: certification.data,
    readOnly,
    onOpenDetails: calls.details,
    onRequestDecision: (items, decision, options) => {
      calls.request(items, decision, options);
      if (harness.autoDecide) decide(items.map((item) => ({ item, decision })), { bulk: options.bulk });
    },
    onReassign: calls.reassign,
    onComment: calls.comment,
  };
  return review ? <ItemReview {...props} /> : <ItemGrid {...props} />;
}

/** Renders the grid (or ItemReview) for a certification at `/certifications/:id?query`. */
export function renderGrid(path: string, options: { readOnly?: boolean; review?: boolean } = {}) {
  const queryClient = testQueryClient();
  const router = createMemoryRouter(
    [{ path: '/certifications/:id', element: <Harness readOnly={options.readOnly ?? false} review={options.review ?? false} /> }],
    { initialEntries: [path] },
  );
  const utils = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...utils, router, queryClient, params: () => new URLSearchParams(router.state.location.search) };
}

/** The manager's active certification of a name (from the sandbox's records). */
export function managerCertification(sb: Sandbox, name: RegExp) {
  const manager = sb.persona('manager').identityId;
  const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === 'ACTIVE' && name.test(c.name));
  if (!cert) throw new Error(`no active certification matching ${name} for the manager`);
  return cert;
}

/** Every request the tenant receives from now on. */
export function recordRequests(sb: Sandbox): URL[] {
  const urls: URL[] = [];
  const original = sb.tenant.handle.bind(sb.tenant);
  vi.spyOn(sb.tenant, 'handle').mockImplementation((request: Request) => {
    urls.push(new URL(request.url));
    return original(request);
  });
  return urls;
}

/** The data rows of a grid (not the header row). */
export function dataRows(grid: HTMLElement): HTMLElement[] {
  return within(grid)
    .getAllByRole('row')
    .filter((row) => within(row).queryAllByRole('gridcell').length > 0);
}

/** A column header by its name (a sorted column's name ends with its "Sort" button). */
export function columnHeader(grid: HTMLElement, header: string): HTMLElement {
  return within(grid).getByRole('columnheader', { name: new RegExp(`^${header}( Sort)?$`) });
}

/** A row's cell under a column header. */
export function cellOf(grid: HTMLElement, row: HTMLElement, header: string): HTMLElement {
  const column = columnHeader(grid, header).getAttribute('aria-colindex');
  const cell = within(row).getAllByRole('gridcell').find((c) => c.getAttribute('aria-colindex') === column);
  if (!cell) throw new Error(`no ${header} cell in the row`);
  return cell;
}

/** What identifies a row to a reader: its identity and access. */
export function rowKey(grid: HTMLElement, row: HTMLElement): string {
  return `${cellOf(grid, row, 'Access').textContent} for ${cellOf(grid, row, 'Identity').textContent}`;
}

export function columnText(grid: HTMLElement, header: string): string[] {
  return dataRows(grid).map((row) => cellOf(grid, row, header).textContent ?? '');
}
