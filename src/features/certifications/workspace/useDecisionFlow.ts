import { startTransition, useCallback, useEffect, useState } from 'react';
import type { AccessReviewItem, CertificationDecision, IdentityCertificationDto, ReviewDecision } from '../../../api/schemas';
import { bulkTargets, needsBulkConfirmation, planBulk } from './bulkPlan';
import { commentRequired } from './decisions/comments';
import { effectiveDecision, getDecisionQueue, useDecisions, type DecisionInput } from './decisions/useDecisions';
import type { BulkResult } from './dialogs/BulkConfirmDialog';
import { SCOPE_SELECTED } from './dialogs/summary';
import { resolveRequestItems, type DecisionRequestOptions } from './grid/requests';
import { withConfirmedDecisions } from './items';

/** A decision waiting for the reviewer: a comment the campaign requires, or a bulk confirmation. */
export type PendingRequest =
  | { kind: 'comment'; decision: CertificationDecision; items: AccessReviewItem[]; bulk: boolean; initialComment?: string }
  | {
      kind: 'bulk';
      decision: CertificationDecision;
      items: AccessReviewItem[] | null;
      count: number;
      scopeLabel: string;
      loading?: { loaded: number; total: number | undefined };
      error?: string;
    };

export interface UndoNotice {
  id: number;
  text: string;
}

/**
 * How a decision request becomes decisions: everything matching a filter is gathered first (all pages),
 * bulk approvals of high-risk access are confirmed, required comments are asked for before anything is
 * sent, and each step can be undone.
 */
