import type { AccessConstraint, CampaignAlert } from '../api/schemas';
import type {
  AccessProfile,
  AccessType,
  Account,
  Assignment,
  CampaignRecord,
  CertificationRecord,
  Entitlement,
  Identity,
  ItemRecord,
  Role,
  SeedData,
  Source,
} from './model';

/**
 * Campaign generation: turns a campaign's definition (its type and *CampaignInfo block) into the
 * certifications and review items ISC would generate from the tenant's access, one certification per
 * reviewer. Used by the seed and at runtime, when a PENDING campaign finishes generating.
 */

/** The catalogue and the access that campaigns are generated from. */
export interface GenerationSource {
  identities: Identity[];
  sources: Source[];
  entitlements: Entitlement[];
  accessProfiles: AccessProfile[];
  roles: Role[];
  accounts: Account[];
  assignments: Assignment[];
}

export interface GeneratedCampaign {
  certifications: CertificationRecord[];
  items: ItemRecord[];
  /** Problems met while generating; any ERROR alert means the campaign failed (status ERROR). */
  alerts: CampaignAlert[];
}

export interface GenerationOptions {
  newId: () => string;
  /** ISO date-time of the generation: the certifications' created/modified. */
  now: string;
  phase: 'STAGED' | 'ACTIVE';
}

/** The GenerationSource of a seed (or of tables shaped like one). */
export function generationSourceOf(seed: SeedData): GenerationSource {
  const t = seed.tables;
  return {
    identities: t.identities,
    sources: t.sources,
    entitlements: t.entitlements,
    accessProfiles: t.accessProfiles,
    roles: t.roles,
    accounts: t.accounts,
    assignments: seed.assignments,
  };
}

export const NO_ACCESS_MATCHED = 'No access matched this campaign; no certifications were generated.';

/** One access to review: an assignment, or for role composition a part of a role. */
interface Entry {
  identityId: string;
  type: AccessType;
  accessId: string;
  newAccess: boolean;
}

function alert(level: 'ERROR' | 'WARN' | 'INFO', text: string): CampaignAlert {
  return { level, localizations: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }] };
}

/** Lookups over the source, each built at most once per generation. */
class Catalogue {
  private identityMap?: Map<string, Identity>;
  private sourceMap?: Map<string, Source>;
  private entitlementMap?: Map<string, Entitlement>;
  private accessProfileMap?: Map<string, AccessProfile>;
  private roleMap?: Map<string, Role>;
  private byIdentity?: Map<string, Assignment[]>;

  constructor(readonly source: GenerationSource) {}

  get identities(): Map<string, Identity> {
    return (this.identityMap ??= byId(this.source.identities));
  }
  get sources(): Map<string, Source> {
    return (this.sourceMap ??= byId(this.source.sources));
  }
  get entitlements(): Map<string, Entitlement> {
    return (this.entitlementMap ??= byId(this.source.entitlements));
  }
  get accessProfiles(): Map<string, AccessProfile> {
    return (this.accessProfileMap ??= byId(this.source.accessProfiles));
  }
  get roles(): Map<string, Role> {
    return (this.roleMap ??= byId(this.source.roles));
  }

  assignmentsOf(identityId: string): Assignment[] {
    if (!this.byIdentity) {
      this.byIdentity = new Map();
      for (const a of this.source.assignments) {
        let list = this.byIdentity.get(a.identityId);
        if (!list) this.byIdentity.set(a.identityId, (list = []));
        list.push(a);
      }
    }
    return this.byIdentity.get(identityId) ?? [];
  }

  /** The source an access lives on; roles span sources and have none. */
  sourceIdOf(entry: Entry): string | undefined {
    if (entry.type === 'ENTITLEMENT') return this.entitlements.get(entry.accessId)?.sourceId;
    if (entry.type === 'ACCESS_PROFILE') return this.accessProfiles.get(entry.accessId)?.sourceId;
    return undefined;
  }
}

function byId<T extends { id: string }>(records: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of records) map.set(r.id, r);
  return map;
}

/**
 * What will be generated: reviewer id → reviewed identity id → entries, in first-seen order.
 *
 * Nobody certifies their own access: as ISC prevents self-certification, an identity's access that would
 * land with that identity goes to their manager instead (and stays only when they have none).
 */
