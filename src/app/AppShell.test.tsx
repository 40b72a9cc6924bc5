import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { setupSandbox } from '../../test/sandbox-harness';
import { renderRoute } from '../../test/render';

const sb = setupSandbox();

describe('App shell', () => {
  it('shows the Campaigns area to a certification admin', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Campaigns' })).toBeInTheDocument();
    expect(await screen.findByRole('grid', { name: 'Campaigns' })).toBeInTheDocument();
  });

  it('answers a reviewer who opens an admin address with not-found, not admin data', async () => {
    sb.signInAs('manager');
    renderRoute('/campaigns');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: 'Campaigns' })).not.toBeInTheDocument();
  });

  it('has a not-found page for unknown addresses', async () => {
    renderRoute('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to my certifications' })).toBeInTheDocument();
  });

  it('renders API strings as text, never as HTML', async () => {
    const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === sb.persona('manager').identityId && c.phase === 'ACTIVE')!;
    sb.tenant.store.put('certifications', { ...cert, name: '<img src=x onerror="window.__xss=1">Quarterly' });
    renderRoute(`/certifications/${cert.id}`);
    expect(await screen.findByRole('heading', { name: '<img src=x onerror="window.__xss=1">Quarterly' })).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('shows a certification’s header facts', async () => {
    const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === sb.persona('manager').identityId && c.phase === 'ACTIVE')!;
    renderRoute(`/certifications/${cert.id}`);
    expect(await screen.findByRole('heading', { name: cert.name })).toBeInTheDocument();
    const campaign = sb.tenant.store.get('campaigns', cert.campaignId)!;
    expect(screen.getByText(campaign.name)).toBeInTheDocument();
    expect(screen.getByText('Reviewer').closest('div')).toHaveTextContent(sb.tenant.store.get('identities', cert.reviewerId)!.name);
    expect(await screen.findByRole('grid', { name: 'Access review items' })).toBeInTheDocument();
  });

  it('says so when a certification does not exist', async () => {
    renderRoute('/certifications/0000000000000000000000000000dead');
    expect(await screen.findByText('This certification could not be loaded')).toBeInTheDocument();
    expect(screen.getByText(/no longer exists/)).toBeInTheDocument();
  });
});
