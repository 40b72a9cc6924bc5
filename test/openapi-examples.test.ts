// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureClient, getClientConfig } from '../src/api/http';
import * as certifications from '../src/api/certifications';
import * as campaigns from '../src/api/campaigns';
import * as lookups from '../src/api/lookups';
import { getIdentityDecisionSummary } from '../src/api/reports';
import { searchIdentities } from '../src/api/search';
import type { Campaign, CampaignTemplate, Schedule } from '../src/api/schemas';
import { operationFor, responseExamples, successResponse, type SpecOperation } from './openapi/spec';

/**
 * Attest reads what any valid tenant sends: every response example of SailPoint's official definition, for
 * every operation Attest calls, goes through the client's own function (its request, its schema) and is read
 * without an error. The examples are SailPoint's, nulls and all.
 */

const BASE = 'https://acme.api.identitynow.test/v3';

/** What the fake tenant answers: the example body of the operation the client called. */
let answer: ((op: SpecOperation) => unknown) | null = null;
const called: SpecOperation[] = [];

async function specFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input));
  const op = operationFor(init.method ?? 'GET', url.pathname.replace(/^\/v3/, ''));
  if (!op) return new Response(JSON.stringify({ detailCode: '404 Not found' }), { status: 404 });
  called.push(op);
  const { status, media } = successResponse(op);
  if (!media) return new Response(status === 204 ? null : '{}', { status, headers: { 'Content-Type': 'application/json' } });
  const body = answer!(op);
  const headers = new Headers({ 'Content-Type': 'application/json' });
  if (Array.isArray(body)) headers.set('X-Total-Count', String(body.length));
  return new Response(JSON.stringify(body), { status, headers });
}

/** One call of each operation Attest uses, through the client's function for it. */
const CALLS: Record<string, () => Promise<unknown>> = {
  listIdentityCertifications: () => certifications.listIdentityCertifications({ count: true }),
  getIdentityCertification: () => certifications.getIdentityCertification('c1'),
  listIdentityAccessReviewItems: () => certifications.listIdentityAccessReviewItems('c1'),
  makeIdentityDecision: () => certifications.makeIdentityDecision('c1', [{ id: 'i1', decision: 'APPROVE', bulk: false }]),
  reassignIdentityCertifications: () => certifications.reassignIdentityCertifications('c1', { reassign: [{ id: 'i1', type: 'ITEM' }], reassignTo: 'r1', reason: 'why' }),
  signOffIdentityCertification: () => certifications.signOffIdentityCertification('c1'),
  getIdentityCertificationItemPermissions: () => certifications.getIdentityCertificationItemPermissions('c1', 'i1'),
  listCertificationReviewers: () => certifications.listCertificationReviewers('c1'),
  submitReassignCertsAsync: () => certifications.submitReassignCertsAsync('c1', { reassign: [{ id: 'i1', type: 'ITEM' }], reassignTo: 'r1', reason: 'why' }),
  getCertificationTask: () => certifications.getCertificationTask('t1'),
  getPendingCertificationTasks: () => certifications.getPendingCertificationTasks(),
  getActiveCampaigns: () => campaigns.getActiveCampaigns({ detail: 'FULL' }),
  createCampaign: () => campaigns.createCampaign({ name: 'n', description: 'd', type: 'MANAGER' } as Campaign),
  getCampaign: () => campaigns.getCampaign('k1', { detail: 'FULL' }),
  updateCampaign: () => campaigns.updateCampaign('k1', [{ op: 'replace', path: '/name', value: 'n' }]),
  move: () => campaigns.move('k1', { certificationIds: ['c1'], reassignTo: { id: 'r1', type: 'IDENTITY' }, reason: 'why' }),
  startCampaign: () => campaigns.startCampaign('k1'),
  completeCampaign: () => campaigns.completeCampaign('k1'),
  deleteCampaigns: () => campaigns.deleteCampaigns({ ids: ['k1'] }),
  startCampaignRemediationScan: () => campaigns.startCampaignRemediationScan('k1'),
  getCampaignReports: () => campaigns.getCampaignReports('k1'),
  startCampaignReport: () => campaigns.startCampaignReport('k1', 'CAMPAIGN_STATUS_REPORT'),
  getCampaignReportsConfig: () => campaigns.getCampaignReportsConfig(),
  setCampaignReportsConfig: () => campaigns.setCampaignReportsConfig({ identityAttributeColumns: ['firstname'] }),
  createCampaignTemplate: () => campaigns.createCampaignTemplate({ name: 'n', description: 'd' } as CampaignTemplate),
  getCampaignTemplates: () => campaigns.getCampaignTemplates(),
  patchCampaignTemplate: () => campaigns.patchCampaignTemplate('t1', [{ op: 'replace', path: '/name', value: 'n' }]),
  getCampaignTemplate: () => campaigns.getCampaignTemplate('t1'),
  deleteCampaignTemplate: () => campaigns.deleteCampaignTemplate('t1'),
  getCampaignTemplateSchedule: () => campaigns.getCampaignTemplateSchedule('t1'),
  setCampaignTemplateSchedule: () => campaigns.setCampaignTemplateSchedule('t1', { type: 'WEEKLY', hours: { type: 'LIST', values: ['9'] } } as Schedule),
  deleteCampaignTemplateSchedule: () => campaigns.deleteCampaignTemplateSchedule('t1'),
  startGenerateCampaignTemplate: () => campaigns.startGenerateCampaignTemplate('t1'),
  getIdentityDecisionSummary: () => getIdentityDecisionSummary('c1'),
  listSources: () => lookups.listSources(),
  listRoles: () => lookups.listRoles(),
  listAccessProfiles: () => lookups.listAccessProfiles(),
  getPublicIdentities: () => lookups.getPublicIdentities(),
  searchPost: () => searchIdentities('Morgan'),
};

