import * as rruleModule from 'rrule';
import { TZDate } from '@date-fns/tz';
import type { Schedule, ScheduleDays, ScheduleType } from './schemas';

// rrule ships ESM for bundlers and a UMD build for Node, whose exports arrive as the default export there.
// (read with Reflect.get so bundlers, which see the ESM build, do not flag a missing default export).
const { RRule, RRuleSet, Weekday } = 'RRule' in rruleModule ? rruleModule : (Reflect.get(rruleModule, 'default') as typeof rruleModule);
type RRuleSet = InstanceType<typeof RRuleSet>;

/**
 * Campaign template rules shared by the app and the sandbox (API-NOTES §2 and §5, ADMIN-NOTES §4.4–4.5):
 * ISO-8601 deadline durations, the `%` date placeholders ISC fills at generation, the schedule JSON's rules
 * per type, its mapping to and from the presets a person thinks in, and its next runs in a time zone.
 */

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

/**
 * Adds a duration as java.time's ZonedDateTime.plus does: years and months first on the wall clock of
 * `timeZone` (clamped to the month's last day), then weeks and days on the wall clock, then the time part.
 */
export function addIsoDuration(date: Date, d: IsoDuration, timeZone = 'UTC'): Date {
  const z = new TZDate(date.getTime(), timeZone);
  const monthIndex = z.getFullYear() * 12 + z.getMonth() + d.years * 12 + d.months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new TZDate(year, month + 1, 0, timeZone).getDate();
  const day = Math.min(z.getDate(), lastDay) + d.weeks * 7 + d.days;
  const wall = new TZDate(year, month, day, z.getHours(), z.getMinutes(), z.getSeconds(), z.getMilliseconds(), timeZone);
  return new Date(wall.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/** A deadline duration a person picks: a number of days, weeks or months. */
export type DurationUnit = 'D' | 'W' | 'M';

/** `P14D`, `P2W`, `P1M` from an amount and unit. */
export function toIsoDuration(amount: number, unit: DurationUnit): string {
  return `P${Math.max(0, Math.floor(amount))}${unit}`;
}

/** The amount and unit of a plain `PnD` / `PnW` / `PnM` duration; null for anything else (e.g. P1M2D, PT12H). */
export function fromIsoDuration(text: string | null | undefined): { amount: number; unit: DurationUnit } | null {
  const m = /^P(\d+)([DWM])$/.exec(text ?? '');
  return m ? { amount: Number(m[1]), unit: m[2] as DurationUnit } : null;
}

/** The duration in words: "2 weeks", "1 month and 3 days". */
export function describeDuration(text: string): string {
  const d = parseIsoDuration(text);
  if (!d) return text;
  const parts: [number, string][] = [[d.years, 'year'], [d.months, 'month'], [d.weeks, 'week'], [d.days, 'day'], [d.hours, 'hour'], [d.minutes, 'minute'], [d.seconds, 'second']];
  const words = parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`);
  if (words.length === 0) return 'no time';
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

// ----- Date placeholders -----------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function zoneOffset(date: TZDate): { z: string; Z: string } {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const z = `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
  const name = new Intl.DateTimeFormat('en-US', { timeZone: date.timeZone ?? 'UTC', timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return { z, Z: date.timeZone === 'UTC' ? 'UTC' : (name ?? z) };
}

/** One java.util.Formatter date/time conversion of an instant on a zone's wall clock; undefined for an unknown one. */
function dateConversion(c: string, instant: Date, timeZone: string): string | undefined {
  const date = new TZDate(instant.getTime(), timeZone);
  const year = date.getFullYear();
  const month = date.getMonth();
  const day = date.getDate();
  const hour = date.getHours();
  const hour12 = hour % 12 || 12;
  const [HH, MM, SS] = [pad(hour, 2), pad(date.getMinutes(), 2), pad(date.getSeconds(), 2)];
  const dayOfYear = Math.round((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const weekday = WEEKDAYS[date.getDay()]!;
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
    case 'L': return pad(date.getMilliseconds(), 3);
    case 'N': return pad(date.getMilliseconds() * 1_000_000, 9);
    case 'p': return hour < 12 ? 'am' : 'pm';
    case 'z': return zoneOffset(date).z;
    case 'Z': return zoneOffset(date).Z;
    case 's': return String(Math.floor(instant.getTime() / 1000));
    case 'Q': return String(instant.getTime());
    case 'R': return `${HH}:${MM}`;
    case 'T': return `${HH}:${MM}:${SS}`;
    case 'r': return `${pad(hour12, 2)}:${MM}:${SS} ${hour < 12 ? 'AM' : 'PM'}`;
    case 'D': return `${pad(month + 1, 2)}/${pad(day, 2)}/${pad(year % 100, 2)}`;
    case 'F': return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)}`;
    case 'c': return `${weekday.slice(0, 3)} ${monthName.slice(0, 3)} ${pad(day, 2)} ${HH}:${MM}:${SS} ${zoneOffset(date).Z} ${pad(year, 4)}`;
    default: return undefined;
  }
}

/**
 * Fills a template campaign's name or description: `%` plus a java.util.Formatter date/time conversion
 * (`%Y`, `%B`, `%d`…), also in Formatter's own `%tY` form (`%TB` upper-cases), and `%%` for a literal `%`,
 * on the wall clock of `timeZone` (UTC unless given). Anything else is left as written.
 */
export function formatDatePlaceholders(text: string, date: Date, timeZone = 'UTC'): string {
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
    const prefixed = next === 't' || next === 'T' ? dateConversion(text[i + 2] ?? '', date, timeZone) : undefined;
    if (prefixed !== undefined) {
      out += next === 'T' ? prefixed.toUpperCase() : prefixed;
      i += 2;
      continue;
    }
    const bare = dateConversion(next, date, timeZone);
    if (bare !== undefined) {
      out += bare;
      i += 1;
    } else {
      out += '%';
    }
  }
  return out;
}

/** Placeholders that surprise people: `%M` is minutes (not month), `%y` two digits; unknown letters stay as written. */
export function placeholderWarnings(text: string): string[] {
  const warnings: string[] = [];
  const letters = [...text.replaceAll('%%', '').matchAll(/%[tT]?(.)/g)].map((m) => m[1]!);
  if (letters.includes('M')) warnings.push('%M is the minute (java.util.Formatter), not the month: use %m (01–12) or %B (month name).');
  if (letters.includes('y')) warnings.push('%y is the two-digit year (26), not 2026: use %Y for four digits. (ISC’s own example says otherwise; Java gives two digits.)');
  const unknown = [...new Set(letters.filter((c) => dateConversion(c, new Date(0), 'UTC') === undefined))];
  if (unknown.length) warnings.push(`${unknown.map((c) => `%${c}`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a date placeholder and will be left as written.`);
  return warnings;
}

// ----- Time zones ------------------------------------------------------------------------------

/** java.time's ZoneId.SHORT_IDS, for the abbreviations ISC's example uses ("CST"). */
const SHORT_IDS: Record<string, string> = {
  ACT: 'Australia/Darwin', AET: 'Australia/Sydney', AGT: 'America/Argentina/Buenos_Aires', ART: 'Africa/Cairo', AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo', BST: 'Asia/Dhaka', CAT: 'Africa/Harare', CNT: 'America/St_Johns', CST: 'America/Chicago', CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa', ECT: 'Europe/Paris', EST: 'Etc/GMT+5', HST: 'Etc/GMT+10', IET: 'America/Indiana/Indianapolis', IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo', MIT: 'Pacific/Apia', MST: 'Etc/GMT+7', NET: 'Asia/Yerevan', NST: 'Pacific/Auckland', PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix', PRT: 'America/Puerto_Rico', PST: 'America/Los_Angeles', SST: 'Pacific/Guadalcanal', VST: 'Asia/Ho_Chi_Minh',
};

/** Whether the runtime knows an IANA zone id. */
export function isKnownTimeZone(id: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

/** The IANA zone a schedule runs in: its timeZoneId, a Java short id mapped (CST → America/Chicago), or UTC when absent. Null when unknown. */
export function scheduleTimeZone(timeZoneId: string | null | undefined): string | null {
  if (!timeZoneId) return 'UTC';
  if (SHORT_IDS[timeZoneId]) return SHORT_IDS[timeZoneId]!;
  return isKnownTimeZone(timeZoneId) ? timeZoneId : null;
}

/** IANA zones for a picker (the runtime's list, or a few common ones). */
export function timeZoneIds(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone');
  const list = supported && supported.length ? supported : ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];
  return list.includes('UTC') ? list : ['UTC', ...list];
}

// ----- Schedule rules --------------------------------------------------------------------------

type Part = Pick<ScheduleDays, 'type' | 'values' | 'interval'>;

const isInt = (min: number, max: number) => (v: string) => /^\d{1,2}$/.test(v) && Number(v) >= min && Number(v) <= max;
const isDayOfMonth = (v: string) => isInt(1, 31)(v) || v === 'L' || /^L-([1-9]|[12]\d|30)$/.test(v);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `--MM-DD`, a date without year (February 29 allowed). */
export function isYearlessDate(v: string): boolean {
  const m = /^--(\d{2})-(\d{2})$/.exec(v);
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= daysIn(2024, Number(m[1]));
}

/** `YYYY-MM-DD`, a real calendar date. */
export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= daysIn(Number(m[1]), Number(m[2]));
}

function partProblem(name: string, part: Part, valid: (v: string) => boolean, expected: string, listOnly = false): string | null {
  if (listOnly && part.type === 'RANGE') return `${name}.type must be LIST here: ${expected} cannot form a RANGE.`;
  if (part.values.length === 0) return `${name}.values must not be empty.`;
  if (part.type === 'RANGE' && part.values.length !== 2) return `${name}: a RANGE needs exactly 2 values (start and end); got ${part.values.length}.`;
  const bad = part.values.find((v) => !valid(v));
  if (bad !== undefined) return `${name}.values: "${bad}" is not valid; expected ${expected}.`;
  if (part.interval !== null && part.interval !== undefined && part.interval < 1) return `${name}.interval must be 1 or more.`;
  return null;
}

/** What is wrong with a schedule's parts for its type (API-NOTES §5 Schedule); null when ISC takes it. */
export function scheduleProblem(schedule: Schedule): string | null {
  const { type, months, days, hours } = schedule;
  const hourProblem = partProblem('hours', hours, isInt(0, 23), 'hours 0-23');
  if (hourProblem) return hourProblem;
  if (!days) return `days is required for ${type} schedules.`;
  if (months && type !== 'ANNUALLY') return `months is only allowed for ANNUALLY schedules, not ${type}.`;
  if (schedule.expiration && Number.isNaN(parseExpiration(schedule.expiration))) return `expiration must be a date-time; it was "${schedule.expiration}".`;
  switch (type) {
    case 'WEEKLY':
      return partProblem('days', days, isInt(1, 7), 'days of the week 1-7');
    case 'MONTHLY':
      return partProblem('days', days, isDayOfMonth, 'days of the month 1-31, L or L-1 to L-30');
    case 'ANNUALLY':
      if (months) {
        return partProblem('months', months, isInt(1, 12), 'months 1-12')
          ?? partProblem('days', days, isDayOfMonth, 'days of the month 1-31, L or L-1 to L-30 (with months)');
      }
      return partProblem('days', days, isYearlessDate, 'dates without year like --12-31 (without months)', true);
    case 'CALENDAR':
      return partProblem('days', days, isCalendarDate, 'dates like 2026-12-31', true);
    default:
      return `type ${String(type)} is not one Attest can schedule.`;
  }
}

/** An expiration as ms; ISC's example "2022-09-19 13:55:26" (no T, no zone) is read as UTC. */
export function parseExpiration(text: string): number {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  return Date.parse(iso);
}

// ----- Expanding parts (Quartz: a LIST value with an interval is "v/i", a RANGE is "a-b/i") ----------------

/** The numbers a part stands for: LIST values (each stepping by interval up to max), or RANGE start..end by interval (wrapping past max). */
export function expandPart(part: Part, max: number, min = 0): number[] {
  const step = part.interval && part.interval > 0 ? part.interval : null;
  const out = new Set<number>();
  if (part.type === 'RANGE') {
    const [a, b] = part.values.map(Number) as [number, number];
    const span = b >= a ? b - a : b - a + (max - min + 1);
    for (let k = 0; k <= span; k += step ?? 1) out.add(((a - min + k) % (max - min + 1)) + min);
  } else {
    for (const v of part.values.map(Number)) {
      if (step) for (let x = v; x <= max; x += step) out.add(x);
      else out.add(v);
    }
  }
  return [...out].sort((x, y) => x - y);
}

/** Day-of-month value → rrule BYMONTHDAY: 1–31 as is, L = -1, L-n = -(n+1). */
function monthDay(v: string): number {
  if (v === 'L') return -1;
  if (v.startsWith('L-')) return -(Number(v.slice(2)) + 1);
  return Number(v);
}

/** Day-of-month part → a test of (day, days in month); RANGE runs from start to end inclusive (e.g. 20 to L). */
function monthDayMatcher(part: Part): (day: number, length: number) => boolean {
  const resolve = (v: string, length: number) => {
    const d = monthDay(v);
    return d > 0 ? d : length + 1 + d;
  };
  if (part.type === 'RANGE') {
    const [a, b] = part.values as [string, string];
    const step = part.interval && part.interval > 0 ? part.interval : 1;
    return (day, length) => {
      const start = resolve(a, length);
      const end = resolve(b, length);
      return day >= start && day <= end && (day - start) % step === 0;
    };
  }
  if (part.interval && part.interval > 0) {
    const step = part.interval;
    return (day, length) => part.values.some((v) => {
      const start = resolve(v, length);
      return day >= start && (day - start) % step === 0;
    });
  }
  return (day, length) => part.values.some((v) => resolve(v, length) === day);
}

// ----- Next runs -------------------------------------------------------------------------------

/** Wall-clock date-times (y, m, d, h in the schedule's zone) as "floating" Date values rrule works in. */
function floating(y: number, m: number, d: number, h = 0): Date {
  return new Date(Date.UTC(y, m, d, h));
}

/** The rrule set whose floating occurrences are the schedule's wall-clock runs, and a filter for what rrule cannot say. */
function recurrence(schedule: Schedule, start: Date): { set: RRuleSet; keep: (d: Date) => boolean } {
  const set = new RRuleSet();
  const byhour = expandPart(schedule.hours, 23);
  const days = schedule.days!;
  const common = { dtstart: start, byhour, byminute: [0], bysecond: [0] };
  let keep: (d: Date) => boolean = () => true;
  switch (schedule.type) {
    case 'WEEKLY': {
      const weekdays = expandPart(days, 7, 1).map((n) => new Weekday((n + 5) % 7)); // 1 = Sunday → rrule SU (6)
      set.rrule(new RRule({ freq: RRule.WEEKLY, byweekday: weekdays, ...common }));
      break;
    }
    case 'MONTHLY':
    case 'ANNUALLY': {
      const matcher = schedule.type === 'ANNUALLY' && !schedule.months ? null : monthDayMatcher(days);
      if (matcher) {
        const bymonth = schedule.type === 'ANNUALLY' ? expandPart(schedule.months!, 12, 1) : undefined;
        // Every day, then keep the days the part names (L-n and ranges like 20–L depend on the month's length).
        set.rrule(new RRule({ freq: RRule.DAILY, ...(bymonth ? { bymonth } : {}), ...common }));
        keep = (d) => matcher(d.getUTCDate(), daysIn(d.getUTCFullYear(), d.getUTCMonth() + 1));
      } else {
        // Yearly dates: every day, kept when its month and day are listed (one rule per date does not merge reliably).
        const dates = new Set(days.values.map((v) => v.slice(2)));
        set.rrule(new RRule({ freq: RRule.DAILY, ...common }));
        keep = (d) => dates.has(`${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`);
      }
      break;
    }
    case 'CALENDAR':
      for (const v of days.values) {
        const [y, m, d] = v.split('-').map(Number) as [number, number, number];
        for (const h of byhour) set.rdate(floating(y, m - 1, d, h));
      }
      break;
  }
  return { set, keep };
}

/** One coming run of a schedule. */
export interface ScheduledRun {
  /** The instant the campaign is generated. */
  at: Date;
  /** Its wall-clock date and time in the schedule's zone, `YYYY-MM-DD HH:mm`. */
  local: string;
}

/** The instant of a wall-clock hour in a zone; of an hour that happens twice (autumn), the first, as java.time picks. */
function wallToInstant(zone: string, d: Date): Date {
  const t = TZDate.tz(zone, d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()).getTime();
  const hourEarlier = new TZDate(t - 3_600_000, zone);
  const same = hourEarlier.getDate() === d.getUTCDate() && hourEarlier.getHours() === d.getUTCHours();
  return new Date(same ? t - 3_600_000 : t);
}

function wallString(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:00`;
}

/**
 * The schedule's next `count` runs strictly after `from`, in its time zone (daylight saving included: a run
 * in a spring-forward gap moves on by the gap, an ambiguous autumn hour takes the first one, as java.time
 * does), stopping at its expiration. Empty when the schedule is invalid or its zone unknown.
 */
export function nextRuns(schedule: Schedule, from: Date, count: number, options: { until?: Date } = {}): ScheduledRun[] {
  if (scheduleProblem(schedule)) return [];
  const zone = scheduleTimeZone(schedule.timeZoneId);
  if (!zone) return [];
  const expiration = schedule.expiration ? parseExpiration(schedule.expiration) : Infinity;
  const until = Math.min(expiration, options.until?.getTime() ?? Infinity);
  const wall = new TZDate(from.getTime(), zone);
  // Start a day early on the wall clock so a run in the first hours after `from` is not missed.
  const start = floating(wall.getFullYear(), wall.getMonth(), wall.getDate() - 1);
  const { set, keep } = recurrence(schedule, start);
  const runs: ScheduledRun[] = [];
  const limitYear = wall.getFullYear() + 30;
  set.all((d) => {
    if (d.getUTCFullYear() > limitYear) return false;
    if (!keep(d)) return true;
    const at = wallToInstant(zone, d);
    if (at.getTime() > until) return false;
    if (at.getTime() > from.getTime() && (runs.length === 0 || at.getTime() > runs.at(-1)!.at.getTime())) runs.push({ at, local: wallString(d) });
    return runs.length < count;
  });
  return runs;
}

/** Runs in (from, to]: what a scheduler whose last look was `from` owes at `to`. */
export function runsBetween(schedule: Schedule, from: Date, to: Date, max = 100): ScheduledRun[] {
  return nextRuns(schedule, from, max, { until: to });
}

// ----- Presets ---------------------------------------------------------------------------------

/** How a person thinks of a schedule; each maps to exactly one schedule JSON and back. */
export type SchedulePreset =
  | { kind: 'weekly'; weekdays: number[] }
  | { kind: 'monthly'; mode: 'days'; days: number[] }
  | { kind: 'monthly'; mode: 'last' }
  | { kind: 'monthly'; mode: 'beforeLast'; before: number }
  | { kind: 'monthly'; mode: 'range'; from: string; to: string }
  | { kind: 'quarterly'; startMonth: number; day: string }
  | { kind: 'yearly'; dates: string[] }
  | { kind: 'dates'; dates: string[] };

/** A preset plus what every schedule has: its hours, zone and expiration. */
export interface ScheduleForm {
  preset: SchedulePreset;
  /** One hour by default: several hours mean several campaigns a day. */
  hours: number[];
  timeZoneId: string;
  /** ISO date-time or '' for none. */
  expiration: string;
}

/** 1 = Sunday … 7 = Saturday, as ISC numbers weekdays. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const list = (values: (string | number)[], interval?: number) => ({ type: 'LIST' as const, values: values.map(String), ...(interval ? { interval } : {}) });

/** The exact schedule JSON for a form. */
export function toSchedule(form: ScheduleForm): Schedule {
  const p = form.preset;
  let base: Pick<Schedule, 'type' | 'days' | 'months'>;
  switch (p.kind) {
    case 'weekly':
      base = { type: 'WEEKLY', days: list([...p.weekdays].sort((a, b) => a - b)) };
      break;
    case 'monthly':
      base = {
        type: 'MONTHLY',
        days: p.mode === 'days' ? list([...p.days].sort((a, b) => a - b))
          : p.mode === 'last' ? list(['L'])
            : p.mode === 'beforeLast' ? list([`L-${p.before}`])
              : { type: 'RANGE', values: [p.from, p.to] },
      };
      break;
    case 'quarterly':
      base = { type: 'ANNUALLY', months: list([p.startMonth], 3), days: list([p.day]) };
      break;
    case 'yearly':
      base = { type: 'ANNUALLY', days: list([...p.dates].sort()) };
      break;
    case 'dates':
      base = { type: 'CALENDAR', days: list([...p.dates].sort()) };
      break;
  }
  const schedule: Schedule = { type: base.type, hours: list([...form.hours].sort((a, b) => a - b)), days: base.days };
  if (base.months) schedule.months = base.months;
  if (form.expiration) schedule.expiration = form.expiration;
  if (form.timeZoneId) schedule.timeZoneId = form.timeZoneId;
  return schedule;
}

const plainList = (part: Part | null | undefined): string[] | null => (part && part.type === 'LIST' && !part.interval ? part.values : null);

/** The form a schedule JSON is, or null when no preset says it exactly (edit it as JSON then). */
export function fromSchedule(schedule: Schedule): ScheduleForm | null {
  const hourValues = plainList(schedule.hours);
  if (!hourValues || !schedule.days || scheduleProblem(schedule)) return null;
  const hours = hourValues.map(Number);
  const days = schedule.days;
  const values = plainList(days);
  let preset: SchedulePreset | null = null;
  switch (schedule.type) {
    case 'WEEKLY':
      if (values) preset = { kind: 'weekly', weekdays: values.map(Number) };
      break;
    case 'MONTHLY':
      if (days.type === 'RANGE' && !days.interval) preset = { kind: 'monthly', mode: 'range', from: days.values[0]!, to: days.values[1]! };
      else if (values && values.length === 1 && values[0] === 'L') preset = { kind: 'monthly', mode: 'last' };
      else if (values && values.length === 1 && values[0]!.startsWith('L-')) preset = { kind: 'monthly', mode: 'beforeLast', before: Number(values[0]!.slice(2)) };
      else if (values && values.every((v) => /^\d+$/.test(v))) preset = { kind: 'monthly', mode: 'days', days: values.map(Number) };
      break;
    case 'ANNUALLY': {
      const m = schedule.months;
      if (!m && values) preset = { kind: 'yearly', dates: values };
      else if (m && m.type === 'LIST' && m.values.length === 1 && m.interval === 3 && Number(m.values[0]) <= 3 && values && values.length === 1) {
        preset = { kind: 'quarterly', startMonth: Number(m.values[0]), day: values[0]! };
      }
      break;
    }
    case 'CALENDAR':
      if (values) preset = { kind: 'dates', dates: values };
      break;
  }
  if (!preset) return null;
  const form: ScheduleForm = { preset, hours, timeZoneId: schedule.timeZoneId ?? '', expiration: schedule.expiration ?? '' };
  // Exact only: the preset must give back the same JSON (order, intervals, fields).
  return sameSchedule(toSchedule(form), schedule) ? form : null;
}

function normal(schedule: Schedule): unknown {
  const part = (p: Part | null | undefined) => (p ? { type: p.type, values: p.values, interval: p.interval ?? null } : null);
  return { type: schedule.type, hours: part(schedule.hours), days: part(schedule.days), months: part(schedule.months), expiration: schedule.expiration ?? null, timeZoneId: schedule.timeZoneId ?? null };
}

/** Whether two schedules mean the same (null and missing optional fields alike). */
export function sameSchedule(a: Schedule, b: Schedule): boolean {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

/** A new schedule form: monthly on the last day at 09:00 in the browser's zone. */
export function defaultScheduleForm(timeZoneId = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'): ScheduleForm {
  return { preset: { kind: 'monthly', mode: 'last' }, hours: [9], timeZoneId, expiration: '' };
}

// ----- Describing and warning -------------------------------------------------------------------

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

function dayWords(v: string): string {
  if (v === 'L') return 'the last day';
  if (v.startsWith('L-')) return `${v.slice(2)} day${v.slice(2) === '1' ? '' : 's'} before the last day`;
  return `the ${ordinal(Number(v))}`;
}

/** The schedule in a sentence: "Monthly on the last day at 09:00 (Europe/Berlin)". */
export function describeSchedule(schedule: Schedule): string {
  const hours = expandPart(schedule.hours, 23).map((h) => `${pad(h, 2)}:00`);
  const at = `at ${hours.length > 4 ? `${hours.length} hours a day (${hours.slice(0, 4).join(', ')}…)` : hours.join(', ')}`;
  const zone = `(${schedule.timeZoneId || 'UTC'})`;
  const days = schedule.days;
  if (!days) return `${schedule.type} ${at} ${zone}`;
  const range = days.type === 'RANGE';
  let what: string;
  switch (schedule.type) {
    case 'WEEKLY':
      what = `Weekly on ${expandPart(days, 7, 1).map((n) => WEEKDAY_NAMES[n - 1]).join(', ')}`;
      break;
    case 'MONTHLY':
      what = range ? `Monthly on every day from ${dayWords(days.values[0]!)} to ${dayWords(days.values[1]!)}` : `Monthly on ${days.values.map(dayWords).join(', ')}`;
      break;
    case 'ANNUALLY':
      if (schedule.months) {
        const months = expandPart(schedule.months, 12, 1).map((m) => MONTHS[m - 1]);
        what = `In ${months.join(', ')} on ${range ? `days ${days.values.join('–')}` : days.values.map(dayWords).join(', ')}`;
        if (schedule.months.type === 'LIST' && schedule.months.interval === 3 && months.length === 4) what = `Quarterly (${months.join(', ')}) on ${days.values.map(dayWords).join(', ')}`;
      } else {
        what = `Yearly on ${days.values.map((v) => `${MONTHS[Number(v.slice(2, 4)) - 1]} ${Number(v.slice(5, 7))}`).join(', ')}`;
      }
      break;
    case 'CALENDAR':
      what = `On ${days.values.join(', ')}`;
      break;
    default:
      what = String(schedule.type);
  }
  return `${what} ${at} ${zone}${schedule.expiration ? `, until ${schedule.expiration}` : ''}`;
}

/** Why a schedule might not do what its author expects. */
export function scheduleWarnings(schedule: Schedule, context: { deadlineDuration?: string | null; runs?: ScheduledRun[] } = {}): string[] {
  const warnings: string[] = [];
  if (scheduleProblem(schedule)) return warnings;
  const hours = expandPart(schedule.hours, 23);
  if (hours.length > 1) warnings.push(`${hours.length} hours a day means ${hours.length} campaigns a day, one per hour. Keep one hour unless that is what you want.`);
  if (schedule.hours.type === 'RANGE' && Number(schedule.hours.values[0]) > Number(schedule.hours.values[1])) {
    warnings.push(`The hour range ${schedule.hours.values.join('–')} wraps past midnight; Attest reads it as ${schedule.hours.values[0]}:00 to ${schedule.hours.values[1]}:00 the next morning.`);
  }
  const days = schedule.days!;
  const dayNumbers = (days.type === 'RANGE' ? [] : days.values).filter((v) => /^\d+$/.test(v)).map(Number);
  if (schedule.type === 'MONTHLY' && dayNumbers.some((d) => d >= 29)) {
    const d = Math.max(...dayNumbers.filter((n) => n >= 29));
    warnings.push(`Day ${d} does not exist in every month: months without it ${d === 29 ? '(February, except in leap years)' : d === 30 ? '(February)' : '(February, April, June, September, November)'} get no campaign. Use “last day” (L) for month ends.`);
  }
  if (schedule.type === 'ANNUALLY' && schedule.months && dayNumbers.some((d) => d >= 29)) {
    const months = expandPart(schedule.months, 12, 1);
    const skipped = months.filter((m) => dayNumbers.some((d) => d > daysIn(2023, m)));
    if (skipped.length) warnings.push(`Day ${Math.max(...dayNumbers)} does not exist in ${skipped.map((m) => MONTHS[m - 1]).join(', ')} (in some years): those months get no campaign.`);
  }
  if (schedule.type === 'ANNUALLY' && !schedule.months && days.values.includes('--02-29')) warnings.push('February 29 runs only in leap years.');
  if (!scheduleTimeZone(schedule.timeZoneId)) warnings.push(`Time zone “${schedule.timeZoneId}” is not one Attest knows; use an IANA id such as Europe/Berlin.`);
  else if (schedule.timeZoneId && SHORT_IDS[schedule.timeZoneId]) warnings.push(`“${schedule.timeZoneId}” is an abbreviation; Java reads it as ${SHORT_IDS[schedule.timeZoneId]}. Prefer the IANA id.`);
  if (!schedule.timeZoneId) warnings.push('No time zone: the runs below are in UTC (ISC does not document its default).');
  const runs = context.runs ?? [];
  const duration = context.deadlineDuration ? parseIsoDuration(context.deadlineDuration) : null;
  if (duration && runs.length >= 2) {
    const overlapping = runs.slice(0, -1).findIndex((run, i) => addIsoDuration(run.at, duration, scheduleTimeZone(schedule.timeZoneId) ?? 'UTC').getTime() > runs[i + 1]!.at.getTime());
    if (overlapping >= 0) {
      warnings.push(`Campaigns overlap: the deadline duration (${describeDuration(context.deadlineDuration!)}) is longer than the time to the next run (${runs[overlapping]!.local} → ${runs[overlapping + 1]!.local}), so a new campaign starts before the last one is due.`);
    }
  }
  if (schedule.type === 'CALENDAR' && runs.length === 0) warnings.push('Every date in this schedule has passed: it will not generate anything.');
  if (schedule.expiration && !Number.isNaN(parseExpiration(schedule.expiration)) && parseExpiration(schedule.expiration) < Date.now()) warnings.push('The expiration has passed: this schedule will not generate anything.');
  return warnings;
}

/** The day of the schedule type in words, for lists. */
export const SCHEDULE_TYPE_LABELS: Record<ScheduleType, string> = { WEEKLY: 'Weekly', MONTHLY: 'Monthly', ANNUALLY: 'Annually', CALENDAR: 'On dates' };

/** A pattern matching every name a template's campaign name can resolve to (placeholders match any text). */
export function generatedNamePattern(name: string): RegExp {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '%' && name[i + 1] === '%') {
      out += '%';
      i += 1;
    } else if (c === '%' && /[tT]/.test(name[i + 1] ?? '') && dateConversion(name[i + 2] ?? '', new Date(0), 'UTC') !== undefined) {
      out += '.+?';
      i += 2;
    } else if (c === '%' && dateConversion(name[i + 1] ?? '', new Date(0), 'UTC') !== undefined) {
      out += '.+?';
      i += 1;
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`, 'i');
}

/** The schedule's last run at or before `at` within `lookbackDays`, or null. */
export function previousRun(schedule: Schedule, at: Date, lookbackDays = 400): ScheduledRun | null {
  const runs = nextRuns(schedule, new Date(at.getTime() - lookbackDays * 86_400_000), 1000, { until: at });
  return runs.at(-1) ?? null;
}
