// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TEST_BASE_URL, setupSandbox } from '../../../test/sandbox-harness';
import {
  createCampaignTemplate,
  deleteCampaignTemplate,
  deleteCampaignTemplateSchedule,
  f,
  getCampaign,
  getCampaignTemplate,
  getCampaignTemplateSchedule,
  getCampaignTemplates,
  patchCampaignTemplate,
  setCampaignTemplateSchedule,
  startGenerateCampaignTemplate,
  type Campaign,
  type CampaignTemplate,
  type Schedule,
} from '../../api';
import { PERSONAS } from '../seed';
import { DURATIONS } from './lifecycle';
import { addIsoDuration, formatDatePlaceholders, parseIsoDuration } from '../../api/schedule';
import { failure } from '../../../test/expect-api';

const persona = (key: string) => PERSONAS.find((p) => p.key === key)!.identityId;
const UNKNOWN = 'ffffffffffffffffffffffffffffffff';

async function rejects400(promise: Promise<unknown>, text: RegExp) {
  const error = await failure(promise);
  expect(error.status, error.message).toBe(400);
  expect(error.messages.join(' ')).toMatch(text);
}

/** Read-only fields of a template's campaign, unset until a campaign is generated from it. */
const TEMPLATE_CAMPAIGN_UNSET = ['id', 'status', 'deadline', 'created', 'modified', 'totalCertifications', 'completedCertifications', 'alerts', 'sourcesWithOrphanEntitlements'];

describe('ISO-8601 durations', () => {
  it('parses the usual forms and refuses others', () => {
    expect(parseIsoDuration('P2W')).toMatchObject({ weeks: 2 });
    expect(parseIsoDuration('P1Y2M10DT2H30M15S')).toEqual({ years: 1, months: 2, weeks: 0, days: 10, hours: 2, minutes: 30, seconds: 15 });
    for (const ok of ['P14D', 'P1M', 'P1Y2M', 'PT12H', 'PT90M', 'P0D']) expect(parseIsoDuration(ok), ok).not.toBeNull();
    for (const bad of ['', 'P', 'PT', 'P1DT', '2W', 'P2w', 'P1.5D', 'P-1D', 'P1H', 'PT1D', 'P1M1Y', 'two weeks']) expect(parseIsoDuration(bad), bad).toBeNull();
  });

  it('adds years and months by the calendar (clamping to month end), then weeks, days and time', () => {
    const add = (from: string, duration: string) => addIsoDuration(new Date(from), parseIsoDuration(duration)!).toISOString();
    expect(add('2026-01-01T10:00:00.000Z', 'P2W')).toBe('2026-01-15T10:00:00.000Z');
    expect(add('2026-01-31T10:00:00.000Z', 'P1M')).toBe('2026-02-28T10:00:00.000Z');
    expect(add('2028-01-31T10:00:00.000Z', 'P1M')).toBe('2028-02-29T10:00:00.000Z');
    expect(add('2026-11-15T10:00:00.000Z', 'P1Y2M')).toBe('2028-01-15T10:00:00.000Z');
    expect(add('2026-12-31T23:00:00.000Z', 'PT12H')).toBe('2027-01-01T11:00:00.000Z');
    expect(add('2026-03-01T00:00:00.000Z', 'P1DT1H1M1S')).toBe('2026-03-02T01:01:01.000Z');
  });
});

