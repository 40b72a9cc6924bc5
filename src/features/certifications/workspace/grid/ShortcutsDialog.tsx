import { ShortcutsDialog as ShortcutsTable } from '../dialogs/ShortcutsDialog';
import { KEYBOARD_SHORTCUTS } from './useGridKeyboard';

/** The grid's keyboard shortcuts as rows of the shared shortcuts dialog; decision keys hidden when read-only. */
export function shortcutRows(readOnly = false) {
  return KEYBOARD_SHORTCUTS.filter((s) => !readOnly || !s.decides).map((s) => ({ keys: s.keys.join(' or '), action: s.action }));
}

/** What `?` opens when the page does not show its own help. */
export function ShortcutsDialog({ open, onClose, readOnly = false }: { open: boolean; onClose(): void; readOnly?: boolean }) {
  return <ShortcutsTable open={open} onClose={onClose} shortcuts={shortcutRows(readOnly)} />;
}
