import {
  CampaignTemplateInput,
  Schedule,
  type Campaign,
} from '../../api/schemas';
import { addIsoDuration, formatDatePlaceholders, parseIsoDuration, nextRuns, runsBetween, scheduleProblem, scheduleTimeZone } from '../../api/schedule';
import { badRequest, notFound, SandboxError } from '../errors';
import { CERTIFICATION_ADMIN_LEVELS, pageReply, parseBody, requireLevel, type RequestContext, type Route } from '../context';
import { applyPatch, changedPaths, parsePatch } from '../jsonPatch';
import { queryCollection } from '../query';
import type { CampaignRecord, ScheduleRecord, TemplateRecord } from '../model';
import type { Store } from '../store';
import { campaignReference } from '../views';
import { createCampaignRecord, validateCampaignDefinition } from './campaigns';

/** The 9 template operations of the Certification Campaigns tag: templates, their schedules, and generation. */

/** A schedule's parts, checked against its type (API-NOTES §5 Schedule): the rule lives in src/api/schedule.ts. */
function validateSchedule(schedule: Schedule): void {
  const problem = scheduleProblem(schedule);
  if (problem) throw badRequest(problem);
}

// ----- Templates -------------------------------------------------------------------------------

/** Fields of a template's campaign that are read-only there (ISC answers them null). */
const TEMPLATE_READ_ONLY = [
  'id', 'status', 'deadline', 'created', 'modified', 'totalCertifications', 'completedCertifications', 'alerts', 'sourcesWithOrphanEntitlements',
] as const;

function templateFor(ctx: RequestContext, id: string): TemplateRecord {
  const template = ctx.store.get('templates', id);
  if (!template) throw notFound('Campaign template', id);
  return template;
}

/** Validates a template's writable fields (create body, or a patched template) and normalises its campaign. */
function validateTemplate(ctx: RequestContext, value: unknown) {
  const input = parseBody({ ...ctx, body: value }, CampaignTemplateInput, 'CampaignTemplate');
  if (!input.name.trim()) throw badRequest('name must not be empty.');
  if (input.deadlineDuration && !parseIsoDuration(input.deadlineDuration)) {
    throw badRequest(`deadlineDuration must be an ISO-8601 duration such as P2W, P14D, P1M or PT12H; it was "${input.deadlineDuration}".`);
  }
  const definition = validateCampaignDefinition(ctx, input.campaign, 'campaign');
  const campaign: Campaign = { ...definition, ...Object.fromEntries(TEMPLATE_READ_ONLY.map((f) => [f, null])) };
  return { name: input.name, description: input.description, deadlineDuration: input.deadlineDuration || null, campaign };
}

/** patchCampaignTemplate may change these, and any writable field under /campaign/. */
function checkTemplatePath(path: string): void {
  if (['/name', '/description', '/deadlineDuration', '/campaign'].includes(path)) return;
  const field = /^\/campaign\/([^/]+)/.exec(path)?.[1];
  if (field && !(TEMPLATE_READ_ONLY as readonly string[]).includes(field)) return;
  throw badRequest(`${path} cannot be patched: a template allows /name, /description, /deadlineDuration, /campaign and its writable fields under /campaign/.`);
}

function scheduleNotFound(id: string): SandboxError {
  return new SandboxError(404, `Campaign template ${id} has no schedule set.`);
}

/**
 * A campaign from a template as generated at `at`: name and description with the date placeholders filled on
 * the wall clock of `timeZone`, deadline `at` + deadlineDuration; PENDING until lifecycle generates it.
 */
function generateFromTemplate(store: Store, template: TemplateRecord, at: Date, timeZone = 'UTC'): CampaignRecord {
  const duration = template.deadlineDuration ? parseIsoDuration(template.deadlineDuration) : null;
  const { campaign } = template;
  return createCampaignRecord(store, {
    ...campaign,
    name: formatDatePlaceholders(campaign.name, at, timeZone),
    description: campaign.description ? formatDatePlaceholders(campaign.description, at, timeZone) : (campaign.description ?? null),
    deadline: duration ? addIsoDuration(at, duration, timeZone).toISOString() : null,
  });
}

/** Most runs one schedule catches up at once (a sandbox left closed for long does not flood the tenant). */
export const SCHEDULE_CATCH_UP_MAX = 3;

/**
 * The tenant's scheduler: every schedule run whose time has passed on the sandbox clock since the last look
 * generates its campaign (at most SCHEDULE_CATCH_UP_MAX per schedule, the latest ones), named for its run time.
 */
const nextRunTimes = new WeakMap<ScheduleRecord, number>();
/** When a schedule's first run after `since` (its checkedThrough) is due; Infinity when none is left. */
function nextRunAfterCheck(schedule: ScheduleRecord, since: Date): number {
  let at = nextRunTimes.get(schedule);
  if (at === undefined) nextRunTimes.set(schedule, (at = nextRuns(schedule, since, 1)[0]?.at.getTime() ?? Infinity));
  return at;
}

