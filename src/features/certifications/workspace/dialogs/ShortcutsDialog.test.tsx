import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ShortcutsDialog } from './ShortcutsDialog';
import { renderWithProviders } from './testing';

const SHORTCUTS = [
  { keys: 'j or ArrowDown', action: 'Next item' },
  { keys: 'Ctrl+Enter', action: 'Confirm a decision' },
  { keys: '+', action: 'Expand the group' },
  { keys: '?', action: 'Show these shortcuts' },
];

describe('ShortcutsDialog', () => {
  it('lists the shortcuts it is given in a table, keys as keys', () => {
    renderWithProviders(<ShortcutsDialog open onClose={() => undefined} shortcuts={SHORTCUTS} />);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const table = within(dialog).getByRole('table', { name: 'Keyboard shortcuts' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Keys', 'Action']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual(SHORTCUTS.map((s) => [s.keys, s.action]));
    expect([...rows[0]!.querySelectorAll('kbd')].map((kbd) => kbd.textContent)).toEqual(['j', 'ArrowDown']);
    expect([...rows[1]!.querySelectorAll('kbd')].map((kbd) => kbd.textContent)).toEqual(['Ctrl', 'Enter']);
    expect([...rows[2]!.querySelectorAll('kbd')].map((kbd) => kbd.textContent)).toEqual(['+']);
  });

  it('closes with its button or Escape', async () => {
    const onClose = vi.fn();
    renderWithProviders(<ShortcutsDialog open onClose={onClose} shortcuts={SHORTCUTS} />);
    const close = screen.getByRole('button', { name: 'Close' });
    expect(close).toHaveFocus();
    await userEvent.click(close);
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