/** Named examples that are not answers to what Attest asks (v3 search of other indices than identities). */
const NOT_ASKED: Record<string, (name: string) => boolean> = {
  searchPost: (name) => name !== 'identities',
};

/** The operation a client call goes to, found by making it once. */
async function operationOf(operationId: string): Promise<SpecOperation> {
  called.length = 0;
  answer = (op) => responseExamples(op)[0]?.value ?? {};
  await CALLS[operationId]!().catch(() => undefined);
  const found = called[0];
  if (!found) throw new Error(`${operationId}: the client's request matched no operation of the definition`);
  return found;
}

let saved: ReturnType<typeof getClientConfig>;
beforeAll(() => {
  saved = getClientConfig();
  configureClient({ baseUrl: BASE, fetch: specFetch, getAccessToken: () => 'token', sleep: async () => undefined, backoffMs: 0 });
});
afterAll(() => configureClient(saved));

describe('the official examples of every operation Attest calls', () => {
  for (const operationId of Object.keys(CALLS)) {
    it(`reads ${operationId}'s`, async () => {
      const op = await operationOf(operationId);
      expect(op.operationId).toBe(operationId);
      const examples = responseExamples(op).filter((e) => !NOT_ASKED[operationId]?.(e.name));
      if (!successResponse(op).media) {
        called.length = 0;
        await expect(CALLS[operationId]!()).resolves.toBeUndefined();
        expect(called.map((o) => o.operationId)).toEqual([operationId]);
        return;
      }
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        answer = () => example.value;
        const read = await CALLS[operationId]!().then(
          (value) => value,
          (error: unknown) => new Error(`${operationId}, example "${example.name}": ${String(error)}\n${JSON.stringify((error as { issues?: unknown }).issues ?? '')}`),
        );
        expect(read).not.toBeInstanceOf(Error);
      }
    });
  }
});

describe('reading tolerantly', () => {
  async function readTask(body: unknown) {
    answer = () => body;
    return certifications.getCertificationTask('t1');
  }

  it('reads the reassignment trail that the definition’s example gives as one object as a list of one', async () => {
    const task = await readTask({ id: 't1', type: 'REASSIGN', status: 'QUEUED', reassignmentTrailDTOs: { previousOwner: 'a', newOwner: 'b', reassignmentType: 'MANUAL_REASSIGNMENT' } });
    expect(task.reassignmentTrailDTOs).toEqual([{ previousOwner: 'a', newOwner: 'b', reassignmentType: 'MANUAL_REASSIGNMENT' }]);
    const listed = await readTask({ id: 't1', reassignmentTrailDTOs: [{ previousOwner: 'a' }, { previousOwner: 'c' }] });
    expect(listed.reassignmentTrailDTOs).toHaveLength(2);
  });

  it('keeps a certification task type the definition may add later', async () => {
    expect((await readTask({ id: 't1', type: 'SOME_NEW_TASK', status: 'QUEUED' })).type).toBe('SOME_NEW_TASK');
  });

  it('keeps a locale origin the definition may add later, so a campaign with such an alert still lists', async () => {
    answer = () => [
      { id: 'k1', name: 'Q3', description: null, type: 'MANAGER', status: 'ACTIVE', alerts: [{ level: 'WARN', localizations: [{ locale: 'en-US', localeOrigin: 'HEADER', text: 'Heads up' }] }] },
    ];
    const page = await campaigns.getActiveCampaigns();
    expect(page.items[0]?.alerts?.[0]?.localizations?.[0]?.localeOrigin).toBe('HEADER');
  });

  it('drops an optional field it cannot read instead of failing the whole response', async () => {
    answer = () => ({
      id: 'c1',
      name: 'Morgan Reyes',
      phase: 'ACTIVE',
      reviewer: { id: 'r1', name: 'Morgan', type: 'SOMETHING_NEW' },
      hasErrors: 'no',
      modified: 42,
      decisionsMade: 3,
    });
    const cert = await certifications.getIdentityCertification('c1');
    expect(cert).toMatchObject({ id: 'c1', name: 'Morgan Reyes', phase: 'ACTIVE', decisionsMade: 3, reviewer: { id: 'r1', name: 'Morgan' } });
    expect(cert.hasErrors).toBeUndefined();
    expect(cert.modified).toBeUndefined();
    expect(cert.reviewer?.type).toBeUndefined();
  });

  it('refuses a malformed field that identifies, decides or counts rather than dropping it', async () => {
    answer = () => ({ id: 'c1', name: 'Morgan Reyes', phase: 'ACTIVE', decisionsMade: null });
    await expect(certifications.getIdentityCertification('c1')).rejects.toThrow(/decisionsMade/);
  });

  it('still refuses a response without what the screens need', async () => {
    answer = () => [{ id: 'k1', description: null, type: 'MANAGER' }]; // a campaign without its name
    await expect(campaigns.getActiveCampaigns()).rejects.toThrow();
  });
});
