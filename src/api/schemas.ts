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
import { z } from 'zod';

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
function read<S extends z.ZodRawShape>(shape: S): z.ZodObject<S> {
  const lenient: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape) as [string, z.ZodType][]) {
    lenient[key] = !ESSENTIAL.has(key) && field.safeParse(undefined).success ? field.catch(undefined) : field;
  }
  // Same output types: `.catch` only changes what a failed field reads as.
  return z.object(lenient) as unknown as z.ZodObject<S>;
}

/**
 * An enum the definition calls open ("more values may be added in the future"): the known values are typed,
 * any other string is kept as it came, and screens show it raw.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  void values;
  return z.string() as unknown as z.ZodType<T[number] | (string & {}), string>;
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
export const LocaleOrigin = openEnum(LOCALE_ORIGINS).nullable();
export type LocaleOrigin = z.infer<typeof LocaleOrigin>;

/** A localized error or alert message. */
export const ErrorMessageDto = read({
  /** BCP 47 locale, e.g. "en-US". */
  locale: z.string().nullish(),
  localeOrigin: LocaleOrigin.optional(),
  text: z.string().optional(),
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
  id: z.string().optional(),
  name: z.string().optional(),
  /** Only for IDENTITY reviewers. */
  email: z.string().nullish(),
  type: z.enum(['IDENTITY', 'GOVERNANCE_GROUP']).optional(),
  created: z.string().nullish(),
  modified: z.string().nullish(),
});
export type Reviewer = z.infer<typeof Reviewer>;

/** Reference to a certification (type is always CERTIFICATION). */
export const CertificationReference = read({
  id: z.string().optional(),
  name: z.string().optional(),
  /** Always "CERTIFICATION". */
  type: z.string().optional(),
  reviewer: Reviewer.optional(),
});
export type CertificationReference = z.infer<typeof CertificationReference>;

/** Where a reassigned certification came from. Nullable wherever it is used. */
export const Reassignment = read({
  from: CertificationReference.optional(),
  comment: z.string().optional(),
});
export type Reassignment = z.infer<typeof Reassignment>;

/** Reference to the campaign a certification belongs to. */
export const CampaignReference = read({
  id: z.string(),
  name: z.string(),
  /** Always "CAMPAIGN"; required by the spec, unused here. */
  type: z.string().optional(),
  campaignType: CampaignType,
  /** Required (nullable) by the spec, unused by the workspace. */
  description: z.string().nullish(),
  /** Required by the spec, unused by the workspace. */
  correlatedStatus: CorrelatedStatus.optional(),
  /** Which decisions need a comment: the workspace enforces it before sending. */
  mandatoryCommentRequirement: MandatoryCommentRequirement,
});
export type CampaignReference = z.infer<typeof CampaignReference>;

/** An identity certification: one reviewer's work item within a campaign. */
export const IdentityCertificationDto = read({
  id: z.string().optional(),
  name: z.string().optional(),
  campaign: CampaignReference.optional(),
  /** Have all decisions been made? */
  completed: z.boolean().optional(),
  identitiesCompleted: z.int().optional(),
  identitiesTotal: z.int().optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
  decisionsMade: z.int().optional(),
  decisionsTotal: z.int().optional(),
  due: z.string().nullish(),
  /** When the reviewer signed off. */
  signed: z.string().nullish(),
  reviewer: Reviewer.optional(),
  reassignment: Reassignment.nullish(),
  hasErrors: z.boolean().optional(),
  errorMessage: z.string().nullish(),
  phase: CertificationPhase.optional(),
});
export type IdentityCertificationDto = z.infer<typeof IdentityCertificationDto>;

/** Identity reference with display name and email. `type` is always "IDENTITY". Nullable wherever used. */
export const IdentityReferenceWithNameAndEmail = read({
  type: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  email: z.string().nullish(),
});
export type IdentityReferenceWithNameAndEmail = z.infer<typeof IdentityReferenceWithNameAndEmail>;

/** Insights into account activity. */
export const ActivityInsights = read({
  accountID: z.string().optional(),
  /** Days the account was used, 0..90. */
  usageDays: z.int().min(0).max(90).optional(),
  usageDaysState: z.enum(['COMPLETE', 'UNKNOWN']).optional(),
});
export type ActivityInsights = z.infer<typeof ActivityInsights>;

/** A data access policy (DataAccess.policies item). */
export const DataAccessPolicy = read({
  value: z.string().optional(),
});
export type DataAccessPolicy = z.infer<typeof DataAccessPolicy>;