class Plan {
  readonly byReviewer = new Map<string, Map<string, Entry[]>>();

  constructor(private readonly catalogue: Catalogue) {}

  add(reviewer: string, entry: Entry): void {
    let reviewerId = reviewer;
    if (entry.identityId === reviewerId) {
      const managerId = this.catalogue.identities.get(reviewerId)?.managerId;
      if (managerId && managerId !== reviewerId && this.catalogue.identities.has(managerId)) reviewerId = managerId;
    }
    let identities = this.byReviewer.get(reviewerId);
    if (!identities) this.byReviewer.set(reviewerId, (identities = new Map()));
    let entries = identities.get(entry.identityId);
    if (!entries) identities.set(entry.identityId, (entries = []));
    entries.push(entry);
  }
}

/** Collects alerts, each text once. */
class Alerts {
  readonly list: CampaignAlert[] = [];
  private seen = new Set<string>();

  add(level: 'ERROR' | 'WARN' | 'INFO', text: string): void {
    const key = `${level}:${text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(alert(level, text));
  }

  get hasError(): boolean {
    return this.list.some((a) => a.level === 'ERROR');
  }
}

/**
 * Generates a campaign's certifications and review items.
 *
 * - Certifications are one per reviewer, named `${campaign.name}: ${reviewer name}` as ISC does; a reviewer
 *   left with no items gets none. A reviewer's own access goes to their manager (no self-certification).
 * - Ids referenced by the campaign that do not exist yield ERROR alerts (`Source X does not exist`); what
 *   could be generated from the rest is still returned, and the caller fails the campaign (status ERROR).
 * - A campaign that produces no certification at all gets a WARN alert.
 */
export function generateCampaignContent(
  campaign: CampaignRecord,
  source: GenerationSource,
  options: GenerationOptions,
): GeneratedCampaign {
  const catalogue = new Catalogue(source);
  const alerts = new Alerts();
  const plan = new Plan(catalogue);

  switch (campaign.type) {
    case 'MANAGER':
      planManager(catalogue, plan);
      break;
    case 'SOURCE_OWNER':
      planSourceOwner(campaign, catalogue, plan, alerts);
      break;
    case 'SEARCH':
      planSearch(campaign, catalogue, plan, alerts);
      break;
    case 'ROLE_COMPOSITION':
      planRoleComposition(campaign, catalogue, plan, alerts);
      break;
    case 'MACHINE_ACCOUNT':
      planMachineAccount(campaign, catalogue, plan, alerts);
      break;
  }

  const certifications: CertificationRecord[] = [];
  const items: ItemRecord[] = [];
  const due = campaign.deadline ?? null;
  for (const [reviewerId, identities] of plan.byReviewer) {
    const reviewer = catalogue.identities.get(reviewerId);
    if (!reviewer || identities.size === 0) continue;
    const certificationId = options.newId();
    certifications.push({
      id: certificationId,
      name: `${campaign.name}: ${reviewer.name}`,
      campaignId: campaign.id,
      reviewerId,
      phase: options.phase,
      due,
      signed: null,
      created: options.now,
      modified: options.now,
      reassignment: null,
    });
    for (const [identityId, entries] of identities) {
      const identitySummaryId = options.newId();
      for (const entry of entries) {
        items.push({
          id: options.newId(),
          certificationId,
          identityId,
          identitySummaryId,
          type: entry.type,
          accessId: entry.accessId,
          newAccess: entry.newAccess,
          decision: null,
          comments: null,
          proposedEndDate: null,
          bulk: false,
        });
      }
    }
  }

  if (certifications.length === 0) alerts.add('WARN', NO_ACCESS_MATCHED);
  return { certifications, items, alerts: alerts.list };
}

/** MANAGER: each manager reviews every access of their direct reports (people, not machine identities). */
function planManager(catalogue: Catalogue, plan: Plan): void {
  for (const identity of catalogue.source.identities) {
    if (identity.isMachine || !identity.managerId || !catalogue.identities.has(identity.managerId)) continue;
    for (const a of catalogue.assignmentsOf(identity.id)) plan.add(identity.managerId, a);
  }
}

/** Resolves source ids, with an ERROR alert for each that does not exist. */
function resolveSources(ids: readonly string[] | null | undefined, catalogue: Catalogue, alerts: Alerts): Set<string> {
  const found = new Set<string>();
  for (const id of ids ?? []) {
    if (catalogue.sources.has(id)) found.add(id);
    else alerts.add('ERROR', `Source ${id} does not exist`);
  }
  return found;
}

/** Checks that a reviewer identity exists; an ERROR alert otherwise. */
function existingReviewer(id: string, catalogue: Catalogue, alerts: Alerts, kind: 'IDENTITY' | 'GOVERNANCE_GROUP' = 'IDENTITY'): boolean {
  if (catalogue.identities.has(id)) return true;
  // The sandbox has no governance groups: a governance group reviewer can never be found.
  alerts.add('ERROR', `${kind === 'GOVERNANCE_GROUP' ? 'Governance group' : 'Identity'} ${id} does not exist`);
  return false;
}

/**
 * SOURCE_OWNER: each owner of the campaign's sources reviews every access on them (entitlements by their
 * source, access profiles by theirs; roles span sources and are not part of source owner campaigns).
 */
function planSourceOwner(campaign: CampaignRecord, catalogue: Catalogue, plan: Plan, alerts: Alerts): void {
  const sourceIds = resolveSources(campaign.sourceOwnerCampaignInfo?.sourceIds, catalogue, alerts);
  if (sourceIds.size === 0) return;
  const ownerOk = new Map<string, boolean>();
  for (const id of sourceIds) {
    const owner = catalogue.sources.get(id)!.ownerId;
    ownerOk.set(id, existingReviewer(owner, catalogue, alerts));
  }
  for (const a of catalogue.source.assignments) {
    const sourceId = catalogue.sourceIdOf(a);
    if (sourceId === undefined || !ownerOk.get(sourceId)) continue;
    plan.add(catalogue.sources.get(sourceId)!.ownerId, a);
  }
}

/** A predicate over assignments from a SEARCH campaign's access constraints; none = all access. */
function constraintFilter(constraints: readonly AccessConstraint[] | null | undefined): (entry: Entry) => boolean {
  if (!constraints || constraints.length === 0) return () => true;
  const rules = new Map<AccessType, 'ALL' | Set<string>>();
  for (const c of constraints) {
    const current = rules.get(c.type);
    if (c.operator === 'ALL') {
      rules.set(c.type, 'ALL');
    } else if (current !== 'ALL') {
      const ids = current ?? new Set<string>();
      for (const id of c.ids ?? []) ids.add(id);
      rules.set(c.type, ids);
    }
  }
  return (entry) => {
    const rule = rules.get(entry.type);
    return rule === 'ALL' || (rule !== undefined && rule.has(entry.accessId));
  };
}

/**
 * SEARCH: the identities found by the search, reviewed by the campaign's reviewer (one certification) or
 * else each by their manager (a machine identity by its owner).
 *
 * ISC runs `query` through its search engine (identity search for IDENTITY campaigns, access search for
 * ACCESS ones). The sandbox's simple stand-in, for both types: identities whose name, department or title
 * contains the query text, case-insensitively.
 */
function planSearch(campaign: CampaignRecord, catalogue: Catalogue, plan: Plan, alerts: Alerts): void {
  const info = campaign.searchCampaignInfo;
  if (!info) {
    alerts.add('ERROR', 'A search campaign needs searchCampaignInfo');
    return;
  }
  let targets: Identity[] = [];
  if (info.identityIds && info.identityIds.length > 0) {
    for (const id of info.identityIds) {
      const identity = catalogue.identities.get(id);
      if (identity) targets.push(identity);
      else alerts.add('ERROR', `Identity ${id} does not exist`);
    }
  } else if (info.query && info.query.trim()) {
    const q = info.query.trim().toLowerCase();
    targets = catalogue.source.identities.filter(
      (i) => i.name.toLowerCase().includes(q) || i.department.toLowerCase().includes(q) || i.title.toLowerCase().includes(q),
    );
  }

  let fixedReviewer: string | null = null;
  if (info.reviewer?.id) {
    if (!existingReviewer(info.reviewer.id, catalogue, alerts, info.reviewer.type ?? 'IDENTITY')) return;
    fixedReviewer = info.reviewer.id;
  }

  const include = constraintFilter(info.accessConstraints);
  let unreviewed = 0;
  for (const identity of targets) {
    const reviewerId = fixedReviewer ?? identity.managerId ?? (identity.isMachine ? identity.ownerId : null);
    if (!reviewerId || !catalogue.identities.has(reviewerId)) {
      unreviewed++;
      continue;
    }
    for (const a of catalogue.assignmentsOf(identity.id)) if (include(a)) plan.add(reviewerId, a);
  }
  if (unreviewed > 0) {
    alerts.add('INFO', `${unreviewed} ${unreviewed === 1 ? 'identity has' : 'identities have'} no manager to review them and ${unreviewed === 1 ? 'was' : 'were'} left out.`);
  }
}

/**
 * ROLE_COMPOSITION: each role's access profiles and entitlements, reviewed by the campaign's reviewer or
 * else by the role's owner.
 *
 * The items' reviewed "identity" stands for the role: identityId = the role's id (and identitySummaryId one
 * per role and certification). The view layer resolves an identityId that is a role id to the role's name
 * for the identity summary.
 */
function planRoleComposition(campaign: CampaignRecord, catalogue: Catalogue, plan: Plan, alerts: Alerts): void {
  const info = campaign.roleCompositionCampaignInfo;
  let roles: Role[];
  if (info?.roleIds && info.roleIds.length > 0) {
    roles = [];
    for (const id of info.roleIds) {
      const role = catalogue.roles.get(id);
      if (role) roles.push(role);
      else alerts.add('ERROR', `Role ${id} does not exist`);
    }
  } else if (info?.query && info.query.trim()) {
    // Stand-in for ISC's role search: roles whose name contains the query, case-insensitively.
    const q = info.query.trim().toLowerCase();
    roles = catalogue.source.roles.filter((r) => r.name.toLowerCase().includes(q));
  } else {
    roles = catalogue.source.roles;
  }

  let fixedReviewer: string | null = null;
  if (info?.reviewer?.id) {
    if (!existingReviewer(info.reviewer.id, catalogue, alerts, info.reviewer.type ?? 'IDENTITY')) return;
    fixedReviewer = info.reviewer.id;
  }

  for (const role of roles) {
    const reviewerId = fixedReviewer ?? role.ownerId;
    if (!existingReviewer(reviewerId, catalogue, alerts)) continue;
    for (const id of role.accessProfileIds) {
      if (catalogue.accessProfiles.has(id)) plan.add(reviewerId, { identityId: role.id, type: 'ACCESS_PROFILE', accessId: id, newAccess: false });
    }
    for (const id of role.entitlementIds) {
      if (catalogue.entitlements.has(id)) plan.add(reviewerId, { identityId: role.id, type: 'ENTITLEMENT', accessId: id, newAccess: false });
    }
  }
}

/**
 * MACHINE_ACCOUNT: machine identities with an account on the campaign's sources, each reviewed by its
 * owner, for its access on those sources.
 */
function planMachineAccount(campaign: CampaignRecord, catalogue: Catalogue, plan: Plan, alerts: Alerts): void {
  const sourceIds = resolveSources(campaign.machineAccountCampaignInfo?.sourceIds, catalogue, alerts);
  if (sourceIds.size === 0) return;
  const withAccount = new Set<string>();
  for (const account of catalogue.source.accounts) if (sourceIds.has(account.sourceId)) withAccount.add(account.identityId);
  let unowned = 0;
  for (const identity of catalogue.source.identities) {
    if (!identity.isMachine || !withAccount.has(identity.id)) continue;
    if (!identity.ownerId || !catalogue.identities.has(identity.ownerId)) {
      unowned++;
      continue;
    }
    for (const a of catalogue.assignmentsOf(identity.id)) {
      const sourceId = catalogue.sourceIdOf(a);
      if (sourceId !== undefined && sourceIds.has(sourceId)) plan.add(identity.ownerId, a);
    }
  }
  if (unowned > 0) {
    alerts.add('INFO', `${unowned} machine ${unowned === 1 ? 'identity has' : 'identities have'} no owner to review them and ${unowned === 1 ? 'was' : 'were'} left out.`);
  }
}
