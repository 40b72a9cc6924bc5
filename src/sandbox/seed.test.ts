// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { createSeed, PERSONAS, PERSONA_IDS, SEED_VERSION } from './seed';
import { generateCampaignContent, generationSourceOf, NO_ACCESS_MATCHED, type GenerationSource } from './generate';
import type { Campaign } from '../api/schemas';
import type { Assignment, CampaignRecord, CertificationRecord, Identity, ItemRecord, SeedData } from './model';

const DAY = 86_400_000;
const ANCHOR = Date.UTC(2025, 7, 14, 9, 30); // mid-quarter, so a shift of a few days keeps the campaign names
const HEX32 = /^[0-9a-f]{32}$/;

const seed = createSeed({ anchor: ANCHOR });
const t = seed.tables;

function index<T extends { id: string }>(records: T[]): Map<string, T> {
  return new Map(records.map((r) => [r.id, r]));
}
const identities = index(t.identities);
const campaigns = index(t.campaigns);
const itemsByCert = new Map<string, ItemRecord[]>();
for (const item of t.items) {
  let list = itemsByCert.get(item.certificationId);
  if (!list) itemsByCert.set(item.certificationId, (list = []));
  list.push(item);
}
const itemsOf = (certId: string): ItemRecord[] => itemsByCert.get(certId) ?? [];
const certsOf = (reviewerId: string): CertificationRecord[] => t.certifications.filter((c) => c.reviewerId === reviewerId);
const campaignOf = (cert: CertificationRecord): CampaignRecord => campaigns.get(cert.campaignId)!;

function largestCertification(data: SeedData): { cert: CertificationRecord; size: number } {
  const counts = new Map<string, number>();
  for (const item of data.tables.items) counts.set(item.certificationId, (counts.get(item.certificationId) ?? 0) + 1);
  let best: { cert: CertificationRecord; size: number } | null = null;
  for (const cert of data.tables.certifications) {
    const size = counts.get(cert.id) ?? 0;
    if (!best || size > best.size) best = { cert, size };
  }
  return best!;
}

describe('createSeed: determinism', () => {
  it('gives deep-equal data for the same options', () => {
    expect(createSeed({ anchor: ANCHOR })).toEqual(seed);
    expect(SEED_VERSION).toBe(2);
  });

  it('shifts every date, and nothing else, with the anchor', () => {
    const shift = 5 * DAY + 3_600_000;
    const moved = createSeed({ anchor: ANCHOR + shift });
    const plus = (iso: string | null | undefined): string | null | undefined => (iso ? new Date(Date.parse(iso) + shift).toISOString() : iso);
    expect(moved.tables.identities).toEqual(t.identities);
    expect(moved.assignments).toEqual(seed.assignments);
    expect(moved.tables.items.map((i) => ({ ...i, proposedEndDate: null }))).toEqual(t.items.map((i) => ({ ...i, proposedEndDate: null })));
    expect(moved.tables.campaigns.map((c) => ({ id: c.id, name: c.name, created: c.created, deadline: c.deadline, modified: c.modified, transitionAt: c.transitionAt }))).toEqual(
      t.campaigns.map((c) => ({ id: c.id, name: c.name, created: plus(c.created), deadline: plus(c.deadline), modified: plus(c.modified), transitionAt: plus(c.transitionAt) })),
    );
    expect(moved.tables.certifications).toEqual(
      t.certifications.map((c) => ({ ...c, due: plus(c.due), signed: plus(c.signed), created: plus(c.created), modified: plus(c.modified) })),
    );
    expect(moved.tables.accounts.map((a) => a.created)).toEqual(t.accounts.map((a) => plus(a.created)));
  });
});

describe('createSeed: size', () => {
  it('has about 300 people at scale 1 and twice as many at scale 2', () => {
    const people = t.identities.filter((i) => !i.isMachine);
    expect(people.length).toBeGreaterThanOrEqual(280);
    expect(people.length).toBeLessThanOrEqual(320);
  });

  it('gives Priya the largest certification: exactly 10,000 items, in an ACTIVE SOURCE_OWNER campaign', () => {
    const { cert, size } = largestCertification(seed);
    expect(size).toBe(10_000);
    expect(cert.reviewerId).toBe(PERSONA_IDS.sourceOwner);
    expect(cert.phase).toBe('ACTIVE');
    const campaign = campaignOf(cert);
    expect(campaign.type).toBe('SOURCE_OWNER');
    expect(campaign.status).toBe('ACTIVE');
  });

  it('scales the largest certification to exactly 20,000 items at scale 2', () => {
    const big = createSeed({ anchor: ANCHOR, scale: 2 });
    expect(largestCertification(big).size).toBe(20_000);
    expect(big.tables.identities.filter((i) => !i.isMachine).length).toBeGreaterThanOrEqual(560);
  });

});