/** A data access category with its match count (DataAccess.categories item). */
export const DataAccessCategory = read({
  value: z.string().optional(),
  matchCount: z.int().optional(),
});
export type DataAccessCategory = z.infer<typeof DataAccessCategory>;

/** Data access impact score (DataAccess.impactScore). */
export const DataAccessImpactScore = read({
  value: z.string().optional(),
});
export type DataAccessImpactScore = z.infer<typeof DataAccessImpactScore>;

/** DAS (data access security) data for an entitlement. Nullable wherever used. */
export const DataAccess = read({
  policies: z.array(DataAccessPolicy).optional(),
  categories: z.array(DataAccessCategory).optional(),
  impactScore: DataAccessImpactScore.optional(),
});
export type DataAccess = z.infer<typeof DataAccess>;

/** Machine account owner (ReviewableEntitlement.account.owner). `type` is always "IDENTITY". */
export const ReviewableEntitlementAccountOwner = read({
  id: z.string().nullish(),
  type: z.string().optional(),
  displayName: z.string().nullish(),
});
export type ReviewableEntitlementAccountOwner = z.infer<typeof ReviewableEntitlementAccountOwner>;

/** The account holding a reviewed entitlement, with its status (ReviewableEntitlement.account). */
export const ReviewableEntitlementAccount = read({
  nativeIdentity: z.string().optional(),
  /** Default false. */
  disabled: z.boolean().optional(),
  /** Default false. */
  locked: z.boolean().optional(),
  type: DtoType.optional(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  created: z.string().nullish(),
  modified: z.string().nullish(),
  activityInsights: ActivityInsights.optional(),
  description: z.string().nullish(),
  governanceGroupId: z.string().nullish(),
  owner: ReviewableEntitlementAccountOwner.nullish(),
});
export type ReviewableEntitlementAccount = z.infer<typeof ReviewableEntitlementAccount>;

/** An entitlement under review. Nullable wherever used. Booleans default to false. */
export const ReviewableEntitlement = read({
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().nullish(),
  privileged: z.boolean().optional(),
  owner: IdentityReferenceWithNameAndEmail.nullish(),
  attributeName: z.string().optional(),
  attributeValue: z.string().optional(),
  sourceSchemaObjectType: z.string().optional(),
  sourceName: z.string().optional(),
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
  hasPermissions: z.boolean().optional(),
  isPermission: z.boolean().optional(),
  revocable: z.boolean().optional(),
  cloudGoverned: z.boolean().optional(),
  containsDataAccess: z.boolean().optional(),
  dataAccess: DataAccess.nullish(),
  account: ReviewableEntitlementAccount.nullish(),
});
export type ReviewableEntitlement = z.infer<typeof ReviewableEntitlement>;

/** An access profile under review. */
export const ReviewableAccessProfile = read({
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  privileged: z.boolean().optional(),
  cloudGoverned: z.boolean().optional(),
  endDate: z.string().nullish(),
  owner: IdentityReferenceWithNameAndEmail.nullish(),
  entitlements: z.array(ReviewableEntitlement).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
});
export type ReviewableAccessProfile = z.infer<typeof ReviewableAccessProfile>;

/** A role under review. Nullable wherever used. */
export const ReviewableRole = read({
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  privileged: z.boolean().optional(),
  owner: IdentityReferenceWithNameAndEmail.nullish(),
  revocable: z.boolean().optional(),
  endDate: z.string().nullish(),
  accessProfiles: z.array(ReviewableAccessProfile).optional(),
  entitlements: z.array(ReviewableEntitlement).optional(),
});
export type ReviewableRole = z.infer<typeof ReviewableRole>;

/** The reviewed access item itself (AccessSummary.access). */
export const AccessSummaryAccess = read({
  type: DtoType.optional(),
  id: z.string().optional(),
  name: z.string().optional(),
});
export type AccessSummaryAccess = z.infer<typeof AccessSummaryAccess>;

/** The access under review: one of entitlement, accessProfile or role, matching `access.type`. */
export const AccessSummary = read({
  access: AccessSummaryAccess.optional(),
  entitlement: ReviewableEntitlement.nullish(),
  accessProfile: ReviewableAccessProfile.optional(),
  role: ReviewableRole.nullish(),
});
export type AccessSummary = z.infer<typeof AccessSummary>;

/** Summary of the identity whose access is reviewed. */
export const CertificationIdentitySummary = read({
  /** Identity summary id. */
  id: z.string().optional(),
  name: z.string().optional(),
  identityId: z.string().optional(),
  completed: z.boolean().optional(),
});
export type CertificationIdentitySummary = z.infer<typeof CertificationIdentitySummary>;

/** One access review item of a certification. */
export const AccessReviewItem = read({
  accessSummary: AccessSummary.optional(),
  identitySummary: CertificationIdentitySummary.optional(),
  /** Review item id (used in ReviewDecision.id and ReassignReference.id). */
  id: z.string().optional(),
  completed: z.boolean().optional(),
  newAccess: z.boolean().optional(),
  decision: CertificationDecision.optional(),
  comments: z.string().nullish(),
});
export type AccessReviewItem = z.infer<typeof AccessReviewItem>;

/** A permission (rights on a target) of an access review item. */
export const PermissionDto = read({
  rights: z.array(z.string()).optional(),
  target: z.string().optional(),
});
export type PermissionDto = z.infer<typeof PermissionDto>;

/** AI recommendation attached to a decision. */
export const ReviewRecommendation = z.object({
  recommendation: z.string().nullish(),
  reasons: z.array(z.string()).optional(),
  timestamp: z.string().optional(),
});
export type ReviewRecommendation = z.infer<typeof ReviewRecommendation>;

/** One decision in a POST /certifications/{id}/decide body. */
export const ReviewDecision = z.object({
  /** Review item id. */
  id: z.string(),
  decision: CertificationDecision,
  /** REVOKE only. */
  proposedEndDate: z.string().optional(),
  /** Part of a larger bulk decision. */
  bulk: z.boolean(),
  recommendation: ReviewRecommendation.nullish(),
  comments: z.string().optional(),
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
  previousOwner: z.string().optional(),
  newOwner: z.string().optional(),
  reassignmentType: z.string().optional(),
});
export type ReassignmentTrailDTO = z.infer<typeof ReassignmentTrailDTO>;

/**
 * A list of reassignment trails. The spec's own example of a certification task gives one trail as an
 * object where the schema says array: both read as a list.
 */
export const ReassignmentTrailDTOList = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value),
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
  id: z.string().optional(),
  type: CertificationTaskType.optional(),
  targetType: z.enum(['CERTIFICATION', 'CAMPAIGN']).optional(),
  targetId: z.string().optional(),
  status: CertificationTaskStatus.optional(),
  errors: ErrorMessageDtoList.optional(),
  reassignmentTrailDTOs: ReassignmentTrailDTOList.optional(),
  created: z.string().optional(),
});
export type CertificationTask = z.infer<typeof CertificationTask>;

