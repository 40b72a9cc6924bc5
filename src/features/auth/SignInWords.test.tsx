import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../test/sandbox-harness';
import { renderRoute } from '../../../test/render';
import { sessionStore } from '../../api/session';

setupSandbox();

describe('A refused sign-in reads as one sentence', () => {
  it('quotes the tenant’s reason without doubling its full stop', async () => {
    sessionStore.set(null);
    renderRoute('/sign-in');
    await userEvent.type(await screen.findByLabelText(/Client ID/), 'sandbox-manager');
    await userEvent.type(screen.getByLabelText(/Client secret/), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByText(/refused these credentials/);
    expect(alert).toHaveTextContent(
      'The tenant refused these credentials: Unknown client id or wrong secret. Check the client ID and secret of your personal access token.',
    );
    expect(alert.textContent).not.toMatch(/\.\./);
  });
});
