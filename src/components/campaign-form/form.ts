import { browserUtcOffsetMinutes, deadlineAllowsActivation } from '../../api/rules';
import type { AccessConstraint, Campaign, CampaignType, MandatoryCommentRequirement } from '../../api/schemas';

/**
 * The campaign wizard's form model, kept pure so the templates editor can reuse it: `emptyForm` to start,
 * `validate` for every rule Attest checks before sending, `toCampaignBody` for exactly the Campaign body
 * ISC's createCampaign takes (only the info block of the chosen type, nothing read-only).
 */

/** Most access constraints a SEARCH campaign takes (SearchCampaignInfo.accessConstraints maxItems). */
export const MAX_ACCESS_CONSTRAINTS = 1000;

export type ReviewerType = 'IDENTITY' | 'GOVERNANCE_GROUP';

export interface AccessConstraintForm {
  type: AccessConstraint['type'];
  operator: AccessConstraint['operator'];
  /** Only for SELECTED. */
  ids: string[];
}

export interface CampaignForm {
  type: CampaignType;
  name: string;
  description: string;
  /** ISO-8601 date-time, or null for none. */
  deadline: string | null;
  emailNotificationEnabled: boolean;
  autoRevokeAllowed: boolean;
  recommendationsEnabled: boolean;
  mandatoryCommentRequirement: MandatoryCommentRequirement;
  sunsetCommentsRequired: boolean;
  /** Campaign filter id (MANAGER, SOURCE_OWNER); blank = the tenant's default filter. */
  filterId: string;
  /** SOURCE_OWNER: review uncorrelated accounts (correlatedStatus UNCORRELATED). */
  uncorrelated: boolean;
  /** SOURCE_OWNER and MACHINE_ACCOUNT. */
  sourceIds: string[];
  /** SEARCH */
  searchType: 'IDENTITY' | 'ACCESS';
  searchScope: 'query' | 'identities';
  searchQuery: string;
  identityIds: string[];
  accessConstraints: AccessConstraintForm[];
  searchDescription: string;
  /** SEARCH and ROLE_COMPOSITION: an optional fixed reviewer. */
  reviewerType: ReviewerType;
  reviewerId: string;
  /** ROLE_COMPOSITION */
  roleScope: 'all' | 'ids' | 'query';
  roleIds: string[];
  roleQuery: string;
  remediatorId: string;
  roleDescription: string;
  /** Names of picked ids, for showing them; never sent except as a reference's optional name. */
  names: Record<string, string>;
}

const DAY = 86_400_000;

/** A new form: MANAGER, deadline two weeks from now at the end of that day (ISC's default is two weeks). */
export function emptyForm(now = Date.now()): CampaignForm {
  const deadline = new Date(now + 14 * DAY);
  deadline.setHours(23, 59, 0, 0);
  return {
    type: 'MANAGER',
    name: '',
    description: '',
    deadline: deadline.toISOString(),
    emailNotificationEnabled: true,
    autoRevokeAllowed: false,
    recommendationsEnabled: false,
    mandatoryCommentRequirement: 'NO_DECISIONS',
    sunsetCommentsRequired: true,
    filterId: '',
    uncorrelated: false,
    sourceIds: [],
    searchType: 'IDENTITY',
    searchScope: 'identities',
    searchQuery: '',
    identityIds: [],
    accessConstraints: [],
    searchDescription: '',
    reviewerType: 'IDENTITY',
    reviewerId: '',
    roleScope: 'all',
    roleIds: [],
    roleQuery: '',
    remediatorId: '',
    roleDescription: '',
    names: {},
  };
}

/** An id as ISC writes them (32 hex digits, or a UUID and the like): letters, digits and `-`, no spaces. */
const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;

export function isValidId(id: string): boolean {
  return ID.test(id);
}

/** Ids pasted as text: split on commas, spaces or lines, blanks dropped, duplicates once. */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

/** Where each field is asked for, so a step can show (and block on) its own errors. */
export type WizardStep = 'type' | 'basics' | 'scope' | 'options' | 'review';
export const FIELD_STEP: Record<string, WizardStep> = {
  name: 'basics',
  description: 'basics',
  deadline: 'basics',
  filterId: 'scope',
  sourceIds: 'scope',
  searchQuery: 'scope',
  identityIds: 'scope',
  accessConstraints: 'scope',
  reviewerId: 'scope',
  roleIds: 'scope',
  roleQuery: 'scope',
  remediatorId: 'scope',
};

export type FormErrors = Partial<Record<keyof typeof FIELD_STEP, string>>;

function badIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !isValidId(id));
}

function idsError(ids: readonly string[], what: string): string | undefined {
  const bad = badIds(ids);
  return bad.length ? `${bad.slice(0, 3).map((b) => `“${b}”`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not ${what} id${bad.length === 1 ? '' : 's'}: ids are letters, digits and dashes.` : undefined;
}

/**
 * Every rule Attest checks before creating a campaign, by field. Empty when the form can be sent.
 * `requireDeadline` is false for templates (they use a deadline duration instead).
 */
