import { useCallback, type KeyboardEvent, type RefObject } from 'react';
import { gridFocusCellSelector, type GridApi, type GridEventListener } from '@mui/x-data-grid';
import type { AccessReviewItem, CertificationDecision } from '../../../../api/schemas';

/**
 * Keyboard-first review in the item grid. Row keys act on the row whose cell has focus (arrow keys move
 * it natively); none of them fires while typing in a text field, or with Ctrl, Alt or Cmd held.
 *
 * After a decision, focus stays on the same row: the reviewer sees the decision land where they are
 * looking, a dialog the page opens (a required comment, a confirmation) returns focus to it, and `j`
 * moves on. In the Undecided view the decided row leaves once saved, and the grid moves focus to the
 * row that takes its place: the next undecided one. The focus outline stays visible throughout.
 */
export const KEYBOARD_SHORTCUTS: readonly { keys: string[]; action: string; decides?: boolean }[] = [
  { keys: ['a'], action: 'Approve the focused row, or the selected rows', decides: true },
  { keys: ['r'], action: 'Revoke the focused row, or the selected rows', decides: true },
  { keys: ['c'], action: 'Comment on the focused row', decides: true },
  { keys: ['Enter', 'd'], action: 'Open the focused row’s details' },
  { keys: ['x', 'Space'], action: 'Select or unselect the focused row', decides: true },
  { keys: ['j', '↓'], action: 'Next row' },
  { keys: ['k', '↑'], action: 'Previous row' },
  { keys: ['Ctrl+Z', '⌘Z'], action: 'Undo the last decision', decides: true },
  { keys: ['?'], action: 'Show these shortcuts' },
];

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'month', 'time', 'week']);

/** Whether a key event comes from somewhere the person types: never take its keys. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'textbox';
}

/** A control that handles Enter and Space itself (a button or checkbox inside a cell). */
function isOwnActivation(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.matches('button, a[href], input, [role="button"], [role="checkbox"], [role="menuitem"]');
}

export interface GridKeyboardOptions {
  apiRef: RefObject<GridApi | null>;
  /** The rows on screen, in order (the grid shows one page). */
  rows: readonly AccessReviewItem[];
  readOnly: boolean;
  selection: ReadonlyMap<string, AccessReviewItem>;
  onDecide(items: AccessReviewItem[], decision: CertificationDecision, scope: 'rows' | 'selection'): void;
  onComment?(item: AccessReviewItem): void;
  onDetails(item: AccessReviewItem): void;
  onToggleSelected(item: AccessReviewItem): void;
  onUndo(): void;
  onShowShortcuts(): void;
}

/**
 * Handlers for the grid: `onCellKeyDown` (DataGrid prop; runs before the grid's own handling, which it
 * suppresses for the keys it takes) and `onKeyDown` for the element around the grid (undo and help work
 * from anywhere in the grid, headers included).
 */
export function useGridKeyboard(options: GridKeyboardOptions) {
  const { apiRef, rows, readOnly, selection, onDecide, onComment, onDetails, onToggleSelected, onUndo, onShowShortcuts } = options;

  /** Moves focus by one row, keeping the column, and scrolls it into view. */
  const move = useCallback(
    (id: string, field: string, by: 1 | -1) => {
      const api = apiRef.current;
      if (!api) return;
      const index = rows.findIndex((r) => r.id === id);
      const target = rows[index + by];
      if (index < 0 || !target?.id) return;
      api.scrollToIndexes({ rowIndex: index + by });
      api.setCellFocus(target.id, field);
    },
    [apiRef, rows],
  );

  const onCellKeyDown = useCallback<GridEventListener<'cellKeyDown'>>(
    (params, event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      // Keys from a menu or dialog opened from the cell (a portal) are not the row's.
      if (!(event.currentTarget instanceof Node) || !(event.target instanceof Node) || !event.currentTarget.contains(event.target)) return;
      const id = String(params.id);
      // The grid's row can be older than the item (it keeps its rows while only decisions change).
      const row = rows.find((r) => r.id === id) ?? (params.row as AccessReviewItem);
      const field = params.field;
      const take = () => {
        event.preventDefault();
        event.defaultMuiPrevented = true;
      };
      const decide = (decision: CertificationDecision) => {
        take();
        if (selection.size > 0) onDecide([...selection.values()], decision, 'selection');
        else onDecide([row], decision, 'rows');
      };
      switch (event.key) {
        case 'a':
        case 'A':
          if (!readOnly) decide('APPROVE');
          return;
        case 'r':
        case 'R':
          if (!readOnly) decide('REVOKE');
          return;
        case 'c':
        case 'C':
          if (!readOnly && onComment) {
            take();
            onComment(row);
          }
          return;
        case 'd':
        case 'D':
          take();
          onDetails(row);
          return;
        case 'Enter':
          if (isOwnActivation(event.target)) return;
          take();
          onDetails(row);
          return;
        case 'x':
        case 'X':
          if (!readOnly) {
            take();
            onToggleSelected(row);
          }
          return;
        case ' ':
          // Shift+Space is the grid's own row selection; Space on the checkbox toggles it natively.
          if (readOnly || event.shiftKey || isOwnActivation(event.target)) return;
          take();
          onToggleSelected(row);
          return;
        case 'j':
        case 'J':
          take();
          move(id, field, 1);
          return;
        case 'k':
        case 'K':
          take();
          move(id, field, -1);
          return;
      }
    },
    [rows, readOnly, selection, onDecide, onComment, onDetails, onToggleSelected, move],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && (event.key === 'z' || event.key === 'Z')) {
        if (readOnly) return;
        event.preventDefault();
        onUndo();
        return;
      }
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        onShowShortcuts();
      }
    },
    [readOnly, onUndo, onShowShortcuts],
  );

  /** The row whose cell has focus, if any (for actions started outside the grid). */
  const focusedRow = useCallback((): AccessReviewItem | undefined => {
    const api = apiRef.current;
    const cell = api ? gridFocusCellSelector(apiRef as RefObject<GridApi>) : null;
    return cell ? rows.find((r) => r.id === String(cell.id)) : undefined;
  }, [apiRef, rows]);

  return { onCellKeyDown, onKeyDown, focusedRow };
}
