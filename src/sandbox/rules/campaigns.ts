import * as z from 'zod/mini';
import type { CampaignDetail } from '../../api/campaigns';
import {
  AdminReviewReassign,
  Campaign,
  CampaignCompleteOptions,
  CampaignsDeleteRequest,
  ActivateCampaignOptions,
  ReportType,
  SlimCampaign,
  type CampaignAlert,
  type CampaignReport,
  type CampaignStatus,
} from '../../api/schemas';
import { badRequest, notFound } from '../errors';
import {
  CERTIFICATION_ADMIN_LEVELS,
  REPORT_LEVELS,
  pageReply,
  parseBody,
  requireLevel,
  type RequestContext,
  type Route,
} from '../context';
import { ADMIN_REASSIGN_MAX, CAMPAIGN_BUSY_STATUSES, REMEDIATOR_LEVELS, dateAtOffset, deadlineAllowsActivation, holdsLevel } from '../../api/rules';
import { applyPatch, changedPaths, parsePatch } from '../jsonPatch';
import { queryCollection } from '../query';
import type { CampaignRecord } from '../model';
import type { Store } from '../store';
import { campaignView, taskDto } from '../views';
import { DURATIONS, later, queueTask } from './lifecycle';

/** The 13 campaign operations of the Certification Campaigns tag (templates and schedules are in templates.ts). */

/** The most certifications one admin reassign may move (AdminReviewReassign.certificationIds maxItems). */

/** The names ISC gives campaign reports (and their files). */
export const REPORT_NAMES: Record<ReportType, string> = {
  CAMPAIGN_COMPOSITION_REPORT: 'Campaign Composition Report',
  CAMPAIGN_REMEDIATION_STATUS_REPORT: 'Campaign Remediation Status Report',
  CAMPAIGN_STATUS_REPORT: 'Campaign Status Report',
  CERTIFICATION_SIGNOFF_REPORT: 'Certification Signoff Report',
};

/** Which top-level fields updateCampaign may change, by campaign status (API-NOTES §2). */
const PATCHABLE: Partial<Record<CampaignStatus, readonly (keyof CampaignChanges)[]>> = {
  STAGED: ['name', 'description', 'recommendationsEnabled', 'deadline', 'emailNotificationEnabled', 'autoRevokeAllowed'],
  ACTIVE: ['deadline'],
};

const IsoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });

/** The value types of the patchable fields. */
const CampaignChanges = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty')),
  description: z.nullable(z.string()),
  recommendationsEnabled: z.boolean(),
  /** Removing it (STAGED only) clears it. */
  deadline: z.nullish(IsoDateTime),
  emailNotificationEnabled: z.boolean(),
  autoRevokeAllowed: z.boolean(),
});
type CampaignChanges = z.infer<typeof CampaignChanges>;

/** What updateCampaign's refusals say is allowed. */
const PATCH_RULE = Object.entries(PATCHABLE)
  .map(([status, fields]) => `${status} campaigns allow ${fields.map((f) => `/${f}`).join(', ')}`)
  .join('; ');


