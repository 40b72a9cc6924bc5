/**
 * Zod schemas for the SailPoint ISC v3 Certifications + Certification Campaigns models
 * (OpenAPI `components.schemas`), hand-written from the official spec.
 *
 * They validate server responses at the boundary, so they are tolerant:
 * - only fields the spec marks required are required; everything else is optional;
 * - in models Attest only reads (`read`), an optional field whose value can't be read (a null the spec
 *   doesn't allow, a wrong type) is dropped instead of failing the whole response;
 * - enums the spec calls open ("more values may be added") accept any string (`openEnum`);
 * - date-time fields are plain strings;
 * - unknown keys are stripped (`z.object`), never rejected;
 * - campaign-service models (campaigns, templates, alerts) accept `null` on every optional
 *   field, because the spec's own examples return `null` for many fields it does not mark
 *   nullable (id, status, deadline, created, alerts, counts, *CampaignInfo, reviewer, ...).
 *
 * Each const and its inferred type share a name.
 */
import * as z from 'zod/mini';
import type { $ZodShape, $ZodType } from 'zod/v4/core';

/**
 * Fields that identify, decide or count stay strict even where the definition makes them optional: a
 * malformed value there fails the response with a message naming the field, rather than dropping it and
 * showing a wrong count, an item without its id, or a decision as missing (a bulk decision would then
 * take it for undecided).
 */
const ESSENTIAL = new Set([
  'id', 'decision', 'completed', 'phase', 'status', 'campaign', 'reviewer', 'accessSummary', 'identitySummary',
  'decisionsMade', 'decisionsTotal', 'identitiesCompleted', 'identitiesTotal', 'mandatoryCommentRequirement',
]);

/**
 * An object Attest only reads (never sends, and the sandbox never parses a request with): unknown keys are
 * stripped, and an optional field that can't be read becomes undefined rather than failing the response,
 * unless it is ESSENTIAL. Required fields stay strict: they are what the screens rely on.
 */
function read<S extends $ZodShape>(shape: S): z.ZodMiniObject<S> {
  const lenient: Record<string, $ZodType> = {};
  for (const [key, field] of Object.entries(shape) as [string, $ZodType][]) {
    lenient[key] = !ESSENTIAL.has(key) && z.safeParse(field, undefined).success ? z.catch(field, undefined) : field;
  }
  // Same output types: `catch` only changes what a failed field reads as.
  return z.object(lenient) as unknown as z.ZodMiniObject<S>;
}

/**
 * An enum the definition calls open ("more values may be added in the future"): the known values are typed,
 * any other string is kept as it came, and screens show it raw.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  void values;
  return z.string() as unknown as z.ZodMiniType<T[number] | (string & {}), string>;
}

// ---------------------------------------------------------------------------
// Shared enums and building blocks
// ---------------------------------------------------------------------------

/** Type of a referenced object (SailPoint DTO type). */
export const DtoType = z.enum([
  'ACCOUNT_CORRELATION_CONFIG',
  'ACCESS_PROFILE',
  'ACCESS_REQUEST_APPROVAL',
  'ACCOUNT',
  'APPLICATION',
  'CAMPAIGN',
  'CAMPAIGN_FILTER',
  'CERTIFICATION',
  'CLUSTER',
  'CONNECTOR_SCHEMA',
  'ENTITLEMENT',
  'GOVERNANCE_GROUP',
  'IDENTITY',
  'IDENTITY_PROFILE',
  'IDENTITY_REQUEST',
  'MACHINE_IDENTITY',
  'LIFECYCLE_STATE',
  'PASSWORD_POLICY',
  'ROLE',
  'RULE',
  'SOD_POLICY',
  'SOURCE',
  'TAG',
  'TAG_CATEGORY',
  'TASK_RESULT',
  'REPORT_RESULT',
  'SOD_VIOLATION',
  'ACCOUNT_ACTIVITY',
  'WORKGROUP',
]);
export type DtoType = z.infer<typeof DtoType>;

/** Phase of a certification: STAGED (awaiting activation), ACTIVE, SIGNED (signed off, complete). */
export const CertificationPhase = z.enum(['STAGED', 'ACTIVE', 'SIGNED']);
export type CertificationPhase = z.infer<typeof CertificationPhase>;

/** Decision on an access review item. */
export const CertificationDecision = z.enum(['APPROVE', 'REVOKE']);
export type CertificationDecision = z.infer<typeof CertificationDecision>;

