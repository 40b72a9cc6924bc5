import type { AccessReviewItem, CertificationDecision } from '../../../api/schemas';
import { effectiveDecision } from './decisions/useDecisions';
import type { QueueEntry } from './decisions/queue';
import { HIGH_RISK, riskFlags } from './risk';

/**
 * What a bulk decision would do to each item, judged against what the reviewer sees (decisions not yet
 * confirmed count as made). By default a bulk decision only decides items that have no decision yet, and
 * a bulk approval leaves high-risk items for one-by-one review; changing existing decisions and approving
 * high-risk items are separate, explicit choices.
 */
export interface BulkPlan {
  decision: CertificationDecision;
  /** Items with no decision yet (nor one waiting to be sent). */
  undecided: AccessReviewItem[];
  /** Items with another decision, confirmed by the tenant or waiting to be sent, that this would change. */
  existing: { items: AccessReviewItem[]; pending: number; confirmed: number };
  /** Items that already carry this decision: nothing to do. */
  unchanged: AccessReviewItem[];
  /** APPROVE only: high-risk items among those that would change (privileged, new, unused, undocumented, data access). */
  highRisk: AccessReviewItem[];
}

export interface BulkChoices {
  /** Also change the existing decisions of `existing`. */
  includeExisting: boolean;
  /** Also approve the high-risk items (needs a comment). */
  includeHighRisk: boolean;
}

export const isHighRisk = (item: AccessReviewItem) => riskFlags(item).some((flag) => HIGH_RISK.includes(flag));

export function planBulk(items: readonly AccessReviewItem[], decision: CertificationDecision, pending: Map<string, QueueEntry>): BulkPlan {
  const plan: BulkPlan = { decision, undecided: [], existing: { items: [], pending: 0, confirmed: 0 }, unchanged: [], highRisk: [] };
  for (const item of items) {
    const current = effectiveDecision(item, pending);
    if (!current.decision) plan.undecided.push(item);
    else if (current.decision === decision) plan.unchanged.push(item);
    else {
      plan.existing.items.push(item);
      if (current.state === 'queued' || current.state === 'sending') plan.existing.pending++;
      else plan.existing.confirmed++;
    }
  }
  if (decision === 'APPROVE') plan.highRisk = [...plan.undecided, ...plan.existing.items].filter(isHighRisk);
  return plan;
}

/**
 * The items a bulk decision changes, given the reviewer's choices; `candidates` are those it would change
 * were high-risk items included, `highRisk` the high-risk ones among them (APPROVE only).
 */
export function bulkTargets(plan: BulkPlan, choices: BulkChoices): { items: AccessReviewItem[]; candidates: AccessReviewItem[]; highRisk: AccessReviewItem[] } {
  const candidates = choices.includeExisting ? [...plan.undecided, ...plan.existing.items] : plan.undecided;
  const highRisk = plan.decision === 'APPROVE' ? candidates.filter(isHighRisk) : [];
  const items = plan.decision !== 'APPROVE' || choices.includeHighRisk ? candidates : candidates.filter((item) => !isHighRisk(item));
  return { items, candidates, highRisk };
}

/** Whether a set needs the bulk confirmation: several items, or any existing decision it would change, or high risk. */
export function needsBulkConfirmation(plan: BulkPlan): boolean {
  return plan.existing.items.length > 0 || plan.highRisk.length > 0;
}
