import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotificationsProvider, notify, useNotify } from './notifications';

function Saver() {
  const show = useNotify();
  return <button onClick={() => show('Template “Q3” deleted.', 'success')}>Delete</button>;
}

describe('notifications', () => {
  it('shows a message in the snackbar (its code loads on demand) and closes it', async () => {
    render(<NotificationsProvider><Saver /></NotificationsProvider>);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Template “Q3” deleted.');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('shows messages from outside React, the newest replacing the last', async () => {
    render(<NotificationsProvider><p>page</p></NotificationsProvider>);
    notify('Couldn’t refresh: the tenant did not answer', 'warning');
    expect(await screen.findByRole('alert')).toHaveTextContent('Couldn’t refresh: the tenant did not answer');
    notify('Couldn’t refresh again', 'warning');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Couldn’t refresh again'));
  });
});