/** Type of a campaign (also `CampaignReference.campaignType`). Inline enum in the spec. */
export const CampaignType = z.enum([
  'MANAGER',
  'SOURCE_OWNER',
  'SEARCH',
  'ROLE_COMPOSITION',
  'MACHINE_ACCOUNT',
]);
export type CampaignType = z.infer<typeof CampaignType>;

/** Lifecycle status of a campaign. Inline enum in the spec. */
export const CampaignStatus = z.enum([
  'PENDING',
  'STAGED',
  'CANCELING',
  'ACTIVATING',
  'ACTIVE',
  'COMPLETING',
  'COMPLETED',
  'ERROR',
  'ARCHIVED',
]);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** Whether a campaign's accounts are correlated (only SOURCE_OWNER can be UNCORRELATED). Inline enum. */
export const CorrelatedStatus = z.enum(['CORRELATED', 'UNCORRELATED']);
export type CorrelatedStatus = z.infer<typeof CorrelatedStatus>;

/** Which decisions require a reviewer comment. Inline enum. */
export const MandatoryCommentRequirement = z.enum([
  'ALL_DECISIONS',
  'REVOKE_ONLY_DECISIONS',
  'NO_DECISIONS',
]);
export type MandatoryCommentRequirement = z.infer<typeof MandatoryCommentRequirement>;

/** Type of a campaign report. */
export const ReportType = z.enum([
  'CAMPAIGN_COMPOSITION_REPORT',
  'CAMPAIGN_REMEDIATION_STATUS_REPORT',
  'CAMPAIGN_STATUS_REPORT',
  'CERTIFICATION_SIGNOFF_REPORT',
]);
export type ReportType = z.infer<typeof ReportType>;

/**
 * How the locale of a message was chosen: DEFAULT (system) or REQUEST (Accept-Language); may be null.
 * An open enum in the spec ("more values may be added"): a new value never fails a campaign's alerts.
 */
export const LOCALE_ORIGINS = ['DEFAULT', 'REQUEST'] as const;
export const LocaleOrigin = z.nullable(openEnum(LOCALE_ORIGINS));
export type LocaleOrigin = z.infer<typeof LocaleOrigin>;

/** A localized error or alert message. */
export const ErrorMessageDto = read({
  /** BCP 47 locale, e.g. "en-US". */
  locale: z.nullish(z.string()),
  localeOrigin: z.optional(LocaleOrigin),
  text: z.optional(z.string()),
});
export type ErrorMessageDto = z.infer<typeof ErrorMessageDto>;

/** A list of localized error messages. */
export const ErrorMessageDtoList = z.array(ErrorMessageDto);
export type ErrorMessageDtoList = z.infer<typeof ErrorMessageDtoList>;

// ---------------------------------------------------------------------------
// Certifications (reviewer side)
// ---------------------------------------------------------------------------

/** Reviewer of a certification: an identity or a governance group. */
export const Reviewer = read({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  /** Only for IDENTITY reviewers. */
  email: z.nullish(z.string()),
  type: z.optional(z.enum(['IDENTITY', 'GOVERNANCE_GROUP'])),
  created: z.nullish(z.string()),
  modified: z.nullish(z.string()),
});
export type Reviewer = z.infer<typeof Reviewer>;

/** Reference to a certification (type is always CERTIFICATION). */
export const CertificationReference = read({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  /** Always "CERTIFICATION". */
  type: z.optional(z.string()),
  reviewer: z.optional(Reviewer),
});
export type CertificationReference = z.infer<typeof CertificationReference>;

/** Where a reassigned certification came from. Nullable wherever it is used. */
export const Reassignment = read({
  from: z.optional(CertificationReference),
  comment: z.optional(z.string()),
});
export type Reassignment = z.infer<typeof Reassignment>;

/** Reference to the campaign a certification belongs to. */
export const CampaignReference = read({
  id: z.string(),
  name: z.string(),
  /** Always "CAMPAIGN"; required by the spec, unused here. */
  type: z.optional(z.string()),
  campaignType: CampaignType,
  /** Required (nullable) by the spec, unused by the workspace. */
  description: z.nullish(z.string()),
  /** Required by the spec, unused by the workspace. */
  correlatedStatus: z.optional(CorrelatedStatus),
  /** Which decisions need a comment: the workspace enforces it before sending. */
  mandatoryCommentRequirement: MandatoryCommentRequirement,
});
export type CampaignReference = z.infer<typeof CampaignReference>;

