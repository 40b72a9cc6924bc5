import * as z from 'zod/mini';
import * as S from './schemas';
import { call, path, requestPage } from './http';
import type { Filter } from './filters';
import type { CollectionPage, FilterField, Paging, Sorter } from './collections';

/** The 22 operations of ISC v3's Certification Campaigns tag: campaigns, reports, templates, schedules. */

type RequestOptions = { signal?: AbortSignal };
export type CampaignDetail = 'SLIM' | 'FULL';

// ----- Campaigns -------------------------------------------------------------------------------

export interface GetActiveCampaignsParams extends Paging {
  /** SLIM is ISC's default. */
  detail?: CampaignDetail;
  filters?: Filter<FilterField<'getActiveCampaigns'>>;
  sorters?: Sorter<'getActiveCampaigns'>[];
}

/** Lists all campaigns (despite the name); filter by status to narrow. */
export function getActiveCampaigns(
  params: GetActiveCampaignsParams = {},
  options: RequestOptions = {},
): Promise<CollectionPage<S.Campaign | S.SlimCampaign>> {
  const { detail, filters, sorters, ...paging } = params;
  return requestPage({
    operationId: 'getActiveCampaigns',
    path: '/campaigns',
    query: { detail },
    paging,
    filters,
    sorters,
    schema: S.CampaignList,
    ...options,
  });
}

/** Answers 202 with the campaign in status PENDING; it becomes STAGED once generated. */
export function createCampaign(campaign: S.Campaign, options: RequestOptions = {}): Promise<S.Campaign> {
  return call({ operationId: 'createCampaign', method: 'POST', path: '/campaigns', body: campaign, schema: S.Campaign, ...options });
}

export function getCampaign(id: string, params: { detail?: CampaignDetail } = {}, options: RequestOptions = {}): Promise<S.Campaign | S.SlimCampaign> {
  return call({
    operationId: 'getCampaign',
    method: 'GET',
    path: path`/campaigns/${id}`,
    query: { detail: params.detail },
    schema: params.detail === 'FULL' ? S.Campaign : S.SlimCampaign,
    ...options,
  });
}

/** JSON Patch; STAGED campaigns allow name, description, recommendationsEnabled, deadline, emailNotificationEnabled, autoRevokeAllowed; ACTIVE ones only deadline. */
export function updateCampaign(id: string, operations: S.JsonPatchOperation[], options: RequestOptions = {}): Promise<S.SlimCampaign> {
  return call({
    operationId: 'updateCampaign',
    method: 'PATCH',
    path: path`/campaigns/${id}`,
    body: operations,
    contentType: 'application/json-patch+json',
    schema: S.SlimCampaign,
    ...options,
  });
}

/** Admin reassign of 1 to 250 certifications; answers a CertificationTask. */
export function move(id: string, body: S.AdminReviewReassign, options: RequestOptions = {}): Promise<S.CertificationTask> {
  return call({ operationId: 'move', method: 'POST', path: path`/campaigns/${id}/reassign`, body, schema: S.CertificationTask, ...options });
}

/** Activates a STAGED campaign whose deadline is in the future. */
export function startCampaign(id: string, body: S.ActivateCampaignOptions = {}, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'startCampaign', method: 'POST', path: path`/campaigns/${id}/activate`, body, schema: S.EmptyObject, ...options }).then(() => undefined);
}

/** Completes a past-due campaign, applying autoCompleteAction (APPROVE by default) to undecided items. */
export function completeCampaign(id: string, body: S.CampaignCompleteOptions = {}, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'completeCampaign', method: 'POST', path: path`/campaigns/${id}/complete`, body, schema: S.EmptyObject, ...options }).then(() => undefined);
}

export function deleteCampaigns(body: S.CampaignsDeleteRequest, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'deleteCampaigns', method: 'POST', path: '/campaigns/delete', body, schema: S.EmptyObject, ...options }).then(() => undefined);
}

export function startCampaignRemediationScan(id: string, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'startCampaignRemediationScan', method: 'POST', path: path`/campaigns/${id}/run-remediation-scan`, schema: S.EmptyObject, ...options }).then(() => undefined);
}

// ----- Reports ---------------------------------------------------------------------------------

