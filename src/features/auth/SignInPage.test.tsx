import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
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

  it('sends someone whose session expired to sign in, keeping where they were', async () => {
    const { router } = renderRoute('/certifications/completed');
    expect(await screen.findByRole('grid', { name: 'Completed certifications' })).toBeInTheDocument();
    // The token outlives its 12 hours; the next request answers 401.
    sb.clock.advance(13 * 3600 * 1000);
    await userEvent.click(screen.getByRole('tab', { name: 'Active' }));
    expect(await screen.findByText(/Your session expired/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/certifications');
  });
});
