import * as z from 'zod/mini';
import { toCsv, type CsvCell } from '../../api/csv';
import type { IdentityCertDecisionSummary } from '../../api/reports';
import { badRequest, forbidden, notFound } from '../errors';
import { CERTIFICATION_ADMIN_LEVELS, REPORT_LEVELS, hasLevel, requireLevel, type RequestContext, type Route } from '../context';
import { matches, parseFilters } from '../query';
import type { CampaignRecord, ItemRecord, ReportRecord } from '../model';
import type { Store } from '../store';
import { textPdf } from '../pdf';
import { accessName, certificationCounts, itemSourceName, subjectName } from '../views';
import { REPORT_NAMES } from './campaigns';

/**
 * The supporting operations around campaign reports: `getReport` (Reports Data Extraction) serves a finished
 * campaign report as CSV or PDF by its task result id, and `getIdentityDecisionSummary` (Certification
 * Summaries) counts a certification's decisions by access type. A report file is built from the tenant's
 * data when it is downloaded, with the tenant-wide identity attribute columns of the report configuration.
 */

const FileFormat = z.enum(['csv', 'pdf']);

/** Report statuses whose file can be downloaded. */
const DOWNLOADABLE: readonly ReportRecord['status'][] = ['SUCCESS', 'WARNING'];

/** Identity attributes the sandbox knows, for the configured report columns. */
function identityAttribute(store: Store, identityId: string, attribute: string): CsvCell {
  const identity = store.get('identities', identityId);
  if (!identity) return '';
  switch (attribute) {
    case 'email':
      return identity.email;
    case 'department':
      return identity.department;
    case 'title':
      return identity.title;
    case 'displayName':
    case 'name':
      return identity.name;
    case 'manager':
      return identity.managerId ? (store.get('identities', identity.managerId)?.name ?? '') : '';
    default:
      return '';
  }
}

function itemsOfCampaign(store: Store, campaign: CampaignRecord): { item: ItemRecord; reviewer: string; certification: string }[] {
  return store
    .all('certifications')
    .filter((c) => c.campaignId === campaign.id)
    .flatMap((cert) => {
      const reviewer = store.get('identities', cert.reviewerId)?.name ?? cert.reviewerId;
      return store.itemsOf(cert.id).map((item) => ({ item, reviewer, certification: cert.name }));
    });
}

/** The report's table: header and rows, as ISC's report of that type lists them. */
function reportTable(store: Store, campaign: CampaignRecord, report: ReportRecord): { header: string[]; rows: CsvCell[][] } {
  const columns = store.get('reportsConfig', 'config')?.identityAttributeColumns ?? [];
  const source = (item: ItemRecord) => itemSourceName(store, item, 'ENTITLEMENT') ?? itemSourceName(store, item, 'ACCESS_PROFILE') ?? '';
  switch (report.reportType) {
    case 'CAMPAIGN_COMPOSITION_REPORT':
      return {
        header: ['Campaign ID', 'Campaign Name', 'Type', 'Created (GMT)', 'Description', 'Deadline (GMT)', 'Email Notifications', 'Campaign Filter'],
        rows: [[campaign.id, campaign.name, campaign.type, campaign.created, campaign.description, campaign.deadline, campaign.emailNotificationEnabled ? 'Enabled' : 'Disabled', campaign.filter?.name ?? '']],
      };
    case 'CAMPAIGN_STATUS_REPORT':
      return {
        header: ['Certification', 'Reviewer', 'Identity', ...columns, 'Access Type', 'Access', 'Source', 'Status', 'Decision', 'Comment'],
        rows: itemsOfCampaign(store, campaign).map(({ item, reviewer, certification }) => [
          certification, reviewer, subjectName(store, item.identityId), ...columns.map((c) => identityAttribute(store, item.identityId, c)),
          item.type, accessName(store, item), source(item), item.decision ? 'Decided' : 'Open', item.decision ?? '', item.comments ?? '',
        ]),
      };
    case 'CAMPAIGN_REMEDIATION_STATUS_REPORT': {
      const done = campaign.status === 'COMPLETED' || campaign.status === 'ARCHIVED';
      return {
        header: ['Identity', ...columns, 'Access Type', 'Access', 'Source', 'Reviewer', 'Proposed End Date', 'Remediation Status'],
        rows: itemsOfCampaign(store, campaign)
          .filter(({ item }) => item.decision === 'REVOKE')
          .map(({ item, reviewer }) => [
            subjectName(store, item.identityId), ...columns.map((c) => identityAttribute(store, item.identityId, c)),
            item.type, accessName(store, item), source(item), reviewer, item.proposedEndDate ?? '', done ? 'Completed' : 'Pending',
          ]),
      };
    }
    case 'CERTIFICATION_SIGNOFF_REPORT':
      return {
        header: ['Certification', 'Reviewer', 'Reviewer Email', 'Phase', 'Decisions Made', 'Decisions Total', 'Signed (GMT)'],
        rows: store
          .all('certifications')
          .filter((c) => c.campaignId === campaign.id)
          .map((cert) => {
            const reviewer = store.get('identities', cert.reviewerId);
            const counts = certificationCounts(store.itemsOf(cert.id));
            return [cert.name, reviewer?.name ?? cert.reviewerId, reviewer?.email ?? '', cert.phase, counts.decisionsMade, counts.decisionsTotal, cert.signed ?? ''];
          }),
      };
  }
}

