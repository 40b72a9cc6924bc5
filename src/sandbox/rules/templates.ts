import {
  CampaignTemplateInput,
  Schedule,
  type Campaign,
  type ScheduleDays,
} from '../../api/schemas';
import { badRequest, notFound, SandboxError } from '../errors';
import { CERTIFICATION_ADMIN_LEVELS, pageReply, parseBody, requireLevel, type RequestContext, type Route } from '../context';
import { applyPatch, changedPaths, parsePatch } from '../jsonPatch';
import { queryCollection } from '../query';
import type { TemplateRecord } from '../model';
import { campaignReference } from '../views';
import { createCampaignRecord, validateCampaignDefinition } from './campaigns';

/** The 9 template operations of the Certification Campaigns tag: templates, their schedules, and generation. */

// ----- ISO-8601 durations ----------------------------------------------------------------------

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Parses an ISO-8601 duration such as P2W, P14D, P1M, P1Y2M or PT12H; null when it is not one. */
export function parseIsoDuration(text: string): IsoDuration | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((g) => Number(g ?? 0)) as [number, number, number, number, number, number, number];
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** Adds a duration as java.time does: years and months first (clamped to the month's last day), then the rest, in UTC. */
export function addIsoDuration(date: Date, d: IsoDuration): Date {
  const result = new Date(date.getTime());
  const monthIndex = result.getUTCFullYear() * 12 + result.getUTCMonth() + d.years * 12 + d.months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  result.setUTCFullYear(year, month, Math.min(result.getUTCDate(), lastDay));
  result.setUTCDate(result.getUTCDate() + d.weeks * 7 + d.days);
  return new Date(result.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

// ----- Date placeholders -----------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** One java.util.Formatter date/time conversion of a UTC instant; undefined for an unknown conversion. */
function dateConversion(c: string, date: Date): string | undefined {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const hour = date.getUTCHours();
  const hour12 = hour % 12 || 12;
  const [HH, MM, SS] = [pad(hour, 2), pad(date.getUTCMinutes(), 2), pad(date.getUTCSeconds(), 2)];
  const dayOfYear = Math.floor((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const weekday = WEEKDAYS[date.getUTCDay()]!;
  const monthName = MONTHS[month]!;
  switch (c) {
    case 'Y': return pad(year, 4);
    case 'y': return pad(year % 100, 2);
    case 'C': return pad(Math.floor(year / 100), 2);
    case 'B': return monthName;
    case 'b':
    case 'h': return monthName.slice(0, 3);
    case 'm': return pad(month + 1, 2);
    case 'd': return pad(day, 2);
    case 'e': return String(day);
    case 'A': return weekday;
    case 'a': return weekday.slice(0, 3);
    case 'j': return pad(dayOfYear, 3);
    case 'H': return HH;
    case 'k': return String(hour);
    case 'I': return pad(hour12, 2);
    case 'l': return String(hour12);
    case 'M': return MM;
    case 'S': return SS;
    case 'L': return pad(date.getUTCMilliseconds(), 3);
    case 'N': return pad(date.getUTCMilliseconds() * 1_000_000, 9);
    case 'p': return hour < 12 ? 'am' : 'pm';
    case 'z': return '+0000';
    case 'Z': return 'UTC';
    case 's': return String(Math.floor(date.getTime() / 1000));
    case 'Q': return String(date.getTime());
    case 'R': return `${HH}:${MM}`;
    case 'T': return `${HH}:${MM}:${SS}`;
    case 'r': return `${pad(hour12, 2)}:${MM}:${SS} ${hour < 12 ? 'AM' : 'PM'}`;
    case 'D': return `${pad(month + 1, 2)}/${pad(day, 2)}/${pad(year % 100, 2)}`;
    case 'F': return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)}`;
    case 'c': return `${weekday.slice(0, 3)} ${monthName.slice(0, 3)} ${pad(day, 2)} ${HH}:${MM}:${SS} UTC ${pad(year, 4)}`;
    default: return undefined;
  }
}

/**
 * Fills a template campaign's name or description: `%` plus a java.util.Formatter date/time conversion
 * (`%Y`, `%B`, `%d`…), also in Formatter's own `%tY` form (`%TB` upper-cases), and `%%` for a literal `%`.
 * Anything else is left as written.
 */
export function formatDatePlaceholders(text: string, date: Date): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') {
      out += text[i];
      continue;
    }
    const next = text[i + 1] ?? '';
    if (next === '%') {
      out += '%';
      i += 1;
      continue;
    }
    const prefixed = next === 't' || next === 'T' ? dateConversion(text[i + 2] ?? '', date) : undefined;
    if (prefixed !== undefined) {
      out += next === 'T' ? prefixed.toUpperCase() : prefixed;
      i += 2;
      continue;
    }
    const bare = dateConversion(next, date);
    if (bare !== undefined) {
      out += bare;
      i += 1;
    } else {
      out += '%';
    }
  }
  return out;
}

// ----- Schedules -------------------------------------------------------------------------------

type SchedulePart = Pick<ScheduleDays, 'type' | 'values' | 'interval'>;

const inRange = (min: number, max: number) => (v: string) => /^\d{1,2}$/.test(v) && Number(v) >= min && Number(v) <= max;
const dayOfMonth = (v: string) => inRange(1, 31)(v) || v === 'L' || /^L-([1-9]|[12]\d|30)$/.test(v);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `--MM-DD`, a date without year (February 29 allowed). */
function isYearlessDate(v: string): boolean {
  const m = /^--(\d{2})-(\d{2})$/.exec(v);
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= daysIn(2024, Number(m[1]));
}

/** `YYYY-MM-DD`, a real calendar date. */
function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= daysIn(Number(m[1]), Number(m[2]));
}

function checkPart(name: string, part: SchedulePart, valid: (v: string) => boolean, expected: string, listOnly = false): void {
  if (listOnly && part.type === 'RANGE') throw badRequest(`${name}.type must be LIST here: ${expected} cannot form a RANGE.`);
  if (part.values.length === 0) throw badRequest(`${name}.values must not be empty.`);
  if (part.type === 'RANGE' && part.values.length !== 2) throw badRequest(`${name}: a RANGE needs exactly 2 values (start and end); got ${part.values.length}.`);
  const bad = part.values.find((v) => !valid(v));
  if (bad !== undefined) throw badRequest(`${name}.values: "${bad}" is not valid; expected ${expected}.`);
  if (part.interval !== null && part.interval !== undefined && part.interval < 1) throw badRequest(`${name}.interval must be 1 or more.`);
}

/** A schedule's parts, checked against its type (API-NOTES §5 Schedule). */
function validateSchedule(schedule: Schedule): void {
  const { type, months, days, hours } = schedule;
  checkPart('hours', hours, inRange(0, 23), 'hours 0-23');
  if (!days) throw badRequest(`days is required for ${type} schedules.`);
  if (months && type !== 'ANNUALLY') throw badRequest(`months is only allowed for ANNUALLY schedules, not ${type}.`);
  switch (type) {
    case 'WEEKLY':
      return checkPart('days', days, inRange(1, 7), 'days of the week 1-7');
    case 'MONTHLY':
      return checkPart('days', days, dayOfMonth, 'days of the month 1-31, L or L-1 to L-30');
    case 'ANNUALLY':
      if (months) {
        checkPart('months', months, inRange(1, 12), 'months 1-12');
        return checkPart('days', days, dayOfMonth, 'days of the month 1-31, L or L-1 to L-30 (with months)');
      }
      return checkPart('days', days, isYearlessDate, 'dates without year like --12-31 (without months)', true);
    case 'CALENDAR':
      return checkPart('days', days, isCalendarDate, 'dates like 2026-12-31', true);
  }
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
      const { id: _template, ...body } = schedule;
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
      if (schedule.expiration && Number.isNaN(Date.parse(schedule.expiration))) throw badRequest(`expiration must be a date-time; it was "${schedule.expiration}".`);
      ctx.store.put('schedules', { id: template.id, ...schedule });
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
      const now = ctx.store.now();
      const duration = template.deadlineDuration ? parseIsoDuration(template.deadlineDuration) : null;
      const { campaign } = template;
      const created = createCampaignRecord(ctx.store, {
        ...campaign,
        name: formatDatePlaceholders(campaign.name, now),
        description: campaign.description ? formatDatePlaceholders(campaign.description, now) : (campaign.description ?? null),
        deadline: duration ? addIsoDuration(now, duration).toISOString() : null,
      });
      return { body: campaignReference(ctx.store, created.id) };
    },
  },
];
