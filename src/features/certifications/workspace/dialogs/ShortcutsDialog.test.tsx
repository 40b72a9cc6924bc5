import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderRoute } from '../../../../../test/render';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { KEYBOARD_SHORTCUTS } from '../grid/useGridKeyboard';

const sb = setupSandbox();

/** The manager's certification in a phase, from the sandbox's records. */
function managerCertification(phase: 'ACTIVE' | 'SIGNED') {
  const manager = sb.persona('manager').identityId;
  const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === phase);
  if (!cert) throw new Error(`The manager has no ${phase} certification`);
  return cert;
}

/** Opens the workspace of a certification and its shortcuts with `?`. */
async function openShortcuts(certificationId: string) {
  renderRoute(`/certifications/${certificationId}`);
  await screen.findByRole('grid', { name: 'Access review items' });
  await userEvent.keyboard('?');
  const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
  const table = within(dialog).getByRole('table', { name: 'Keyboard shortcuts' });
  return { dialog, rows: within(table).getAllByRole('row').slice(1), table };
}

describe('the keyboard shortcuts dialog', () => {
  it('lists the workspace’s shortcuts in a table, keys as keys', { timeout: 60_000 }, async () => {
    const { rows, table } = await openShortcuts(managerCertification('ACTIVE').id);
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Keys', 'Action']);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual(
      KEYBOARD_SHORTCUTS.map((s) => [s.keys.join(' or '), s.action]),
    );
    const keysOf = (action: RegExp) => [...rows.find((row) => action.test(row.textContent ?? ''))!.querySelectorAll('kbd')].map((kbd) => kbd.textContent);
    expect(keysOf(/Open the focused row/)).toEqual(['Enter', 'd']);
    expect(keysOf(/Undo the last decision/)).toEqual(['Ctrl', 'Z', '⌘Z']);
    expect(keysOf(/Show these shortcuts/)).toEqual(['?']);
  });

  it('leaves out the deciding shortcuts on a signed certification', { timeout: 60_000 }, async () => {
    const { rows } = await openShortcuts(managerCertification('SIGNED').id);
    const actions = rows.map((row) => within(row).getAllByRole('cell')[1]!.textContent);
    expect(actions).toEqual(KEYBOARD_SHORTCUTS.filter((s) => !s.decides).map((s) => s.action));
    expect(actions).not.toContain('Approve the focused row, or the selected rows');
  });

  it('closes with its button or Escape', { timeout: 60_000 }, async () => {
    const { dialog } = await openShortcuts(managerCertification('ACTIVE').id);
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(close).toHaveFocus();
    await userEvent.click(close);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument());
    await userEvent.keyboard('?');
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument());
  });
});
