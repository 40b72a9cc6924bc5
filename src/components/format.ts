import { differenceInCalendarDays, endOfDay } from 'date-fns';
import { TZDate, tz } from '@date-fns/tz';

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

/**
 * Calendar days from now to the date in the time zone: 0 today, 1 tomorrow (whatever the hour), negative
 * when the day has passed.
 */
export function relativeDays(iso: string, now: number = Date.now(), timeZone: string = reviewerTimeZone()): number {
  return differenceInCalendarDays(iso, now, { in: tz(timeZone) });
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
  // Built from the day's parts rather than date-fns' format, whose formatters and locale would otherwise
  // ride along (this module is on every first page).
  const day = new TZDate(now, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(day.getFullYear(), 4)}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The last millisecond of a YYYY-MM-DD day in the time zone, as ISC's UTC date-time; null when not a real date. */
export function endOfDayIn(day: string, timeZone: string = reviewerTimeZone()): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts) return null;
  const [year, month, date] = [Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])];
  const start = new TZDate(year, month, date, timeZone);
  // Not a real date (2026-02-30 rolls over into March).
  if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== date) return null;
  return new Date(endOfDay(start, { in: tz(timeZone) }).getTime()).toISOString();
}

/** Milliseconds until the next midnight in the time zone (when "today" changes). */
export function msUntilNextDay(now: number = Date.now(), timeZone: string = reviewerTimeZone()): number {
  const end = endOfDay(new TZDate(now, timeZone), { in: tz(timeZone) }).getTime();
  return end - now + 1;
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 100;
}
