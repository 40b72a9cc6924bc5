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
});
