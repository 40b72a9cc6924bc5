// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TEST_BASE_URL, setupSandbox } from '../../../test/sandbox-harness';
import { getCertificationTask } from '../../api/certifications';
import { getCampaignReports, move, setCampaignReportsConfig, startCampaignReport } from '../../api/campaigns';
import { f } from '../../api/filters';
import { getIdentityDecisionSummary, getReport, summaryTotals } from '../../api/reports';
import { refused } from '../../../test/expect-api';
import { DURATIONS, TASK_FINISH_MS } from './lifecycle';

describe('Report files, decision summaries and move tasks', () => {
  const sb = setupSandbox();
  const store = () => sb.tenant.store;
  const campaignNamed = (pattern: RegExp) => store().all('campaigns').find((c) => pattern.test(c.name))!;
  const reportAdmin = () => store().all('identities').find((i) => i.levels.length === 1 && i.levels[0] === 'REPORT_ADMIN');

  /** Runs a report of the campaign and lets it finish; answers its id. */
  async function finishedReport(campaignId: string, type: Parameters<typeof startCampaignReport>[1] = 'CAMPAIGN_STATUS_REPORT'): Promise<string> {
    await startCampaignReport(campaignId, type);
    sb.clock.advance(DURATIONS.reportMs);
    sb.signInAs('cert-admin');
    const report = (await getCampaignReports(campaignId)).find((r) => r.reportType === type)!;
    expect(report.status).toBe('SUCCESS');
    return report.id!;
  }

  describe('getReport', () => {
    it('serves a finished campaign report as CSV with its rows, named in Content-Disposition', async () => {
      sb.signInAs('cert-admin');
      await setCampaignReportsConfig({ identityAttributeColumns: null });
      const campaign = campaignNamed(/Privileged Sales Access Spot Check/);
      const id = await finishedReport(campaign.id);
      const file = await getReport(id, { fileFormat: 'csv' });
      expect(file.contentType).toMatch(/csv/);
      expect(file.fileName).toMatch(/^Campaign Status Report - Privileged Sales Access Spot Check\.csv$/);
      const lines = (await file.blob.text()).trim().split('\r\n');
      expect(lines[0]).toBe('Certification,Reviewer,Identity,Access Type,Access,Source,Status,Decision,Comment');
      const items = store().all('certifications').filter((c) => c.campaignId === campaign.id).flatMap((c) => store().itemsOf(c.id));
      expect(lines).toHaveLength(items.length + 1);
      // Names from the tenant are written as they are, as text.
      expect(lines.some((l) => l.includes('<img src=x onerror=alert(1)>'))).toBe(true);
    });

    it('adds the tenant-wide identity attribute columns', async () => {
      sb.signInAs('cert-admin');
      await setCampaignReportsConfig({ identityAttributeColumns: ['department'] });
      const campaign = campaignNamed(/Privileged Sales Access Spot Check/);
      const id = await finishedReport(campaign.id);
      const text = await (await getReport(id, { fileFormat: 'csv' })).blob.text();
      expect(text.split('\r\n')[0]).toBe('Certification,Reviewer,Identity,department,Access Type,Access,Source,Status,Decision,Comment');
      expect(text).toContain('Sales');
    });

    it('serves a PDF a viewer can open', async () => {
      sb.signInAs('cert-admin');
      const id = await finishedReport(campaignNamed(/Privileged Sales Access Spot Check/).id, 'CERTIFICATION_SIGNOFF_REPORT');
      const file = await getReport(id, { fileFormat: 'pdf' });
      expect(file.contentType).toBe('application/pdf');
      const bytes = new Uint8Array(await file.blob.arrayBuffer());
      const text = new TextDecoder('latin1').decode(bytes);
      expect(text.startsWith('%PDF-1.4')).toBe(true);
      expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
      expect(text).toContain('(Certification Signoff Report - Privileged Sales Access Spot Check)');
      // The xref offset points at the xref table.
      const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
      expect(text.slice(xref, xref + 4)).toBe('xref');
    });

    it('is for ORG_ADMIN, CERT_ADMIN and REPORT_ADMIN only', async () => {
      sb.signInAs('cert-admin');
      const id = await finishedReport(campaignNamed(/Privileged Sales Access Spot Check/).id);
      sb.signInAs('org-admin');
      await expect(getReport(id, { fileFormat: 'csv' })).resolves.toMatchObject({ contentType: expect.stringMatching(/csv/) });
      const reporter = reportAdmin();
      if (reporter) {
        sb.signInAs(reporter.id);
        await expect(getReport(id, { fileFormat: 'csv' })).resolves.toBeDefined();
      }
      sb.signInAs('manager');
      await refused(getReport(id, { fileFormat: 'csv' }), 403, /ORG_ADMIN, CERT_ADMIN, REPORT_ADMIN/);
    });

    it('answers 404 for an unknown id, 400 while the report runs and without a valid fileFormat', async () => {
      sb.signInAs('cert-admin');
      await refused(getReport('0123456789abcdef0123456789abcdef', { fileFormat: 'csv' }), 404);
      const campaign = campaignNamed(/Privileged Sales Access Spot Check/);
      await startCampaignReport(campaign.id, 'CAMPAIGN_STATUS_REPORT');
      const pending = (await getCampaignReports(campaign.id)).find((r) => r.reportType === 'CAMPAIGN_STATUS_REPORT')!;
      await refused(getReport(pending.id!, { fileFormat: 'csv' }), 400, /PENDING/);
      const response = await sb.tenant.handle(new Request(`${TEST_BASE_URL}/reports/${pending.id}?fileFormat=xlsx`, { headers: { Authorization: `Bearer ${sb.token}` } }));
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(/fileFormat .* csv or pdf/);
    });
  });

  describe('getIdentityDecisionSummary', () => {
    it('counts decisions by access type, for admins and the certification’s reviewer, filtered by identity summary', async () => {
      const cert = store().all('certifications').find((c) => c.reviewerId === sb.persona('manager').identityId && c.phase === 'ACTIVE' && store().itemsOf(c.id).some((i) => i.decision))!;
      const items = store().itemsOf(cert.id);
      sb.signInAs('cert-admin');
      const summary = await getIdentityDecisionSummary(cert.id);
      expect(summaryTotals(summary)).toEqual({
        made: items.filter((i) => i.decision).length,
        total: items.length,
        approved: items.filter((i) => i.decision === 'APPROVE').length,
        revoked: items.filter((i) => i.decision === 'REVOKE').length,
      });
      expect(summary.entitlementDecisionsTotal).toBe(items.filter((i) => i.type === 'ENTITLEMENT').length);
      sb.signInAs('manager');
      const one = items[0]!.identitySummaryId;
      const filtered = await getIdentityDecisionSummary(cert.id, { filters: f.eq('identitySummary.id', one) });
      expect(summaryTotals(filtered).total).toBe(items.filter((i) => i.identitySummaryId === one).length);
      sb.signInAs('source-owner');
      await refused(getIdentityDecisionSummary(cert.id), 403);
    });
  });

  describe('move tasks', () => {
    it('run to the end: every certification of the reviewer moves, and the task reads SUCCESS by id', async () => {
      sb.signInAs('cert-admin');
      const campaign = campaignNamed(/Q\d \d{4} Manager Review/);
      const morgan = sb.persona('manager').identityId;
      const certs = store().all('certifications').filter((c) => c.campaignId === campaign.id && c.reviewerId === morgan && c.phase !== 'SIGNED');
      expect(certs.length).toBeGreaterThan(0);
      const itemIds = new Set(certs.flatMap((c) => store().itemsOf(c.id).map((i) => i.id)));
      const manager = store().get('identities', morgan)!.managerId!;
      const task = await move(campaign.id, { certificationIds: certs.map((c) => c.id), reassignTo: { id: manager, type: 'IDENTITY' }, reason: 'Escalated' });
      expect(task.status).toBe('QUEUED');
      sb.clock.advance(TASK_FINISH_MS);
      sb.signInAs('cert-admin');
      expect(await getCertificationTask(task.id!)).toMatchObject({ status: 'SUCCESS', type: 'ADMIN_REASSIGN' });
      expect(store().all('certifications').filter((c) => c.campaignId === campaign.id && c.reviewerId === morgan && c.phase !== 'SIGNED')).toHaveLength(0);
      const moved = store().all('certifications').filter((c) => c.campaignId === campaign.id && c.reviewerId === manager && c.reassignment?.comment === 'Escalated');
      expect(moved).toHaveLength(certs.length);
      expect(new Set(moved.flatMap((c) => store().itemsOf(c.id).map((i) => i.id)))).toEqual(itemIds);
    });
  });
});