describe('createSeed: campaigns', () => {
  it('has every campaign status and every campaign type', () => {
    const statuses = new Set(t.campaigns.map((c) => c.status));
    for (const s of ['PENDING', 'STAGED', 'CANCELING', 'ACTIVATING', 'ACTIVE', 'COMPLETING', 'COMPLETED', 'ERROR', 'ARCHIVED']) expect(statuses).toContain(s);
    const types = new Set(t.campaigns.map((c) => c.type));
    for (const ty of ['MANAGER', 'SOURCE_OWNER', 'SEARCH', 'ROLE_COMPOSITION', 'MACHINE_ACCOUNT']) expect(types).toContain(ty);
  });

  it('keeps totalCertifications / completedCertifications consistent with the certifications', () => {
    for (const c of t.campaigns) {
      const certs = t.certifications.filter((x) => x.campaignId === c.id);
      expect(c.totalCertifications, c.name).toBe(certs.length);
      expect(c.completedCertifications, c.name).toBe(certs.filter((x) => x.phase === 'SIGNED').length);
    }
  });

  it('sets each status up as ISC would', () => {
    for (const c of t.campaigns) {
      const certs = t.certifications.filter((x) => x.campaignId === c.id);
      const deadline = Date.parse(c.deadline!);
      expect(c.id).toMatch(HEX32);
      expect(c.correlatedStatus).toBe('CORRELATED');
      expect(c.sunsetCommentsRequired).toBe(true);
      expect(c.transitionAt, c.name).toBe(c.status === 'PENDING' ? new Date(ANCHOR + 3000).toISOString() : null);
      switch (c.status) {
        case 'PENDING':
        case 'ERROR':
          expect(certs).toHaveLength(0);
          break;
        case 'STAGED':
        case 'ACTIVATING':
        case 'CANCELING':
          expect(certs.length).toBeGreaterThan(0);
          expect(certs.every((x) => x.phase === 'STAGED')).toBe(true);
          expect(deadline).toBeGreaterThan(ANCHOR);
          break;
        case 'ACTIVE':
          expect(certs.length).toBeGreaterThan(0);
          expect(certs.every((x) => x.phase !== 'STAGED')).toBe(true);
          break;
        case 'COMPLETING':
        case 'COMPLETED':
        case 'ARCHIVED':
          expect(certs.length).toBeGreaterThan(0);
          expect(deadline).toBeLessThan(ANCHOR);
          for (const cert of certs) {
            expect(cert.phase).toBe('SIGNED');
            expect(Date.parse(cert.signed!)).toBeLessThan(ANCHOR);
            expect(itemsOf(cert.id).every((i) => i.decision !== null)).toBe(true);
          }
          break;
      }
    }
    const error = t.campaigns.find((c) => c.status === 'ERROR')!;
    expect(error.alerts?.some((a) => a.level === 'ERROR' && /^Source [0-9a-f]{32} does not exist$/.test(a.localizations?.[0]?.text ?? ''))).toBe(true);
  });

  it('dates active campaigns 2 to 30 days out, but one overdue', () => {
    const active = t.campaigns.filter((c) => c.status === 'ACTIVE');
    const overdue = active.filter((c) => Date.parse(c.deadline!) < ANCHOR);
    expect(overdue).toHaveLength(1);
    for (const c of active) {
      if (overdue.includes(c)) continue;
      const days = (Date.parse(c.deadline!) - ANCHOR) / DAY;
      expect(days).toBeGreaterThanOrEqual(2);
      expect(days).toBeLessThanOrEqual(30);
    }
  });

  it('shows progress in active campaigns: decided items and other reviewers’ signed certifications', () => {
    const active = t.certifications.filter((c) => campaignOf(c).status === 'ACTIVE');
    const personas = new Set(PERSONAS.map((p) => p.identityId));
    expect(active.some((c) => c.phase === 'SIGNED' && !personas.has(c.reviewerId))).toBe(true);
    expect(active.some((c) => c.phase === 'ACTIVE' && itemsOf(c.id).some((i) => i.decision !== null))).toBe(true);
    expect(active.some((c) => c.phase === 'ACTIVE' && itemsOf(c.id).every((i) => i.decision === null))).toBe(true);
  });

  it('signs only fully decided certifications and honours the comment requirement', () => {
    for (const cert of t.certifications) {
      const items = itemsOf(cert.id);
      if (cert.phase === 'SIGNED') {
        expect(items.every((i) => i.decision !== null)).toBe(true);
        expect(cert.signed).not.toBeNull();
      } else {
        expect(cert.signed).toBeNull();
      }
      const requirement = campaignOf(cert).mandatoryCommentRequirement;
      for (const item of items) {
        if (item.decision === null) continue;
        if (requirement === 'ALL_DECISIONS' || (requirement === 'REVOKE_ONLY_DECISIONS' && item.decision === 'REVOKE')) expect(item.comments).toBeTruthy();
      }
    }
    expect(t.items.some((i) => i.decision === 'REVOKE')).toBe(true);
    expect(t.items.some((i) => i.decision === 'APPROVE')).toBe(true);
  });

  it('has templates, a monthly schedule, report configuration and reports', () => {
    expect(t.templates.length).toBeGreaterThanOrEqual(2);
    for (const tpl of t.templates) {
      expect(tpl.campaign.id).toBeNull();
      expect(tpl.campaign.status).toBeNull();
      expect(tpl.campaign.deadline).toBeNull();
      expect(tpl.campaign.name).toMatch(/%t[BY]/);
      expect(['P2W', 'P30D', 'P1M']).toContain(tpl.deadlineDuration);
      expect(tpl.ownerRef).toMatchObject({ id: PERSONA_IDS.certAdmin, type: 'IDENTITY', name: 'Chen Wei' });
    }
    expect(t.schedules).toEqual([{
      id: t.templates.find((x) => x.scheduled)!.id,
      type: 'MONTHLY',
      hours: { type: 'LIST', values: ['9'] },
      days: { type: 'LIST', values: ['1'] },
      timeZoneId: 'UTC',
      // The scheduler last looked 40 days before the seed's anchor, so it catches up the latest monthly run.
      checkedThrough: expect.any(String),
    }]);
    expect(t.reportsConfig).toEqual([{ id: 'config', identityAttributeColumns: ['department', 'title'] }]);
    expect(t.reports.length).toBeGreaterThanOrEqual(2);
    for (const r of t.reports) expect(campaigns.get(r.campaignId)?.status).toBe('COMPLETED');
    expect(t.tasks).toEqual([]);
  });
});

