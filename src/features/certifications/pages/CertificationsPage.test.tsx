import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../test/sandbox-harness';
import { renderRoute } from '../../../../test/render';

const sb = setupSandbox();

/** The certifications a reviewer should see in a phase, straight from the sandbox's records. */
function expectedNames(reviewerId: string, phase: 'ACTIVE' | 'SIGNED') {
  return sb.tenant.store
    .all('certifications')
    .filter((c) => c.reviewerId === reviewerId && c.phase === phase)
    .map((c) => c.name);
}

describe('My certifications', () => {
  it('shows a loading state, then the reviewer’s active certifications with progress', async () => {
    const manager = sb.persona('manager');
    renderRoute('/certifications');
    expect(await screen.findByRole('progressbar', { name: 'Loading active certifications' })).toBeInTheDocument();
    const grid = await screen.findByRole('grid', { name: 'Active certifications' });
    await waitFor(() => expect(screen.queryByRole('progressbar', { name: 'Loading active certifications' })).not.toBeInTheDocument());
    const expected = expectedNames(manager.identityId, 'ACTIVE');
    expect(expected.length).toBeGreaterThan(2);
    for (const name of expected.slice(0, 5)) {
      expect(await within(grid).findByRole('link', { name })).toBeInTheDocument();
    }
    // Progress is in words that match the server's counts.
    const first = sb.tenant.store.all('certifications').find((c) => c.name === expected[0])!;
    const items = sb.tenant.store.itemsOf(first.id);
    const made = items.filter((i) => i.decision !== null).length;
    expect(within(grid).getAllByText(`${made.toLocaleString()} of ${items.length.toLocaleString()} decisions`).length).toBeGreaterThan(0);
  });

  it('calls out overdue certifications', async () => {
    renderRoute('/certifications');
    const grid = await screen.findByRole('grid', { name: 'Active certifications' });
    expect(await within(grid).findByText(/^Overdue/)).toBeInTheDocument();
  });

  it('lists signed certifications under Completed, with their signed date', async () => {
    const manager = sb.persona('manager');
    renderRoute('/certifications');
    await userEvent.click(await screen.findByRole('tab', { name: 'Completed' }));
    const grid = await screen.findByRole('grid', { name: 'Completed certifications' });
    const expected = expectedNames(manager.identityId, 'SIGNED');
    expect(expected.length).toBeGreaterThan(0);
    for (const name of expected) expect(await within(grid).findByRole('link', { name })).toBeInTheDocument();
    expect(within(grid).getByRole('columnheader', { name: /Signed/ })).toBeInTheDocument();
  });

  it('shows an empty state to someone with nothing to review', async () => {
    sb.signInAs('org-admin');
    expect(expectedNames(sb.persona('org-admin').identityId, 'ACTIVE')).toHaveLength(0);
    renderRoute('/certifications');
    expect(await screen.findByText(/No active certifications/)).toBeInTheDocument();
  });

  it('shows what went wrong and recovers on Retry', async () => {
    sb.tenant.injectFault({ fault: 403, times: 1, operationId: 'listIdentityCertifications' });
    renderRoute('/certifications');
    expect(await screen.findByText('Your certifications could not be loaded')).toBeInTheDocument();
    expect(screen.getByText(/do not have permission/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('grid', { name: 'Active certifications' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Your certifications could not be loaded')).not.toBeInTheDocument());
  });

  it('pages against the server: the row count is the server total', async () => {
    sb.signInAs('cert-admin');
    const me = sb.persona('cert-admin').identityId;
    // Give the admin 30 active certifications to review, so there are two pages of 25.
    const template = sb.tenant.store.all('certifications').find((c) => c.phase === 'ACTIVE')!;
    for (let i = 0; i < 30; i++) {
      sb.tenant.store.put('certifications', { ...template, id: `paged-${i}`, name: `Paged review ${String(i).padStart(2, '0')}`, reviewerId: me });
    }
    renderRoute('/certifications?sort=name');
    const grid = await screen.findByRole('grid', { name: 'Active certifications' });
    expect(await within(grid).findByRole('link', { name: 'Paged review 00' })).toBeInTheDocument();
    expect(screen.getByText(/1–25 of 30/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(await within(grid).findByRole('link', { name: 'Paged review 29' })).toBeInTheDocument();
    expect(screen.getByText(/26–30 of 30/)).toBeInTheDocument();
  });

  it('shows admin areas to admins only', async () => {
    renderRoute('/certifications');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Campaigns' })).not.toBeInTheDocument();
  });
});
