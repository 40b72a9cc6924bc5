import { strToU8, zipSync } from 'fflate';
import { getCampaign, getCampaignReports, startCampaignReport } from '../../../api/campaigns';
import { listIdentityAccessReviewItems, listIdentityCertifications } from '../../../api/certifications';
import { fetchAllPages } from '../../../api/collections';
import { toCsv } from '../../../api/csv';
import { f } from '../../../api/filters';
import { getReport } from '../../../api/reports';
import { ReportType, type AccessReviewItem, type Campaign, type CampaignReport, type IdentityCertificationDto } from '../../../api/schemas';
import { fileSafe } from './parts';

/**
 * The evidence pack: ISC's four campaign reports, run now and downloaded, plus Attest's own item-level CSV and
 * reviewer figures, stamped with when the snapshot was taken, in one zip.
 */

export interface EvidenceProgress {
  step: 'reports' | 'waiting' | 'downloading' | 'items' | 'zipping' | 'done';
  /** What is happening, in words. */
  text: string;
  done: number;
  total: number;
}

const REPORT_TIMEOUT_MS = 5 * 60_000;
const POLL_MS = 1500;
/** Certifications whose items are read at the same time. */
const ITEM_READERS = 4;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

const FINISHED = ['SUCCESS', 'WARNING'];
const FAILED = ['ERROR', 'TERMINATED', 'TEMP_ERROR'];

/** Runs every report type and waits until each has a run that started at or after `since` and finished. */
async function runReports(campaignId: string, since: number, onProgress: (p: EvidenceProgress) => void, signal?: AbortSignal): Promise<CampaignReport[]> {
  const types = ReportType.options;
  for (const [i, type] of types.entries()) {
    onProgress({ step: 'reports', text: `Running report ${i + 1} of ${types.length}`, done: i, total: types.length });
    await startCampaignReport(campaignId, type, { signal });
  }
  const deadline = Date.now() + REPORT_TIMEOUT_MS;
  for (;;) {
    const reports = await getCampaignReports(campaignId, { signal });
    // A run from before the pack started is stale; lastRunAt is the tenant's clock, so allow a minute of skew.
    const current = types.map((t) => reports.find((r) => r.reportType === t && r.lastRunAt && Date.parse(r.lastRunAt) >= since - 60_000));
    const failed = current.find((r) => r && FAILED.includes(r.status ?? ''));
    if (failed) throw new Error(`ISC's ${failed.name ?? failed.reportType} ended ${failed.status}; run the evidence pack again.`);
    const ready = current.filter((r) => r && FINISHED.includes(r.status ?? '')).length;
    onProgress({ step: 'waiting', text: `Waiting for ISC: ${ready} of ${types.length} reports ready`, done: ready, total: types.length });
    if (ready === types.length) return current as CampaignReport[];
    if (Date.now() > deadline) throw new Error(`ISC had not finished the reports after ${REPORT_TIMEOUT_MS / 60_000} minutes (${ready} of ${types.length} ready). Try again later.`);
    await sleep(POLL_MS, signal);
  }
}

/** Whether the reviewed access is privileged, new, or holds data access (the high-risk flags). */
export function riskFlags(item: AccessReviewItem): string[] {
  const s = item.accessSummary;
  const flags: string[] = [];
  if (s?.entitlement?.privileged || s?.accessProfile?.privileged || s?.role?.privileged) flags.push('privileged');
  if (item.newAccess) flags.push('new access');
  if (s?.entitlement?.containsDataAccess) flags.push('data access');
  if (s?.entitlement && s.entitlement.revocable === false) flags.push('not revocable');
  return flags;
}

function sourceOf(item: AccessReviewItem): string {
  const s = item.accessSummary;
  return s?.entitlement?.sourceName ?? s?.accessProfile?.entitlements?.[0]?.sourceName ?? '';
}

/** The reassignment chain of a certification as far as the API shows it: "from Reviewer (reason)". */
export function reassignmentChain(cert: IdentityCertificationDto): string {
  const r = cert.reassignment;
  if (!r) return '';
  const from = r.from?.reviewer?.name ?? r.from?.name ?? 'another reviewer';
  return `${from} → ${cert.reviewer?.name ?? 'this reviewer'}${r.comment ? ` (${r.comment})` : ''}`;
}

export const ITEM_HEADER = [
  'Certification', 'Certification ID', 'Reviewer', 'Reviewer email', 'Identity', 'Identity ID', 'Access type', 'Access', 'Access ID', 'Source',
  'High-risk flags', 'Decision', 'Comment', 'Reassignment chain', 'Signed',
];

export function itemRows(certs: readonly { cert: IdentityCertificationDto; items: readonly AccessReviewItem[] }[]) {
  return certs.flatMap(({ cert, items }) =>
    items.map((item) => [
      cert.name, cert.id, cert.reviewer?.name, cert.reviewer?.email, item.identitySummary?.name, item.identitySummary?.identityId,
      item.accessSummary?.access?.type, item.accessSummary?.access?.name, item.accessSummary?.access?.id, sourceOf(item),
      riskFlags(item).join('; '), item.decision ?? 'Undecided', item.comments ?? '', reassignmentChain(cert), cert.signed ?? '',
    ]),
  );
}

export const REVIEWER_HEADER = ['Reviewer', 'Reviewer email', 'Certifications', 'Signed', 'Items', 'Decided', 'Approved', 'Revoked', 'Revocation share (%)', 'Hours from certification created to sign-off (longest)'];