function decisionSummary(items: readonly ItemRecord[]): IdentityCertDecisionSummary {
  const count = (type: ItemRecord['type'], decision?: 'APPROVE' | 'REVOKE' | 'ANY') =>
    items.filter((i) => i.type === type && (decision === undefined || (decision === 'ANY' ? i.decision !== null : i.decision === decision))).length;
  return {
    entitlementDecisionsMade: count('ENTITLEMENT', 'ANY'),
    accessProfileDecisionsMade: count('ACCESS_PROFILE', 'ANY'),
    roleDecisionsMade: count('ROLE', 'ANY'),
    // The sandbox reviews no accounts on their own.
    accountDecisionsMade: 0,
    entitlementDecisionsTotal: count('ENTITLEMENT'),
    accessProfileDecisionsTotal: count('ACCESS_PROFILE'),
    roleDecisionsTotal: count('ROLE'),
    accountDecisionsTotal: 0,
    entitlementsApproved: count('ENTITLEMENT', 'APPROVE'),
    entitlementsRevoked: count('ENTITLEMENT', 'REVOKE'),
    accessProfilesApproved: count('ACCESS_PROFILE', 'APPROVE'),
    accessProfilesRevoked: count('ACCESS_PROFILE', 'REVOKE'),
    rolesApproved: count('ROLE', 'APPROVE'),
    rolesRevoked: count('ROLE', 'REVOKE'),
    accountsApproved: 0,
    accountsRevoked: 0,
  };
}

function safeFileName(name: string): string {
  return name.replace(/[^\w .-]/g, '_').slice(0, 120);
}

export const reportRoutes: Route[] = [
  {
    /** A finished campaign report's file, CSV or PDF, for ORG_ADMIN, CERT_ADMIN and REPORT_ADMIN; 404 for an unknown id, 400 while it runs. */
    operationId: 'getReport',
    method: 'GET',
    path: '/reports/:taskResultId',
    handle: (ctx: RequestContext) => {
      requireLevel(ctx, REPORT_LEVELS);
      const format = FileFormat.safeParse(ctx.query.get('fileFormat'));
      if (!format.success) throw badRequest(`fileFormat is required and must be csv or pdf; it was "${ctx.query.get('fileFormat') ?? ''}".`);
      const report = ctx.store.get('reports', ctx.params.taskResultId!);
      if (!report) throw notFound('Report result', ctx.params.taskResultId!);
      if (!DOWNLOADABLE.includes(report.status)) {
        throw badRequest(`The report is ${report.status}; its file can be downloaded once it has finished (SUCCESS or WARNING).`);
      }
      const campaign = ctx.store.get('campaigns', report.campaignId);
      if (!campaign) throw notFound('Report result', report.id);
      const name = ctx.query.get('name')?.trim() || `${REPORT_NAMES[report.reportType]} - ${campaign.name}`;
      const { header, rows } = reportTable(ctx.store, campaign, report);
      const fileName = `${safeFileName(name)}.${format.data}`;
      const headers = { 'Content-Disposition': `attachment;filename="${fileName}"` };
      if (format.data === 'csv') return { raw: toCsv(header, rows), headers: { ...headers, 'Content-Type': 'application/csv' } };
      const lines = [`Campaign: ${campaign.name}`, `Run at: ${report.lastRunAt}`, '', header.join(' | '), ...rows.map((r) => r.map((c) => String(c ?? '')).join(' | '))];
      return { raw: textPdf(name, lines), headers: { ...headers, 'Content-Type': 'application/pdf' } };
    },
  },
  {
    /** Decision counts of one certification by access type; admins, or the certification's reviewer. */
    operationId: 'getIdentityDecisionSummary',
    method: 'GET',
    path: '/certifications/:id/decision-summary',
    handle: (ctx: RequestContext) => {
      const cert = ctx.store.get('certifications', ctx.params.id!);
      if (!cert) throw notFound('Certification', ctx.params.id!);
      if (!hasLevel(ctx.caller, CERTIFICATION_ADMIN_LEVELS) && cert.reviewerId !== ctx.caller.id) {
        throw forbidden('Only the reviewer of this certification, an ORG_ADMIN or a CERT_ADMIN can read its decision summary.');
      }
      const filter = parseFilters('getIdentityDecisionSummary', ctx.query.get('filters'));
      const items = ctx.store.itemsOf(cert.id).filter((item) => !filter || matches(filter, item, { 'identitySummary.id': (i) => i.identitySummaryId }));
      return { body: decisionSummary(items) };
    },
  },
];
