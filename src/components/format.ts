/** Dates as reviewers read them: in their locale and time zone, with the day count to a deadline. */
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTimeFormat.format(time);
}

/** The reviewer's IANA time zone, as the browser knows it. */
export function reviewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day a moment falls on in the time zone. With the browser's Intl only: this module is on every
 * first page, and date-fns with @date-fns/tz would add about 1.8 KB gz to it (the day's end in a zone, which
 * needs them, is in zonedDays.ts).
 */
function calendarDay(time: number, timeZone: string): { year: number; month: number; day: number } {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(time)) parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day! };
}

/** Days since 1970-01-01 of the calendar day a moment falls on in the time zone (NaN for an invalid moment). */
function dayNumber(time: number, timeZone: string): number {
  if (!Number.isFinite(time)) return Number.NaN;
  const { year, month, day } = calendarDay(time, timeZone);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * Calendar days from now to the date in the time zone: 0 today, 1 tomorrow (whatever the hour), negative
 * when the day has passed.
 */
export function relativeDays(iso: string, now: number = Date.now(), timeZone: string = reviewerTimeZone()): number {
  return dayNumber(Date.parse(iso), timeZone) - dayNumber(now, timeZone);
}

/** "Due today", "Due tomorrow", "Due in 3 d"; "Overdue today", "Overdue 2 d" once the moment has passed. */
export function dueLabel(iso: string, now: number = Date.now(), timeZone: string = reviewerTimeZone()): { overdue: boolean; days: number; text: string } {
  const days = relativeDays(iso, now, timeZone);
  const overdue = Date.parse(iso) < now;
  if (overdue) return { overdue, days, text: days >= 0 ? 'Overdue today' : `Overdue ${-days} d` };
  return { overdue, days, text: days === 0 ? 'Due today' : days === 1 ? 'Due tomorrow' : `Due in ${days} d` };
}

/** A day (YYYY-MM-DD) as a date input shows it: the day it is at `now` in the time zone. */
export function dayInputValue(now: number = Date.now(), timeZone: string = reviewerTimeZone()): string {
  const { year, month, day } = calendarDay(now, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 100;
}