describe('date placeholders', () => {
  // Thursday 5 March 2026, 07:08:09.123 UTC: day 64 of the year.
  const date = new Date('2026-03-05T07:08:09.123Z');
  const format = (text: string) => formatDatePlaceholders(text, date);

  it('fills java.util.Formatter date/time conversions', () => {
    expect(format('%Y %y %B %b %h %m %d %e %A %a %j %H:%M:%S')).toBe('2026 26 March Mar Mar 03 05 5 Thursday Thu 064 07:08:09');
    expect(format('%C %k %I %l %p %L %F %D %R %T %r')).toBe('20 7 07 7 am 123 2026-03-05 03/05/26 07:08 07:08:09 07:08:09 AM');
    expect(format('%c')).toBe('Thu Mar 05 07:08:09 UTC 2026');
  });

  it('accepts the %t form, upper-cases the %T form, and keeps %% and unknown placeholders as text', () => {
    expect(format('%tY-%tm-%td %TB %Ta')).toBe('2026-03-05 MARCH THU');
    expect(format('100%% done, 50% off, %q, %t, trailing %')).toBe('100% done, 50% off, %q, %t, trailing %');
    expect(format('%%Y')).toBe('%Y');
  });
});

describe('Certification Campaigns: templates and schedules', () => {
  const sb = setupSandbox();
  const store = () => sb.tenant.store;

  async function raw(method: string, path: string, body?: unknown) {
    const response = await sb.tenant.handle(
      new Request(`${TEST_BASE_URL}${path}`, {
        method,
        headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>) };
  }

  const campaign = (changes: Partial<Campaign> = {}): Campaign => ({
    name: 'Manager review %B %Y',
    description: 'Generated on %Y-%m-%d',
    type: 'MANAGER',
    filter: { id: 'e0adaae69852e8fe8b8a3d48e5ce757c', type: 'CAMPAIGN_FILTER', name: 'Filter' },
    ...changes,
  });

  const template = (changes: Partial<CampaignTemplate> = {}): CampaignTemplate =>
    ({ name: 'Quarterly managers', description: 'Every quarter', deadlineDuration: 'P2W', campaign: campaign(), ...changes }) as CampaignTemplate;

  async function created(changes: Partial<CampaignTemplate> = {}) {
    sb.signInAs('cert-admin');
    return createCampaignTemplate(template(changes));
  }

  describe('authorization', () => {
    it('refuses a reviewer without an admin user level on every template operation', async () => {
      const { id } = await created();
      sb.signInAs('manager');
      const schedule: Schedule = { type: 'WEEKLY', days: { type: 'LIST', values: ['1'] }, hours: { type: 'LIST', values: ['9'] } };
      const calls: [string, () => Promise<unknown>][] = [
        ['createCampaignTemplate', () => createCampaignTemplate(template())],
        ['getCampaignTemplates', () => getCampaignTemplates()],
        ['patchCampaignTemplate', () => patchCampaignTemplate(id!, [{ op: 'replace', path: '/name', value: 'x' }])],
        ['getCampaignTemplate', () => getCampaignTemplate(id!)],
        ['deleteCampaignTemplate', () => deleteCampaignTemplate(id!)],
        ['getCampaignTemplateSchedule', () => getCampaignTemplateSchedule(id!)],
        ['setCampaignTemplateSchedule', () => setCampaignTemplateSchedule(id!, schedule)],
        ['deleteCampaignTemplateSchedule', () => deleteCampaignTemplateSchedule(id!)],
        ['startGenerateCampaignTemplate', () => startGenerateCampaignTemplate(id!)],
      ];
      for (const [name, call] of calls) expect((await failure(call())).status, name).toBe(403);
      // A REPORT_ADMIN has no access to templates either.
      sb.signInAs(store().all('identities').find((i) => i.levels.includes('REPORT_ADMIN') && !i.levels.includes('CERT_ADMIN'))!.id);
      expect((await failure(getCampaignTemplates())).status).toBe(403);
    });

    it('answers 404 for an unknown template', async () => {
      sb.signInAs('org-admin');
      const schedule: Schedule = { type: 'WEEKLY', days: { type: 'LIST', values: ['1'] }, hours: { type: 'LIST', values: ['9'] } };
      const calls: [string, () => Promise<unknown>][] = [
        ['patchCampaignTemplate', () => patchCampaignTemplate(UNKNOWN, [{ op: 'replace', path: '/name', value: 'x' }])],
        ['getCampaignTemplate', () => getCampaignTemplate(UNKNOWN)],
        ['deleteCampaignTemplate', () => deleteCampaignTemplate(UNKNOWN)],
        ['getCampaignTemplateSchedule', () => getCampaignTemplateSchedule(UNKNOWN)],
        ['setCampaignTemplateSchedule', () => setCampaignTemplateSchedule(UNKNOWN, schedule)],
        ['deleteCampaignTemplateSchedule', () => deleteCampaignTemplateSchedule(UNKNOWN)],
        ['startGenerateCampaignTemplate', () => startGenerateCampaignTemplate(UNKNOWN)],
      ];
      for (const [name, call] of calls) {
        const error = await failure(call());
        expect(error.status, name).toBe(404);
        expect(error.messages[0]).toContain(UNKNOWN);
      }
    });
  });

  describe('createCampaignTemplate', () => {
    it('answers 200 with the template owned by the caller, its campaign validated and normalised', async () => {
      sb.signInAs('cert-admin');
      const response = await raw('POST', '/campaign-templates', template());
      expect(response.status).toBe(200);
      const caller = store().get('identities', persona('cert-admin'))!;
      const now = new Date(sb.clock.time).toISOString();
      expect(response.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        name: 'Quarterly managers',
        description: 'Every quarter',
        created: now,
        modified: now,
        scheduled: false,
        deadlineDuration: 'P2W',
        ownerRef: { id: caller.id, type: 'IDENTITY', name: caller.name, email: caller.email },
        campaign: {
          name: 'Manager review %B %Y',
          type: 'MANAGER',
          emailNotificationEnabled: false,
          sunsetCommentsRequired: true,
          mandatoryCommentRequirement: 'NO_DECISIONS',
          correlatedStatus: 'CORRELATED',
          filter: { id: 'e0adaae69852e8fe8b8a3d48e5ce757c' },
        },
      });
      // A template's campaign has no id, status, dates or counts yet: they are left out (none is nullable).
      for (const field of TEMPLATE_CAMPAIGN_UNSET) expect(response.body!.campaign, field).not.toHaveProperty(field);
    });

    it('ignores read-only fields sent with it', async () => {
      const made = await created({ scheduled: true, created: '2000-01-01T00:00:00Z', ownerRef: { id: persona('manager') }, campaign: campaign({ status: 'ACTIVE', deadline: '2030-01-01T00:00:00Z' }) });
      expect(made).toMatchObject({ scheduled: false, ownerRef: { id: persona('cert-admin') } });
      expect(made.campaign).not.toHaveProperty('status');
      expect(made.campaign).not.toHaveProperty('deadline');
      expect(made.created).not.toBe('2000-01-01T00:00:00Z');
    });

    it('validates name, description, campaign and deadlineDuration', async () => {
      sb.signInAs('cert-admin');
      const { name: _n, ...noName } = template();
      const { description: _d, ...noDescription } = template();
      const { campaign: _c, ...noCampaign } = template();
      await rejects400(createCampaignTemplate(noName as CampaignTemplate), /name/);
      await rejects400(createCampaignTemplate(noDescription as CampaignTemplate), /description/);
      await rejects400(createCampaignTemplate(noCampaign as CampaignTemplate), /campaign/);
      await rejects400(createCampaignTemplate(template({ name: ' ' })), /name must not be empty/);
      await rejects400(createCampaignTemplate(template({ campaign: campaign({ type: 'SOURCE_OWNER' }) })), /campaign\.sourceOwnerCampaignInfo\.sourceIds/);
      await rejects400(
        createCampaignTemplate(template({ campaign: campaign({ type: 'SEARCH', searchCampaignInfo: { type: 'IDENTITY', query: 'x', identityIds: ['y'] } }) })),
        /campaign\.searchCampaignInfo: set exactly one/,
      );
      await rejects400(createCampaignTemplate(template({ campaign: { ...campaign(), name: undefined } as never })), /campaign\.name/);
      for (const bad of ['2 weeks', 'P', 'PT', 'P1.5D', 'P2w']) {
        await rejects400(createCampaignTemplate(template({ deadlineDuration: bad })), /deadlineDuration must be an ISO-8601 duration/);
      }
      for (const ok of ['P14D', 'P1M', 'P1Y2M', 'PT12H']) await expect(createCampaignTemplate(template({ deadlineDuration: ok }))).resolves.toMatchObject({ deadlineDuration: ok });
    });
  });

  describe('getCampaignTemplates', () => {
    it('filters by name and id with their many operators, sorts and counts', async () => {
      const alpha = await created({ name: 'Alpha template' });
      const beta = await created({ name: 'beta template' });
      const gamma = await created({ name: 'Gamma template' });
      const ours = f.in('id', [alpha.id!, beta.id!, gamma.id!]);
      const names = async (filters: Parameters<typeof getCampaignTemplates>[0]) => (await getCampaignTemplates(filters)).items.map((t) => t.name);
      expect(await names({ filters: f.and(ours, f.sw('name', 'BETA')) })).toEqual(['beta template']);
      expect(await names({ filters: f.and(ours, f.ge('name', 'beta template')), sorters: ['name'] })).toEqual(['beta template', 'Gamma template']);
      expect(await names({ filters: f.and(ours, f.lt('name', 'beta')), sorters: ['name'] })).toEqual(['Alpha template']);
      expect(await names({ filters: f.and(ours, f.ne('name', 'Alpha template')), sorters: ['-name'] })).toEqual(['Gamma template', 'beta template']);
      expect(await names({ filters: f.eq('id', gamma.id!) })).toEqual(['Gamma template']);
      expect(await names({ filters: f.in('name', ['alpha template', 'gamma template']), sorters: ['name'] })).toEqual(['Alpha template', 'Gamma template']);
      const page = await getCampaignTemplates({ limit: 1, count: true, sorters: ['-created'] });
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(store().all('templates').length);
      sb.signInAs('cert-admin');
      expect((await raw('GET', '/campaign-templates?filters=name%20co%20%22a%22')).status).toBe(400);
      expect((await raw('GET', '/campaign-templates?filters=description%20eq%20%22a%22')).status).toBe(400);
      expect((await raw('GET', '/campaign-templates?sorters=description')).status).toBe(400);
    });
  });

  describe('patchCampaignTemplate', () => {
    it('changes name, description, deadlineDuration and campaign fields, and updates modified', async () => {
      const made = await created();
      sb.clock.advance(60_000);
      const patched = await patchCampaignTemplate(made.id!, [
        { op: 'replace', path: '/name', value: 'Renamed' },
        { op: 'replace', path: '/description', value: 'New description' },
        { op: 'replace', path: '/deadlineDuration', value: 'P1M' },
        { op: 'replace', path: '/campaign/name', value: 'Review %Y' },
        { op: 'replace', path: '/campaign/emailNotificationEnabled', value: true },
        { op: 'replace', path: '/campaign/filter/id', value: 'f2' },
      ]);
      expect(patched).toMatchObject({
        name: 'Renamed',
        description: 'New description',
        deadlineDuration: 'P1M',
        created: made.created,
        modified: new Date(sb.clock.time).toISOString(),
        campaign: { name: 'Review %Y', emailNotificationEnabled: true, filter: { id: 'f2' } },
      });
      expect(await getCampaignTemplate(made.id!)).toEqual(patched);
      const replaced = await patchCampaignTemplate(made.id!, [
        { op: 'replace', path: '/campaign', value: { name: 'Search', description: null, type: 'SEARCH', searchCampaignInfo: { type: 'IDENTITY', query: 'sales' } } },
      ]);
      expect(replaced.campaign).toMatchObject({ type: 'SEARCH', sunsetCommentsRequired: true, searchCampaignInfo: { query: 'sales' } });
      expect(replaced.campaign).not.toHaveProperty('status');
    });

    it('refuses other paths and results that do not validate', async () => {
      const made = await created();
      for (const path of ['/created', '/ownerRef', '/scheduled', '/id', '/campaign/status', '/campaign/id', '/campaign/deadline']) {
        await rejects400(patchCampaignTemplate(made.id!, [{ op: 'replace', path, value: 'x' }]), new RegExp(`${path} cannot be patched`));
      }
      await rejects400(patchCampaignTemplate(made.id!, [{ op: 'replace', path: '/deadlineDuration', value: 'soon' }]), /deadlineDuration/);
      await rejects400(patchCampaignTemplate(made.id!, [{ op: 'replace', path: '/campaign/type', value: 'MACHINE_ACCOUNT' }]), /campaign\.machineAccountCampaignInfo\.sourceIds/);
      await rejects400(patchCampaignTemplate(made.id!, [{ op: 'remove', path: '/campaign/description' }]), /campaign\.description/);
      await rejects400(patchCampaignTemplate(made.id!, [{ op: 'replace', path: '/name', value: 7 }]), /name/);
      await rejects400(patchCampaignTemplate(made.id!, [{ op: 'test', path: '/name', value: 'other' }, { op: 'replace', path: '/name', value: 'x' }]), /test failed/);
      expect(await getCampaignTemplate(made.id!)).toEqual(made);
    });
  });

  describe('getCampaignTemplate and deleteCampaignTemplate', () => {
    it('deletes a template with its schedule', async () => {
      const made = await created();
      expect(await getCampaignTemplate(made.id!)).toEqual(made);
      await setCampaignTemplateSchedule(made.id!, { type: 'MONTHLY', days: { type: 'LIST', values: ['1'] }, hours: { type: 'LIST', values: ['9'] } });
      expect((await raw('DELETE', `/campaign-templates/${made.id}`)).status).toBe(204);
      expect((await failure(getCampaignTemplate(made.id!))).status).toBe(404);
      expect(store().get('schedules', made.id!)).toBeUndefined();
      expect((await failure(deleteCampaignTemplate(made.id!))).status).toBe(404);
    });
  });

  describe('schedules', () => {
    it('sets, reads, overwrites and deletes a schedule, keeping `scheduled` in step', async () => {
      const made = await created();
      const none = await failure(getCampaignTemplateSchedule(made.id!));
      expect(none.status).toBe(404);
      expect(none.messages[0]).toMatch(/no schedule set/);
      const monthly: Schedule = { type: 'MONTHLY', hours: { type: 'LIST', values: ['17'] }, days: { type: 'LIST', values: ['15'] } };
      expect((await raw('PUT', `/campaign-templates/${made.id}/schedule`, monthly)).status).toBe(204);
      expect(await getCampaignTemplateSchedule(made.id!)).toEqual(monthly);
      expect((await getCampaignTemplate(made.id!)).scheduled).toBe(true);
      const quarterly: Schedule = { type: 'ANNUALLY', hours: { type: 'LIST', values: ['1'] }, days: { type: 'LIST', values: ['1'] }, months: { type: 'LIST', values: ['1'], interval: 3 } };
      await setCampaignTemplateSchedule(made.id!, quarterly);
      expect(await getCampaignTemplateSchedule(made.id!)).toEqual(quarterly);
      expect((await raw('GET', `/campaign-templates/${made.id}/schedule`)).body).not.toHaveProperty('id');
      expect((await raw('DELETE', `/campaign-templates/${made.id}/schedule`)).status).toBe(204);
      expect((await getCampaignTemplate(made.id!)).scheduled).toBe(false);
      expect((await failure(getCampaignTemplateSchedule(made.id!))).status).toBe(404);
      const again = await failure(deleteCampaignTemplateSchedule(made.id!));
      expect(again.status).toBe(404);
      expect(again.messages[0]).toMatch(/no schedule set/);
    });

    it('accepts the schedules of every type that ISC documents', async () => {
      const made = await created();
      const hours = { type: 'LIST' as const, values: ['8'], interval: 3 };
      const valid: Schedule[] = [
        { type: 'WEEKLY', hours, days: { type: 'LIST', values: ['1', '7'] } },
        { type: 'WEEKLY', hours: { type: 'RANGE', values: ['9', '5'] }, days: { type: 'RANGE', values: ['2', '6'] } },
        { type: 'MONTHLY', hours, days: { type: 'LIST', values: ['31', 'L', 'L-1', 'L-30'] } },
        { type: 'MONTHLY', hours, days: { type: 'RANGE', values: ['20', 'L'] } },
        { type: 'ANNUALLY', hours, days: { type: 'LIST', values: ['--01-01', '--02-29', '--12-31'] } },
        { type: 'ANNUALLY', hours, months: { type: 'RANGE', values: ['7', '12'], interval: 2 }, days: { type: 'LIST', values: ['1'] } },
        { type: 'CALENDAR', hours: { type: 'LIST', values: ['0', '23'] }, days: { type: 'LIST', values: ['2020-02-18', '2028-02-29'] }, expiration: '2030-01-01T00:00:00Z', timeZoneId: 'CST' },
      ];
      for (const schedule of valid) {
        await setCampaignTemplateSchedule(made.id!, schedule);
        expect(await getCampaignTemplateSchedule(made.id!)).toEqual(schedule);
      }
    });

    it('refuses schedules whose parts do not fit their type, naming the problem', async () => {
      const made = await created();
      const hours = { type: 'LIST' as const, values: ['9'] };
      const cases: [unknown, RegExp][] = [
        [{ type: 'WEEKLY', hours, days: { type: 'LIST', values: ['0'] } }, /days\.values: "0" is not valid; expected days of the week 1-7/],
        [{ type: 'WEEKLY', hours, days: { type: 'LIST', values: ['8'] } }, /days\.values: "8"/],
        [{ type: 'WEEKLY', hours }, /days is required/],
        [{ type: 'WEEKLY', days: { type: 'LIST', values: ['1'] } }, /hours/],
        [{ type: 'WEEKLY', hours: { type: 'LIST', values: ['24'] }, days: { type: 'LIST', values: ['1'] } }, /hours\.values: "24"/],
        [{ type: 'WEEKLY', hours: { type: 'LIST', values: [] }, days: { type: 'LIST', values: ['1'] } }, /hours\.values must not be empty/],
        [{ type: 'WEEKLY', hours: { type: 'RANGE', values: ['9'] }, days: { type: 'LIST', values: ['1'] } }, /hours: a RANGE needs exactly 2 values/],
        [{ type: 'WEEKLY', hours, days: { type: 'RANGE', values: ['1', '2', '3'] } }, /days: a RANGE needs exactly 2 values/],
        [{ type: 'MONTHLY', hours, days: { type: 'LIST', values: ['32'] } }, /days\.values: "32"/],
        [{ type: 'MONTHLY', hours, days: { type: 'LIST', values: ['L-31'] } }, /days\.values: "L-31"/],
        [{ type: 'MONTHLY', hours, days: { type: 'LIST', values: ['--01-01'] } }, /days\.values: "--01-01"/],
        [{ type: 'MONTHLY', hours, days: { type: 'LIST', values: ['1'] }, months: { type: 'LIST', values: ['1'] } }, /months is only allowed for ANNUALLY/],
        [{ type: 'ANNUALLY', hours, days: { type: 'LIST', values: ['15'] } }, /days\.values: "15".*without year/],
        [{ type: 'ANNUALLY', hours, days: { type: 'RANGE', values: ['--01-01', '--03-01'] } }, /days\.type must be LIST/],
        [{ type: 'ANNUALLY', hours, days: { type: 'LIST', values: ['--02-30'] } }, /"--02-30"/],
        [{ type: 'ANNUALLY', hours, days: { type: 'LIST', values: ['--13-01'] } }, /"--13-01"/],
        [{ type: 'ANNUALLY', hours, months: { type: 'LIST', values: ['13'] }, days: { type: 'LIST', values: ['1'] } }, /months\.values: "13"/],
        [{ type: 'ANNUALLY', hours, months: { type: 'LIST', values: ['1'] }, days: { type: 'LIST', values: ['--01-01'] } }, /days\.values: "--01-01"/],
        [{ type: 'CALENDAR', hours, days: { type: 'LIST', values: ['2026-02-29'] } }, /"2026-02-29"/],
        [{ type: 'CALENDAR', hours, days: { type: 'LIST', values: ['--02-01'] } }, /"--02-01"/],
        [{ type: 'CALENDAR', hours, days: { type: 'RANGE', values: ['2026-01-01', '2026-02-01'] } }, /days\.type must be LIST/],
        [{ type: 'DAILY', hours, days: { type: 'LIST', values: ['1'] } }, /type/],
        [{ type: 'WEEKLY', hours: { ...hours, interval: 0 }, days: { type: 'LIST', values: ['1'] } }, /hours\.interval must be 1 or more/],
        [{ type: 'WEEKLY', hours, days: { type: 'LIST', values: ['1'] }, expiration: 'never' }, /expiration/],
      ];
      for (const [schedule, message] of cases) await rejects400(setCampaignTemplateSchedule(made.id!, schedule as Schedule), message);
      expect(store().get('schedules', made.id!)).toBeUndefined();
      expect((await getCampaignTemplate(made.id!)).scheduled).toBe(false);
    });
  });

  describe('startGenerateCampaignTemplate', () => {
    it('creates a PENDING campaign with placeholders filled and deadline = now + deadlineDuration, which then generates', async () => {
      const made = await created({ deadlineDuration: 'P2W', campaign: campaign({ name: 'Managers %B %Y (%tY) %%', description: 'Due %d/%m' }) });
      const now = new Date(sb.clock.time);
      const month = now.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
      const year = String(now.getUTCFullYear());
      const response = await raw('POST', `/campaign-templates/${made.id}/generate`);
      expect(response.status).toBe(200);
      const name = `Managers ${month} ${year} (${year}) %`;
      const description = `Due ${String(now.getUTCDate()).padStart(2, '0')}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        name,
        type: 'CAMPAIGN',
        campaignType: 'MANAGER',
        description,
        correlatedStatus: 'CORRELATED',
        mandatoryCommentRequirement: 'NO_DECISIONS',
      });
      const id = response.body!.id as string;
      expect(store().get('campaigns', id)).toMatchObject({
        status: 'PENDING',
        created: now.toISOString(),
        deadline: new Date(sb.clock.time + 14 * 86_400_000).toISOString(),
        transitionAt: new Date(sb.clock.time + DURATIONS.generateMs).toISOString(),
        filter: { id: 'e0adaae69852e8fe8b8a3d48e5ce757c' },
      });
      // The template itself is unchanged, and each generation is a new campaign.
      expect((await getCampaignTemplate(made.id!)).campaign.name).toBe('Managers %B %Y (%tY) %%');
      const second = await startGenerateCampaignTemplate(made.id!);
      expect(second.id).not.toBe(id);
      sb.clock.advance(DURATIONS.generateMs);
      expect(await getCampaign(id)).toMatchObject({ status: 'STAGED', name });
    });

    it('adds calendar months to the deadline', async () => {
      const made = await created({ deadlineDuration: 'P1M' });
      const { id } = await startGenerateCampaignTemplate(made.id!);
      const now = new Date(sb.clock.time);
      const expected = addIsoDuration(now, { years: 0, months: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
      expect(store().get('campaigns', id)!.deadline).toBe(expected.toISOString());
    });
  });

  describe('the scheduler (sandbox clock)', () => {
    const DAY = 86_400_000;
    const byName = (name: string) => store().all('campaigns').filter((c) => c.name === name);
    /** Any request lets the tenant look at the clock (a fresh token: the clock may have moved past the last one's expiry). */
    async function look() {
      sb.signInAs('cert-admin');
      await getCampaignTemplates();
    }

    it('generates a campaign when a schedule’s run passes on the sandbox clock, named and due for that run, then stages it', async () => {
      const made = await created({ deadlineDuration: 'P2W', campaign: campaign({ name: 'Scheduled %Y-%m-%d %H:%M' }) });
      const start = new Date(sb.clock.time);
      // Tomorrow at 09:00 UTC (a run an hour away would be too near the start of a day for some runs).
      const tomorrow = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1, 9));
      const schedule: Schedule = { type: 'CALENDAR', hours: { type: 'LIST', values: ['9'] }, days: { type: 'LIST', values: [tomorrow.toISOString().slice(0, 10)] }, timeZoneId: 'UTC' };
      await setCampaignTemplateSchedule(made.id!, schedule);
      const name = `Scheduled ${tomorrow.toISOString().slice(0, 10)} 09:00`;
      await look();
      expect(byName(name)).toHaveLength(0);

      sb.clock.time = tomorrow.getTime() - 1000;
      await look();
      expect(byName(name)).toHaveLength(0);

      sb.clock.time = tomorrow.getTime() + 5 * 60_000;
      await look();
      const [generated] = byName(name);
      expect(generated).toMatchObject({ status: 'PENDING', deadline: new Date(tomorrow.getTime() + 14 * DAY).toISOString() });
      // Looked at again later: the same run does not generate twice.
      sb.clock.advance(DURATIONS.generateMs);
      await look();
      expect(byName(name)).toHaveLength(1);
      expect(await getCampaign(generated!.id)).toMatchObject({ status: 'STAGED' });
      // The sandbox's bookkeeping is not part of the Schedule ISC answers.
      expect(await getCampaignTemplateSchedule(made.id!)).toEqual(schedule);
    });

    it('fills the placeholders on the schedule’s own wall clock (midnight January 1 in Berlin)', async () => {
      const made = await created({ campaign: campaign({ name: 'Annual %Y' }) });
      const year = new Date(sb.clock.time).getUTCFullYear() + 1;
      await setCampaignTemplateSchedule(made.id!, { type: 'ANNUALLY', hours: { type: 'LIST', values: ['0'] }, days: { type: 'LIST', values: ['--01-01'] }, timeZoneId: 'Europe/Berlin' });
      // 23:30 UTC on December 31 is 00:30 on January 1 in Berlin.
      sb.clock.time = Date.UTC(year - 1, 11, 31, 23, 30);
      await look();
      expect(byName(`Annual ${year}`)).toHaveLength(1);
      expect(byName(`Annual ${year - 1}`)).toHaveLength(0);
    });

    it('does not generate the runs before a schedule was set, nor after it was deleted', async () => {
      const made = await created({ campaign: campaign({ name: 'Weekly %Y-%m-%d' }) });
      await setCampaignTemplateSchedule(made.id!, { type: 'WEEKLY', hours: { type: 'LIST', values: ['9'] }, days: { type: 'LIST', values: ['1', '2', '3', '4', '5', '6', '7'] } });
      const before = store().all('campaigns').length;
      await look();
      expect(store().all('campaigns').length).toBe(before);
      await deleteCampaignTemplateSchedule(made.id!);
      sb.clock.advance(3 * DAY);
      await look();
      expect(store().all('campaigns').filter((c) => c.name.startsWith('Weekly ')).length).toBe(0);
    });

    it('catches up at most the latest 3 runs after a long gap', async () => {
      const made = await created({ campaign: campaign({ name: 'Daily %Y-%m-%d' }) });
      await setCampaignTemplateSchedule(made.id!, { type: 'WEEKLY', hours: { type: 'LIST', values: ['9'] }, days: { type: 'LIST', values: ['1', '2', '3', '4', '5', '6', '7'] } });
      sb.clock.advance(10 * DAY);
      await look();
      expect(store().all('campaigns').filter((c) => c.name.startsWith('Daily ')).length).toBe(3);
    });
  });
});