/** An identity certification: one reviewer's work item within a campaign. */
export const IdentityCertificationDto = read({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  campaign: z.optional(CampaignReference),
  /** Have all decisions been made? */
  completed: z.optional(z.boolean()),
  identitiesCompleted: z.optional(z.int()),
  identitiesTotal: z.optional(z.int()),
  created: z.optional(z.string()),
  modified: z.optional(z.string()),
  decisionsMade: z.optional(z.int()),
  decisionsTotal: z.optional(z.int()),
  due: z.nullish(z.string()),
  /** When the reviewer signed off. */
  signed: z.nullish(z.string()),
  reviewer: z.optional(Reviewer),
  reassignment: z.nullish(Reassignment),
  hasErrors: z.optional(z.boolean()),
  errorMessage: z.nullish(z.string()),
  phase: z.optional(CertificationPhase),
});
export type IdentityCertificationDto = z.infer<typeof IdentityCertificationDto>;

/** Identity reference with display name and email. `type` is always "IDENTITY". Nullable wherever used. */
export const IdentityReferenceWithNameAndEmail = read({
  type: z.optional(z.string()),
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  email: z.nullish(z.string()),
});
export type IdentityReferenceWithNameAndEmail = z.infer<typeof IdentityReferenceWithNameAndEmail>;

/** Insights into account activity. */
export const ActivityInsights = read({
  accountID: z.optional(z.string()),
  /** Days the account was used, 0..90. */
  usageDays: z.optional(z.int().check(z.minimum(0), z.maximum(90))),
  usageDaysState: z.optional(z.enum(['COMPLETE', 'UNKNOWN'])),
});
export type ActivityInsights = z.infer<typeof ActivityInsights>;

/** A data access policy (DataAccess.policies item). */
export const DataAccessPolicy = read({
  value: z.optional(z.string()),
});
export type DataAccessPolicy = z.infer<typeof DataAccessPolicy>;

/** A data access category with its match count (DataAccess.categories item). */
export const DataAccessCategory = read({
  value: z.optional(z.string()),
  matchCount: z.optional(z.int()),
});
export type DataAccessCategory = z.infer<typeof DataAccessCategory>;

/** Data access impact score (DataAccess.impactScore). */
export const DataAccessImpactScore = read({
  value: z.optional(z.string()),
});
export type DataAccessImpactScore = z.infer<typeof DataAccessImpactScore>;

/** DAS (data access security) data for an entitlement. Nullable wherever used. */
export const DataAccess = read({
  policies: z.optional(z.array(DataAccessPolicy)),
  categories: z.optional(z.array(DataAccessCategory)),
  impactScore: z.optional(DataAccessImpactScore),
});
export type DataAccess = z.infer<typeof DataAccess>;

/** Machine account owner (ReviewableEntitlement.account.owner). `type` is always "IDENTITY". */
export const ReviewableEntitlementAccountOwner = read({
  id: z.nullish(z.string()),
  type: z.optional(z.string()),
  displayName: z.nullish(z.string()),
});
export type ReviewableEntitlementAccountOwner = z.infer<typeof ReviewableEntitlementAccountOwner>;

/** The account holding a reviewed entitlement, with its status (ReviewableEntitlement.account). */
export const ReviewableEntitlementAccount = read({
  nativeIdentity: z.optional(z.string()),
  /** Default false. */
  disabled: z.optional(z.boolean()),
  /** Default false. */
  locked: z.optional(z.boolean()),
  type: z.optional(DtoType),
  id: z.nullish(z.string()),
  name: z.nullish(z.string()),
  created: z.nullish(z.string()),
  modified: z.nullish(z.string()),
  activityInsights: z.optional(ActivityInsights),
  description: z.nullish(z.string()),
  governanceGroupId: z.nullish(z.string()),
  owner: z.nullish(ReviewableEntitlementAccountOwner),
});
export type ReviewableEntitlementAccount = z.infer<typeof ReviewableEntitlementAccount>;

/** An entitlement under review. Nullable wherever used. Booleans default to false. */
export const ReviewableEntitlement = read({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  description: z.nullish(z.string()),
  privileged: z.optional(z.boolean()),
  owner: z.nullish(IdentityReferenceWithNameAndEmail),
  attributeName: z.optional(z.string()),
  attributeValue: z.optional(z.string()),
  sourceSchemaObjectType: z.optional(z.string()),
  sourceName: z.optional(z.string()),
  sourceType: z.optional(z.string()),
  sourceId: z.optional(z.string()),
  hasPermissions: z.optional(z.boolean()),
  isPermission: z.optional(z.boolean()),
  revocable: z.optional(z.boolean()),
  cloudGoverned: z.optional(z.boolean()),
  containsDataAccess: z.optional(z.boolean()),
  dataAccess: z.nullish(DataAccess),
  account: z.nullish(ReviewableEntitlementAccount),
});
export type ReviewableEntitlement = z.infer<typeof ReviewableEntitlement>;