export function validate(
  form: CampaignForm,
  options: { now?: number; offsetMinutes?: number; requireDeadline?: boolean } = {},
): FormErrors {
  const { now = Date.now(), offsetMinutes = browserUtcOffsetMinutes(), requireDeadline = true } = options;
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = 'Give the campaign a name: reviewers see it in their list.';
  else if (form.name.length > 255) errors.name = 'Keep the name to 255 characters or fewer.';
  if (!form.description.trim()) errors.description = 'ISC requires a description; say what the campaign certifies and why.';

  if (form.deadline) {
    if (Number.isNaN(Date.parse(form.deadline))) errors.deadline = 'The deadline is not a valid date and time.';
    else if (!deadlineAllowsActivation(form.deadline, now, offsetMinutes)) {
      errors.deadline = 'Choose a deadline of tomorrow or later: ISC cannot activate a campaign that is due today or earlier.';
    }
  } else if (requireDeadline) {
    errors.deadline = 'Choose a deadline: a campaign without one cannot be activated.';
  }

  if ((form.type === 'MANAGER' || form.type === 'SOURCE_OWNER') && form.filterId.trim() && !isValidId(form.filterId.trim())) {
    errors.filterId = 'A campaign filter id is letters, digits and dashes (Admin > Certifications > Campaign Filters shows it).';
  }

  switch (form.type) {
    case 'MANAGER':
      break;
    case 'SOURCE_OWNER':
    case 'MACHINE_ACCOUNT':
      if (form.sourceIds.length === 0) errors.sourceIds = 'Pick at least one source.';
      else errors.sourceIds = idsError(form.sourceIds, 'a source');
      break;
    case 'SEARCH': {
      if (form.searchScope === 'query') {
        if (!form.searchQuery.trim()) errors.searchQuery = 'Enter the search query whose identities (and their access) the campaign covers.';
      } else if (form.identityIds.length === 0) {
        errors.identityIds = 'Pick at least one identity, or choose “All identities returned by a query”.';
      } else {
        errors.identityIds = idsError(form.identityIds, 'an identity');
      }
      if (form.accessConstraints.length > MAX_ACCESS_CONSTRAINTS) {
        errors.accessConstraints = `ISC takes at most ${MAX_ACCESS_CONSTRAINTS.toLocaleString('en-US')} access constraints; there are ${form.accessConstraints.length.toLocaleString('en-US')}.`;
      } else {
        const index = form.accessConstraints.findIndex((c) => c.operator === 'SELECTED' && (c.ids.length === 0 || badIds(c.ids).length > 0));
        if (index >= 0) {
          const c = form.accessConstraints[index]!;
          errors.accessConstraints = c.ids.length === 0
            ? `Constraint ${index + 1} (${c.type}) is “selected” but names none: add ids or choose “all”.`
            : `Constraint ${index + 1}: ${idsError(c.ids, 'an access')}`;
        }
      }
      if (form.reviewerId.trim() && !isValidId(form.reviewerId.trim())) errors.reviewerId = 'The reviewer id is letters, digits and dashes.';
      break;
    }
    case 'ROLE_COMPOSITION':
      if (form.roleScope === 'ids') {
        if (form.roleIds.length === 0) errors.roleIds = 'Pick at least one role, or choose all roles.';
        else errors.roleIds = idsError(form.roleIds, 'a role');
      }
      if (form.roleScope === 'query' && !form.roleQuery.trim()) errors.roleQuery = 'Enter the search query that selects the roles.';
      if (!form.remediatorId.trim()) errors.remediatorId = 'Pick the remediator: a Role Admin or Org Admin who receives the revocations.';
      else if (!isValidId(form.remediatorId.trim())) errors.remediatorId = 'The remediator id is letters, digits and dashes.';
      if (form.reviewerId.trim() && !isValidId(form.reviewerId.trim())) errors.reviewerId = 'The reviewer id is letters, digits and dashes.';
      break;
  }
  for (const key of Object.keys(errors) as (keyof FormErrors)[]) if (errors[key] === undefined) delete errors[key];
  return errors;
}

/** The errors of one step. */
export function stepErrors(errors: FormErrors, step: WizardStep): FormErrors {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => FIELD_STEP[field] === step)) as FormErrors;
}

function reviewer(form: CampaignForm) {
  const id = form.reviewerId.trim();
  if (!id) return undefined;
  return { type: form.reviewerType, id, ...(form.names[id] ? { name: form.names[id] } : {}) };
}

