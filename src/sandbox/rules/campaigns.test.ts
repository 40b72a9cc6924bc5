// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TEST_BASE_URL, setupSandbox } from '../../../test/sandbox-harness';
import {
  completeCampaign,
  createCampaign,
  deleteCampaigns,
  f,
  getActiveCampaigns,
  getCampaign,
  getCampaignReports,
  getCampaignReportsConfig,
  getCertificationTask,
  move,
  setCampaignReportsConfig,
  SlimCampaign,
  startCampaign,
  startCampaignRemediationScan,
  startCampaignReport,
  updateCampaign,
  type Campaign,
  type ReportType,
} from '../../api';
import { PERSONAS } from '../seed';
import { DURATIONS, TASK_FINISH_MS } from './lifecycle';
import { failure } from '../../../test/expect-api';

const DAY = 86_400_000;
const persona = (key: string) => PERSONAS.find((p) => p.key === key)!.identityId;

/** Expects a 400 whose message matches. */
async function rejects400(promise: Promise<unknown>, text: RegExp) {
  const error = await failure(promise);
  expect(error.status, error.message).toBe(400);
  expect(error.messages.join(' ')).toMatch(text);
}

describe('Certification Campaigns: campaign operations', () => {
  const sb = setupSandbox();
  const store = () => sb.tenant.store;
  const inDays = (days: number) => new Date(sb.clock.time + days * DAY).toISOString();

  /** A request past the typed client, to see the body exactly as the sandbox sends it. */
  async function raw(method: string, path: string, body?: unknown) {
    const response = await sb.tenant.handle(
      new Request(`${TEST_BASE_URL}${path}`, {
        method,
        headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>), headers: response.headers };
  }

  const managerCampaign = (changes: Partial<Campaign> = {}): Campaign => ({
    name: 'Q4 manager review',
    description: 'Everyone reviewed by their manager',
    type: 'MANAGER',
    deadline: inDays(20),
    ...changes,
  });

  /** Moves time on and signs in again (tokens expire after 12 hours of the test clock). */
  function advance(ms: number) {
    sb.clock.advance(ms);
    sb.signInAs('cert-admin');
  }

  async function stagedCampaign(body = managerCampaign()): Promise<string> {
    sb.signInAs('cert-admin');
    const created = await createCampaign(body);
    advance(DURATIONS.generateMs);
    const staged = await getCampaign(created.id!);
    expect(staged.status).toBe('STAGED');
    return created.id!;
  }

  async function activeCampaign(body = managerCampaign()): Promise<string> {
    const id = await stagedCampaign(body);
    await startCampaign(id);
    advance(DURATIONS.activateMs);
    expect((await getCampaign(id)).status).toBe('ACTIVE');
    return id;
  }

  const certificationsOf = (campaignId: string) => store().all('certifications').filter((c) => c.campaignId === campaignId);
  const itemsOf = (campaignId: string) => certificationsOf(campaignId).flatMap((c) => store().itemsOf(c.id));
  const reportAdmin = () => store().all('identities').find((i) => i.levels.length === 1 && i.levels[0] === 'REPORT_ADMIN')!.id;

  describe('authorization', () => {
    it('refuses a reviewer without an admin user level on every campaign operation', async () => {
      sb.signInAs('cert-admin');
      const id = (await getActiveCampaigns({ limit: 1 })).items[0]!.id!;
      sb.signInAs('manager');
      const calls: [string, () => Promise<unknown>][] = [
        ['getActiveCampaigns', () => getActiveCampaigns()],
        ['createCampaign', () => createCampaign(managerCampaign())],
        ['getCampaign', () => getCampaign(id)],
        ['updateCampaign', () => updateCampaign(id, [{ op: 'replace', path: '/name', value: 'x' }])],
        ['move', () => move(id, { certificationIds: ['x'], reassignTo: { id: persona('manager'), type: 'IDENTITY' }, reason: 'r' })],
        ['startCampaign', () => startCampaign(id)],
        ['completeCampaign', () => completeCampaign(id)],
        ['deleteCampaigns', () => deleteCampaigns({ ids: [id] })],
        ['startCampaignRemediationScan', () => startCampaignRemediationScan(id)],
        ['getCampaignReports', () => getCampaignReports(id)],
        ['startCampaignReport', () => startCampaignReport(id, 'CAMPAIGN_STATUS_REPORT')],
        ['getCampaignReportsConfig', () => getCampaignReportsConfig()],
        ['setCampaignReportsConfig', () => setCampaignReportsConfig({ identityAttributeColumns: null })],
      ];
      for (const [name, call] of calls) expect((await failure(call())).status, name).toBe(403);
    });

    it('lets a REPORT_ADMIN list campaigns, read and run reports and start remediation scans, and nothing else', async () => {
      const id = await activeCampaign();
      sb.signInAs(reportAdmin());
      await expect(getActiveCampaigns()).resolves.toBeDefined();
      await expect(startCampaignReport(id, 'CAMPAIGN_STATUS_REPORT')).resolves.toBeUndefined();
      await expect(getCampaignReports(id)).resolves.toHaveLength(1);
      await expect(startCampaignRemediationScan(id)).resolves.toBeUndefined();
      expect((await failure(getCampaign(id))).status).toBe(403);
      expect((await failure(createCampaign(managerCampaign()))).status).toBe(403);
      expect((await failure(updateCampaign(id, [{ op: 'replace', path: '/deadline', value: inDays(30) }]))).status).toBe(403);
      expect((await failure(getCampaignReportsConfig())).status).toBe(403);
    });

    it('lets an ORG_ADMIN do what a CERT_ADMIN does', async () => {
      sb.signInAs('org-admin');
      const created = await createCampaign(managerCampaign());
      await expect(getCampaign(created.id!)).resolves.toMatchObject({ id: created.id });
    });

    it('answers 404 for an unknown campaign id', async () => {
      sb.signInAs('cert-admin');
      const unknown = 'ffffffffffffffffffffffffffffffff';
      const calls: [string, () => Promise<unknown>][] = [
        ['getCampaign', () => getCampaign(unknown)],
        ['updateCampaign', () => updateCampaign(unknown, [{ op: 'replace', path: '/name', value: 'x' }])],
        ['move', () => move(unknown, { certificationIds: ['x'], reassignTo: { id: persona('manager'), type: 'IDENTITY' }, reason: 'r' })],
        ['startCampaign', () => startCampaign(unknown)],
        ['completeCampaign', () => completeCampaign(unknown)],
        ['startCampaignRemediationScan', () => startCampaignRemediationScan(unknown)],
        ['getCampaignReports', () => getCampaignReports(unknown)],
        ['startCampaignReport', () => startCampaignReport(unknown, 'CAMPAIGN_STATUS_REPORT')],
      ];
      for (const [name, call] of calls) {
        const error = await failure(call());
        expect(error.status, name).toBe(404);
        expect(error.messages[0]).toContain(unknown);
      }
    });
  });

  describe('getActiveCampaigns and getCampaign', () => {
    const slimFields = Object.keys(SlimCampaign.shape);

    it('answers SLIM campaigns by default and FULL ones on request, never with internal fields', async () => {
      sb.signInAs('cert-admin');
      await createCampaign(managerCampaign()); // a PENDING campaign has a transitionAt in the store
      const slim = await raw('GET', '/campaigns');
      const list = slim.body as unknown as Record<string, unknown>[];
      expect(list.length).toBeGreaterThan(1);
      for (const campaign of list) {
        expect(Object.keys(campaign).every((k) => slimFields.includes(k)), Object.keys(campaign).join()).toBe(true);
      }
      const full = (await raw('GET', '/campaigns?detail=FULL')).body as unknown as Record<string, unknown>[];
      expect(full.every((c) => 'sunsetCommentsRequired' in c && 'mandatoryCommentRequirement' in c && !('transitionAt' in c))).toBe(true);
    });

    it('refuses a detail other than SLIM or FULL', async () => {
      sb.signInAs('cert-admin');
      const id = store().all('campaigns')[0]!.id;
      expect((await raw('GET', '/campaigns?detail=slim')).status).toBe(400);
      expect((await raw('GET', `/campaigns/${id}?detail=MEDIUM`)).status).toBe(400);
    });

    it('answers one campaign SLIM or FULL, without internal fields', async () => {
      sb.signInAs('cert-admin');
      const created = await createCampaign(managerCampaign());
      const slim = (await raw('GET', `/campaigns/${created.id}`)).body!;
      expect(Object.keys(slim).every((k) => slimFields.includes(k))).toBe(true);
      expect(slim).toMatchObject({ id: created.id, status: 'PENDING' });
      const full = (await raw('GET', `/campaigns/${created.id}?detail=FULL`)).body!;
      expect(full).toMatchObject({ sunsetCommentsRequired: true });
      // No filter given: ISC uses its default filter, and the answer names none (filter is not nullable).
      expect(full).not.toHaveProperty('filter');
      // Unknown until generated: left out, never null.
      expect(full).not.toHaveProperty('alerts');
      expect(full).not.toHaveProperty('sourcesWithOrphanEntitlements');
      expect(full).not.toHaveProperty('transitionAt');
    });

    it('filters by status, name and id, sorts by name and counts', async () => {
      sb.signInAs('cert-admin');
      const a = await createCampaign(managerCampaign({ name: 'Zeta check' }));
      const b = await createCampaign(managerCampaign({ name: 'zebra check' }));
      // Names compare case-insensitively, as in ISC.
      const byName = await getActiveCampaigns({ filters: f.and(f.sw('name', 'ZE'), f.in('id', [a.id!, b.id!])), sorters: ['-name'], count: true });
      expect(byName.items.map((c) => c.name)).toEqual(['Zeta check', 'zebra check']);
      expect(byName.total).toBe(2);
      expect((await getActiveCampaigns({ filters: f.eq('name', 'ZEBRA CHECK') })).items.map((c) => c.id)).toEqual([b.id]);
      const pending = await getActiveCampaigns({ filters: f.and(f.eq('status', 'PENDING'), f.in('id', [a.id!, b.id!])) });
      expect(pending.items.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
      const page = await getActiveCampaigns({ limit: 1, offset: 1, count: true, sorters: ['created'] });
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(store().all('campaigns').length);
      expect((await raw('GET', '/campaigns?filters=type%20eq%20%22MANAGER%22')).status).toBe(400);
      expect((await raw('GET', '/campaigns?sorters=deadline')).status).toBe(400);
    });

    it('counts certifications live from the certifications table', async () => {
      const id = await activeCampaign();
      const total = certificationsOf(id).length;
      expect(total).toBeGreaterThan(0);
      store().put('campaigns', { ...store().get('campaigns', id)!, totalCertifications: 999, completedCertifications: 999 });
      const first = certificationsOf(id)[0]!;
      store().put('certifications', { ...first, phase: 'SIGNED', signed: store().nowIso() });
      expect(await getCampaign(id)).toMatchObject({ totalCertifications: total, completedCertifications: 1 });
      const listed = await getActiveCampaigns({ filters: f.eq('id', id) });
      expect(listed.items[0]).toMatchObject({ totalCertifications: total, completedCertifications: 1 });
    });
  });

  describe('createCampaign', () => {
    it('answers 202 with a PENDING campaign, defaults applied, that generation makes STAGED', async () => {
      sb.signInAs('cert-admin');
      const response = await raw('POST', '/campaigns', managerCampaign());
      expect(response.status).toBe(202);
      const created = response.body!;
      expect(created).toMatchObject({
        name: 'Q4 manager review',
        type: 'MANAGER',
        status: 'PENDING',
        totalCertifications: 0,
        completedCertifications: 0,
        emailNotificationEnabled: false,
        autoRevokeAllowed: false,
        recommendationsEnabled: false,
        sunsetCommentsRequired: true,
        mandatoryCommentRequirement: 'NO_DECISIONS',
        correlatedStatus: 'CORRELATED',
      });
      expect(created.id).toMatch(/^[0-9a-f]{32}$/);
      expect(created.created).toBe(new Date(sb.clock.time).toISOString());
      expect(created.modified).toBe(created.created);
      expect(created).not.toHaveProperty('transitionAt');
      expect(store().get('campaigns', created.id as string)!.transitionAt).toBe(new Date(sb.clock.time + DURATIONS.generateMs).toISOString());

      sb.clock.advance(DURATIONS.generateMs - 1);
      expect((await getCampaign(created.id as string)).status).toBe('PENDING');
      sb.clock.advance(1);
      const staged = await getCampaign(created.id as string);
      expect(staged.status).toBe('STAGED');
      expect(staged.totalCertifications).toBeGreaterThan(0);
      expect(certificationsOf(created.id as string).every((c) => c.phase === 'STAGED')).toBe(true);
    });

    it('keeps the settings it is given', async () => {
      sb.signInAs('cert-admin');
      const created = await createCampaign(
        managerCampaign({ description: null, emailNotificationEnabled: true, sunsetCommentsRequired: false, mandatoryCommentRequirement: 'REVOKE_ONLY_DECISIONS' }),
      );
      expect(created).toMatchObject({ description: null, emailNotificationEnabled: true, sunsetCommentsRequired: false, mandatoryCommentRequirement: 'REVOKE_ONLY_DECISIONS' });
    });

    it('requires name, description (which may be null) and type', async () => {
      sb.signInAs('cert-admin');
      const { name: _n, ...noName } = managerCampaign();
      const { description: _d, ...noDescription } = managerCampaign();
      const { type: _t, ...noType } = managerCampaign();
      await rejects400(createCampaign(noName as Campaign), /name/);
      await rejects400(createCampaign(noDescription as Campaign), /description/);
      await rejects400(createCampaign(noType as Campaign), /type/);
      await rejects400(createCampaign(managerCampaign({ name: '  ' })), /name must not be empty/);
      await rejects400(createCampaign(managerCampaign({ deadline: 'next week' })), /deadline/);
      await rejects400(createCampaign(managerCampaign({ correlatedStatus: 'UNCORRELATED' })), /correlatedStatus: only SOURCE_OWNER/);
    });

    it('checks the settings each campaign type needs', async () => {
      sb.signInAs('cert-admin');
      const orgAdmin = persona('org-admin');
      const cases: [Partial<Campaign>, RegExp][] = [
        [{ type: 'SOURCE_OWNER' }, /sourceOwnerCampaignInfo\.sourceIds/],
        [{ type: 'SOURCE_OWNER', sourceOwnerCampaignInfo: { sourceIds: [] } }, /sourceOwnerCampaignInfo\.sourceIds/],
        [{ type: 'SEARCH' }, /searchCampaignInfo is required/],
        [{ type: 'SEARCH', searchCampaignInfo: { query: 'x' } as never }, /searchCampaignInfo\.type/],
        [{ type: 'SEARCH', searchCampaignInfo: { type: 'IDENTITY' } }, /exactly one of query and identityIds; neither/],
        [{ type: 'SEARCH', searchCampaignInfo: { type: 'IDENTITY', query: 'sales', identityIds: ['a'] } }, /exactly one of query and identityIds; both/],
        [{ type: 'SEARCH', searchCampaignInfo: { type: 'IDENTITY', identityIds: [] } }, /identityIds must name at least one/],
        [
          { type: 'SEARCH', searchCampaignInfo: { type: 'ACCESS', query: 'x', accessConstraints: [{ type: 'ROLE', operator: 'SELECTED' }] } },
          /accessConstraints\.0\.ids must name at least one ROLE/,
        ],
        [
          { type: 'SEARCH', searchCampaignInfo: { type: 'ACCESS', query: 'x', accessConstraints: Array.from({ length: 1001 }, () => ({ type: 'ROLE' as const, operator: 'ALL' as const })) } },
          /accessConstraints/,
        ],
        [{ type: 'ROLE_COMPOSITION' }, /roleCompositionCampaignInfo with a remediatorRef is required/],
        [{ type: 'ROLE_COMPOSITION', roleCompositionCampaignInfo: {} as never }, /remediatorRef/],
        [{ type: 'ROLE_COMPOSITION', roleCompositionCampaignInfo: { remediatorRef: { type: 'IDENTITY', id: 'nobody' } } }, /remediatorRef\.id: no identity with id nobody/],
        [{ type: 'ROLE_COMPOSITION', roleCompositionCampaignInfo: { remediatorRef: { type: 'IDENTITY', id: persona('cert-admin') } } }, /not a Role Admin or an Org Admin/],
        [{ type: 'ROLE_COMPOSITION', roleCompositionCampaignInfo: { remediatorRef: { type: 'GOVERNANCE_GROUP', id: orgAdmin } as never } }, /remediatorRef\.type/],
        [
          { type: 'ROLE_COMPOSITION', roleCompositionCampaignInfo: { remediatorRef: { type: 'IDENTITY', id: orgAdmin }, roleIds: ['r'], query: 'admin' } },
          /at most one of roleIds and query/,
        ],
        [{ type: 'MACHINE_ACCOUNT' }, /machineAccountCampaignInfo\.sourceIds/],
        [{ type: 'MACHINE_ACCOUNT', machineAccountCampaignInfo: { sourceIds: null } }, /machineAccountCampaignInfo\.sourceIds/],
      ];
      for (const [changes, message] of cases) await rejects400(createCampaign(managerCampaign(changes)), message);
      expect(store().all('campaigns').filter((c) => c.name === 'Q4 manager review')).toHaveLength(0);
    });

    it('accepts a valid campaign of every type', async () => {
      sb.signInAs('cert-admin');
      const source = store().all('sources')[0]!.id;
      const role = store().all('roles')[0]!.id;
      const valid: Partial<Campaign>[] = [
        { type: 'SOURCE_OWNER', sourceOwnerCampaignInfo: { sourceIds: [source] }, correlatedStatus: 'UNCORRELATED' },
        { type: 'SEARCH', searchCampaignInfo: { type: 'IDENTITY', query: 'sales', accessConstraints: [{ type: 'ROLE', operator: 'SELECTED', ids: [role] }] } },
        { type: 'SEARCH', searchCampaignInfo: { type: 'ACCESS', identityIds: [persona('manager')] } },
        { type: 'ROLE_COMPOSITION', roleCompositionCampaignInfo: { remediatorRef: { type: 'IDENTITY', id: persona('org-admin') }, roleIds: [role] } },
        { type: 'MACHINE_ACCOUNT', machineAccountCampaignInfo: { sourceIds: [source] } },
      ];
      for (const changes of valid) {
        const created = await createCampaign(managerCampaign(changes));
        expect(created).toMatchObject({ status: 'PENDING', type: changes.type });
      }
      const roleCampaign = store().all('campaigns').find((c) => c.type === 'ROLE_COMPOSITION' && c.name === 'Q4 manager review')!;
      expect(roleCampaign.roleCompositionCampaignInfo!.remediatorRef).toMatchObject({ id: persona('org-admin'), name: expect.any(String) });
    });
  });

  describe('updateCampaign', () => {
    it('changes the fields a STAGED campaign allows and answers the SLIM campaign', async () => {
      const id = await stagedCampaign();
      const deadline = inDays(40);
      const response = await raw('PATCH', `/campaigns/${id}`, [
        { op: 'replace', path: '/name', value: 'Renamed' },
        { op: 'replace', path: '/description', value: null },
        { op: 'replace', path: '/recommendationsEnabled', value: true },
        { op: 'replace', path: '/emailNotificationEnabled', value: true },
        { op: 'replace', path: '/autoRevokeAllowed', value: true },
        { op: 'replace', path: '/deadline', value: deadline },
      ]);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body!).every((k) => Object.keys(SlimCampaign.shape).includes(k))).toBe(true);
      expect(response.body).toMatchObject({ name: 'Renamed', description: null, recommendationsEnabled: true, emailNotificationEnabled: true, autoRevokeAllowed: true, deadline });
      const copied = await updateCampaign(id, [{ op: 'copy', from: '/name', path: '/description' }]);
      expect(copied.description).toBe('Renamed');
    });

    it('refuses other fields, bad values and campaigns in other statuses, saying what is allowed', async () => {
      const id = await stagedCampaign();
      await rejects400(updateCampaign(id, [{ op: 'replace', path: '/type', value: 'SEARCH' }]), /\/type cannot be changed while the campaign is STAGED: STAGED campaigns allow \/name/);
      await rejects400(updateCampaign(id, [{ op: 'move', from: '/status', path: '/name' }]), /\/status cannot be changed/);
      await rejects400(updateCampaign(id, [{ op: 'replace', path: '/name', value: 42 }]), /name/);
      await rejects400(updateCampaign(id, [{ op: 'remove', path: '/name' }]), /name/);
      await rejects400(updateCampaign(id, [{ op: 'replace', path: '/emailNotificationEnabled', value: 'yes' }]), /emailNotificationEnabled/);
      await rejects400(updateCampaign(id, [{ op: 'replace', path: '/deadline', value: 'tomorrow' }]), /deadline/);
      await rejects400(updateCampaign(id, [{ op: 'replace', path: '/nope', value: 1 }]), /\/nope cannot be changed/);
      const notAPatch = await raw('PATCH', `/campaigns/${id}`, { op: 'replace', path: '/name', value: 'x' });
      expect(notAPatch.status).toBe(400);
      expect(JSON.stringify(notAPatch.body)).toMatch(/array of operations/);
      expect((await getCampaign(id)).name).toBe('Q4 manager review');

      sb.signInAs('cert-admin');
      const pending = await createCampaign(managerCampaign());
      await rejects400(updateCampaign(pending.id!, [{ op: 'replace', path: '/name', value: 'x' }]), /PENDING and cannot be changed/);
    });

    it('lets an ACTIVE campaign change only its deadline, to a future one carried to unsigned certifications', async () => {
      const id = await activeCampaign();
      await rejects400(updateCampaign(id, [{ op: 'replace', path: '/name', value: 'x' }]), /ACTIVE campaigns allow \/deadline\./);
      await rejects400(updateCampaign(id, [{ op: 'replace', path: '/deadline', value: inDays(-1) }]), /must be in the future/);
      await rejects400(updateCampaign(id, [{ op: 'remove', path: '/deadline' }]), /must be in the future/);
      const [signed, ...unsigned] = certificationsOf(id);
      store().put('certifications', { ...signed!, phase: 'SIGNED', signed: store().nowIso() });
      const deadline = inDays(50);
      expect(await updateCampaign(id, [{ op: 'replace', path: '/deadline', value: deadline }])).toMatchObject({ deadline });
      expect(unsigned.every((c) => store().get('certifications', c.id)!.due === deadline)).toBe(true);
      expect(store().get('certifications', signed!.id)!.due).toBe(signed!.due);
    });
  });

  describe('move (admin reassign)', () => {
    it('queues an ADMIN_REASSIGN task that moves the certifications to the new reviewer', async () => {
      const id = await activeCampaign();
      const cert = certificationsOf(id)[0]!;
      const itemCount = store().itemsOf(cert.id).length;
      const to = persona('source-owner');
      const response = await raw('POST', `/campaigns/${id}/reassign`, { certificationIds: [cert.id], reassignTo: { id: to, type: 'IDENTITY' }, reason: 'Coverage' });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({
        id: expect.any(String),
        type: 'ADMIN_REASSIGN',
        targetType: 'CAMPAIGN',
        targetId: id,
        status: 'QUEUED',
        errors: [],
        reassignmentTrailDTOs: [],
        created: new Date(sb.clock.time).toISOString(),
      });
      const taskId = response.body!.id as string;
      expect(store().get('tasks', taskId)).toMatchObject({
        ownerId: persona('cert-admin'),
        work: { kind: 'admin-reassign', campaignId: id, certificationIds: [cert.id], reassignTo: to, reason: 'Coverage' },
      });
      advance(TASK_FINISH_MS);
      expect(await getCertificationTask(taskId)).toMatchObject({ status: 'SUCCESS' });
      expect(store().get('certifications', cert.id)).toBeUndefined();
      const moved = certificationsOf(id).find((c) => c.reviewerId === to && c.reassignment?.fromId === cert.id)!;
      expect(store().itemsOf(moved.id)).toHaveLength(itemCount);
    });

    it('checks the certifications, the new reviewer, the reason and the campaign status', async () => {
      const id = await activeCampaign();
      const [cert, signedCert] = certificationsOf(id);
      store().put('certifications', { ...signedCert!, phase: 'SIGNED', signed: store().nowIso() });
      const other = store().all('certifications').find((c) => c.campaignId !== id)!;
      const to = { id: persona('source-owner'), type: 'IDENTITY' };
      await rejects400(move(id, { certificationIds: [], reassignTo: to, reason: 'r' }), /certificationIds/);
      await rejects400(move(id, { reassignTo: to, reason: 'r' }), /certificationIds must name between 1 and 250/);
      await rejects400(move(id, { certificationIds: Array.from({ length: 251 }, (_, i) => `c${i}`), reassignTo: to, reason: 'r' }), /certificationIds/);
      await rejects400(move(id, { certificationIds: [other.id], reassignTo: to, reason: 'r' }), new RegExp(`not in campaign ${id}: ${other.id}`));
      await rejects400(move(id, { certificationIds: [cert!.id, signedCert!.id], reassignTo: to, reason: 'r' }), new RegExp(`signed off.*${signedCert!.id}`));
      await rejects400(move(id, { certificationIds: [cert!.id], reassignTo: { id: 'nobody', type: 'IDENTITY' }, reason: 'r' }), /no identity with id nobody/);
      await rejects400(move(id, { certificationIds: [cert!.id], reassignTo: { id: to.id, type: 'GOVERNANCE_GROUP' }, reason: 'r' }), /reassignTo must be/);
      await rejects400(move(id, { certificationIds: [cert!.id], reassignTo: to, reason: ' ' }), /reason/);
      expect(store().all('tasks').filter((t) => t.type === 'ADMIN_REASSIGN')).toHaveLength(0);

      const staged = await stagedCampaign();
      await rejects400(move(staged, { certificationIds: [certificationsOf(staged)[0]!.id], reassignTo: to, reason: 'r' }), /Only ACTIVE campaigns/);
    });
  });

  describe('startCampaign (activate)', () => {
    it('activates a STAGED campaign: ACTIVATING, then ACTIVE with active certifications due at the deadline', async () => {
      const deadline = inDays(10);
      const id = await stagedCampaign(managerCampaign({ deadline }));
      expect(await raw('POST', `/campaigns/${id}/activate`, { timeZone: '-05:00' })).toEqual(expect.objectContaining({ status: 202, body: {} }));
      expect(store().get('campaigns', id)).toMatchObject({ status: 'ACTIVATING', transitionAt: new Date(sb.clock.time + DURATIONS.activateMs).toISOString() });
      advance(DURATIONS.activateMs);
      expect((await getCampaign(id)).status).toBe('ACTIVE');
      expect(certificationsOf(id).every((c) => c.phase === 'ACTIVE' && c.due === deadline)).toBe(true);
    });

    it('requires a STAGED campaign', async () => {
      const id = await activeCampaign();
      await rejects400(startCampaign(id), /must be STAGED to be activated; it is ACTIVE/);
      const pending = await createCampaign(managerCampaign());
      await rejects400(startCampaign(pending.id!), /it is PENDING/);
    });

    it('requires a deadline after today', async () => {
      const id = await stagedCampaign(managerCampaign({ deadline: null }));
      await rejects400(startCampaign(id), /no deadline/);
      const endOfToday = `${new Date(sb.clock.time).toISOString().slice(0, 10)}T23:59:59.999Z`;
      await updateCampaign(id, [{ op: 'replace', path: '/deadline', value: endOfToday }]);
      await rejects400(startCampaign(id), /must be after today/);
      await updateCampaign(id, [{ op: 'replace', path: '/deadline', value: inDays(-3) }]);
      await rejects400(startCampaign(id), /must be after today/);
      expect(store().get('campaigns', id)!.status).toBe('STAGED');
    });

    it('reads "today" in the given time zone', async () => {
      const id = await stagedCampaign();
      // Noon UTC, with a deadline at 03:00 UTC tomorrow: tomorrow in UTC, still today at -05:00.
      const now = new Date(sb.clock.time);
      const noon = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (now.getUTCHours() >= 12 ? 1 : 0), 12);
      advance(noon - sb.clock.time);
      const deadline = new Date(noon + 15 * 3_600_000).toISOString();
      await updateCampaign(id, [{ op: 'replace', path: '/deadline', value: deadline }]);
      await rejects400(startCampaign(id, { timeZone: '-05:00' }), /after today .*time zone -05:00/);
      await expect(startCampaign(id, { timeZone: 'Z' })).resolves.toBeUndefined();
    });

    it('accepts ISO-8601 offsets only as the time zone', async () => {
      const refused = await stagedCampaign();
      for (const timeZone of ['EST', '+5', '05:00', '+05:0', '+0500Z', '+25:00', 'z']) {
        await rejects400(startCampaign(refused, { timeZone }), /timeZone must be an ISO-8601 offset/);
      }
      for (const timeZone of ['+05:30', '-0800', '+01']) {
        const id = await stagedCampaign();
        await expect(startCampaign(id, { timeZone })).resolves.toBeUndefined();
      }
    });
  });

  describe('completeCampaign', () => {
    it('refuses campaigns that are not ACTIVE or not past due', async () => {
      const staged = await stagedCampaign(managerCampaign({ deadline: inDays(2) }));
      await rejects400(completeCampaign(staged), /Only ACTIVE campaigns can be completed; this one is STAGED/);
      const id = await activeCampaign(managerCampaign({ deadline: inDays(2) }));
      await rejects400(completeCampaign(id), /not past due/);
      await rejects400(completeCampaign(id, { autoCompleteAction: 'MAYBE' as never }), /autoCompleteAction/);
      expect(store().get('campaigns', id)!.status).toBe('ACTIVE');
    });

    it('revokes undecided items when asked, keeping decisions already made', async () => {
      const id = await activeCampaign(managerCampaign({ deadline: inDays(2) }));
      const decided = itemsOf(id)[0]!;
      store().put('items', { ...decided, decision: 'APPROVE', comments: 'fine' });
      advance(3 * DAY);
      await completeCampaign(id, { autoCompleteAction: 'REVOKE' });
      const items = itemsOf(id);
      expect(items.find((i) => i.id === decided.id)).toMatchObject({ decision: 'APPROVE', comments: 'fine', bulk: false });
      expect(items.filter((i) => i.id !== decided.id).every((i) => i.decision === 'REVOKE' && i.bulk && /Revoked automatically: the campaign was completed/.test(i.comments!))).toBe(true);
    });
  });

  describe('deleteCampaigns', () => {
    it('marks the campaigns CANCELING; lifecycle then removes them with their certifications and items', async () => {
      const id = await stagedCampaign();
      const pending = (await createCampaign(managerCampaign())).id!;
      const certs = certificationsOf(id);
      expect(await raw('POST', '/campaigns/delete', { ids: [id, pending] })).toEqual(expect.objectContaining({ status: 202, body: {} }));
      expect(store().get('campaigns', id)).toMatchObject({ status: 'CANCELING', transitionAt: new Date(sb.clock.time + DURATIONS.deleteMs).toISOString() });
      expect(store().get('campaigns', pending)!.status).toBe('CANCELING');
      advance(DURATIONS.deleteMs);
      expect((await failure(getCampaign(id))).status).toBe(404);
      expect((await failure(getCampaign(pending))).status).toBe(404);
      expect(certs.every((c) => store().get('certifications', c.id) === undefined && store().itemsOf(c.id).length === 0)).toBe(true);
    });

    it('deletes all or nothing: unknown ids are 404, busy campaigns 400', async () => {
      const id = await stagedCampaign();
      await rejects400(deleteCampaigns({ ids: [] }), /ids must name at least one/);
      await rejects400(deleteCampaigns({}), /ids must name at least one/);
      const missing = await failure(deleteCampaigns({ ids: [id, 'ffffffffffffffffffffffffffffffff'] }));
      expect(missing.status).toBe(404);
      expect(missing.messages[0]).toContain('ffffffffffffffffffffffffffffffff');
      expect(store().get('campaigns', id)!.status).toBe('STAGED');
      const activating = await stagedCampaign();
      await startCampaign(activating);
      await rejects400(deleteCampaigns({ ids: [id, activating] }), new RegExp(`${activating} is ACTIVATING`));
      expect(store().get('campaigns', id)!.status).toBe('STAGED');
    });
  });

  describe('startCampaignRemediationScan', () => {
    it('runs on ACTIVE or COMPLETED campaigns and shows as one INFO alert', async () => {
      const staged = await stagedCampaign();
      await rejects400(startCampaignRemediationScan(staged), /ACTIVE or COMPLETED campaigns; this one is STAGED/);
      const id = await activeCampaign();
      expect(await raw('POST', `/campaigns/${id}/run-remediation-scan`)).toEqual(expect.objectContaining({ status: 202, body: {} }));
      const scanAlerts = async () =>
        ((await getCampaign(id)).alerts ?? []).filter((a) => a.level === 'INFO' && a.localizations?.[0]?.text?.startsWith('Remediation scan started at'));
      expect(await scanAlerts()).toEqual([{ level: 'INFO', localizations: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: `Remediation scan started at ${new Date(sb.clock.time).toISOString()}.` }] }]);
      advance(60_000);
      await startCampaignRemediationScan(id);
      const alerts = await scanAlerts();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.localizations![0]!.text).toContain(new Date(sb.clock.time).toISOString());
    });
  });

  describe('reports', () => {
    it('runs a report: PENDING, then SUCCESS; running it again replaces it', async () => {
      const id = await activeCampaign();
      expect(await getCampaignReports(id)).toEqual([]);
      expect(await raw('POST', `/campaigns/${id}/run-report/CAMPAIGN_COMPOSITION_REPORT`)).toEqual(expect.objectContaining({ status: 202, body: {} }));
      const firstRun = new Date(sb.clock.time).toISOString();
      expect(await getCampaignReports(id)).toEqual([
        { type: 'REPORT_RESULT', id: expect.any(String), name: 'Campaign Composition Report', status: 'PENDING', reportType: 'CAMPAIGN_COMPOSITION_REPORT', lastRunAt: firstRun },
      ]);
      advance(DURATIONS.reportMs);
      expect((await getCampaignReports(id))[0]!.status).toBe('SUCCESS');
      await startCampaignReport(id, 'CAMPAIGN_COMPOSITION_REPORT');
      await startCampaignReport(id, 'CERTIFICATION_SIGNOFF_REPORT');
      const reports = await getCampaignReports(id);
      expect(reports).toHaveLength(2);
      expect(reports.find((r) => r.reportType === 'CAMPAIGN_COMPOSITION_REPORT')).toMatchObject({ status: 'PENDING', lastRunAt: new Date(sb.clock.time).toISOString() });
    });

    it('refuses an unknown report type', async () => {
      const id = await stagedCampaign();
      await rejects400(startCampaignReport(id, 'AUDIT_REPORT' as ReportType), /Unknown report type "AUDIT_REPORT"/);
    });
  });

  describe('reports configuration', () => {
    it('answers the configuration and overwrites it', async () => {
      sb.signInAs('cert-admin');
      const initial = await raw('GET', '/campaigns/reports-configuration');
      expect(initial.body).not.toHaveProperty('id');
      expect(initial.body).toHaveProperty('identityAttributeColumns');
      expect(await setCampaignReportsConfig({ identityAttributeColumns: ['location', 'costCenter'] })).toEqual({ identityAttributeColumns: ['location', 'costCenter'] });
      expect(await getCampaignReportsConfig()).toEqual({ identityAttributeColumns: ['location', 'costCenter'] });
      await setCampaignReportsConfig({ identityAttributeColumns: null });
      expect(await getCampaignReportsConfig()).toEqual({ identityAttributeColumns: null });
    });

    it('refuses columns that are not non-empty strings', async () => {
      sb.signInAs('org-admin');
      await rejects400(setCampaignReportsConfig({ identityAttributeColumns: ['department', ' '] }), /identityAttributeColumns\.1/);
      await rejects400(setCampaignReportsConfig({ identityAttributeColumns: [3] as never }), /identityAttributeColumns\.0/);
      await rejects400(setCampaignReportsConfig({ identityAttributeColumns: 'department' as never }), /identityAttributeColumns/);
    });
  });

  it('runs a campaign through its whole lifecycle', async () => {
    sb.signInAs('cert-admin');
    // Create: PENDING, then STAGED with staged certifications once generated.
    const created = await createCampaign(managerCampaign({ deadline: inDays(5) }));
    expect(created.status).toBe('PENDING');
    advance(DURATIONS.generateMs);
    const staged = await getCampaign(created.id!, { detail: 'FULL' });
    expect(staged.status).toBe('STAGED');
    const certs = certificationsOf(created.id!);
    expect(certs.length).toBeGreaterThan(0);
    expect(staged.totalCertifications).toBe(certs.length);
    expect(certs.every((c) => c.phase === 'STAGED')).toBe(true);

    // Patch while staged.
    await updateCampaign(created.id!, [{ op: 'replace', path: '/name', value: 'Lifecycle review' }]);

    // Activate: ACTIVATING, then ACTIVE with active certifications.
    await startCampaign(created.id!);
    expect((await getCampaign(created.id!)).status).toBe('ACTIVATING');
    advance(DURATIONS.activateMs);
    expect((await getCampaign(created.id!)).status).toBe('ACTIVE');
    expect(certificationsOf(created.id!).every((c) => c.phase === 'ACTIVE')).toBe(true);

    // After the deadline, complete: every item decided, every certification signed, then COMPLETED.
    advance(6 * DAY);
    await completeCampaign(created.id!);
    expect((await getCampaign(created.id!)).status).toBe('COMPLETING');
    const items = itemsOf(created.id!);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.decision === 'APPROVE' && i.bulk)).toBe(true);
    expect(certificationsOf(created.id!).every((c) => c.phase === 'SIGNED' && c.signed === new Date(sb.clock.time).toISOString())).toBe(true);
    advance(DURATIONS.completeMs);
    const completed = await getCampaign(created.id!);
    expect(completed).toMatchObject({ name: 'Lifecycle review', status: 'COMPLETED', totalCertifications: certs.length, completedCertifications: certs.length });
    // A completed campaign can still be scanned for remediation.
    await expect(startCampaignRemediationScan(created.id!)).resolves.toBeUndefined();
  });
});