export function reviewerRows(certs: readonly { cert: IdentityCertificationDto; items: readonly AccessReviewItem[] }[]) {
  const by = new Map<string, { name: string; email: string; certs: number; signed: number; items: number; decided: number; approved: number; revoked: number; hours: number | null }>();
  for (const { cert, items } of certs) {
    const key = cert.reviewer?.id ?? 'unknown';
    const row = by.get(key) ?? { name: cert.reviewer?.name ?? 'Unknown', email: cert.reviewer?.email ?? '', certs: 0, signed: 0, items: 0, decided: 0, approved: 0, revoked: 0, hours: null };
    row.certs++;
    row.items += items.length;
    row.decided += items.filter((i) => i.decision).length;
    row.approved += items.filter((i) => i.decision === 'APPROVE').length;
    row.revoked += items.filter((i) => i.decision === 'REVOKE').length;
    if (cert.signed) {
      row.signed++;
      if (cert.created) {
        const hours = Math.round((Date.parse(cert.signed) - Date.parse(cert.created)) / 36e5);
        row.hours = Math.max(row.hours ?? 0, hours);
      }
    }
    by.set(key, row);
  }
  return [...by.values()].map((r) => [r.name, r.email, r.certs, r.signed, r.items, r.decided, r.approved, r.revoked, r.decided ? Math.round((r.revoked / r.decided) * 1000) / 10 : 0, r.hours ?? '']);
}

/** Builds and returns the evidence pack as a zip file. */
export async function buildEvidencePack(campaignId: string, onProgress: (p: EvidenceProgress) => void, signal?: AbortSignal): Promise<{ zip: Blob; fileName: string; takenAt: string }> {
  const started = Date.now();
  const takenAt = new Date(started).toISOString();
  const campaign = (await getCampaign(campaignId, { detail: 'FULL' }, { signal })) as Campaign;
  const reports = await runReports(campaignId, started, onProgress, signal);

  const files: Record<string, Uint8Array> = {};
  for (const [i, report] of reports.entries()) {
    onProgress({ step: 'downloading', text: `Downloading report ${i + 1} of ${reports.length}`, done: i, total: reports.length });
    if (!report.id) throw new Error(`ISC listed ${report.name ?? report.reportType} without an id, so its file cannot be downloaded.`);
    const file = await getReport(report.id, { fileFormat: 'csv' }, { signal });
    files[`isc-reports/${fileSafe(report.name ?? report.reportType)}.csv`] = new Uint8Array(await file.blob.arrayBuffer());
  }

  onProgress({ step: 'items', text: 'Reading the certifications', done: 0, total: 1 });
  const certs = await fetchAllPages((paging) => listIdentityCertifications({ filters: f.eq('campaign.id', campaignId), sorters: ['name'], ...paging }, { signal }));
  // A few certifications at a time: faster than one by one, gentle on ISC's 100 requests per 10 s.
  const withItems: { cert: IdentityCertificationDto; items: AccessReviewItem[] }[] = new Array(certs.length);
  let next = 0;
  let read = 0;
  onProgress({ step: 'items', text: `Reading items of ${certs.length} certifications`, done: 0, total: certs.length });
  const worker = async () => {
    while (next < certs.length) {
      const index = next++;
      const cert = certs[index]!;
      const items = cert.id ? await fetchAllPages((paging) => listIdentityAccessReviewItems(cert.id!, paging, { signal })) : [];
      withItems[index] = { cert, items };
      read++;
      onProgress({ step: 'items', text: `Read the items of ${read} of ${certs.length} certifications`, done: read, total: certs.length });
    }
  };
  await Promise.all(Array.from({ length: ITEM_READERS }, worker));

  onProgress({ step: 'zipping', text: 'Packing the zip', done: 0, total: 1 });
  const itemCount = withItems.reduce((n, c) => n + c.items.length, 0);
  files['attest-items.csv'] = strToU8(toCsv(ITEM_HEADER, itemRows(withItems)));
  files['attest-reviewers.csv'] = strToU8(toCsv(REVIEWER_HEADER, reviewerRows(withItems)));
  files['README.txt'] = strToU8(
    [
      `Evidence pack for campaign "${campaign.name}" (${campaign.id ?? campaignId})`,
      `Snapshot taken at ${takenAt} (UTC) by Attest; finished at ${new Date().toISOString()}.`,
      `Status ${campaign.status ?? 'unknown'}, type ${campaign.type}, deadline ${campaign.deadline ?? 'none'}.`,
      `${certs.length} certifications, ${itemCount} items.`,
      '',
      'isc-reports/      ISC\'s four campaign reports, run for this pack and downloaded as CSV.',
      'attest-items.csv  Every item: identity, access, type, source, high-risk flags, decision, comment, reviewer, reassignment chain, signed date.',
      'attest-reviewers.csv  Per reviewer: items, decisions, revocation share, time from certification creation to sign-off',
      '                  (ISC records no activation time per certification; creation is when the campaign generated it).',
      '',
      'Decisions made after the snapshot are not included.',
    ].join('\r\n'),
  );
  const zip = zipSync(files, { level: 6, mtime: new Date(started) });
  onProgress({ step: 'done', text: 'Evidence pack ready', done: 1, total: 1 });
  const stamp = takenAt.slice(0, 19).replace(/[:T]/g, '-');
  return { zip: new Blob([zip], { type: 'application/zip' }), fileName: `${fileSafe(campaign.name)} evidence ${stamp}.zip`, takenAt };
}
