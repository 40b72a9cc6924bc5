import { describe, expect, it } from 'vitest';
import { dayInputValue, dueLabel, relativeDays } from './format';
import { endOfDayIn, msUntilNextDay } from './zonedDays';

const at = (iso: string) => Date.parse(iso);

describe('relativeDays and dueLabel: calendar days in the reviewer’s time zone', () => {
  it.each([
    // [due, now, zone, days, label]
    ['2026-12-04T17:00:00Z', '2026-12-02T08:00:00Z', 'UTC', 2, 'Due in 2 d'],
    // Less than 48 hours away, still two calendar days.
    ['2026-12-04T09:00:00Z', '2026-12-02T20:00:00Z', 'UTC', 2, 'Due in 2 d'],
    // Tomorrow 09:00 seen at 21:00 the evening before: tomorrow, never today.
    ['2026-12-03T09:00:00-05:00', '2026-12-02T21:00:00-05:00', 'America/New_York', 1, 'Due tomorrow'],
    ['2026-12-03T08:00:00+01:00', '2026-12-02T23:30:00+01:00', 'Europe/Berlin', 1, 'Due tomorrow'],
    // The same two moments in another zone are the same day there.
    ['2026-12-03T08:00:00+01:00', '2026-12-02T23:30:00+01:00', 'Asia/Tokyo', 0, 'Due today'],
    ['2026-12-02T23:00:00Z', '2026-12-02T01:00:00Z', 'UTC', 0, 'Due today'],
    // Passed: today, then whole calendar days.
    ['2026-12-02T06:00:00Z', '2026-12-02T07:00:00Z', 'UTC', 0, 'Overdue today'],
    ['2026-11-30T23:00:00Z', '2026-12-02T00:30:00Z', 'UTC', -2, 'Overdue 2 d'],
    // Across the spring-forward night (a 23-hour day): still one calendar day.
    ['2026-03-09T00:30:00-04:00', '2026-03-08T00:30:00-05:00', 'America/New_York', 1, 'Due tomorrow'],
    // Across the autumn night (a 25-hour day), evening to morning.
    ['2026-10-26T08:00:00+01:00', '2026-10-25T22:00:00+01:00', 'Europe/London', 1, 'Due tomorrow'],
  ])('due %s at %s in %s: %i days, “%s”', (due, now, zone, days, text) => {
    expect(relativeDays(due, at(now), zone)).toBe(days);
    expect(dueLabel(due, at(now), zone).text).toBe(text);
  });

  it('counts no days to a date that is not one', () => {
    expect(relativeDays('soon', at('2026-12-02T08:00:00Z'), 'UTC')).toBeNaN();
  });
});

describe('endOfDayIn: the last moment of the chosen day in the reviewer’s zone, in UTC', () => {
  it.each([
    ['2026-12-04', 'UTC', '2026-12-04T23:59:59.999Z'],
    ['2026-12-04', 'America/New_York', '2026-12-05T04:59:59.999Z'],
    ['2026-12-04', 'Asia/Kolkata', '2026-12-04T18:29:59.999Z'],
    // The spring-forward day in New York ends at UTC−4, not −5.
    ['2026-03-08', 'America/New_York', '2026-03-09T03:59:59.999Z'],
    ['2026-02-30', 'UTC', null],
    ['4 Dec', 'UTC', null],
    ['', 'UTC', null],
  ])('%s in %s → %s', (day, zone, expected) => {
    expect(endOfDayIn(day, zone)).toBe(expected);
  });
});

describe('dayInputValue and msUntilNextDay', () => {
  it('names the day it is in the zone, and the time left in it', () => {
    const now = at('2026-12-02T23:30:00Z');
    expect(dayInputValue(now, 'UTC')).toBe('2026-12-02');
    expect(dayInputValue(now, 'Europe/Berlin')).toBe('2026-12-03');
    expect(msUntilNextDay(now, 'UTC')).toBe(30 * 60_000);
    expect(msUntilNextDay(now, 'Europe/Berlin')).toBe(23.5 * 3_600_000);
  });
});