/** The Campaign body createCampaign takes for this form: common fields plus the chosen type's info block only. */
export function toCampaignBody(form: CampaignForm): Campaign {
  const body: Campaign = {
    name: form.name.trim(),
    description: form.description.trim(),
    deadline: form.deadline ? new Date(form.deadline).toISOString() : null,
    type: form.type,
    emailNotificationEnabled: form.emailNotificationEnabled,
    autoRevokeAllowed: form.autoRevokeAllowed,
    recommendationsEnabled: form.recommendationsEnabled,
    mandatoryCommentRequirement: form.mandatoryCommentRequirement,
    sunsetCommentsRequired: form.sunsetCommentsRequired,
  };
  const filterId = form.filterId.trim();
  if ((form.type === 'MANAGER' || form.type === 'SOURCE_OWNER') && filterId) body.filter = { id: filterId, type: 'CAMPAIGN_FILTER' };
  switch (form.type) {
    case 'MANAGER':
      break;
    case 'SOURCE_OWNER':
      body.correlatedStatus = form.uncorrelated ? 'UNCORRELATED' : 'CORRELATED';
      body.sourceOwnerCampaignInfo = { sourceIds: [...form.sourceIds] };
      break;
    case 'MACHINE_ACCOUNT':
      body.machineAccountCampaignInfo = { sourceIds: [...form.sourceIds], reviewerType: 'ACCOUNT_OWNER' };
      break;
    case 'SEARCH': {
      const info: NonNullable<Campaign['searchCampaignInfo']> = { type: form.searchType };
      if (form.searchDescription.trim()) info.description = form.searchDescription.trim();
      const r = reviewer(form);
      if (r) info.reviewer = r;
      if (form.searchScope === 'query') info.query = form.searchQuery.trim();
      else info.identityIds = [...form.identityIds];
      if (form.accessConstraints.length) {
        info.accessConstraints = form.accessConstraints.map((c) => (c.operator === 'SELECTED' ? { type: c.type, operator: c.operator, ids: [...c.ids] } : { type: c.type, operator: c.operator }));
      }
      body.searchCampaignInfo = info;
      break;
    }
    case 'ROLE_COMPOSITION': {
      const remediatorId = form.remediatorId.trim();
      const info: NonNullable<Campaign['roleCompositionCampaignInfo']> = {
        remediatorRef: { type: 'IDENTITY', id: remediatorId, ...(form.names[remediatorId] ? { name: form.names[remediatorId] } : {}) },
      };
      const r = reviewer(form);
      if (r) info.reviewer = r;
      if (form.roleScope === 'ids') info.roleIds = [...form.roleIds];
      if (form.roleScope === 'query') info.query = form.roleQuery.trim();
      if (form.roleDescription.trim()) info.description = form.roleDescription.trim();
      body.roleCompositionCampaignInfo = info;
      break;
    }
  }
  return body;
}

/** The form for an existing Campaign body (a template's campaign), the inverse of `toCampaignBody`. */
export function fromCampaignBody(campaign: Campaign, now = Date.now()): CampaignForm {
  const form = emptyForm(now);
  const names: Record<string, string> = {};
  const search = campaign.searchCampaignInfo;
  const role = campaign.roleCompositionCampaignInfo;
  const reviewerRef = search?.reviewer ?? role?.reviewer;
  if (reviewerRef?.id && reviewerRef.name) names[reviewerRef.id] = reviewerRef.name;
  if (role?.remediatorRef?.id && role.remediatorRef.name) names[role.remediatorRef.id] = role.remediatorRef.name;
  return {
    ...form,
    type: campaign.type,
    name: campaign.name ?? '',
    description: campaign.description ?? '',
    deadline: campaign.deadline ?? null,
    emailNotificationEnabled: campaign.emailNotificationEnabled ?? form.emailNotificationEnabled,
    autoRevokeAllowed: campaign.autoRevokeAllowed ?? form.autoRevokeAllowed,
    recommendationsEnabled: campaign.recommendationsEnabled ?? form.recommendationsEnabled,
    mandatoryCommentRequirement: campaign.mandatoryCommentRequirement ?? form.mandatoryCommentRequirement,
    sunsetCommentsRequired: campaign.sunsetCommentsRequired ?? form.sunsetCommentsRequired,
    filterId: campaign.filter?.id ?? '',
    uncorrelated: campaign.correlatedStatus === 'UNCORRELATED',
    sourceIds: [...(campaign.sourceOwnerCampaignInfo?.sourceIds ?? campaign.machineAccountCampaignInfo?.sourceIds ?? [])],
    searchType: search?.type === 'ACCESS' ? 'ACCESS' : 'IDENTITY',
    searchScope: search?.query ? 'query' : 'identities',
    searchQuery: search?.query ?? '',
    identityIds: [...(search?.identityIds ?? [])],
    accessConstraints: (search?.accessConstraints ?? []).map((c) => ({ type: c.type, operator: c.operator, ids: [...(c.ids ?? [])] })),
    searchDescription: search?.description ?? '',
    reviewerType: reviewerRef?.type === 'GOVERNANCE_GROUP' ? 'GOVERNANCE_GROUP' : 'IDENTITY',
    reviewerId: reviewerRef?.id ?? '',
    roleScope: role?.roleIds?.length ? 'ids' : role?.query ? 'query' : 'all',
    roleIds: [...(role?.roleIds ?? [])],
    roleQuery: role?.query ?? '',
    remediatorId: role?.remediatorRef?.id ?? '',
    roleDescription: role?.description ?? '',
    names,
  };
}
