import { browserUtcOffsetMinutes, deadlineAllowsActivation } from '../../../api/rules';
import type { Campaign, IdentityCertificationDto, SlimCampaign } from '../../../api/schemas';

/**
 * The preflight of a generated (STAGED) campaign: checks with pass / warn / fail that ISC's own preview
 * does not make, computed from the campaign (detail FULL) and its certifications. Pure, so it is tested
 * without a screen.
 */
export type CheckResult = 'pass' | 'warn' | 'fail';

export interface PreflightCheck {
  key: string;
  title: string;
  result: CheckResult;
  summary: string;
  /** Lines under the summary (reviewers, sources, alert texts). */
  details?: string[];
}

export interface ReviewerLoad {
  id: string;
  name: string;
  items: number;
  certifications: number;
}

const HOUR = 3_600_000;
/** ISC's advice: start a campaign within a day of generating it. */
export const ACTIVATION_WINDOW_MS = 24 * HOUR;
/** When the activation clock turns from pass to warn. */
export const ACTIVATION_WARN_MS = 18 * HOUR;
/** The heaviest reviewer is flagged when they carry more than this many times the median. */
export const LOAD_SPREAD_FACTOR = 3;

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Items and certifications per reviewer, heaviest first. */
export function reviewerLoads(certifications: readonly IdentityCertificationDto[]): ReviewerLoad[] {
  const byReviewer = new Map<string, ReviewerLoad>();
  for (const cert of certifications) {
    const id = cert.reviewer?.id ?? 'unknown';
    const load = byReviewer.get(id) ?? { id, name: cert.reviewer?.name ?? id, items: 0, certifications: 0 };
    load.items += cert.decisionsTotal ?? 0;
    load.certifications += 1;
    byReviewer.set(id, load);
  }
  return [...byReviewer.values()].sort((a, b) => b.items - a.items || a.name.localeCompare(b.name));
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

function duration(ms: number): string {
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / 60_000);
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}

/** When the campaign finished generating: ISC's `modified` at staging, else its creation. */
export function generatedAt(campaign: Pick<SlimCampaign, 'created'> & { modified?: string | null }): number | null {
  const text = campaign.modified ?? campaign.created;
  const time = text ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? null : time;
}