// ---------------------------------------------------------------------------
// Campaigns (admin side). Optional fields accept null (see file header).
// ---------------------------------------------------------------------------

/** An alert raised on a campaign (e.g. generation problems). */
export const CampaignAlert = read({
  level: z.enum(['ERROR', 'WARN', 'INFO']).nullish(),
  localizations: z.array(ErrorMessageDto).nullish(),
});
export type CampaignAlert = z.infer<typeof CampaignAlert>;

/** A campaign as listed with detail=SLIM. Booleans default to false. */
export const SlimCampaign = z.object({
  id: z.string().nullish(),
  /** Templates apply placeholder formatting to it. */
  name: z.string(),
  description: z.string().nullable(),
  /** Must be in the future to activate. */
  deadline: z.string().nullish(),
  type: CampaignType,
  emailNotificationEnabled: z.boolean().nullish(),
  autoRevokeAllowed: z.boolean().nullish(),
  recommendationsEnabled: z.boolean().nullish(),
  status: CampaignStatus.nullish(),
  correlatedStatus: CorrelatedStatus.nullish(),
  created: z.string().nullish(),
  totalCertifications: z.int().nullish(),
  completedCertifications: z.int().nullish(),
  alerts: z.array(CampaignAlert).nullish(),
});
export type SlimCampaign = z.infer<typeof SlimCampaign>;

/** Campaign filter reference (Campaign.filter); the default filter is used if blank. `type` is always "CAMPAIGN_FILTER". */
export const CampaignFilterReference = z.object({
  id: z.string().nullish(),
  type: z.string().nullish(),
  name: z.string().nullish(),
});
export type CampaignFilterReference = z.infer<typeof CampaignFilterReference>;

/** SOURCE_OWNER campaign settings (Campaign.sourceOwnerCampaignInfo). */
export const SourceOwnerCampaignInfo = z.object({
  sourceIds: z.array(z.string()).nullish(),
});
export type SourceOwnerCampaignInfo = z.infer<typeof SourceOwnerCampaignInfo>;

/** Fixed reviewer (identity or governance group) of a SEARCH or ROLE_COMPOSITION campaign. */
export const CampaignInfoReviewer = z.object({
  type: z.enum(['GOVERNANCE_GROUP', 'IDENTITY']).nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
});
export type CampaignInfoReviewer = z.infer<typeof CampaignInfoReviewer>;