/** Z, ±hh:mm, ±hhmm or ±hh (ISO-8601 offsets), as startCampaign's timeZone. */
const TIME_ZONE = /^(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/;

// ----- Shared helpers --------------------------------------------------------------------------

function campaignFor(ctx: RequestContext, id: string): CampaignRecord {
  const campaign = ctx.store.get('campaigns', id);
  if (!campaign) throw notFound('Campaign', id);
  return campaign;
}

/** The `detail` parameter: SLIM (ISC's default) or FULL. */
function detailParam(ctx: RequestContext): CampaignDetail {
  const detail = ctx.query.get('detail') ?? 'SLIM';
  if (detail !== 'SLIM' && detail !== 'FULL') throw badRequest(`detail must be SLIM or FULL; it was "${detail}".`);
  return detail;
}

interface CertificationCounts {
  total: number;
  completed: number;
}

/** Certifications per campaign, counted from the certifications table (completed = signed). */
function countCertifications(store: Store): Map<string, CertificationCounts> {
  const counts = new Map<string, CertificationCounts>();
  for (const cert of store.all('certifications')) {
    const entry = counts.get(cert.campaignId) ?? { total: 0, completed: 0 };
    entry.total++;
    if (cert.phase === 'SIGNED') entry.completed++;
    counts.set(cert.campaignId, entry);
  }
  return counts;
}

/** A campaign with every field of the model, unset ones null: what JSON Patch paths address. */
function campaignModel(record: CampaignRecord, counts: Map<string, CertificationCounts>): Campaign {
  const { transitionAt: _internal, ...campaign } = record;
  const { total, completed } = counts.get(record.id) ?? { total: 0, completed: 0 };
  return { ...campaign, totalCertifications: total, completedCertifications: completed };
}

const SLIM_FIELDS = Object.keys(SlimCampaign.shape) as (keyof SlimCampaign)[];

/** A campaign as the API shows it: live certification counts, no internal fields, SLIM or FULL. */
export function campaignDto(store: Store, record: CampaignRecord, detail: CampaignDetail, counts = countCertifications(store)): Campaign | SlimCampaign {
  const full: Campaign = campaignView(campaignModel(record, counts));
  if (detail === 'FULL') return full;
  const slim: Record<string, unknown> = {};
  for (const field of SLIM_FIELDS) if (field in full) slim[field] = full[field];
  return slim as SlimCampaign;
}

const field = (where: string, name: string) => (where ? `${where}.${name}` : name);
const isSet = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined && value !== '';

/**
 * Validates a campaign definition (a createCampaign body, or a template's campaign) and answers it
 * normalised: the configurable fields with ISC's defaults applied, read-only fields left out, and only the
 * info block of the campaign's type kept. `where` prefixes field names in messages (e.g. "campaign").
 */
export function validateCampaignDefinition(ctx: RequestContext, value: unknown, where = ''): Campaign {
  const input = parseBody({ ...ctx, body: value }, Campaign, where ? `${where} (Campaign)` : 'Campaign');
  const at = (name: string) => field(where, name);
  if (!input.name.trim()) throw badRequest(`${at('name')} must not be empty.`);
  if (input.correlatedStatus === 'UNCORRELATED' && input.type !== 'SOURCE_OWNER') {
    throw badRequest(`${at('correlatedStatus')}: only SOURCE_OWNER campaigns can be UNCORRELATED.`);
  }
  if (isSet(input.deadline) && !IsoDateTime.safeParse(input.deadline).success) {
    throw badRequest(`${at('deadline')} must be an ISO-8601 date-time; it was "${input.deadline}".`);
  }

  const definition: Campaign = {
    name: input.name,
    description: input.description,
    deadline: isSet(input.deadline) ? new Date(input.deadline).toISOString() : null,
    type: input.type,
    emailNotificationEnabled: input.emailNotificationEnabled ?? false,
    autoRevokeAllowed: input.autoRevokeAllowed ?? false,
    recommendationsEnabled: input.recommendationsEnabled ?? false,
    correlatedStatus: input.correlatedStatus ?? 'CORRELATED',
    filter: input.filter ?? null,
    sunsetCommentsRequired: input.sunsetCommentsRequired ?? true,
    sourceOwnerCampaignInfo: null,
    searchCampaignInfo: null,
    roleCompositionCampaignInfo: null,
    machineAccountCampaignInfo: null,
    mandatoryCommentRequirement: input.mandatoryCommentRequirement ?? 'NO_DECISIONS',
  };

  switch (input.type) {
    case 'MANAGER':
      break;
    case 'SOURCE_OWNER': {
      const sourceIds = input.sourceOwnerCampaignInfo?.sourceIds;
      if (!sourceIds?.length) throw badRequest(`${at('sourceOwnerCampaignInfo.sourceIds')} must name at least one source for a SOURCE_OWNER campaign.`);
      definition.sourceOwnerCampaignInfo = { sourceIds };
      break;
    }
    case 'SEARCH': {
      const info = input.searchCampaignInfo;
      if (!info) throw badRequest(`${at('searchCampaignInfo')} is required for a SEARCH campaign.`);
      const hasQuery = isSet(info.query?.trim());
      const hasIds = isSet(info.identityIds);
      if (hasQuery === hasIds) {
        throw badRequest(`${at('searchCampaignInfo')}: set exactly one of query and identityIds; ${hasQuery ? 'both were' : 'neither was'} set.`);
      }
      if (hasIds && info.identityIds!.length === 0) throw badRequest(`${at('searchCampaignInfo.identityIds')} must name at least one identity.`);
      (info.accessConstraints ?? []).forEach((c, i) => {
        const name = at(`searchCampaignInfo.accessConstraints.${i}.ids`);
        if (c.operator === 'SELECTED' && !c.ids?.length) throw badRequest(`${name} must name at least one ${c.type} when operator is SELECTED.`);
        if (c.operator === 'ALL' && c.ids?.length) throw badRequest(`${name} is only allowed when operator is SELECTED.`);
      });
      definition.searchCampaignInfo = info;
      break;
    }
    case 'ROLE_COMPOSITION': {
      const info = input.roleCompositionCampaignInfo;
      if (!info) throw badRequest(`${at('roleCompositionCampaignInfo')} with a remediatorRef is required for a ROLE_COMPOSITION campaign.`);
      const remediator = ctx.store.get('identities', info.remediatorRef.id);
      if (!remediator) throw badRequest(`${at('roleCompositionCampaignInfo.remediatorRef.id')}: no identity with id ${info.remediatorRef.id}.`);
      if (!holdsLevel(remediator.levels, REMEDIATOR_LEVELS)) {
        throw badRequest(`${at('roleCompositionCampaignInfo.remediatorRef')}: ${remediator.name} is not a Role Admin or an Org Admin, so cannot be the remediator.`);
      }
      if (isSet(info.roleIds) && isSet(info.query?.trim())) {
        throw badRequest(`${at('roleCompositionCampaignInfo')}: set at most one of roleIds and query (neither means all roles).`);
      }
      definition.roleCompositionCampaignInfo = { ...info, remediatorRef: { type: 'IDENTITY', id: remediator.id, name: remediator.name } };
      break;
    }
    case 'MACHINE_ACCOUNT': {
      const sourceIds = input.machineAccountCampaignInfo?.sourceIds;
      if (!sourceIds?.length) throw badRequest(`${at('machineAccountCampaignInfo.sourceIds')} must name at least one source for a MACHINE_ACCOUNT campaign.`);
      definition.machineAccountCampaignInfo = { sourceIds, reviewerType: 'ACCOUNT_OWNER' };
      break;
    }
  }
  return definition;
}

/** Stores a new campaign from a validated definition, PENDING until lifecycle has generated it. */
export function createCampaignRecord(store: Store, definition: Campaign): CampaignRecord {
  const now = store.nowIso();
  return store.put('campaigns', {
    ...definition,
    id: store.newId(),
    status: 'PENDING',
    created: now,
    modified: now,
    totalCertifications: 0,
    completedCertifications: 0,
    // As ISC's FullCampaignManager example: unknown until generated.
    alerts: null,
    sourcesWithOrphanEntitlements: null,
    transitionAt: later(store, DURATIONS.generateMs),
  });
}

function infoAlert(text: string): CampaignAlert {
  return { level: 'INFO', localizations: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }] };
}

