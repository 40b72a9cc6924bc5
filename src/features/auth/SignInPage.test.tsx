import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../test/sandbox-harness';
import { renderRoute } from '../../../test/render';
import { sessionStore } from '../../api/session';

const sb = setupSandbox();

describe('Signing in to a tenant', () => {
  it('exchanges a personal access token at /oauth/token and opens the page asked for', async () => {
    sessionStore.set(null);
    renderRoute('/sign-in?next=%2Fcertifications%2Fcompleted');
    await userEvent.type(await screen.findByLabelText(/Client ID/), 'sandbox-source-owner');
    await userEvent.type(screen.getByLabelText(/Client secret/), 'sandbox');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('grid', { name: 'Completed certifications' })).toBeInTheDocument();
    expect(sessionStore.get()?.identityId).toBe(sb.persona('source-owner').identityId);
    // The token is in sessionStorage, never in localStorage.
    expect(sessionStorage.getItem('attest.session')).toContain(sessionStore.get()!.accessToken);
    expect(JSON.stringify({ ...localStorage })).not.toContain(sessionStore.get()!.accessToken);
  });

  it('says clearly when the tenant refuses the credentials', async () => {
    sessionStore.set(null);
    renderRoute('/sign-in');
    await userEvent.type(await screen.findByLabelText(/Client ID/), 'sandbox-manager');
    await userEvent.type(screen.getByLabelText(/Client secret/), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/refused these credentials/)).toBeInTheDocument();
    expect(sessionStore.get()).toBeNull();
  });

  it('refuses a pasted token that is not a JWT', async () => {
    sessionStore.set(null);
    renderRoute('/sign-in');
    await userEvent.click(await screen.findByRole('tab', { name: 'Access token' }));
    await userEvent.type(screen.getByLabelText(/Access token/), 'not-a-token');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/does not look like an ISC access token/)).toBeInTheDocument();
  });

  it('asks someone whose session expired to sign in again over the page, which keeps what they typed', async () => {
    const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === sb.persona('manager').identityId && c.phase === 'ACTIVE')!;
    const { router } = renderRoute(`/certifications/${cert.id}`);
    const search = await screen.findByLabelText('Search access');
    await userEvent.type(search, 'VP');
    // The token outlives its 12 hours; the next request (the search for what is typed next) answers 401.
    // (On a slow machine the search for "VP" may already have been answered: the last letter asks again.)
    sb.clock.advance(13 * 3600 * 1000);
    await userEvent.type(search, 'N');
    const dialog = await screen.findByRole('dialog', { name: 'Your session expired' });
    const page = router.state.location.pathname;
    expect(page).toMatch(/^\/certifications\//);
    // The page is still there under the dialog, with what was typed.
    expect(screen.getByLabelText('Search access', { selector: 'input' })).toHaveValue('VPN');

    sb.clock.time = Date.now();
    await userEvent.type(within(dialog).getByLabelText(/Client ID/), 'sandbox-manager');
    await userEvent.type(within(dialog).getByLabelText(/Client secret/), 'sandbox');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Your session expired' })).not.toBeInTheDocument());
    expect(router.state.location.pathname).toBe(page);
    expect(screen.getByLabelText('Search access', { selector: 'input' })).toHaveValue('VPN');
  }, 60_000);

  it('sends someone else who signs in on the expired page to their own certifications', async () => {
    const { router } = renderRoute('/certifications/completed');
    expect(await screen.findByRole('grid', { name: 'Completed certifications' })).toBeInTheDocument();
    sb.clock.advance(13 * 3600 * 1000);
    await userEvent.click(screen.getByRole('tab', { name: 'Active' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your session expired' });
    sb.clock.time = Date.now();
    await userEvent.type(within(dialog).getByLabelText(/Client ID/), 'sandbox-source-owner');
    await userEvent.type(within(dialog).getByLabelText(/Client secret/), 'sandbox');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(sessionStore.get()?.identityId).toBe(sb.persona('source-owner').identityId));
    expect(router.state.location.pathname).toBe('/certifications');
    expect(await screen.findByRole('grid', { name: 'Active certifications' })).toBeInTheDocument();
  });

  it('goes back only to pages of this origin after sign-in', async () => {
    sessionStore.set(null);
    const { router } = renderRoute('/sign-in?next=%2F%5Cexample.com');
    await userEvent.type(await screen.findByLabelText(/Client ID/), 'sandbox-manager');
    await userEvent.type(screen.getByLabelText(/Client secret/), 'sandbox');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/certifications'));
  });
});