/** Restricts a SEARCH campaign to all or selected entitlements, access profiles or roles. */
export const AccessConstraint = z.object({
  type: z.enum(['ENTITLEMENT', 'ACCESS_PROFILE', 'ROLE']),
  /** Only when operator is SELECTED. */
  ids: z.array(z.string()).nullish(),
  operator: z.enum(['ALL', 'SELECTED']),
});
export type AccessConstraint = z.infer<typeof AccessConstraint>;

/** SEARCH campaign settings; exactly one of `query` / `identityIds` must be set. */
export const SearchCampaignInfo = z.object({
  type: z.enum(['IDENTITY', 'ACCESS']),
  description: z.string().nullish(),
  reviewer: CampaignInfoReviewer.nullish(),
  query: z.string().nullish(),
  identityIds: z.array(z.string()).nullish(),
  accessConstraints: z.array(AccessConstraint).max(1000).nullish(),
});
export type SearchCampaignInfo = z.infer<typeof SearchCampaignInfo>;

/** Who gets remediation tasks of a ROLE_COMPOSITION campaign (a Role Admin or Org Admin identity). */
export const RemediatorRef = z.object({
  type: z.literal('IDENTITY'),
  id: z.string(),
  name: z.string().nullish(),
});
export type RemediatorRef = z.infer<typeof RemediatorRef>;

/** ROLE_COMPOSITION campaign settings; at most one of `roleIds` / `query` (neither = all roles). */
export const RoleCompositionCampaignInfo = z.object({
  reviewer: CampaignInfoReviewer.nullish(),
  roleIds: z.array(z.string()).nullish(),
  remediatorRef: RemediatorRef,
  query: z.string().nullish(),
  description: z.string().nullish(),
});
export type RoleCompositionCampaignInfo = z.infer<typeof RoleCompositionCampaignInfo>;

/** MACHINE_ACCOUNT campaign settings. `reviewerType` is always "ACCOUNT_OWNER". */
export const MachineAccountCampaignInfo = z.object({
  sourceIds: z.array(z.string()).nullish(),
  reviewerType: z.string().nullish(),
});
export type MachineAccountCampaignInfo = z.infer<typeof MachineAccountCampaignInfo>;

/** A source with orphan entitlements (Campaign.sourcesWithOrphanEntitlements item). `type` is always "SOURCE". */
export const SourceWithOrphanEntitlements = z.object({
  id: z.string().nullish(),
  type: z.string().nullish(),
  name: z.string().nullish(),
});
export type SourceWithOrphanEntitlements = z.infer<typeof SourceWithOrphanEntitlements>;

/** A full campaign (detail=FULL, create, template body): SlimCampaign plus configuration. */
export const Campaign = SlimCampaign.extend({
  modified: z.string().nullish(),
  filter: CampaignFilterReference.nullish(),
  /** Default true. */
  sunsetCommentsRequired: z.boolean().nullish(),
  sourceOwnerCampaignInfo: SourceOwnerCampaignInfo.nullish(),
  searchCampaignInfo: SearchCampaignInfo.nullish(),
  roleCompositionCampaignInfo: RoleCompositionCampaignInfo.nullish(),
  machineAccountCampaignInfo: MachineAccountCampaignInfo.nullish(),
  /** Empty means none; null means unknown. */
  sourcesWithOrphanEntitlements: z.array(SourceWithOrphanEntitlements).nullish(),
  mandatoryCommentRequirement: MandatoryCommentRequirement.nullish(),
});
export type Campaign = z.infer<typeof Campaign>;

/** New reviewer for an admin reassign (AdminReviewReassign.reassignTo). `type` is always "IDENTITY". */
export const AdminReviewReassignTo = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
});
export type AdminReviewReassignTo = z.infer<typeof AdminReviewReassignTo>;

/** Admin reassign body (POST /campaigns/{id}/reassign): 1..250 certifications. */
export const AdminReviewReassign = z.object({
  certificationIds: z.array(z.string()).min(1).max(250).optional(),
  reassignTo: AdminReviewReassignTo.optional(),
  reason: z.string().optional(),
});
export type AdminReviewReassign = z.infer<typeof AdminReviewReassign>;

/** Activate body; `timeZone` defaults to "Z". */
export const ActivateCampaignOptions = z.object({
  timeZone: z.string().optional(),
});
export type ActivateCampaignOptions = z.infer<typeof ActivateCampaignOptions>;

