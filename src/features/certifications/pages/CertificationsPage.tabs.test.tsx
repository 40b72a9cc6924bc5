import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../test/sandbox-harness';
import { renderRoute } from '../../../../test/render';

const sb = setupSandbox();

describe('My certifications tabs', () => {
  it('never shows the active certifications under Completed while it loads', async () => {
    const manager = sb.persona('manager');
    const active = sb.tenant.store.all('certifications').filter((c) => c.reviewerId === manager.identityId && c.phase === 'ACTIVE');
    const signed = sb.tenant.store.all('certifications').filter((c) => c.reviewerId === manager.identityId && c.phase === 'SIGNED');
    expect(active.length).toBeGreaterThan(0);
    expect(signed.length).toBeGreaterThan(0);
    renderRoute('/certifications');
    const activeGrid = await screen.findByRole('grid', { name: 'Active certifications' });
    expect(await within(activeGrid).findByRole('link', { name: active[0]!.name })).toBeInTheDocument();

    // The tenant answers slowly: the Completed tab is seen while it loads.
    sb.tenant.latency = { minMs: 400, maxMs: 400 };
    await userEvent.click(screen.getByRole('tab', { name: 'Completed' }));
    const completedGrid = await screen.findByRole('grid', { name: 'Completed certifications' });
    for (const cert of active) expect(within(completedGrid).queryByRole('link', { name: cert.name })).not.toBeInTheDocument();
    expect(await within(completedGrid).findByRole('link', { name: signed[0]!.name })).toBeInTheDocument();
    for (const cert of active) expect(within(completedGrid).queryByRole('link', { name: cert.name })).not.toBeInTheDocument();
  });

  it('marks the tab of the page shown and moves between tabs with the arrow keys', async () => {
    renderRoute('/certifications');
    await screen.findByRole('grid', { name: 'Active certifications' });
    const tabs = screen.getByRole('tablist', { name: 'Certification status' });
    const active = within(tabs).getByRole('tab', { name: 'Active' });
    expect(active).toHaveAttribute('aria-selected', 'true');
    expect(within(tabs).getByRole('tab', { name: 'Completed' })).toHaveAttribute('aria-selected', 'false');

    // One tab stop: Tab reaches the selected tab, the arrows move to the other, Enter opens it.
    active.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(within(tabs).getByRole('tab', { name: 'Completed' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(active).toHaveFocus();
    await userEvent.keyboard('{End}{Enter}');
    expect(await screen.findByRole('grid', { name: 'Completed certifications' })).toBeInTheDocument();
    expect(within(tabs).getByRole('tab', { name: 'Completed' })).toHaveAttribute('aria-selected', 'true');
    expect(within(tabs).getByRole('tab', { name: 'Active' })).toHaveAttribute('tabindex', '-1');
  });
});
