import { useMemo } from 'react';
import type { AccessReviewItem, CertificationDecision } from '../../../../api/schemas';
import type { RequestDecision } from '../grid/requests';
import { ItemDetailsDrawer, type ItemReviewControls } from './ItemDetailsDrawer';
import { useItemNavigation } from './useItemNavigation';

export interface ItemReviewDrawerProps {
  certificationId: string;
  /** The item opened; null closes the pane. */
  item: AccessReviewItem | null;
  /** Another item to show (previous / next). */
  onShow(item: AccessReviewItem): void;
  onClose(): void;
  readOnly: boolean;
  /** The page's decision flow: the same rules as the grid's buttons (comments, confirmations, owner). */
  onRequestDecision: RequestDecision;
  onRequestComment(items: AccessReviewItem[], decision: CertificationDecision, initialComment?: string): void;
  onReassign(items: AccessReviewItem[]): void;
}

/** The data-field of the grid cell focus went back to when the pane closed, to land on the same column. */
function focusRowOf(itemId: string) {
  // After the drawer's own focus restore (to the cell it was opened from).
  window.setTimeout(() => {
    const restored = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('[role="gridcell"]') : null;
    const row = document.querySelector<HTMLElement>(`.MuiDataGrid-row[data-id="${CSS.escape(itemId)}"]`);
    if (!row || row.contains(document.activeElement)) return;
    const field = restored?.dataset.field;
    const cell = (field && row.querySelector<HTMLElement>(`[role="gridcell"][data-field="${CSS.escape(field)}"]`)) || row.querySelector<HTMLElement>('[role="gridcell"]');
    cell?.focus();
  }, 0);
}

/**
 * The details pane as the workspace uses it: the item's decision with the workspace's decision flow, and
 * previous / next in the grid's order. Closing returns focus to the row of the item last shown.
 */
export function ItemReviewDrawer({ certificationId, item, onShow, onClose, readOnly, onRequestDecision, onRequestComment, onReassign }: ItemReviewDrawerProps) {
  const navigation = useItemNavigation(certificationId, item, onShow);
  const review = useMemo<ItemReviewControls>(
    () => ({
      readOnly,
      onDecide: (target, decision) => onRequestDecision([target], decision, { bulk: false, scope: 'rows' }),
      onComment: (target, decision, comments) => onRequestComment([target], decision, comments),
      onReassign: (target) => onReassign([target]),
    }),
    [readOnly, onRequestDecision, onRequestComment, onReassign],
  );
  const close = () => {
    const id = navigation.current?.id;
    onClose();
    if (id) focusRowOf(id);
  };
  return (
    <ItemDetailsDrawer
      certificationId={certificationId}
      item={item ? navigation.current : null}
      onClose={close}
      review={review}
      navigation={navigation}
    />
  );
}
