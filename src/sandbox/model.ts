import type {
  AccessConstraint,
  Campaign,
  CampaignReportsConfig,
  CampaignTemplate,
  CertificationDecision,
  CertificationPhase,
  CertificationTask,
  PermissionDto,
  ReportType,
  Schedule,
} from '../api/schemas';

/**
 * The sandbox's own records. They are kept small and normalised (ids, not copies) so that a decision
 * persists as one small record; the API's DTOs are built from them on every read (see views.ts).
 */

export type { UserLevel } from '../api/rules';
import type { UserLevel } from '../api/rules';
export type AccessType = 'ENTITLEMENT' | 'ACCESS_PROFILE' | 'ROLE';

export interface Identity {
  id: string;
  name: string;
  email: string | null;
  managerId: string | null;
  department: string;
  title: string;
  /** ISC user levels (authorities) of this identity. */
  levels: UserLevel[];
  /** A machine identity (service account) has an owner instead of a manager. */
  isMachine: boolean;
  ownerId: string | null;
}

export interface Source {
  id: string;
  name: string;
  /** Connector type, e.g. "Active Directory - Direct". */
  type: string;
  ownerId: string;
}

export interface Entitlement {
  id: string;
  name: string;
  description: string | null;
  attributeName: string;
  attributeValue: string;
  sourceSchemaObjectType: string;
  sourceId: string;
  ownerId: string;
  privileged: boolean;
  cloudGoverned: boolean;
  revocable: boolean;
  containsDataAccess: boolean;
  /** Data access impact, 0..10, when containsDataAccess. */
  impactScore: number | null;
  dataCategories: string[];
  permissions: PermissionDto[];
}

export interface AccessProfile {
  id: string;
  name: string;
  description: string;
  sourceId: string;
  ownerId: string;
  privileged: boolean;
  entitlementIds: string[];
  created: string;
  modified: string;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  privileged: boolean;
  revocable: boolean;
  accessProfileIds: string[];
  entitlementIds: string[];
}

/** One account of an identity on a source. */
export interface Account {
  id: string;
  identityId: string;
  sourceId: string;
  nativeIdentity: string;
  name: string;
  disabled: boolean;
  locked: boolean;
  created: string;
  /** Days used in the last 90 (activity insights); null when unknown. */
  usageDays: number | null;
}

/** What an identity has: the input from which campaigns build their review items. */
export interface Assignment {
  identityId: string;
  type: AccessType;
  accessId: string;
  /** Granted since the last campaign. */
  newAccess: boolean;
}

/** A campaign as ISC describes it, plus when its pending work finishes. */
export interface CampaignRecord extends Campaign {
  id: string;
  /** When a PENDING campaign becomes STAGED (generation done), or a COMPLETING one COMPLETED. */
  transitionAt: string | null;
}

export interface CertificationRecord {
  id: string;
  name: string;
  campaignId: string;
  reviewerId: string;
  phase: CertificationPhase;
  due: string | null;
  signed: string | null;
  created: string;
  modified: string;
  /**
   * Set on a certification made by reassigning work out of another. The from-certification's name and
   * reviewer are kept too, because an admin reassign removes the certification it emptied.
   */
  reassignment: { fromId: string; comment: string; fromName?: string; fromReviewerId?: string } | null;
}

export interface ItemRecord {
  id: string;
  certificationId: string;
  /** The reviewed identity (for role composition: the role's pseudo identity). */
  identityId: string;
  identitySummaryId: string;
  type: AccessType;
  accessId: string;
  newAccess: boolean;
  decision: CertificationDecision | null;
  comments: string | null;
  proposedEndDate: string | null;
  bulk: boolean;
}

/** A background task, with what it will do once it succeeds. */
export interface TaskRecord extends CertificationTask {
  id: string;
  /** Identity that submitted it (pending tasks are listed for their reviewer). */
  ownerId: string;
  /** When it moves to IN_PROGRESS, and when it finishes. */
  startAt: string;
  finishAt: string;
  work:
    | { kind: 'reassign'; certificationId: string; refs: { id: string; type: string }[]; reassignTo: string; reason: string }
    | { kind: 'admin-reassign'; campaignId: string; certificationIds: string[]; reassignTo: string; reason: string }
    | { kind: 'none' };
}

export interface ReportRecord {
  id: string;
  campaignId: string;
  reportType: ReportType;
  status: 'SUCCESS' | 'WARNING' | 'ERROR' | 'TERMINATED' | 'TEMP_ERROR' | 'PENDING';
  lastRunAt: string;
  finishAt: string;
}

export interface TemplateRecord extends CampaignTemplate {
  id: string;
}

export interface ScheduleRecord extends Schedule {
  /** The template id. */
  id: string;
  /** The sandbox's scheduler has generated every run up to this instant (not part of ISC's Schedule). */
  checkedThrough?: string;
}

/**
 * One decision the tenant accepted, as the sandbox's audit keeps it: one row per item per accepted
 * `makeIdentityDecision` call, with who sent it. A test and demo control, not part of ISC's API.
 */
export interface DecisionAuditRecord {
  id: string;
  /** When the tenant accepted it (ISO 8601). */
  at: string;
  /** Orders rows accepted within the same millisecond by one tab. */
  seq: number;
  certificationId: string;
  itemId: string;
  decision: CertificationDecision;
  comments: string | null;
  proposedEndDate: string | null;
  bulk: boolean;
  /** The identity whose session sent the call (the caller), and its name. */
  actorId: string;
  actorName: string;
}

export interface ReportsConfigRecord extends CampaignReportsConfig {
  id: 'config';
}

/** Every table of the sandbox, by name. */
export interface Tables {
  identities: Identity;
  sources: Source;
  entitlements: Entitlement;
  accessProfiles: AccessProfile;
  roles: Role;
  accounts: Account;
  campaigns: CampaignRecord;
  certifications: CertificationRecord;
  items: ItemRecord;
  tasks: TaskRecord;
  reports: ReportRecord;
  templates: TemplateRecord;
  schedules: ScheduleRecord;
  reportsConfig: ReportsConfigRecord;
  decisionAudit: DecisionAuditRecord;
}
export type TableName = keyof Tables;
export const TABLE_NAMES: TableName[] = [
  'identities', 'sources', 'entitlements', 'accessProfiles', 'roles', 'accounts', 'campaigns',
  'certifications', 'items', 'tasks', 'reports', 'templates', 'schedules', 'reportsConfig', 'decisionAudit',
];

/** The seed: the tables, plus each identity's access (which campaigns generate items from). */
export interface SeedData {
  tables: { [K in TableName]: Tables[K][] };
  assignments: Assignment[];
}

/** A persona: an identity of the seed to act as, shown in the sandbox's persona switcher. */
export interface Persona {
  key: 'manager' | 'source-owner' | 'cert-admin' | 'org-admin' | 'reportAdmin';
  identityId: string;
  label: string;
  description: string;
}

export type { AccessConstraint };