export function runSchedules(store: Store): void {
  const now = store.now();
  for (const schedule of store.all('schedules')) {
    const template = store.get('templates', schedule.id);
    if (!template) continue;
    const since = schedule.checkedThrough ? new Date(schedule.checkedThrough) : now;
    if (since.getTime() >= now.getTime()) {
      if (!schedule.checkedThrough) store.put('schedules', { ...schedule, checkedThrough: now.toISOString() });
      continue;
    }
    // Runs every request: the next run after the last look is worked out once per schedule record.
    if (nextRunAfterCheck(schedule, since) > now.getTime()) continue;
    const zone = scheduleTimeZone(schedule.timeZoneId) ?? 'UTC';
    const runs = runsBetween(schedule, since, now, 1000).slice(-SCHEDULE_CATCH_UP_MAX);
    // Runs every request: with no run due, nothing changes and nothing is written (or persisted).
    if (!runs.length) continue;
    for (const run of runs) generateFromTemplate(store, template, run.at, zone);
    store.put('schedules', { ...schedule, checkedThrough: now.toISOString() });
  }
}

export const templateRoutes: Route[] = [
  {
    /** Creates a template owned by the caller; its campaign is validated as createCampaign's body is. */
    operationId: 'createCampaignTemplate',
    method: 'POST',
    path: '/campaign-templates',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const fields = validateTemplate(ctx, ctx.body);
      const now = ctx.store.nowIso();
      const { id, name, email } = ctx.caller;
      const template = ctx.store.put('templates', {
        id: ctx.store.newId(),
        ...fields,
        created: now,
        modified: now,
        scheduled: false,
        ownerRef: { id, type: 'IDENTITY', name, email },
      });
      return { body: template };
    },
  },
  {
    operationId: 'getCampaignTemplates',
    method: 'GET',
    path: '/campaign-templates',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const { page, totalCount } = queryCollection('getCampaignTemplates', ctx.store.all('templates'), ctx.query, {
        id: (t) => t.id,
        name: (t) => t.name,
        created: (t) => t.created,
        modified: (t) => t.modified,
      });
      return pageReply(page, totalCount);
    },
  },
  {
    /** JSON Patch of name, description, deadlineDuration and the campaign; the result is validated as on create. */
    operationId: 'patchCampaignTemplate',
    method: 'PATCH',
    path: '/campaign-templates/:id',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const template = templateFor(ctx, ctx.params.id!);
      const operations = parsePatch(ctx.body);
      operations.flatMap(changedPaths).forEach(checkTemplatePath);
      const fields = validateTemplate(ctx, applyPatch(template, operations));
      const updated = ctx.store.put('templates', { ...template, ...fields, modified: ctx.store.nowIso() });
      return { body: updated };
    },
  },
  {
    operationId: 'getCampaignTemplate',
    method: 'GET',
    path: '/campaign-templates/:id',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      return { body: templateFor(ctx, ctx.params.id!) };
    },
  },
  {
    /** Deletes the template and its schedule. */
    operationId: 'deleteCampaignTemplate',
    method: 'DELETE',
    path: '/campaign-templates/:id',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const template = templateFor(ctx, ctx.params.id!);
      if (ctx.store.get('schedules', template.id)) ctx.store.delete('schedules', template.id);
      ctx.store.delete('templates', template.id);
      return { status: 204 };
    },
  },
  {
    /** The template's schedule; 404 when it has none. */
    operationId: 'getCampaignTemplateSchedule',
    method: 'GET',
    path: '/campaign-templates/:id/schedule',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const template = templateFor(ctx, ctx.params.id!);
      const schedule = ctx.store.get('schedules', template.id);
      if (!schedule) throw scheduleNotFound(template.id);
      const { id: _template, checkedThrough: _checked, ...body } = schedule;
      return { body };
    },
  },
  {
    /** Sets (or overwrites) the schedule after checking its parts against its type; the template becomes scheduled. */
    operationId: 'setCampaignTemplateSchedule',
    method: 'PUT',
    path: '/campaign-templates/:id/schedule',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const template = templateFor(ctx, ctx.params.id!);
      const schedule = parseBody(ctx, Schedule, 'Schedule');
      validateSchedule(schedule);
      // Runs from now on: a new schedule does not generate the runs before it was set.
      ctx.store.put('schedules', { id: template.id, ...schedule, checkedThrough: ctx.store.nowIso() });
      ctx.store.put('templates', { ...template, scheduled: true });
      return { status: 204 };
    },
  },
  {
    operationId: 'deleteCampaignTemplateSchedule',
    method: 'DELETE',
    path: '/campaign-templates/:id/schedule',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const template = templateFor(ctx, ctx.params.id!);
      if (!ctx.store.get('schedules', template.id)) throw scheduleNotFound(template.id);
      ctx.store.delete('schedules', template.id);
      ctx.store.put('templates', { ...template, scheduled: false });
      return { status: 204 };
    },
  },
  {
    /**
     * Generates a campaign from the template now: its name and description with date placeholders filled,
     * its deadline now + deadlineDuration; PENDING until lifecycle generates it.
     */
    operationId: 'startGenerateCampaignTemplate',
    method: 'POST',
    path: '/campaign-templates/:id/generate',
    handle: (ctx) => {
      requireLevel(ctx, CERTIFICATION_ADMIN_LEVELS);
      const template = templateFor(ctx, ctx.params.id!);
      const created = generateFromTemplate(ctx.store, template, ctx.store.now());
      return { body: campaignReference(ctx.store, created.id) };
    },
  },
];