export function useDecisionFlow(certification: IdentityCertificationDto) {
  const certificationId = certification.id!;
  // The flow only acts: it must not re-render the workspace on every queue change (the rows and the
  // status bar subscribe themselves).
  const decisions = useDecisions(certificationId, { rerender: false });
  const { decide } = decisions;
  const requirement = certification.campaign?.mandatoryCommentRequirement;
  const [request, setRequest] = useState<PendingRequest | null>(null);
  const [notice, setNotice] = useState<UndoNotice | null>(null);

  // The items a pending request holds are a snapshot: a decision confirmed meanwhile (it leaves the queue)
  // is written into them, so a bulk decision never takes a just-saved revocation for an undecided item.
  useEffect(
    () =>
      getDecisionQueue().subscribe((event) => {
        if (event.type !== 'sent' || event.certificationId !== certificationId) return;
        setRequest((r) => (r?.items ? { ...r, items: withConfirmedDecisions(r.items, event.decisions) } : r));
      }),
    [certificationId],
  );

  const commit = useCallback(
    (decision: CertificationDecision, items: AccessReviewItem[], bulk: boolean, extra: { comments?: string; proposedEndDate?: string } = {}, highRisk = 0) => {
      const pending = getDecisionQueue().pending(certificationId);
      const inputs: DecisionInput[] = [];
      // One decision per item: pages read while decisions land can repeat an item, and the message must
      // count what changes (the queue keeps one decision per id).
      const unique = [...new Map(items.flatMap((item) => (item.id ? [[item.id, item] as const] : []))).values()];
      for (const item of unique) {
        const current = effectiveDecision(item, pending);
        // A decision without a comment never erases the comment the item has.
        const comments = extra.comments?.trim() ? extra.comments : (current.comments ?? undefined);
        // Items already carrying this decision and comment (confirmed or queued) are not sent again.
        if (current.decision === decision && current.state !== 'failed' && (comments ?? '') === (current.comments ?? '') && !extra.proposedEndDate) continue;
        inputs.push({ item, decision, ...(comments ? { comments } : {}), ...(extra.proposedEndDate ? { proposedEndDate: extra.proposedEndDate } : {}) });
      }
      decide(inputs, { bulk, highRisk });
      const verb = decision === 'APPROVE' ? 'Approved' : 'Revoked';
      const unchanged = unique.length - inputs.length;
      const text =
        inputs.length === 0
          ? `Nothing changed: ${unique.length === 1 ? 'the item already has' : 'the items already have'} this decision.`
          : `${verb} ${inputs.length === 1 ? '1 item' : `${inputs.length.toLocaleString()} items`}${unchanged ? ` (${unchanged.toLocaleString()} already had this decision)` : ''}`;
      // The rows show the decision first; the confirmation with Undo may follow a frame later.
      startTransition(() => setNotice({ id: Date.now(), text }));
    },
    [decide, certificationId],
  );

  const requestDecision = useCallback(
    async (items: AccessReviewItem[], decision: CertificationDecision, opts: DecisionRequestOptions & { comments?: string }) => {
      if (opts.scope === 'filter' && opts.filter) {
        const scopeLabel = opts.filter.description;
        setRequest({ kind: 'bulk', decision, items: null, count: opts.filter.count, scopeLabel, loading: { loaded: 0, total: opts.filter.count } });
        // Decisions confirmed while the pages are read may be missing from them: they are written in after.
        const confirmed: ReviewDecision[] = [];
        const stop = getDecisionQueue().subscribe((event) => {
          if (event.type === 'sent' && event.certificationId === certificationId) confirmed.push(...event.decisions);
        });
        try {
          // Progress is not urgent: pages answering together are one render of the workspace, not one each.
          const all = await resolveRequestItems(certificationId, items, opts, (loaded, total) =>
            startTransition(() => setRequest((r) => (r?.kind === 'bulk' && r.items === null ? { ...r, loading: { loaded, total } } : r))),
          );
          const current = withConfirmedDecisions(all, confirmed);
          setRequest((r) => (r?.kind === 'bulk' ? { ...r, items: current, count: current.length, loading: undefined } : r));
        } catch (error) {
          setRequest((r) => (r?.kind === 'bulk' ? { ...r, error: error instanceof Error ? error.message : String(error), loading: undefined } : r));
        } finally {
          stop();
        }
        return;
      }
      const bulk = opts.bulk || items.length > 1;
      // Changing existing decisions, or approving high-risk items, in bulk is always an explicit choice.
      if (bulk && needsBulkConfirmation(planBulk(items, decision, getDecisionQueue().pending(certificationId)))) {
        setRequest({ kind: 'bulk', decision, items, count: items.length, scopeLabel: SCOPE_SELECTED });
        return;
      }
      if (commentRequired(requirement, decision) && !opts.comments?.trim()) {
        setRequest({ kind: 'comment', decision, items, bulk });
        return;
      }
      commit(decision, items, bulk, opts.comments ? { comments: opts.comments } : {});
    },
    [certificationId, commit, requirement],
  );

  /** Opens the comment dialog for items (the `c` key): the reviewer writes a comment and picks the decision. */
  const requestComment = useCallback((items: AccessReviewItem[], decision: CertificationDecision, initialComment?: string) => {
    setRequest({ kind: 'comment', decision, items, bulk: items.length > 1, ...(initialComment ? { initialComment } : {}) });
  }, []);

  const confirm = useCallback(
    (result: BulkResult | { comments?: string; proposedEndDate?: string }) => {
      if (!request || !request.items) return;
      const { comments, proposedEndDate } = result;
      const extra = { ...(comments ? { comments } : {}), ...(proposedEndDate ? { proposedEndDate } : {}) };
      if (request.kind === 'comment') {
        commit(request.decision, request.items, request.bulk, extra);
        setRequest(null);
        return;
      }
      const choices = { includeExisting: 'includeExisting' in result && result.includeExisting, includeHighRisk: 'includeHighRisk' in result && result.includeHighRisk };
      // Approving high-risk items in bulk needs a comment, whatever the campaign asks.
      if ((commentRequired(requirement, request.decision) || choices.includeHighRisk) && !comments?.trim()) return;
      const targets = bulkTargets(planBulk(request.items, request.decision, getDecisionQueue().pending(certificationId)), choices);
      commit(request.decision, targets.items, true, extra, choices.includeHighRisk ? targets.highRisk.length : 0);
      setRequest(null);
    },
    [commit, request, requirement, certificationId],
  );

  const undo = useCallback(() => {
    const result = decisions.undo();
    if (!result) {
      setNotice({ id: Date.now(), text: 'Nothing to undo.' });
    } else if (result.kept > 0) {
      setNotice({
        id: Date.now(),
        text: `Undid ${result.undone}. ${result.kept} first decision${result.kept === 1 ? ' was' : 's were'} already saved and can't be cleared; change ${result.kept === 1 ? 'it' : 'them'} instead.`,
      });
    } else {
      setNotice({ id: Date.now(), text: `Undone (${result.undone}).` });
    }
  }, [decisions]);

  return { decisions, request, cancel: () => setRequest(null), confirm, requestDecision, requestComment, undo, notice, clearNotice: () => setNotice(null) };
}