describe('createSeed: personas', () => {
  it('exports the five personas with fixed 32-hex ids that exist', () => {
    expect(PERSONAS.map((p) => p.key)).toEqual(['manager', 'source-owner', 'cert-admin', 'org-admin', 'reportAdmin']);
    for (const p of PERSONAS) {
      expect(p.identityId).toMatch(HEX32);
      expect(identities.get(p.identityId)).toBeDefined();
    }
    expect(identities.get(PERSONA_IDS.manager)!.name).toBe('Morgan Reyes');
    expect(identities.get(PERSONA_IDS.sourceOwner)!.name).toBe('Priya Shah');
    expect(identities.get(PERSONA_IDS.certAdmin)).toMatchObject({ name: 'Chen Wei', levels: ['CERT_ADMIN'] });
    expect(identities.get(PERSONA_IDS.orgAdmin)).toMatchObject({ name: 'Dana Okafor', levels: ['ORG_ADMIN'] });
    expect(identities.get(PERSONA_IDS.reportAdmin)).toMatchObject({ name: 'Anika Chen', levels: ['REPORT_ADMIN'], title: 'Compliance Analyst' });
    expect(t.identities.filter((i) => i.levels.includes('REPORT_ADMIN')).length).toBeGreaterThanOrEqual(1);
  });

  it('makes Morgan a manager of 12 with active certifications of every size, one due soon and one overdue', () => {
    const morgan = identities.get(PERSONA_IDS.manager)!;
    expect(morgan.levels).toEqual([]);
    expect(t.identities.filter((i) => i.managerId === morgan.id)).toHaveLength(12);

    const active = certsOf(morgan.id).filter((c) => c.phase === 'ACTIVE' && campaignOf(c).status === 'ACTIVE');
    expect(new Set(active.map((c) => c.campaignId)).size).toBeGreaterThanOrEqual(3);
    const sizes = active.map((c) => itemsOf(c.id).length);
    expect(sizes.some((n) => n >= 5 && n <= 10)).toBe(true);
    expect(sizes.some((n) => n >= 100 && n <= 300)).toBe(true);
    expect(sizes.some((n) => n >= 1000)).toBe(true);

    const dueIn = active.map((c) => Date.parse(c.due!) - ANCHOR);
    expect(dueIn.some((ms) => ms > 0 && ms <= 3 * DAY)).toBe(true);
    const overdue = active.filter((c) => Date.parse(c.due!) < ANCHOR);
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.every((c) => Date.parse(campaignOf(c).deadline!) < ANCHOR)).toBe(true);

    const requirements = new Set(active.map((c) => campaignOf(c).mandatoryCommentRequirement));
    expect(requirements).toContain('REVOKE_ONLY_DECISIONS');
    expect(requirements).toContain('ALL_DECISIONS');

    const signed = certsOf(morgan.id).filter((c) => c.phase === 'SIGNED' && campaignOf(c).status === 'COMPLETED');
    expect(signed.length).toBeGreaterThanOrEqual(2);
  });

  it('makes Priya the owner of several sources, including Active Directory, with a second, smaller source owner certification', () => {
    const owned = t.sources.filter((s) => s.ownerId === PERSONA_IDS.sourceOwner).map((s) => s.name);
    expect(owned.length).toBeGreaterThanOrEqual(3);
    expect(owned).toContain('Corporate Active Directory');
    const sourceOwner = certsOf(PERSONA_IDS.sourceOwner).filter((c) => c.phase === 'ACTIVE' && campaignOf(c).type === 'SOURCE_OWNER');
    const sizes = sourceOwner.map((c) => itemsOf(c.id).length).sort((a, b) => a - b);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toBeGreaterThan(0);
    expect(sizes[0]).toBeLessThan(1000);
    expect(sizes[1]).toBe(10_000);
  });
});