export function getCampaignReports(id: string, options: RequestOptions = {}): Promise<S.CampaignReport[]> {
  return call({ operationId: 'getCampaignReports', method: 'GET', path: path`/campaigns/${id}/reports`, schema: z.array(S.CampaignReport), ...options });
}

export function startCampaignReport(id: string, type: S.ReportType, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'startCampaignReport', method: 'POST', path: path`/campaigns/${id}/run-report/${type}`, schema: S.EmptyObject, ...options }).then(() => undefined);
}

export function getCampaignReportsConfig(options: RequestOptions = {}): Promise<S.CampaignReportsConfig> {
  return call({ operationId: 'getCampaignReportsConfig', method: 'GET', path: '/campaigns/reports-configuration', schema: S.CampaignReportsConfig, ...options });
}

/** Overwrites the report configuration. */
export function setCampaignReportsConfig(body: S.CampaignReportsConfig, options: RequestOptions = {}): Promise<S.CampaignReportsConfig> {
  return call({ operationId: 'setCampaignReportsConfig', method: 'PUT', path: '/campaigns/reports-configuration', body, schema: S.CampaignReportsConfig, ...options });
}

// ----- Templates and schedules -----------------------------------------------------------------

export function createCampaignTemplate(template: S.CampaignTemplate, options: RequestOptions = {}): Promise<S.CampaignTemplate> {
  return call({ operationId: 'createCampaignTemplate', method: 'POST', path: '/campaign-templates', body: template, schema: S.CampaignTemplate, ...options });
}

export interface GetCampaignTemplatesParams extends Paging {
  filters?: Filter<FilterField<'getCampaignTemplates'>>;
  sorters?: Sorter<'getCampaignTemplates'>[];
}

export function getCampaignTemplates(params: GetCampaignTemplatesParams = {}, options: RequestOptions = {}): Promise<CollectionPage<S.CampaignTemplate>> {
  const { filters, sorters, ...paging } = params;
  return requestPage({
    operationId: 'getCampaignTemplates',
    path: '/campaign-templates',
    paging,
    filters,
    sorters,
    schema: z.array(S.CampaignTemplate),
    ...options,
  });
}

/** JSON Patch of name, description, deadlineDuration and campaign. */
export function patchCampaignTemplate(id: string, operations: S.JsonPatchOperation[], options: RequestOptions = {}): Promise<S.CampaignTemplate> {
  return call({
    operationId: 'patchCampaignTemplate',
    method: 'PATCH',
    path: path`/campaign-templates/${id}`,
    body: operations,
    contentType: 'application/json-patch+json',
    schema: S.CampaignTemplate,
    ...options,
  });
}

export function getCampaignTemplate(id: string, options: RequestOptions = {}): Promise<S.CampaignTemplate> {
  return call({ operationId: 'getCampaignTemplate', method: 'GET', path: path`/campaign-templates/${id}`, schema: S.CampaignTemplate, ...options });
}

export function deleteCampaignTemplate(id: string, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'deleteCampaignTemplate', method: 'DELETE', path: path`/campaign-templates/${id}`, schema: null, ...options });
}

/** The template's schedule; 404 when it has none. */
export function getCampaignTemplateSchedule(id: string, options: RequestOptions = {}): Promise<S.Schedule> {
  return call({ operationId: 'getCampaignTemplateSchedule', method: 'GET', path: path`/campaign-templates/${id}/schedule`, schema: S.Schedule, ...options });
}

/** Sets or overwrites the template's schedule. */
export function setCampaignTemplateSchedule(id: string, schedule: S.Schedule, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'setCampaignTemplateSchedule', method: 'PUT', path: path`/campaign-templates/${id}/schedule`, body: schedule, schema: null, ...options });
}

export function deleteCampaignTemplateSchedule(id: string, options: RequestOptions = {}): Promise<void> {
  return call({ operationId: 'deleteCampaignTemplateSchedule', method: 'DELETE', path: path`/campaign-templates/${id}/schedule`, schema: null, ...options });
}

/** Generates a campaign from the template now; answers a reference to the new campaign. */
export function startGenerateCampaignTemplate(id: string, options: RequestOptions = {}): Promise<S.CampaignReference> {
  return call({ operationId: 'startGenerateCampaignTemplate', method: 'POST', path: path`/campaign-templates/${id}/generate`, schema: S.CampaignReference, ...options });
}
