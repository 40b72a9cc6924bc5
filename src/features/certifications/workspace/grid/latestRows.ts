import { useCallback, useState, useSyncExternalStore } from 'react';
import type { AccessReviewItem } from '../../../../api/schemas';

/** What a decision changes in an item. */
const DECISION_FIELDS: ReadonlySet<string> = new Set(['decision', 'comments', 'completed']);

/** The same item apart from its decision (nested objects are shared by the query cache when unchanged). */
function sameButDecision(a: AccessReviewItem, b: AccessReviewItem): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!DECISION_FIELDS.has(key) && a[key as keyof AccessReviewItem] !== b[key as keyof AccessReviewItem]) return false;
  }
  return true;
}

/**
 * The rows to give the grid: the previous ones while only decisions changed. A new set of rows makes the
 * grid rebuild its row model and re-render every cell of the page; the cells that show a decision read the
 * latest item themselves (`useLatestItem`), so a confirmed decision re-renders its own row's cells only.
 */
export function useDecisionStableRows(rows: AccessReviewItem[]): AccessReviewItem[] {
  const [kept, setKept] = useState(rows);
  const stable = kept === rows || (kept.length === rows.length && rows.every((row, i) => sameButDecision(kept[i]!, row))) ? kept : rows;
  if (stable !== kept) setKept(stable);
  return stable;
}

/** The latest version of each row's item, by id, with a subscription per item. */
export class LatestItems {
  private items = new Map<string, AccessReviewItem>();
  private listeners = new Map<string, Set<() => void>>();

  /** Takes the rows as they are now; tells the cells of the items that changed. */
  set(rows: readonly AccessReviewItem[]): void {
    const changed: string[] = [];
    for (const row of rows) {
      if (!row.id || this.items.get(row.id) === row) continue;
      this.items.set(row.id, row);
      changed.push(row.id);
    }
    for (const id of changed) this.listeners.get(id)?.forEach((listener) => listener());
  }

  /** The latest version of an item, or the item itself if this store has not seen it. */
  get(item: AccessReviewItem): AccessReviewItem {
    return (item.id ? this.items.get(item.id) : undefined) ?? item;
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }
}

/** A row's latest item: re-renders when that item changes, not when the page does. */
export function useLatestItem(latest: LatestItems, row: AccessReviewItem): AccessReviewItem {
  const id = row.id ?? '';
  const subscribe = useCallback((listener: () => void) => latest.subscribe(id, listener), [latest, id]);
  return useSyncExternalStore(subscribe, () => latest.get(row));
}