describe('createSeed: integrity', () => {
  it('gives every record a unique 32-hex id', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [name, records] of Object.entries(t)) {
      if (name === 'reportsConfig' || name === 'schedules') continue;
      for (const r of records as { id: string }[]) {
        if (!HEX32.test(r.id)) problems.push(`${name} ${r.id}: not 32 hex`);
        if (seen.has(r.id)) problems.push(`${name} ${r.id}: duplicate`);
        seen.add(r.id);
      }
    }
    // Summary ids are ids too.
    for (const id of new Set(t.items.map((i) => i.identitySummaryId))) {
      if (!HEX32.test(id) || seen.has(id)) problems.push(`summary ${id}`);
    }
    expect(problems).toEqual([]);
  });

  it('references only existing records from every item and certification', () => {
    const problems: string[] = [];
    const certs = index(t.certifications);
    const roles = index(t.roles);
    const byType = { ENTITLEMENT: index(t.entitlements), ACCESS_PROFILE: index(t.accessProfiles), ROLE: roles };
    const summaryOf = new Map<string, string>();
    const pairOf = new Map<string, string>();
    for (const item of t.items) {
      const cert = certs.get(item.certificationId);
      if (!cert) {
        problems.push(`item ${item.id}: no certification`);
        continue;
      }
      const isRoleComposition = campaignOf(cert).type === 'ROLE_COMPOSITION';
      if (!(isRoleComposition ? roles.has(item.identityId) : identities.has(item.identityId))) problems.push(`item ${item.id}: no identity ${item.identityId}`);
      if (!byType[item.type].has(item.accessId)) problems.push(`item ${item.id}: no ${item.type} ${item.accessId}`);
      const pair = `${item.certificationId}/${item.identityId}`;
      if ((summaryOf.get(pair) ?? item.identitySummaryId) !== item.identitySummaryId) problems.push(`item ${item.id}: two summaries for ${pair}`);
      if ((pairOf.get(item.identitySummaryId) ?? pair) !== pair) problems.push(`item ${item.id}: summary shared across ${pair}`);
      summaryOf.set(pair, item.identitySummaryId);
      pairOf.set(item.identitySummaryId, pair);
    }
    for (const cert of t.certifications) {
      if (!campaigns.has(cert.campaignId)) problems.push(`cert ${cert.id}: no campaign`);
      if (!identities.has(cert.reviewerId)) problems.push(`cert ${cert.id}: no reviewer`);
      if (cert.name !== `${campaignOf(cert).name}: ${identities.get(cert.reviewerId)?.name}`) problems.push(`cert ${cert.id}: name ${cert.name}`);
      if (cert.due !== campaignOf(cert).deadline) problems.push(`cert ${cert.id}: due ${cert.due}`);
      if (itemsOf(cert.id).length === 0) problems.push(`cert ${cert.id}: no items`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the catalogue and access consistent', () => {
    const sources = index(t.sources);
    const ents = index(t.entitlements);
    const aps = index(t.accessProfiles);
    const roles = index(t.roles);
    for (const s of t.sources) expect(identities.has(s.ownerId)).toBe(true);
    for (const e of t.entitlements) {
      expect(sources.has(e.sourceId)).toBe(true);
      expect(identities.has(e.ownerId)).toBe(true);
      if (e.permissions.length) expect(e.permissions.length).toBeGreaterThanOrEqual(2);
      expect(e.permissions.length).toBeLessThanOrEqual(6);
    }
    for (const ap of t.accessProfiles) {
      expect(ap.entitlementIds.length).toBeGreaterThanOrEqual(2);
      expect(ap.entitlementIds.length).toBeLessThanOrEqual(6);
      for (const id of ap.entitlementIds) expect(ents.get(id)?.sourceId).toBe(ap.sourceId);
    }
    for (const r of t.roles) {
      for (const id of r.accessProfileIds) expect(aps.has(id)).toBe(true);
      for (const id of r.entitlementIds) expect(ents.has(id)).toBe(true);
    }
    const accounts = new Set(t.accounts.map((a) => `${a.identityId}/${a.sourceId}`));
    expect(accounts.size).toBe(t.accounts.length);
    const keys = new Set<string>();
    for (const a of seed.assignments) {
      expect(identities.has(a.identityId)).toBe(true);
      const key = `${a.identityId}/${a.type}/${a.accessId}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      if (a.type === 'ENTITLEMENT') expect(accounts.has(`${a.identityId}/${ents.get(a.accessId)!.sourceId}`)).toBe(true);
      else if (a.type === 'ACCESS_PROFILE') expect(accounts.has(`${a.identityId}/${aps.get(a.accessId)!.sourceId}`)).toBe(true);
      else expect(roles.has(a.accessId)).toBe(true);
    }
  });

  it('has a believable organisation', () => {
    const people = t.identities.filter((i) => !i.isMachine);
    const emails = new Set(people.map((p) => p.email));
    expect(emails.size).toBe(people.length);
    for (const p of people) expect(p.email).toMatch(/^[a-z-]+\.[a-z-]+@acme-corp\.example$/);
    expect(people.filter((p) => p.managerId === null)).toHaveLength(1); // the CEO
    const reports = new Map<string, number>();
    for (const p of people) if (p.managerId) reports.set(p.managerId, (reports.get(p.managerId) ?? 0) + 1);
    for (const [id, n] of reports) {
      expect(identities.get(id)!.isMachine).toBe(false);
      expect(n, identities.get(id)!.name).toBeGreaterThanOrEqual(5);
      expect(n, identities.get(id)!.name).toBeLessThanOrEqual(15);
    }
    const machines = t.identities.filter((i) => i.isMachine);
    expect(machines.length).toBeGreaterThanOrEqual(8);
    for (const m of machines) {
      expect(m.email).toBeNull();
      expect(m.managerId).toBeNull();
      expect(identities.get(m.ownerId!)?.isMachine).toBe(false);
    }
    const departments = new Set(people.map((p) => p.department));
    for (const d of ['Finance', 'Engineering', 'Sales', 'HR', 'IT Operations', 'Legal', 'Marketing', 'Support']) expect(departments).toContain(d);
  });

  it('has a realistic catalogue, hostile-looking text included', () => {
    expect(t.sources.length).toBeGreaterThanOrEqual(8);
    expect(t.entitlements.length).toBeGreaterThanOrEqual(350);
    expect(t.entitlements.length).toBeLessThanOrEqual(450);
    const share = (f: (e: (typeof t.entitlements)[number]) => boolean): number => t.entitlements.filter(f).length / t.entitlements.length;
    expect(share((e) => e.privileged)).toBeGreaterThan(0.05);
    expect(share((e) => e.privileged)).toBeLessThan(0.2);
    expect(share((e) => e.permissions.length > 0)).toBeGreaterThan(0.05);
    expect(share((e) => e.description === null)).toBeGreaterThan(0.08);
    expect(share((e) => e.containsDataAccess)).toBeGreaterThan(0.03);
    for (const e of t.entitlements) {
      if (e.containsDataAccess) expect(e.impactScore).not.toBeNull();
      else expect(e.impactScore).toBeNull();
    }
    const names = t.entitlements.map((e) => e.name);
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names.some((n) => n.length === 200)).toBe(true);
    expect(t.entitlements.some((e) => e.description?.includes('"quotes" & \\backslashes\\'))).toBe(true);
    expect(t.accessProfiles.length).toBeGreaterThanOrEqual(25);
    expect(t.roles.length).toBeGreaterThanOrEqual(10);
    const perPerson = new Map<string, Assignment[]>();
    for (const a of seed.assignments) perPerson.set(a.identityId, [...(perPerson.get(a.identityId) ?? []), a]);
    const newShare = seed.assignments.filter((a) => a.newAccess).length / seed.assignments.length;
    expect(newShare).toBeGreaterThan(0.04);
    expect(newShare).toBeLessThan(0.12);
    expect(t.accounts.some((a) => a.usageDays === null)).toBe(true);
    expect(t.accounts.some((a) => a.disabled)).toBe(true);
    // Morgan's team sees the hostile-looking entitlement in the spot check.
    const img = t.entitlements.find((e) => e.name === '<img src=x onerror=alert(1)>')!;
    expect(certsOf(PERSONA_IDS.manager).some((c) => itemsOf(c.id).some((i) => i.accessId === img.id))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// generateCampaignContent, on a small hand-made tenant
// ---------------------------------------------------------------------------------------------------------

function person(id: string, managerId: string | null, extra: Partial<Identity> = {}): Identity {
  return { id, name: `Person ${id}`, email: `${id}@x.example`, managerId, department: 'Finance', title: 'Analyst', levels: [], isMachine: false, ownerId: null, ...extra };
}

function fixture(): GenerationSource {
  const ent = (id: string, sourceId: string) => ({
    id, name: `Ent ${id}`, description: null, attributeName: 'groups', attributeValue: id, sourceSchemaObjectType: 'group', sourceId, ownerId: 'boss',
    privileged: false, cloudGoverned: false, revocable: true, containsDataAccess: false, impactScore: null, dataCategories: [], permissions: [],
  });
  const a = (identityId: string, type: Assignment['type'], accessId: string): Assignment => ({ identityId, type, accessId, newAccess: accessId === 'e1' });
  return {
    identities: [
      person('boss', null, { department: 'Executive' }),
      person('mgrA', 'boss'),
      person('mgrB', 'boss', { department: 'Sales' }),
      person('x', 'mgrA', { title: 'Payroll Specialist' }),
      person('y', 'mgrA'),
      person('z', 'mgrB', { department: 'Sales' }),
      person('bot', null, { isMachine: true, ownerId: 'mgrB', email: null, title: 'Service Account' }),
      person('bot2', null, { isMachine: true, ownerId: 'mgrA', email: null, title: 'Service Account' }),
    ],
    sources: [
      { id: 's1', name: 'AD', type: 'Active Directory - Direct', ownerId: 'mgrA' },
      { id: 's2', name: 'AWS', type: 'Amazon Web Services', ownerId: 'mgrB' },
    ],
    entitlements: [ent('e1', 's1'), ent('e2', 's1'), ent('e3', 's2'), ent('e4', 's2')],
    accessProfiles: [{ id: 'ap1', name: 'AP 1', description: '', sourceId: 's2', ownerId: 'mgrB', privileged: false, entitlementIds: ['e3', 'e4'], created: '', modified: '' }],
    roles: [
      { id: 'r1', name: 'Role One', description: '', ownerId: 'mgrB', privileged: false, revocable: true, accessProfileIds: ['ap1'], entitlementIds: ['e1'] },
      { id: 'r2', name: 'Role Two', description: '', ownerId: 'mgrA', privileged: false, revocable: true, accessProfileIds: [], entitlementIds: ['e2'] },
    ],
    accounts: [
      { id: 'acc1', identityId: 'bot', sourceId: 's2', nativeIdentity: 'bot', name: 'bot', disabled: false, locked: false, created: '', usageDays: null },
      { id: 'acc2', identityId: 'bot2', sourceId: 's1', nativeIdentity: 'bot2', name: 'bot2', disabled: false, locked: false, created: '', usageDays: null },
    ],
    assignments: [
      a('x', 'ENTITLEMENT', 'e1'), a('x', 'ROLE', 'r1'), a('y', 'ENTITLEMENT', 'e3'), a('y', 'ACCESS_PROFILE', 'ap1'),
      a('z', 'ENTITLEMENT', 'e2'), a('z', 'ENTITLEMENT', 'e4'), a('mgrA', 'ENTITLEMENT', 'e2'),
      a('bot', 'ENTITLEMENT', 'e3'), a('bot', 'ENTITLEMENT', 'e1'), a('bot2', 'ENTITLEMENT', 'e2'),
    ],
  };
}

function campaign(type: Campaign['type'], extra: Partial<CampaignRecord> = {}): CampaignRecord {
  return { id: 'c1', name: 'Test Campaign', description: null, type, status: 'PENDING', deadline: '2030-01-01T00:00:00.000Z', transitionAt: null, ...extra };
}

function run(c: CampaignRecord, source: GenerationSource = fixture(), phase: 'STAGED' | 'ACTIVE' = 'STAGED') {
  let n = 0;
  return generateCampaignContent(c, source, { newId: () => `id${++n}`, now: '2029-12-01T00:00:00.000Z', phase });
}

/** reviewer id → "identity:type:access" keys of their items. */
function byReviewer(result: ReturnType<typeof run>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const cert of result.certifications) {
    out[cert.reviewerId] = result.items.filter((i) => i.certificationId === cert.id).map((i) => `${i.identityId}:${i.type}:${i.accessId}`);
  }
  return out;
}

describe('generateCampaignContent', () => {
  it('MANAGER: one certification per manager, with all their direct reports’ access', () => {
    const result = run(campaign('MANAGER'), fixture(), 'ACTIVE');
    expect(byReviewer(result)).toEqual({
      mgrA: ['x:ENTITLEMENT:e1', 'x:ROLE:r1', 'y:ENTITLEMENT:e3', 'y:ACCESS_PROFILE:ap1'],
      mgrB: ['z:ENTITLEMENT:e2', 'z:ENTITLEMENT:e4'],
      boss: ['mgrA:ENTITLEMENT:e2'],
    });
    expect(result.alerts).toEqual([]);
    const cert = result.certifications.find((c) => c.reviewerId === 'mgrA')!;
    expect(cert).toEqual({
      id: cert.id, name: 'Test Campaign: Person mgrA', campaignId: 'c1', reviewerId: 'mgrA', phase: 'ACTIVE', due: '2030-01-01T00:00:00.000Z',
      signed: null, created: '2029-12-01T00:00:00.000Z', modified: '2029-12-01T00:00:00.000Z', reassignment: null,
    });
    const items = result.items.filter((i) => i.certificationId === cert.id);
    expect(items[0]).toMatchObject({ newAccess: true, decision: null, comments: null, proposedEndDate: null, bulk: false });
    // One identity summary per (certification, identity).
    expect(items[0]!.identitySummaryId).toBe(items[1]!.identitySummaryId);
    expect(items[0]!.identitySummaryId).not.toBe(items[2]!.identitySummaryId);
    expect(new Set(result.items.map((i) => i.id)).size).toBe(result.items.length);
  });

  it('SOURCE_OWNER: one certification per source owner; entitlements and access profiles by source, never roles', () => {
    const result = run(campaign('SOURCE_OWNER', { sourceOwnerCampaignInfo: { sourceIds: ['s2'] } }));
    expect(byReviewer(result)).toEqual({ mgrB: ['y:ENTITLEMENT:e3', 'y:ACCESS_PROFILE:ap1', 'z:ENTITLEMENT:e4', 'bot:ENTITLEMENT:e3'] });
    const both = run(campaign('SOURCE_OWNER', { sourceOwnerCampaignInfo: { sourceIds: ['s1', 's2'] } }));
    expect(Object.keys(byReviewer(both)).sort()).toEqual(['boss', 'mgrA', 'mgrB']);
  });

  it('never has anyone certify their own access: it goes to their manager', () => {
    // mgrA owns s1 and holds e2 on it.
    const result = run(campaign('SOURCE_OWNER', { sourceOwnerCampaignInfo: { sourceIds: ['s1'] } }));
    expect(byReviewer(result)).toEqual({ mgrA: ['x:ENTITLEMENT:e1', 'z:ENTITLEMENT:e2', 'bot:ENTITLEMENT:e1', 'bot2:ENTITLEMENT:e2'], boss: ['mgrA:ENTITLEMENT:e2'] });
    const search = run(campaign('SEARCH', { searchCampaignInfo: { type: 'IDENTITY', identityIds: ['boss', 'x'], reviewer: { type: 'IDENTITY', id: 'boss' } } }));
    // The boss has no manager and no access; x's access is reviewed by the boss.
    expect(byReviewer(search)).toEqual({ boss: ['x:ENTITLEMENT:e1', 'x:ROLE:r1'] });
    const certs = index(t.certifications);
    const selfReviews = t.items.filter((i) => i.identityId === certs.get(i.certificationId)!.reviewerId);
    expect(selfReviews.every((i) => identities.get(i.identityId)!.managerId === null)).toBe(true);
  });

  it('SOURCE_OWNER: an unknown source id yields an ERROR alert', () => {
    const result = run(campaign('SOURCE_OWNER', { sourceOwnerCampaignInfo: { sourceIds: ['nope'] } }));
    expect(result.certifications).toEqual([]);
    expect(result.alerts).toContainEqual({ level: 'ERROR', localizations: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Source nope does not exist' }] });
    expect(result.alerts).toContainEqual({ level: 'WARN', localizations: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: NO_ACCESS_MATCHED }] });
  });

  it('SEARCH: SELECTED access constraints only include those ids, reviewed by the given reviewer', () => {
    const result = run(
      campaign('SEARCH', {
        searchCampaignInfo: { type: 'ACCESS', identityIds: ['x', 'y', 'z'], reviewer: { type: 'IDENTITY', id: 'boss' }, accessConstraints: [{ type: 'ENTITLEMENT', operator: 'SELECTED', ids: ['e1', 'e4'] }] },
      }),
    );
    expect(byReviewer(result)).toEqual({ boss: ['x:ENTITLEMENT:e1', 'z:ENTITLEMENT:e4'] });
  });

  it('SEARCH: ALL constraints keep whole access types; a query finds identities by name, department or title; managers review', () => {
    const result = run(campaign('SEARCH', { searchCampaignInfo: { type: 'IDENTITY', query: 'sales', accessConstraints: [{ type: 'ENTITLEMENT', operator: 'ALL' }] } }));
    // mgrB (department Sales) has no access, so their manager gets no certification.
    expect(byReviewer(result)).toEqual({ mgrB: ['z:ENTITLEMENT:e2', 'z:ENTITLEMENT:e4'] });
    const byTitle = run(campaign('SEARCH', { searchCampaignInfo: { type: 'IDENTITY', query: 'PAYROLL', accessConstraints: [{ type: 'ROLE', operator: 'ALL' }] } }));
    expect(byReviewer(byTitle)).toEqual({ mgrA: ['x:ROLE:r1'] });
    const unknown = run(campaign('SEARCH', { searchCampaignInfo: { type: 'IDENTITY', identityIds: ['ghost'] } }));
    expect(unknown.alerts.map((a) => a.localizations?.[0]?.text)).toContain('Identity ghost does not exist');
  });

  it('ROLE_COMPOSITION: the roles’ parts, the role standing for the identity, reviewed by the owner or the given reviewer', () => {
    const result = run(campaign('ROLE_COMPOSITION', { roleCompositionCampaignInfo: { roleIds: ['r1'], remediatorRef: { type: 'IDENTITY', id: 'boss' } } }));
    expect(byReviewer(result)).toEqual({ mgrB: ['r1:ACCESS_PROFILE:ap1', 'r1:ENTITLEMENT:e1'] });
    const all = run(campaign('ROLE_COMPOSITION', { roleCompositionCampaignInfo: { remediatorRef: { type: 'IDENTITY', id: 'boss' }, reviewer: { type: 'IDENTITY', id: 'boss' } } }));
    expect(byReviewer(all)).toEqual({ boss: ['r1:ACCESS_PROFILE:ap1', 'r1:ENTITLEMENT:e1', 'r2:ENTITLEMENT:e2'] });
    const query = run(campaign('ROLE_COMPOSITION', { roleCompositionCampaignInfo: { query: 'two', remediatorRef: { type: 'IDENTITY', id: 'boss' } } }));
    expect(byReviewer(query)).toEqual({ mgrA: ['r2:ENTITLEMENT:e2'] });
    const missing = run(campaign('ROLE_COMPOSITION', { roleCompositionCampaignInfo: { roleIds: ['r9'], remediatorRef: { type: 'IDENTITY', id: 'boss' } } }));
    expect(missing.alerts.map((a) => [a.level, a.localizations?.[0]?.text])).toContainEqual(['ERROR', 'Role r9 does not exist']);
  });

  it('MACHINE_ACCOUNT: machine identities with an account on the sources, reviewed by their owners, for access on those sources', () => {
    const result = run(campaign('MACHINE_ACCOUNT', { machineAccountCampaignInfo: { sourceIds: ['s2'], reviewerType: 'ACCOUNT_OWNER' } }));
    expect(byReviewer(result)).toEqual({ mgrB: ['bot:ENTITLEMENT:e3'] });
    const both = run(campaign('MACHINE_ACCOUNT', { machineAccountCampaignInfo: { sourceIds: ['s1', 's2'], reviewerType: 'ACCOUNT_OWNER' } }));
    expect(byReviewer(both)).toEqual({ mgrA: ['bot2:ENTITLEMENT:e2'], mgrB: ['bot:ENTITLEMENT:e3', 'bot:ENTITLEMENT:e1'] });
  });

  it('warns when nothing matches', () => {
    const result = run(campaign('SEARCH', { searchCampaignInfo: { type: 'IDENTITY', query: 'nobody-has-this' } }));
    expect(result.certifications).toEqual([]);
    expect(result.alerts).toEqual([{ level: 'WARN', localizations: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: NO_ACCESS_MATCHED }] }]);
  });

  it('regenerates the seed’s campaigns identically, 10,000 items included', () => {
    const source = generationSourceOf(seed);
    const big = largestCertification(seed);
    const record = campaignOf(big.cert);
    // How fast is the bench's business ("seed build" figures of `npm run bench`): a timing fails on a busy machine.
    const result = generateCampaignContent(record, source, { newId: () => crypto.randomUUID().replace(/-/g, ''), now: record.created!, phase: 'ACTIVE' });
    const mine = result.certifications.find((c) => c.reviewerId === big.cert.reviewerId)!;
    expect(mine.name).toBe(big.cert.name);
    expect(result.items.filter((i) => i.certificationId === mine.id)).toHaveLength(10_000);
    expect(result.certifications.map((c) => c.name)).toEqual(t.certifications.filter((c) => c.campaignId === record.id).map((c) => c.name));
    // Every seeded campaign with certifications is what generation gives (ids and progress aside).
    for (const c of t.campaigns.filter((x) => x.totalCertifications)) {
      const again = run({ ...c }, source);
      expect(again.certifications.map((x) => x.reviewerId)).toEqual(t.certifications.filter((x) => x.campaignId === c.id).map((x) => x.reviewerId));
    }
  });
});
