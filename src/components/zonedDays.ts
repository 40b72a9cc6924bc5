import { endOfDay } from 'date-fns';
import { TZDate, tz } from '@date-fns/tz';
import { reviewerTimeZone } from './format';

// Days in a time zone that need its UTC offsets (a proposed end date): kept apart from format.ts, which is on
// every first page.

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