/** An access profile under review. */
export const ReviewableAccessProfile = read({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  privileged: z.optional(z.boolean()),
  cloudGoverned: z.optional(z.boolean()),
  endDate: z.nullish(z.string()),
  owner: z.nullish(IdentityReferenceWithNameAndEmail),
  entitlements: z.optional(z.array(ReviewableEntitlement)),
  created: z.optional(z.string()),
  modified: z.optional(z.string()),
});
export type ReviewableAccessProfile = z.infer<typeof ReviewableAccessProfile>;

/** A role under review. Nullable wherever used. */
export const ReviewableRole = read({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  privileged: z.optional(z.boolean()),
  owner: z.nullish(IdentityReferenceWithNameAndEmail),
  revocable: z.optional(z.boolean()),
  endDate: z.nullish(z.string()),
  accessProfiles: z.optional(z.array(ReviewableAccessProfile)),
  entitlements: z.optional(z.array(ReviewableEntitlement)),
});
export type ReviewableRole = z.infer<typeof ReviewableRole>;

/** The reviewed access item itself (AccessSummary.access). */
export const AccessSummaryAccess = read({
  type: z.optional(DtoType),
  id: z.optional(z.string()),
  name: z.optional(z.string()),
});
export type AccessSummaryAccess = z.infer<typeof AccessSummaryAccess>;

/** The access under review: one of entitlement, accessProfile or role, matching `access.type`. */
export const AccessSummary = read({
  access: z.optional(AccessSummaryAccess),
  entitlement: z.nullish(ReviewableEntitlement),
  accessProfile: z.optional(ReviewableAccessProfile),
  role: z.nullish(ReviewableRole),
});
export type AccessSummary = z.infer<typeof AccessSummary>;

/** Summary of the identity whose access is reviewed. */
export const CertificationIdentitySummary = read({
  /** Identity summary id. */
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  identityId: z.optional(z.string()),
  completed: z.optional(z.boolean()),
});
export type CertificationIdentitySummary = z.infer<typeof CertificationIdentitySummary>;

/** One access review item of a certification. */
export const AccessReviewItem = read({
  accessSummary: z.optional(AccessSummary),
  identitySummary: z.optional(CertificationIdentitySummary),
  /** Review item id (used in ReviewDecision.id and ReassignReference.id). */
  id: z.optional(z.string()),
  completed: z.optional(z.boolean()),
  newAccess: z.optional(z.boolean()),
  decision: z.optional(CertificationDecision),
  comments: z.nullish(z.string()),
});
export type AccessReviewItem = z.infer<typeof AccessReviewItem>;

/** A permission (rights on a target) of an access review item. */
export const PermissionDto = read({
  rights: z.optional(z.array(z.string())),
  target: z.optional(z.string()),
});
export type PermissionDto = z.infer<typeof PermissionDto>;

/** AI recommendation attached to a decision. */
export const ReviewRecommendation = z.object({
  recommendation: z.nullish(z.string()),
  reasons: z.optional(z.array(z.string())),
  timestamp: z.optional(z.string()),
});
export type ReviewRecommendation = z.infer<typeof ReviewRecommendation>;