export function preflightChecks(
  campaign: Campaign,
  certifications: readonly IdentityCertificationDto[],
  options: { now?: number; offsetMinutes?: number } = {},
): PreflightCheck[] {
  const { now = Date.now(), offsetMinutes = browserUtcOffsetMinutes() } = options;
  const checks: PreflightCheck[] = [];
  const total = campaign.totalCertifications ?? 0;

  checks.push(
    certifications.length === total && total > 0
      ? { key: 'count', title: 'Certifications', result: 'pass', summary: `${plural(total, 'certification')} listed, as the campaign counts (totalCertifications).` }
      : total === 0 && certifications.length === 0
        ? { key: 'count', title: 'Certifications', result: 'warn', summary: 'The campaign generated no certifications: nothing matched its scope. Activating it would send nothing to review.' }
        : { key: 'count', title: 'Certifications', result: 'fail', summary: `${plural(certifications.length, 'certification')} listed, but the campaign counts ${total.toLocaleString()} (totalCertifications). Wait a moment and check again, or recreate it.` },
  );

  const loads = reviewerLoads(certifications);
  if (loads.length) {
    const items = loads.map((l) => l.items);
    const max = items[0]!;
    const med = median(items);
    const spread = med > 0 ? max / med : max > 0 ? Infinity : 1;
    checks.push({
      key: 'load',
      title: 'Reviewer load',
      result: loads.length > 1 && spread > LOAD_SPREAD_FACTOR ? 'warn' : 'pass',
      summary: `${plural(loads.length, 'reviewer')}: the heaviest has ${plural(max, 'item')}, the median ${med.toLocaleString()}${loads.length > 1 && spread > LOAD_SPREAD_FACTOR ? ` — more than ${LOAD_SPREAD_FACTOR} times the median; consider reassigning after activation` : ''}.`,
      details: loads.slice(0, 5).map((l) => `${l.name}: ${plural(l.items, 'item')} in ${plural(l.certifications, 'certification')}`),
    });
  }

  const groups = certifications.filter((c) => c.reviewer?.type === 'GOVERNANCE_GROUP');
  checks.push(
    groups.length
      ? {
          key: 'groups',
          title: 'Governance-group reviewers',
          result: 'warn',
          summary: `${plural(groups.length, 'certification')} ${groups.length === 1 ? 'is' : 'are'} reviewed by a governance group: ISC's v3 API cannot open, decide or sign them; they are worked in ISC itself.`,
          details: [...new Set(groups.map((c) => c.reviewer?.name ?? c.reviewer?.id ?? 'unnamed group'))],
        }
      : { key: 'groups', title: 'Governance-group reviewers', result: 'pass', summary: 'Every certification has a person as reviewer, so all can be worked in Attest.' },
  );

  const alerts = campaign.alerts ?? [];
  const texts = alerts.map((a) => `${a.level ?? 'ALERT'}: ${a.localizations?.map((l) => l.text).filter(Boolean).join(' ') || 'no text'}`);
  const worst = alerts.some((a) => a.level === 'ERROR') ? 'fail' : alerts.some((a) => a.level === 'WARN') ? 'warn' : 'pass';
  checks.push({
    key: 'alerts',
    title: 'Alerts',
    result: worst,
    summary: alerts.length ? `${plural(alerts.length, 'alert')} from generation.` : 'Generation raised no alerts.',
    details: texts.length ? texts : undefined,
  });

  const orphans = campaign.sourcesWithOrphanEntitlements;
  checks.push(
    orphans === null || orphans === undefined
      ? { key: 'orphans', title: 'Orphan entitlements', result: 'warn', summary: 'ISC does not know whether sources in this campaign have orphan entitlements (entitlements without a managed attribute).' }
      : orphans.length
        ? { key: 'orphans', title: 'Orphan entitlements', result: 'warn', summary: `${plural(orphans.length, 'source')} ${orphans.length === 1 ? 'has' : 'have'} orphan entitlements, which reviewers see without a description or owner.`, details: orphans.map((s) => s.name ?? s.id ?? 'unnamed source') }
        : { key: 'orphans', title: 'Orphan entitlements', result: 'pass', summary: 'No source in this campaign has orphan entitlements.' },
  );

  if (campaign.type === 'MANAGER') {
    checks.push({
      key: 'managers',
      title: 'Identities without a manager',
      result: 'warn',
      summary: 'A manager campaign leaves out every identity without a manager (managers are taken as they were at generation). Run ISC’s “Identities Without Managers” report, and certify those with a search campaign.',
    });
  }

  checks.push(
    deadlineAllowsActivation(campaign.deadline, now, offsetMinutes)
      ? { key: 'deadline', title: 'Deadline', result: 'pass', summary: 'The deadline is tomorrow or later, so the campaign can be activated.' }
      : { key: 'deadline', title: 'Deadline', result: 'fail', summary: campaign.deadline ? 'The deadline is today or earlier: ISC will refuse to activate. Change the deadline (campaign page) or recreate the campaign.' : 'The campaign has no deadline: ISC will refuse to activate it.' },
  );

  const generated = generatedAt(campaign);
  if (generated !== null) {
    const age = Math.max(0, now - generated);
    const left = ACTIVATION_WINDOW_MS - age;
    checks.push({
      key: 'clock',
      title: 'Activation clock',
      result: age >= ACTIVATION_WINDOW_MS ? 'fail' : age >= ACTIVATION_WARN_MS ? 'warn' : 'pass',
      summary:
        age >= ACTIVATION_WINDOW_MS
          ? `Generated ${duration(age)} ago. ISC advises starting within a day of generating; its data is stale now — delete it and create it again.`
          : `Generated ${duration(age)} ago; start within ${duration(left)} (ISC advises starting within a day of generating).`,
    });
  }
  return checks;
}
