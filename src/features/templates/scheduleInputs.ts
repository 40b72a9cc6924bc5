import { TZDate } from '@date-fns/tz';
import { fromSchedule, type ScheduleForm, type SchedulePreset } from '../../api/schedule';
import { Schedule } from '../../api/schemas';

/** What the studio's fields hold, as typed: raw text where a person types lists. */
export interface ScheduleInputs {
  kind: SchedulePreset['kind'] | 'custom';
  weekdays: number[];
  monthMode: 'days' | 'last' | 'beforeLast' | 'range';
  monthDays: string;
  before: string;
  rangeFrom: string;
  rangeTo: string;
  quarterStart: string;
  quarterDay: string;
  yearlyDates: string;
  dates: string;
  hours: string;
  timeZoneId: string;
  /** YYYY-MM-DD, the last day runs may happen (in the schedule's zone), or ''. */
  expirationDate: string;
}

export function defaultInputs(timeZoneId = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'): ScheduleInputs {
  return {
    kind: 'monthly', weekdays: [2], monthMode: 'last', monthDays: '1', before: '1', rangeFrom: '20', rangeTo: 'L',
    quarterStart: '1', quarterDay: '1', yearlyDates: '01-01', dates: '', hours: '9', timeZoneId, expirationDate: '',
  };
}

const split = (text: string) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

/** The expiration sent for a last day: the end of that day in the zone, as an ISO instant. */
export function expirationFor(date: string, timeZoneId: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(TZDate.tz(timeZoneId || 'UTC', y, m - 1, d, 23, 59, 59).getTime()).toISOString();
}

function expirationDateOf(expiration: string, timeZoneId: string): string {
  const t = Date.parse(expiration);
  if (Number.isNaN(t)) return '';
  const z = new TZDate(t, timeZoneId || 'UTC');
  return `${z.getFullYear()}-${String(z.getMonth() + 1).padStart(2, '0')}-${String(z.getDate()).padStart(2, '0')}`;
}

/** The form the inputs make, or the first input that cannot be read. */
export function inputsToForm(inputs: ScheduleInputs): { form: ScheduleForm } | { error: string } {
  const hours = split(inputs.hours);
  if (hours.length === 0 || hours.some((h) => !/^\d{1,2}$/.test(h) || Number(h) > 23)) return { error: 'Hours are whole numbers 0–23, e.g. 9 (or 9, 17 for two campaigns a day).' };
  let preset: SchedulePreset;
  switch (inputs.kind) {
    case 'weekly':
      if (inputs.weekdays.length === 0) return { error: 'Pick at least one day of the week.' };
      preset = { kind: 'weekly', weekdays: inputs.weekdays };
      break;
    case 'monthly':
      if (inputs.monthMode === 'days') {
        const days = split(inputs.monthDays);
        if (days.length === 0 || days.some((d) => !/^\d{1,2}$/.test(d) || Number(d) < 1 || Number(d) > 31)) return { error: 'Days of the month are 1–31, e.g. 1 or 1, 15.' };
        preset = { kind: 'monthly', mode: 'days', days: [...new Set(days.map(Number))] };
      } else if (inputs.monthMode === 'last') {
        preset = { kind: 'monthly', mode: 'last' };
      } else if (inputs.monthMode === 'beforeLast') {
        if (!/^\d{1,2}$/.test(inputs.before.trim()) || Number(inputs.before) < 1 || Number(inputs.before) > 30) return { error: 'Days before the last day are 1–30.' };
        preset = { kind: 'monthly', mode: 'beforeLast', before: Number(inputs.before) };
      } else {
        preset = { kind: 'monthly', mode: 'range', from: inputs.rangeFrom.trim(), to: inputs.rangeTo.trim() };
      }
      break;
    case 'quarterly':
      preset = { kind: 'quarterly', startMonth: Number(inputs.quarterStart), day: inputs.quarterDay.trim() };
      break;
    case 'yearly': {
      const dates = split(inputs.yearlyDates).map((d) => (d.startsWith('--') ? d : `--${d}`));
      if (dates.length === 0) return { error: 'Enter at least one date as MM-DD, e.g. 01-01.' };
      preset = { kind: 'yearly', dates };
      break;
    }
    case 'dates': {
      const dates = split(inputs.dates);
      if (dates.length === 0) return { error: 'Enter at least one date as YYYY-MM-DD.' };
      preset = { kind: 'dates', dates };
      break;
    }
    default:
      return { error: 'Edit the schedule as JSON.' };
  }
  const expiration = inputs.expirationDate ? expirationFor(inputs.expirationDate, inputs.timeZoneId) : '';
  return { form: { preset, hours: [...new Set(hours.map(Number))], timeZoneId: inputs.timeZoneId, expiration } };
}

/** The inputs showing a schedule, or null when no preset says it exactly (custom JSON). */
export function scheduleToInputs(schedule: Schedule, base: ScheduleInputs = defaultInputs()): ScheduleInputs | null {
  const form = fromSchedule(schedule);
  if (!form) return null;
  const p = form.preset;
  const zone = form.timeZoneId;
  // An expiration Attest cannot show as "end of a day" is custom JSON.
  const expirationDate = form.expiration ? expirationDateOf(form.expiration, zone) : '';
  if (form.expiration && expirationFor(expirationDate, zone) !== form.expiration) return null;
  const inputs: ScheduleInputs = { ...base, kind: p.kind, hours: form.hours.join(', '), timeZoneId: zone, expirationDate };
  switch (p.kind) {
    case 'weekly': return { ...inputs, weekdays: p.weekdays };
    case 'monthly':
      if (p.mode === 'days') return { ...inputs, monthMode: 'days', monthDays: p.days.join(', ') };
      if (p.mode === 'beforeLast') return { ...inputs, monthMode: 'beforeLast', before: String(p.before) };
      if (p.mode === 'range') return { ...inputs, monthMode: 'range', rangeFrom: p.from, rangeTo: p.to };
      return { ...inputs, monthMode: 'last' };
    case 'quarterly': return { ...inputs, quarterStart: String(p.startMonth), quarterDay: p.day };
    case 'yearly': return { ...inputs, yearlyDates: p.dates.map((d) => d.slice(2)).join(', ') };
    case 'dates': return { ...inputs, dates: p.dates.join(', ') };
  }
}

/** Reads schedule JSON a person typed: the Schedule or what is wrong with it. */
export function parseScheduleJson(text: string): { schedule: Schedule } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = Schedule.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `Not a Schedule: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unreadable'}.` };
  }
  return { schedule: parsed.data };
}

