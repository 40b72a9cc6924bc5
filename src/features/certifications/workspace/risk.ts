import type { AccessReviewItem } from '../../../api/schemas';

/**
 * What makes an access review item risky to approve without a look: the signals a rubber-stamping
 * reviewer skips. Used to order the grid by risk, flag rows, and warn before bulk approval.
 */
export type RiskFlag = 'privileged' | 'newAccess' | 'unused' | 'noDescription' | 'dataAccess' | 'hasPermissions';

export const RISK_LABELS: Record<RiskFlag, string> = {
  privileged: 'Privileged',
  newAccess: 'New access',
  unused: 'Unused',
  noDescription: 'No description',
  dataAccess: 'Data access',
  hasPermissions: 'Has permissions',
};

/** Flags that make an item high-risk for bulk approval (has-permissions alone is informative). */
export const HIGH_RISK: RiskFlag[] = ['privileged', 'newAccess', 'unused', 'noDescription', 'dataAccess'];

/** The reviewed access's own record, whatever its type. */
export function accessRecord(item: AccessReviewItem) {
  const summary = item.accessSummary;
  return summary?.entitlement ?? summary?.accessProfile ?? summary?.role ?? null;
}

/** Days the account was used in the last 90 days, when activity insights know it. */
export function usageDays(item: AccessReviewItem): number | null {
  const insights = item.accessSummary?.entitlement?.account?.activityInsights;
  return insights?.usageDaysState === 'COMPLETE' && typeof insights.usageDays === 'number' ? insights.usageDays : null;
}

export function riskFlags(item: AccessReviewItem): RiskFlag[] {
  const record = accessRecord(item);
  const entitlement = item.accessSummary?.entitlement;
  const flags: RiskFlag[] = [];
  if (record?.privileged) flags.push('privileged');
  if (item.newAccess) flags.push('newAccess');
  if (usageDays(item) === 0) flags.push('unused');
  if (!record?.description?.trim()) flags.push('noDescription');
  if (entitlement?.containsDataAccess) flags.push('dataAccess');
  if (entitlement?.hasPermissions) flags.push('hasPermissions');
  return flags;
}

/** Higher is riskier: privileged first, then new, unused, undocumented, then data access impact. */
export function riskScore(item: AccessReviewItem): number {
  const flags = riskFlags(item);
  const impact = Number(item.accessSummary?.entitlement?.dataAccess?.impactScore?.value ?? 0) || 0;
  return (
    (flags.includes('privileged') ? 1000 : 0) +
    (flags.includes('newAccess') ? 500 : 0) +
    (flags.includes('unused') ? 250 : 0) +
    (flags.includes('noDescription') ? 120 : 0) +
    (flags.includes('dataAccess') ? 60 + impact : 0) +
    (flags.includes('hasPermissions') ? 10 : 0)
  );
}

/** How many of these items carry each high-risk flag, for the bulk-approval warning. */
export function highRiskSummary(items: readonly AccessReviewItem[]): { total: number; byFlag: Partial<Record<RiskFlag, number>> } {
  const byFlag: Partial<Record<RiskFlag, number>> = {};
  let total = 0;
  for (const item of items) {
    const flags = riskFlags(item).filter((f) => HIGH_RISK.includes(f));
    if (flags.length) total++;
    for (const flag of flags) byFlag[flag] = (byFlag[flag] ?? 0) + 1;
  }
  return { total, byFlag };
}