/** Complete body; `autoCompleteAction` (for undecided items) defaults to APPROVE. */
export const CampaignCompleteOptions = z.object({
  autoCompleteAction: z.enum(['APPROVE', 'REVOKE']).optional(),
});
export type CampaignCompleteOptions = z.infer<typeof CampaignCompleteOptions>;

/** Bulk delete body: campaign ids. */
export const CampaignsDeleteRequest = z.object({
  ids: z.array(z.string()).optional(),
});
export type CampaignsDeleteRequest = z.infer<typeof CampaignsDeleteRequest>;

// ---------------------------------------------------------------------------
// Campaign templates and schedules
// ---------------------------------------------------------------------------

/** Owner of a template (set to the caller at creation). `type` is always "IDENTITY". */
export const CampaignTemplateOwnerRef = z.object({
  id: z.string().nullish(),
  type: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});
export type CampaignTemplateOwnerRef = z.infer<typeof CampaignTemplateOwnerRef>;

/** A campaign template; its `campaign` has null id, status and deadline. */
export const CampaignTemplate = z.object({
  id: z.string().nullish(),
  name: z.string(),
  description: z.string(),
  created: z.string(),
  modified: z.string().nullable(),
  /** Default false. */
  scheduled: z.boolean().nullish(),
  ownerRef: CampaignTemplateOwnerRef.nullish(),
  /** ISO-8601 duration added to the generation date, e.g. "P2W". */
  deadlineDuration: z.string().nullish(),
  campaign: Campaign,
});
export type CampaignTemplate = z.infer<typeof CampaignTemplate>;

/** Create-template request body: CampaignTemplate without its read-only fields (created, modified are required only in responses). */
export const CampaignTemplateInput = CampaignTemplate.omit({
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
  interval: z.int().nullish(),
});
export type ScheduleMonths = z.infer<typeof ScheduleMonths>;

/** Active days of a schedule (1-7, 1-31/L, --MM-DD or YYYY-MM-DD depending on schedule type). */
export const ScheduleDays = z.object({
  type: ScheduleValuesType,
  values: z.array(z.string()),
  interval: z.int().nullish(),
});
export type ScheduleDays = z.infer<typeof ScheduleDays>;

/** Active hours of a schedule. */
export const ScheduleHours = z.object({
  type: ScheduleValuesType,
  values: z.array(z.string()),
  interval: z.int().nullish(),
});
export type ScheduleHours = z.infer<typeof ScheduleHours>;

/** Schedule of a campaign template. */
export const Schedule = z.object({
  type: ScheduleType,
  months: ScheduleMonths.nullish(),
  /** Described as required for all types, but not required by the schema. */
  days: ScheduleDays.optional(),
  hours: ScheduleHours,
  expiration: z.string().nullish(),
  /** e.g. "CST". */
  timeZoneId: z.string().optional(),
});
export type Schedule = z.infer<typeof Schedule>;

// ---------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------

/** Reference to a report result. `type` is always "REPORT_RESULT". */
export const SodReportResultDto = read({
  type: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
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
  status: ReportResultStatus.optional(),
});
export type ReportResultReference = z.infer<typeof ReportResultReference>;

/** A campaign report. */
export const CampaignReport = read({
  ...ReportResultReference.shape,
  reportType: ReportType,
  /** When the report last ran. */
  lastRunAt: z.string().optional(),
});
export type CampaignReport = z.infer<typeof CampaignReport>;

/** Tenant-wide campaign report settings: extra identity attribute columns. */
export const CampaignReportsConfig = z.object({
  identityAttributeColumns: z.array(z.string()).nullish(),
});
export type CampaignReportsConfig = z.infer<typeof CampaignReportsConfig>;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Error body of 400/403/404/500 responses. */
export const ErrorResponseDto = read({
  /** e.g. "404 Not found". */
  detailCode: z.string().optional(),
  trackingId: z.string().optional(),
  messages: z.array(ErrorMessageDto).optional(),
  causes: z.array(ErrorMessageDto).optional(),
});
export type ErrorResponseDto = z.infer<typeof ErrorResponseDto>;

/** Body of a 401 response (components.responses, not a named schema). */
export const UnauthorizedErrorBody = read({
  error: z.string().optional(),
});
export type UnauthorizedErrorBody = z.infer<typeof UnauthorizedErrorBody>;

/** Body of a 429 response (components.responses, not a named schema); see Retry-After. */
export const RateLimitErrorBody = read({
  message: z.string().optional(),
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
  value: z
    .union([
      z.string(),
      z.boolean(),
      z.number(),
      z.record(z.string(), z.unknown()),
      z.array(z.unknown()),
    ])
    .optional(),
  /** Source JSON Pointer for move and copy. */
  from: z.string().optional(),
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