/** One decision in a POST /certifications/{id}/decide body. */
export const ReviewDecision = z.object({
  /** Review item id. */
  id: z.string(),
  decision: CertificationDecision,
  /** REVOKE only. */
  proposedEndDate: z.optional(z.string()),
  /** Part of a larger bulk decision. */
  bulk: z.boolean(),
  recommendation: z.nullish(ReviewRecommendation),
  comments: z.optional(z.string()),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** An item to reassign: a target summary, a review item or an identity summary. */
export const ReassignReference = z.object({
  id: z.string(),
  type: z.enum(['TARGET_SUMMARY', 'ITEM', 'IDENTITY_SUMMARY']),
});
export type ReassignReference = z.infer<typeof ReassignReference>;

/** Reassign request body (sync: ≤50 items, async: ≤500, per descriptions). */
export const ReviewReassign = z.object({
  reassign: z.array(ReassignReference),
  /** Identity id of the new reviewer. */
  reassignTo: z.string(),
  reason: z.string(),
});
export type ReviewReassign = z.infer<typeof ReviewReassign>;

/** A reassignment trail leading to a self-certification identity. */
export const ReassignmentTrailDTO = read({
  previousOwner: z.optional(z.string()),
  newOwner: z.optional(z.string()),
  reassignmentType: z.optional(z.string()),
});
export type ReassignmentTrailDTO = z.infer<typeof ReassignmentTrailDTO>;

/**
 * A list of reassignment trails. The spec's own example of a certification task gives one trail as an
 * object where the schema says array: both read as a list.
 */
export const ReassignmentTrailDTOList = z.pipe(
  z.transform((value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value)),
  z.array(ReassignmentTrailDTO),
);
export type ReassignmentTrailDTOList = z.infer<typeof ReassignmentTrailDTOList>;

/** Type of a certification task (the spec says more values may be added). */
export const CERTIFICATION_TASK_TYPES = [
  'REASSIGN',
  'ADMIN_REASSIGN',
  'COMPLETE_CERTIFICATION',
  'FINISH_CERTIFICATION',
  'COMPLETE_CAMPAIGN',
  'ACTIVATE_CAMPAIGN',
  'CAMPAIGN_CREATE',
  'CAMPAIGN_DELETE',
] as const;
export const CertificationTaskType = openEnum(CERTIFICATION_TASK_TYPES);
export type CertificationTaskType = z.infer<typeof CertificationTaskType>;

/** Status of a certification task. */
export const CertificationTaskStatus = z.enum(['QUEUED', 'IN_PROGRESS', 'SUCCESS', 'ERROR']);
export type CertificationTaskStatus = z.infer<typeof CertificationTaskStatus>;

/** An asynchronous certification/campaign task (reassign, complete, activate, ...). */
export const CertificationTask = read({
  id: z.optional(z.string()),
  type: z.optional(CertificationTaskType),
  targetType: z.optional(z.enum(['CERTIFICATION', 'CAMPAIGN'])),
  targetId: z.optional(z.string()),
  status: z.optional(CertificationTaskStatus),
  errors: z.optional(ErrorMessageDtoList),
  reassignmentTrailDTOs: z.optional(ReassignmentTrailDTOList),
  created: z.optional(z.string()),
});
export type CertificationTask = z.infer<typeof CertificationTask>;

// ---------------------------------------------------------------------------
// Campaigns (admin side). Optional fields accept null (see file header).
// ---------------------------------------------------------------------------

/** An alert raised on a campaign (e.g. generation problems). */
export const CampaignAlert = read({
  level: z.nullish(z.enum(['ERROR', 'WARN', 'INFO'])),
  localizations: z.nullish(z.array(ErrorMessageDto)),
});
export type CampaignAlert = z.infer<typeof CampaignAlert>;

/** A campaign as listed with detail=SLIM. Booleans default to false. */
export const SlimCampaign = z.object({
  id: z.nullish(z.string()),
  /** Templates apply placeholder formatting to it. */
  name: z.string(),
  description: z.nullable(z.string()),
  /** Must be in the future to activate. */
  deadline: z.nullish(z.string()),
  type: CampaignType,
  emailNotificationEnabled: z.nullish(z.boolean()),
  autoRevokeAllowed: z.nullish(z.boolean()),
  recommendationsEnabled: z.nullish(z.boolean()),
  status: z.nullish(CampaignStatus),
  correlatedStatus: z.nullish(CorrelatedStatus),
  created: z.nullish(z.string()),
  totalCertifications: z.nullish(z.int()),
  completedCertifications: z.nullish(z.int()),
  alerts: z.nullish(z.array(CampaignAlert)),
});
export type SlimCampaign = z.infer<typeof SlimCampaign>;

/** Campaign filter reference (Campaign.filter); the default filter is used if blank. `type` is always "CAMPAIGN_FILTER". */
export const CampaignFilterReference = z.object({
  id: z.nullish(z.string()),
  type: z.nullish(z.string()),
  name: z.nullish(z.string()),
});
export type CampaignFilterReference = z.infer<typeof CampaignFilterReference>;

/** SOURCE_OWNER campaign settings (Campaign.sourceOwnerCampaignInfo). */
export const SourceOwnerCampaignInfo = z.object({
  sourceIds: z.nullish(z.array(z.string())),
});
export type SourceOwnerCampaignInfo = z.infer<typeof SourceOwnerCampaignInfo>;

/** Fixed reviewer (identity or governance group) of a SEARCH or ROLE_COMPOSITION campaign. */
export const CampaignInfoReviewer = z.object({
  type: z.nullish(z.enum(['GOVERNANCE_GROUP', 'IDENTITY'])),
  id: z.nullish(z.string()),
  name: z.nullish(z.string()),
});
export type CampaignInfoReviewer = z.infer<typeof CampaignInfoReviewer>;

/** Restricts a SEARCH campaign to all or selected entitlements, access profiles or roles. */
export const AccessConstraint = z.object({
  type: z.enum(['ENTITLEMENT', 'ACCESS_PROFILE', 'ROLE']),
  /** Only when operator is SELECTED. */
  ids: z.nullish(z.array(z.string())),
  operator: z.enum(['ALL', 'SELECTED']),
});
export type AccessConstraint = z.infer<typeof AccessConstraint>;

/** SEARCH campaign settings; exactly one of `query` / `identityIds` must be set. */
export const SearchCampaignInfo = z.object({
  type: z.enum(['IDENTITY', 'ACCESS']),
  description: z.nullish(z.string()),
  reviewer: z.nullish(CampaignInfoReviewer),
  query: z.nullish(z.string()),
  identityIds: z.nullish(z.array(z.string())),
  accessConstraints: z.nullish(z.array(AccessConstraint).check(z.maxLength(1000))),
});
export type SearchCampaignInfo = z.infer<typeof SearchCampaignInfo>;

/** Who gets remediation tasks of a ROLE_COMPOSITION campaign (a Role Admin or Org Admin identity). */
export const RemediatorRef = z.object({
  type: z.literal('IDENTITY'),
  id: z.string(),
  name: z.nullish(z.string()),
});
export type RemediatorRef = z.infer<typeof RemediatorRef>;

/** ROLE_COMPOSITION campaign settings; at most one of `roleIds` / `query` (neither = all roles). */
export const RoleCompositionCampaignInfo = z.object({
  reviewer: z.nullish(CampaignInfoReviewer),
  roleIds: z.nullish(z.array(z.string())),
  remediatorRef: RemediatorRef,
  query: z.nullish(z.string()),
  description: z.nullish(z.string()),
});
export type RoleCompositionCampaignInfo = z.infer<typeof RoleCompositionCampaignInfo>;

/** MACHINE_ACCOUNT campaign settings. `reviewerType` is always "ACCOUNT_OWNER". */
export const MachineAccountCampaignInfo = z.object({
  sourceIds: z.nullish(z.array(z.string())),
  reviewerType: z.nullish(z.string()),
});
export type MachineAccountCampaignInfo = z.infer<typeof MachineAccountCampaignInfo>;

/** A source with orphan entitlements (Campaign.sourcesWithOrphanEntitlements item). `type` is always "SOURCE". */
export const SourceWithOrphanEntitlements = z.object({
  id: z.nullish(z.string()),
  type: z.nullish(z.string()),
  name: z.nullish(z.string()),
});
export type SourceWithOrphanEntitlements = z.infer<typeof SourceWithOrphanEntitlements>;

/** A full campaign (detail=FULL, create, template body): SlimCampaign plus configuration. */
export const Campaign = z.extend(SlimCampaign, {
  modified: z.nullish(z.string()),
  filter: z.nullish(CampaignFilterReference),
  /** Default true. */
  sunsetCommentsRequired: z.nullish(z.boolean()),
  sourceOwnerCampaignInfo: z.nullish(SourceOwnerCampaignInfo),
  searchCampaignInfo: z.nullish(SearchCampaignInfo),
  roleCompositionCampaignInfo: z.nullish(RoleCompositionCampaignInfo),
  machineAccountCampaignInfo: z.nullish(MachineAccountCampaignInfo),
  /** Empty means none; null means unknown. */
  sourcesWithOrphanEntitlements: z.nullish(z.array(SourceWithOrphanEntitlements)),
  mandatoryCommentRequirement: z.nullish(MandatoryCommentRequirement),
});
export type Campaign = z.infer<typeof Campaign>;

/** New reviewer for an admin reassign (AdminReviewReassign.reassignTo). `type` is always "IDENTITY". */
export const AdminReviewReassignTo = z.object({
  id: z.optional(z.string()),
  type: z.optional(z.string()),
});
export type AdminReviewReassignTo = z.infer<typeof AdminReviewReassignTo>;

/** Admin reassign body (POST /campaigns/{id}/reassign): 1..250 certifications. */
export const AdminReviewReassign = z.object({
  certificationIds: z.optional(z.array(z.string()).check(z.minLength(1), z.maxLength(250))),
  reassignTo: z.optional(AdminReviewReassignTo),
  reason: z.optional(z.string()),
});
export type AdminReviewReassign = z.infer<typeof AdminReviewReassign>;

/** Activate body; `timeZone` defaults to "Z". */
export const ActivateCampaignOptions = z.object({
  timeZone: z.optional(z.string()),
});
export type ActivateCampaignOptions = z.infer<typeof ActivateCampaignOptions>;

/** Complete body; `autoCompleteAction` (for undecided items) defaults to APPROVE. */
export const CampaignCompleteOptions = z.object({
  autoCompleteAction: z.optional(z.enum(['APPROVE', 'REVOKE'])),
});
export type CampaignCompleteOptions = z.infer<typeof CampaignCompleteOptions>;

/** Bulk delete body: campaign ids. */
export const CampaignsDeleteRequest = z.object({
  ids: z.optional(z.array(z.string())),
});
export type CampaignsDeleteRequest = z.infer<typeof CampaignsDeleteRequest>;

// ---------------------------------------------------------------------------
// Campaign templates and schedules
// ---------------------------------------------------------------------------

/** Owner of a template (set to the caller at creation). `type` is always "IDENTITY". */
export const CampaignTemplateOwnerRef = z.object({
  id: z.nullish(z.string()),
  type: z.nullish(z.string()),
  name: z.nullish(z.string()),
  email: z.nullish(z.string()),
});
export type CampaignTemplateOwnerRef = z.infer<typeof CampaignTemplateOwnerRef>;

/** A campaign template; its `campaign` has null id, status and deadline. */
export const CampaignTemplate = z.object({
  id: z.nullish(z.string()),
  name: z.string(),
  description: z.string(),
  created: z.string(),
  modified: z.nullable(z.string()),
  /** Default false. */
  scheduled: z.nullish(z.boolean()),
  ownerRef: z.nullish(CampaignTemplateOwnerRef),
  /** ISO-8601 duration added to the generation date, e.g. "P2W". */
  deadlineDuration: z.nullish(z.string()),
  campaign: Campaign,
});
export type CampaignTemplate = z.infer<typeof CampaignTemplate>;

/** Create-template request body: CampaignTemplate without its read-only fields (created, modified are required only in responses). */
export const CampaignTemplateInput = z.omit(CampaignTemplate, {
  created: true,
  modified: true,
  scheduled: true,
  ownerRef: true,
});
export type CampaignTemplateInput = z.infer<typeof CampaignTemplateInput>;

/** Kind of schedule. */
export const ScheduleType = z.enum(['WEEKLY', 'MONTHLY', 'ANNUALLY', 'CALENDAR']);
export type ScheduleType = z.infer<typeof ScheduleType>;

/** How a schedule part's `values` are read: a LIST of values or a RANGE [start, end]. */
export const ScheduleValuesType = z.enum(['LIST', 'RANGE']);
export type ScheduleValuesType = z.infer<typeof ScheduleValuesType>;

/** Active months of an ANNUALLY schedule. */
export const ScheduleMonths = z.object({
  type: ScheduleValuesType,
  values: z.array(z.string()),
  /** Not nullable in the spec (days/hours intervals are); accepted as null for consistency. */
  interval: z.nullish(z.int()),
});
export type ScheduleMonths = z.infer<typeof ScheduleMonths>;

/** Active days of a schedule (1-7, 1-31/L, --MM-DD or YYYY-MM-DD depending on schedule type). */
export const ScheduleDays = z.object({
  type: ScheduleValuesType,
  values: z.array(z.string()),
  interval: z.nullish(z.int()),
});
export type ScheduleDays = z.infer<typeof ScheduleDays>;

/** Active hours of a schedule. */
export const ScheduleHours = z.object({
  type: ScheduleValuesType,
  values: z.array(z.string()),
  interval: z.nullish(z.int()),
});
export type ScheduleHours = z.infer<typeof ScheduleHours>;

/** Schedule of a campaign template. */
export const Schedule = z.object({
  type: ScheduleType,
  months: z.nullish(ScheduleMonths),
  /** Described as required for all types, but not required by the schema. */
  days: z.optional(ScheduleDays),
  hours: ScheduleHours,
  expiration: z.nullish(z.string()),
  /** e.g. "CST". */
  timeZoneId: z.optional(z.string()),
});
export type Schedule = z.infer<typeof Schedule>;

// ---------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------

/** Reference to a report result. `type` is always "REPORT_RESULT". */
export const SodReportResultDto = read({
  type: z.optional(z.string()),
  id: z.optional(z.string()),
  name: z.optional(z.string()),
});
export type SodReportResultDto = z.infer<typeof SodReportResultDto>;

/** Status of a report run. */
export const ReportResultStatus = z.enum([
  'SUCCESS',
  'WARNING',
  'ERROR',
  'TERMINATED',
  'TEMP_ERROR',
  'PENDING',
]);
export type ReportResultStatus = z.infer<typeof ReportResultStatus>;

/** Reference to a report result, with its status. */
export const ReportResultReference = read({
  ...SodReportResultDto.shape,
  status: z.optional(ReportResultStatus),
});
export type ReportResultReference = z.infer<typeof ReportResultReference>;

/** A campaign report. */
export const CampaignReport = read({
  ...ReportResultReference.shape,
  reportType: ReportType,
  /** When the report last ran. */
  lastRunAt: z.optional(z.string()),
});
export type CampaignReport = z.infer<typeof CampaignReport>;

/** Tenant-wide campaign report settings: extra identity attribute columns. */
export const CampaignReportsConfig = z.object({
  identityAttributeColumns: z.nullish(z.array(z.string())),
});
export type CampaignReportsConfig = z.infer<typeof CampaignReportsConfig>;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Error body of 400/403/404/500 responses. */
export const ErrorResponseDto = read({
  /** e.g. "404 Not found". */
  detailCode: z.optional(z.string()),
  trackingId: z.optional(z.string()),
  messages: z.optional(z.array(ErrorMessageDto)),
  causes: z.optional(z.array(ErrorMessageDto)),
});
export type ErrorResponseDto = z.infer<typeof ErrorResponseDto>;

/** Body of a 401 response (components.responses, not a named schema). */
export const UnauthorizedErrorBody = read({
  error: z.optional(z.string()),
});
export type UnauthorizedErrorBody = z.infer<typeof UnauthorizedErrorBody>;

/** Body of a 429 response (components.responses, not a named schema); see Retry-After. */
export const RateLimitErrorBody = read({
  message: z.optional(z.string()),
});
export type RateLimitErrorBody = z.infer<typeof RateLimitErrorBody>;

// ---------------------------------------------------------------------------
// JSON Patch (RFC 6902)
// ---------------------------------------------------------------------------

/** One RFC 6902 JSON Patch operation. `from` (move/copy) is not in the spec but RFC 6902 needs it. */
export const JsonPatchOperation = z.object({
  op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
  /** JSON Pointer of the target. */
  path: z.string(),
  /** Required for add and replace. */
  value: z.optional(
    z.union([
      z.string(),
      z.boolean(),
      z.number(),
      z.record(z.string(), z.unknown()),
      z.array(z.unknown()),
    ]),
  ),
  /** Source JSON Pointer for move and copy. */
  from: z.optional(z.string()),
});
export type JsonPatchOperation = z.infer<typeof JsonPatchOperation>;

/** A JSON Patch document (body of the PATCH operations). */
export const JsonPatch = z.array(JsonPatchOperation);
export type JsonPatch = z.infer<typeof JsonPatch>;

// ---------------------------------------------------------------------------
// Response conveniences
// ---------------------------------------------------------------------------

/** GET /certifications. */
export const IdentityCertificationDtoList = z.array(IdentityCertificationDto);
export type IdentityCertificationDtoList = z.infer<typeof IdentityCertificationDtoList>;

/** GET /certifications/{id}/access-review-items. */
export const AccessReviewItemList = z.array(AccessReviewItem);
export type AccessReviewItemList = z.infer<typeof AccessReviewItemList>;

/** GET /certifications/{certificationId}/access-review-items/{itemId}/permissions. */
export const PermissionDtoList = z.array(PermissionDto);
export type PermissionDtoList = z.infer<typeof PermissionDtoList>;

/** GET /certifications/{id}/reviewers. */
export const IdentityReferenceWithNameAndEmailList = z.array(IdentityReferenceWithNameAndEmail);
export type IdentityReferenceWithNameAndEmailList = z.infer<
  typeof IdentityReferenceWithNameAndEmailList
>;

/** GET /certification-tasks. */
export const CertificationTaskList = z.array(CertificationTask);
export type CertificationTaskList = z.infer<typeof CertificationTaskList>;

/** GET /campaign-templates. */
export const CampaignTemplateList = z.array(CampaignTemplate);
export type CampaignTemplateList = z.infer<typeof CampaignTemplateList>;

/** GET /campaigns/{id}/reports. */
export const CampaignReportList = z.array(CampaignReport);
export type CampaignReportList = z.infer<typeof CampaignReportList>;

/** GET /campaigns: SlimCampaign items, or Campaign items with detail=FULL. */
export const CampaignList = z.array(z.union([Campaign, SlimCampaign]));
export type CampaignList = z.infer<typeof CampaignList>;

/** The `{}` body of 202 responses (activate, complete, delete, remediation scan, run report). */
export const EmptyObject = z.object({});
export type EmptyObject = z.infer<typeof EmptyObject>;