function parseTimeZone(text: string): number {
  const m = TIME_ZONE.exec(text);
  const hours = Number(m?.[2] ?? 0);
  const minutes = Number(m?.[3] ?? 0);
  if (!m || hours > 18 || minutes > 59) {
    throw badRequest(`timeZone must be an ISO-8601 offset: Z, ±hh:mm, ±hhmm or ±hh (e.g. -05:00); it was "${text}".`);
  }
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

// ----- Routes ----------------------------------------------------------------------------------

export const campaignRoutes: Route[] = [
  {
    /** Lists every campaign (whatever its status), SLIM or FULL, with the standard filters and sorters. */
    operationId: 'getActiveCampaigns',
    method: 'GET',
    path: '/campaigns',
    handle: (ctx) => {
      requireLevel(ctx, REPORT_LEVELS);
      const detail = detailParam(ctx);
      const { page, totalCount } = queryCollection('getActiveCampaigns', ctx.store.all('campaigns'), ctx.query, {
        id: (c) => c.id,
        name: (c) => c.name,
        status: (c) => c.status,
        created: (c) => c.created,
      });
      const counts = countCertifications(ctx.store);
      return pageReply(page.map((c) => campaignDto(ctx.store, c, detail, counts)), totalCount);
    },
  },
  {
    /** Validates the definition and answers 202 with the campaign PENDING; lifecycle generates it into STAGED. */
    operationId: 'createCampaign',
    method: 'POST',
    path: '/campaigns',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const definition = validateCampaignDefinition(ctx, ctx.body);
      const campaign = createCampaignRecord(ctx.store, definition);
      return { status: 202, body: campaignDto(ctx.store, campaign, 'FULL') };
    },
  },
  {
    operationId: 'getCampaign',
    method: 'GET',
    path: '/campaigns/:id',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const detail = detailParam(ctx);
      return { body: campaignDto(ctx.store, campaignFor(ctx, ctx.params.id!), detail) };
    },
  },
  {
    /**
     * JSON Patch of the fields the campaign's status allows (STAGED: name, description, deadline and the
     * three switches; ACTIVE: deadline only, in the future, carried to its unsigned certifications).
     */
    operationId: 'updateCampaign',
    method: 'PATCH',
    path: '/campaigns/:id',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const campaign = campaignFor(ctx, ctx.params.id!);
      const operations = parsePatch(ctx.body);
      const status = campaign.status ?? 'PENDING';
      const allowed = PATCHABLE[status];
      if (!allowed) throw badRequest(`The campaign is ${status} and cannot be changed: ${PATCH_RULE}.`);
      const touched = new Set<keyof CampaignChanges>();
      for (const path of operations.flatMap(changedPaths)) {
        const name = allowed.find((f) => `/${f}` === path);
        if (!name) throw badRequest(`${path} cannot be changed while the campaign is ${status}: ${PATCH_RULE}.`);
        touched.add(name);
      }
      // Patched as ISC's model: a field the answer leaves out because it is unset (a deadline) can still be replaced.
      const patched = applyPatch(campaignModel(campaign, countCertifications(ctx.store)), operations) as Record<string, unknown>;
      const mask: Partial<Record<keyof CampaignChanges, true>> = Object.fromEntries([...touched].map((f) => [f, true]));
      const changes: Partial<CampaignChanges> = parseBody({ ...ctx, body: patched }, z.pick(CampaignChanges, mask), 'campaign change');
      if (touched.has('deadline')) {
        const deadline = changes.deadline ? new Date(changes.deadline).toISOString() : null;
        if (status === 'ACTIVE' && (!deadline || Date.parse(deadline) <= ctx.store.now().getTime())) {
          throw badRequest(`The deadline of an ACTIVE campaign must be in the future; it was ${deadline ?? 'removed'}.`);
        }
        changes.deadline = deadline;
      }
      const now = ctx.store.nowIso();
      const updated = ctx.store.put('campaigns', { ...campaign, ...changes, modified: now });
      if (status === 'ACTIVE' && touched.has('deadline')) {
        for (const cert of ctx.store.all('certifications')) {
          if (cert.campaignId === campaign.id && cert.phase !== 'SIGNED') ctx.store.put('certifications', { ...cert, due: updated.deadline ?? null, modified: now });
        }
      }
      return { body: campaignDto(ctx.store, updated, 'SLIM') };
    },
  },
  {
    /** Admin reassign: queues an ADMIN_REASSIGN task moving 1..250 unsigned certifications of an ACTIVE campaign. */
    operationId: 'move',
    method: 'POST',
    path: '/campaigns/:id/reassign',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const campaign = campaignFor(ctx, ctx.params.id!);
      const body = parseBody(ctx, AdminReviewReassign, 'AdminReviewReassign');
      const ids = [...new Set(body.certificationIds ?? [])];
      if (ids.length === 0) throw badRequest(`certificationIds must name between 1 and ${ADMIN_REASSIGN_MAX} certifications.`);
      const reassignTo = body.reassignTo?.id;
      if (!reassignTo || body.reassignTo?.type !== 'IDENTITY') throw badRequest('reassignTo must be {"id": <identity id>, "type": "IDENTITY"}.');
      if (!ctx.store.get('identities', reassignTo)) throw badRequest(`reassignTo: no identity with id ${reassignTo}.`);
      const reason = body.reason ?? '';
      if (!reason.trim()) throw badRequest('A reason for the reassignment is required.');
      if (campaign.status !== 'ACTIVE') throw badRequest(`Only ACTIVE campaigns can be reassigned; this one is ${campaign.status}.`);
      const foreign = ids.filter((id) => ctx.store.get('certifications', id)?.campaignId !== campaign.id);
      if (foreign.length) throw badRequest(`These certifications are not in campaign ${campaign.id}: ${foreign.slice(0, 10).join(', ')}.`);
      const signed = ids.filter((id) => ctx.store.get('certifications', id)!.phase === 'SIGNED');
      if (signed.length) throw badRequest(`These certifications are signed off and cannot be reassigned: ${signed.slice(0, 10).join(', ')}.`);
      const task = queueTask(ctx.store, {
        type: 'ADMIN_REASSIGN',
        targetType: 'CAMPAIGN',
        targetId: campaign.id,
        ownerId: ctx.caller.id,
        work: { kind: 'admin-reassign', campaignId: campaign.id, certificationIds: ids, reassignTo, reason },
      });
      return { status: 202, body: taskDto(task) };
    },
  },
  {
    /** Activates a STAGED campaign whose deadline is after today (in the given time zone): ACTIVATING, then ACTIVE. */
    operationId: 'startCampaign',
    method: 'POST',
    path: '/campaigns/:id/activate',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const campaign = campaignFor(ctx, ctx.params.id!);
      const body = ctx.body === undefined ? {} : parseBody(ctx, ActivateCampaignOptions, 'ActivateCampaignOptions');
      const timeZone = body.timeZone ?? 'Z';
      const offset = parseTimeZone(timeZone);
      if (campaign.status !== 'STAGED') throw badRequest(`The campaign must be STAGED to be activated; it is ${campaign.status}.`);
      if (!campaign.deadline) throw badRequest('The campaign has no deadline; set one in the future before activating it.');
      const today = dateAtOffset(ctx.store.now().getTime(), offset);
      if (!deadlineAllowsActivation(campaign.deadline, ctx.store.now().getTime(), offset)) {
        throw badRequest(`The deadline (${campaign.deadline}) must be after today (${today}, time zone ${timeZone}) to activate the campaign.`);
      }
      ctx.store.put('campaigns', { ...campaign, status: 'ACTIVATING', modified: ctx.store.nowIso(), transitionAt: later(ctx.store, DURATIONS.activateMs) });
      return { status: 202, body: {} };
    },
  },
  {
    /**
     * Completes an ACTIVE campaign past its deadline: every undecided item gets autoCompleteAction (APPROVE
     * by default), every unsigned certification is signed; COMPLETING, then COMPLETED.
     */
    operationId: 'completeCampaign',
    method: 'POST',
    path: '/campaigns/:id/complete',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const campaign = campaignFor(ctx, ctx.params.id!);
      const body = ctx.body === undefined ? {} : parseBody(ctx, CampaignCompleteOptions, 'CampaignCompleteOptions');
      const action = body.autoCompleteAction ?? 'APPROVE';
      if (campaign.status !== 'ACTIVE') throw badRequest(`Only ACTIVE campaigns can be completed; this one is ${campaign.status}.`);
      const now = ctx.store.nowIso();
      if (!campaign.deadline || Date.parse(campaign.deadline) >= ctx.store.now().getTime()) {
        throw badRequest(`The campaign is not past due (deadline ${campaign.deadline ?? 'not set'}); only past-due campaigns can be completed.`);
      }
      const comment = `${action === 'APPROVE' ? 'Approved' : 'Revoked'} automatically: the campaign was completed by an administrator on ${now} before this item was decided.`;
      for (const cert of ctx.store.all('certifications')) {
        if (cert.campaignId !== campaign.id || cert.phase === 'SIGNED') continue;
        for (const item of [...ctx.store.itemsOf(cert.id)]) {
          if (item.decision === null) ctx.store.put('items', { ...item, decision: action, comments: comment, proposedEndDate: null, bulk: true });
        }
        ctx.store.put('certifications', { ...cert, phase: 'SIGNED', signed: now, modified: now });
      }
      ctx.store.put('campaigns', { ...campaign, status: 'COMPLETING', modified: now, transitionAt: later(ctx.store, DURATIONS.completeMs) });
      return { status: 202, body: {} };
    },
  },
  {
    /** Deletes campaigns (all or none): each goes CANCELING, and lifecycle removes it with its certifications. */
    operationId: 'deleteCampaigns',
    method: 'POST',
    path: '/campaigns/delete',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const ids = [...new Set(parseBody(ctx, CampaignsDeleteRequest, 'CampaignsDeleteRequest').ids ?? [])];
      if (ids.length === 0) throw badRequest('ids must name at least one campaign to delete.');
      const campaigns = ids.map((id) => campaignFor(ctx, id));
      const busy = campaigns.find((c) => CAMPAIGN_BUSY_STATUSES.includes(c.status ?? 'PENDING'));
      if (busy) throw badRequest(`Campaign ${busy.id} is ${busy.status} and cannot be deleted until that finishes; nothing was deleted.`);
      const now = ctx.store.nowIso();
      for (const campaign of campaigns) {
        ctx.store.put('campaigns', { ...campaign, status: 'CANCELING', modified: now, transitionAt: later(ctx.store, DURATIONS.deleteMs) });
      }
      return { status: 202, body: {} };
    },
  },
  {
    /** Starts a remediation scan of an ACTIVE or COMPLETED campaign, shown as an INFO alert on it. */
    operationId: 'startCampaignRemediationScan',
    method: 'POST',
    path: '/campaigns/:id/run-remediation-scan',
    handle: (ctx) => {
      requireLevel(ctx, REPORT_LEVELS);
      const campaign = campaignFor(ctx, ctx.params.id!);
      if (campaign.status !== 'ACTIVE' && campaign.status !== 'COMPLETED') {
        throw badRequest(`Remediation scans run on ACTIVE or COMPLETED campaigns; this one is ${campaign.status}.`);
      }
      const now = ctx.store.nowIso();
      const prefix = 'Remediation scan started at ';
      const alerts = (campaign.alerts ?? []).filter((a) => !(a.level === 'INFO' && a.localizations?.some((l) => l.text?.startsWith(prefix))));
      ctx.store.put('campaigns', { ...campaign, alerts: [...alerts, infoAlert(`${prefix}${now}.`)] });
      return { status: 202, body: {} };
    },
  },
  {
    /** The campaign's reports, one per report type that has been run. */
    operationId: 'getCampaignReports',
    method: 'GET',
    path: '/campaigns/:id/reports',
    handle: (ctx) => {
      requireLevel(ctx, REPORT_LEVELS);
      const campaign = campaignFor(ctx, ctx.params.id!);
      const reports: CampaignReport[] = ctx.store
        .all('reports')
        .filter((r) => r.campaignId === campaign.id)
        .map((r) => ({ type: 'REPORT_RESULT', id: r.id, name: REPORT_NAMES[r.reportType], status: r.status, reportType: r.reportType, lastRunAt: r.lastRunAt }));
      return { body: reports };
    },
  },
  {
    /** Runs a report: replaces the campaign's report of that type with a PENDING one that lifecycle finishes. */
    operationId: 'startCampaignReport',
    method: 'POST',
    path: '/campaigns/:id/run-report/:type',
    handle: (ctx) => {
      requireLevel(ctx, REPORT_LEVELS);
      const campaign = campaignFor(ctx, ctx.params.id!);
      const type = ReportType.safeParse(ctx.params.type);
      if (!type.success) throw badRequest(`Unknown report type "${ctx.params.type}"; use one of ${ReportType.options.join(', ')}.`);
      for (const old of ctx.store.all('reports')) {
        if (old.campaignId === campaign.id && old.reportType === type.data) ctx.store.delete('reports', old.id);
      }
      ctx.store.put('reports', {
        id: ctx.store.newId(),
        campaignId: campaign.id,
        reportType: type.data,
        status: 'PENDING',
        lastRunAt: ctx.store.nowIso(),
        finishAt: later(ctx.store, DURATIONS.reportMs),
      });
      return { status: 202, body: {} };
    },
  },
  {
    operationId: 'getCampaignReportsConfig',
    method: 'GET',
    path: '/campaigns/reports-configuration',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const config = ctx.store.get('reportsConfig', 'config');
      return { body: { identityAttributeColumns: config?.identityAttributeColumns ?? null } };
    },
  },
  {
    /** Overwrites the report configuration: identity attribute columns, non-empty names, or null. */
    operationId: 'setCampaignReportsConfig',
    method: 'PUT',
    path: '/campaigns/reports-configuration',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const body = parseBody(
        ctx,
        z.object({ identityAttributeColumns: z.nullish(z.array(z.string().check(z.trim(), z.minLength(1, 'must not be empty')))) }),
        'CampaignReportsConfig',
      );
      const config = ctx.store.put('reportsConfig', { id: 'config', identityAttributeColumns: body.identityAttributeColumns ?? null });
      return { body: { identityAttributeColumns: config.identityAttributeColumns } };
    },
  },
];
