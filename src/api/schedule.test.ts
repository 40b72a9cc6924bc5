import { describe, expect, it } from 'vitest';
import type { Schedule } from './schemas';
import {
  addIsoDuration,
  describeSchedule,
  expandPart,
  formatDatePlaceholders,
  fromIsoDuration,
  fromSchedule,
  nextRuns,
  parseIsoDuration,
  placeholderWarnings,
  scheduleProblem,
  scheduleTimeZone,
  scheduleWarnings,
  toIsoDuration,
  toSchedule,
  type ScheduleForm,
} from './schedule';

const hours = (...values: string[]) => ({ type: 'LIST' as const, values });
const days = (...values: string[]) => ({ type: 'LIST' as const, values });
const iso = (runs: { at: Date }[]) => runs.map((r) => r.at.toISOString().replace(':00.000Z', 'Z'));

// The five examples of setCampaignTemplateSchedule in the reference (sailpoint-v3-certifications.openapi.json).
const REFERENCE = {
  monthly: { type: 'MONTHLY', hours: hours('17'), days: days('15') },
  onceAYear: { type: 'ANNUALLY', hours: hours('0'), days: days('--01-01') },
  quarterly: { type: 'ANNUALLY', hours: hours('1'), days: days('1'), months: { type: 'LIST', values: ['1'], interval: 3 } },
  yearlyOnDays: { type: 'ANNUALLY', hours: hours('1'), days: days('--03-12', '--12-05') },
  onDate: { type: 'CALENDAR', hours: hours('1'), days: days('2020-02-18') },
} satisfies Record<string, Schedule>;

describe('schedule presets ⇄ schedule JSON', () => {
  it.each([
    ['monthly', REFERENCE.monthly, { kind: 'monthly', mode: 'days', days: [15] }, [17]],
    ['onceAYear', REFERENCE.onceAYear, { kind: 'yearly', dates: ['--01-01'] }, [0]],
    ['quarterly', REFERENCE.quarterly, { kind: 'quarterly', startMonth: 1, day: '1' }, [1]],
    ['yearlyOnDays', REFERENCE.yearlyOnDays, { kind: 'yearly', dates: ['--03-12', '--12-05'] }, [1]],
    ['onDate', REFERENCE.onDate, { kind: 'dates', dates: ['2020-02-18'] }, [1]],
  ] as const)('reference example %s maps to its preset and back to the same JSON', (_name, schedule, preset, hourList) => {
    const form = fromSchedule(schedule);
    expect(form).toEqual({ preset, hours: hourList, timeZoneId: '', expiration: '' });
    expect(toSchedule(form!)).toEqual(schedule);
  });

  it.each<[string, ScheduleForm, Schedule]>([
    ['weekly on Monday and Friday (1 = Sunday)', { preset: { kind: 'weekly', weekdays: [6, 2] }, hours: [9], timeZoneId: 'Europe/Berlin', expiration: '' },
      { type: 'WEEKLY', hours: hours('9'), days: days('2', '6'), timeZoneId: 'Europe/Berlin' }],
    ['monthly on the last day', { preset: { kind: 'monthly', mode: 'last' }, hours: [9], timeZoneId: 'Europe/Berlin', expiration: '' },
      { type: 'MONTHLY', hours: hours('9'), days: days('L'), timeZoneId: 'Europe/Berlin' }],
    ['monthly 3 days before the last', { preset: { kind: 'monthly', mode: 'beforeLast', before: 3 }, hours: [8], timeZoneId: 'UTC', expiration: '' },
      { type: 'MONTHLY', hours: hours('8'), days: days('L-3'), timeZoneId: 'UTC' }],
    ['monthly from the 20th to the last day', { preset: { kind: 'monthly', mode: 'range', from: '20', to: 'L' }, hours: [6], timeZoneId: 'UTC', expiration: '' },
      { type: 'MONTHLY', hours: hours('6'), days: { type: 'RANGE', values: ['20', 'L'] }, timeZoneId: 'UTC' }],
    ['quarterly from February with an expiration', { preset: { kind: 'quarterly', startMonth: 2, day: 'L' }, hours: [7], timeZoneId: 'UTC', expiration: '2028-01-01T00:00:00.000Z' },
      { type: 'ANNUALLY', hours: hours('7'), days: days('L'), months: { type: 'LIST', values: ['2'], interval: 3 }, timeZoneId: 'UTC', expiration: '2028-01-01T00:00:00.000Z' }],
  ])('%s', (_name, form, schedule) => {
    expect(toSchedule(form)).toEqual(schedule);
    expect(fromSchedule(schedule)).toEqual({ ...form, preset: form.preset.kind === 'weekly' ? { kind: 'weekly', weekdays: [2, 6] } : form.preset });
  });

  it('gives no preset for what no preset says exactly (hours with an interval, a weekly range)', () => {
    expect(fromSchedule({ type: 'MONTHLY', hours: { type: 'LIST', values: ['8'], interval: 3 }, days: days('1') })).toBeNull();
    expect(fromSchedule({ type: 'WEEKLY', hours: hours('9'), days: { type: 'RANGE', values: ['2', '6'] } })).toBeNull();
  });
});

describe('schedule validation per type', () => {
  it.each<[string, Schedule, string | null]>([
    ['every reference example is valid', REFERENCE.quarterly, null],
    ['weekday 0', { type: 'WEEKLY', hours: hours('9'), days: days('0') }, 'days.values: "0" is not valid; expected days of the week 1-7.'],
    ['hour 24', { type: 'MONTHLY', hours: hours('24'), days: days('1') }, 'hours.values: "24" is not valid; expected hours 0-23.'],
    ['L-31', { type: 'MONTHLY', hours: hours('9'), days: days('L-31') }, 'days.values: "L-31" is not valid; expected days of the month 1-31, L or L-1 to L-30.'],
    ['months on MONTHLY', { type: 'MONTHLY', hours: hours('9'), days: days('1'), months: { type: 'LIST', values: ['1'] } }, 'months is only allowed for ANNUALLY schedules, not MONTHLY.'],
    ['a RANGE of yearless dates', { type: 'ANNUALLY', hours: hours('9'), days: { type: 'RANGE', values: ['--01-01', '--02-01'] } }, 'days.type must be LIST here: dates without year like --12-31 (without months) cannot form a RANGE.'],
    ['February 30', { type: 'CALENDAR', hours: hours('9'), days: days('2027-02-30') }, 'days.values: "2027-02-30" is not valid; expected dates like 2026-12-31.'],
    ['no days', { type: 'WEEKLY', hours: hours('9') }, 'days is required for WEEKLY schedules.'],
  ])('%s', (_name, schedule, problem) => {
    for (const example of Object.values(REFERENCE)) expect(scheduleProblem(example)).toBeNull();
    expect(scheduleProblem(schedule)).toBe(problem);
  });
});

// Expected dates worked out by hand from a calendar: weekdays from the 2026/2027 calendar, Berlin's DST change
// on the last Sunday of March (2027-03-28, 02:00 CET → 03:00 CEST) and October (2027-10-31), New York's on the
// second Sunday of March (2027-03-14); CET = UTC+1, CEST = UTC+2, EST = UTC−5, EDT = UTC−4, CST = UTC−6.
describe('next runs', () => {
  const from = new Date('2026-12-02T05:00:00Z'); // a Wednesday
  it.each<[string, Schedule, Date, number, string[]]>([
    ['reference: monthly on the 15th at 17:00 (UTC)', REFERENCE.monthly, from, 3, ['2026-12-15T17:00Z', '2027-01-15T17:00Z', '2027-02-15T17:00Z']],
    ['reference: once a year, January 1 at midnight', REFERENCE.onceAYear, from, 2, ['2027-01-01T00:00Z', '2028-01-01T00:00Z']],
    ['reference: quarterly from January on the 1st at 01:00', REFERENCE.quarterly, from, 5, ['2027-01-01T01:00Z', '2027-04-01T01:00Z', '2027-07-01T01:00Z', '2027-10-01T01:00Z', '2028-01-01T01:00Z']],
    ['reference: March 12 and December 5 at 01:00', REFERENCE.yearlyOnDays, from, 4, ['2026-12-05T01:00Z', '2027-03-12T01:00Z', '2027-12-05T01:00Z', '2028-03-12T01:00Z']],
    ['reference: on 2020-02-18 (passed)', REFERENCE.onDate, from, 3, []],
    ['monthly on the last day at 09:00 Europe/Berlin, across the March DST change', { type: 'MONTHLY', hours: hours('9'), days: days('L'), timeZoneId: 'Europe/Berlin' }, from, 5,
      ['2026-12-31T08:00Z', '2027-01-31T08:00Z', '2027-02-28T08:00Z', '2027-03-31T07:00Z', '2027-04-30T07:00Z']],
    ['Sundays (1) at 02:00 Berlin: the hour missing on 2027-03-28 runs at 03:00 CEST', { type: 'WEEKLY', hours: hours('2'), days: days('1'), timeZoneId: 'Europe/Berlin' }, new Date('2027-03-20T00:00:00Z'), 3,
      ['2027-03-21T01:00Z', '2027-03-28T01:00Z', '2027-04-04T00:00Z']],
    ['Sundays at 02:00 Berlin: the doubled hour on 2027-10-31 runs once, the first time (CEST)', { type: 'WEEKLY', hours: hours('2'), days: days('1'), timeZoneId: 'Europe/Berlin' }, new Date('2027-10-30T00:00:00Z'), 2,
      ['2027-10-31T00:00Z', '2027-11-07T01:00Z']],
    ['the 15th at 09:00 New York, EST then EDT', { type: 'MONTHLY', hours: hours('9'), days: days('15'), timeZoneId: 'America/New_York' }, new Date('2027-02-01T00:00:00Z'), 2,
      ['2027-02-15T14:00Z', '2027-03-15T13:00Z']],
    ['Monday (2) and Friday (6) at 09:00 UTC from a Wednesday', { type: 'WEEKLY', hours: hours('9'), days: days('2', '6') }, from, 3, ['2026-12-04T09:00Z', '2026-12-07T09:00Z', '2026-12-11T09:00Z']],
    ['L-1, the second to last day', { type: 'MONTHLY', hours: hours('12'), days: days('L-1') }, new Date('2027-02-01T00:00:00Z'), 3, ['2027-02-27T12:00Z', '2027-03-30T12:00Z', '2027-04-29T12:00Z']],
    ['a range from the 20th to the last day', { type: 'MONTHLY', hours: hours('12'), days: { type: 'RANGE', values: ['20', 'L'] } }, new Date('2027-02-26T13:00:00Z'), 3, ['2027-02-27T12:00Z', '2027-02-28T12:00Z', '2027-03-20T12:00Z']],
    ['day 31 skips the short months', { type: 'MONTHLY', hours: hours('9'), days: days('31') }, new Date('2027-01-01T00:00:00Z'), 3, ['2027-01-31T09:00Z', '2027-03-31T09:00Z', '2027-05-31T09:00Z']],
    ['hours 8 every 3 hours (8, 11 … 23) on the 1st', { type: 'MONTHLY', hours: { type: 'LIST', values: ['8'], interval: 3 }, days: days('1') }, new Date('2027-01-01T00:00:00Z'), 7,
      ['2027-01-01T08:00Z', '2027-01-01T11:00Z', '2027-01-01T14:00Z', '2027-01-01T17:00Z', '2027-01-01T20:00Z', '2027-01-01T23:00Z', '2027-02-01T08:00Z']],
    ['"CST" as Java reads it (America/Chicago)', { type: 'MONTHLY', hours: hours('1'), days: days('1'), timeZoneId: 'CST' }, from, 1, ['2027-01-01T07:00Z']],
    ['an expiration stops the runs', { ...REFERENCE.quarterly, expiration: '2027-05-01 00:00:00' }, from, 5, ['2027-01-01T01:00Z', '2027-04-01T01:00Z']],
  ])('%s', (_name, schedule, start, count, expected) => {
    expect(iso(nextRuns(schedule, start, count))).toEqual(expected);
  });

  it('reports the wall-clock time in the schedule’s zone', () => {
    const runs = nextRuns({ type: 'MONTHLY', hours: hours('9'), days: days('L'), timeZoneId: 'Europe/Berlin' }, from, 1);
    expect(runs[0]!.local).toBe('2026-12-31 09:00');
  });

  it('maps Java short zone ids and rejects unknown ones', () => {
    expect(scheduleTimeZone('CST')).toBe('America/Chicago');
    expect(scheduleTimeZone(undefined)).toBe('UTC');
    expect(scheduleTimeZone('Mars/Olympus')).toBeNull();
  });

  it('expands a wrapping hour range (the spec’s "9", "5")', () => {
    expect(expandPart({ type: 'RANGE', values: ['22', '2'] }, 23)).toEqual([0, 1, 2, 22, 23]);
  });
});

describe('schedule warnings', () => {
  it('warns about overlapping campaigns, several runs a day and days that skip months', () => {
    const schedule: Schedule = { type: 'MONTHLY', hours: hours('9', '17'), days: days('31') };
    const runs = nextRuns(schedule, new Date('2027-01-01T00:00:00Z'), 6);
    const warnings = scheduleWarnings(schedule, { deadlineDuration: 'P1M', runs });
    expect(warnings.some((w) => w.startsWith('2 hours a day means 2 campaigns a day'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('Day 31 does not exist in every month'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('Campaigns overlap'))).toBe(true);
  });

  it('does not warn about overlap when the deadline comes before the next run', () => {
    const schedule: Schedule = { type: 'MONTHLY', hours: hours('9'), days: days('L'), timeZoneId: 'Europe/Berlin' };
    const runs = nextRuns(schedule, new Date('2027-01-01T00:00:00Z'), 6);
    expect(scheduleWarnings(schedule, { deadlineDuration: 'P2W', runs })).toEqual([]);
    expect(describeSchedule(schedule)).toBe('Monthly on the last day at 09:00 (Europe/Berlin)');
  });
});

describe('placeholders (java.util.Formatter)', () => {
  const at = new Date('2027-03-05T07:08:09Z'); // a Friday
  it.each([
    ['Review %B %Y', 'Review March 2027'],
    ['%tB %tY', 'March 2027'],
    ['%TB', 'MARCH'],
    ['%m/%d/%y', '03/05/27'],
    ['%M is minutes', '08 is minutes'],
    ['%A %e %b, day %j', 'Friday 5 Mar, day 064'],
    ['%H:%M:%S', '07:08:09'],
    ['100%% done', '100% done'],
    ['%q stays', '%q stays'],
  ])('%s → %s', (text, expected) => {
    expect(formatDatePlaceholders(text, at)).toBe(expected);
  });

  it('fills on the wall clock of a zone: midnight January 1 in Berlin is still December 31 in UTC', () => {
    const newYear = new Date('2026-12-31T23:00:00Z');
    expect(formatDatePlaceholders('%Y-%m-%d', newYear, 'Europe/Berlin')).toBe('2027-01-01');
    expect(formatDatePlaceholders('%Y-%m-%d', newYear)).toBe('2026-12-31');
  });

  it('warns about %M, %y and unknown letters', () => {
    const warnings = placeholderWarnings('Review %M %y %q');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/%M is the minute/);
    expect(warnings[1]).toMatch(/%y is the two-digit year/);
    expect(warnings[2]).toMatch(/%q is not a date placeholder/);
    expect(placeholderWarnings('Review %B %Y 100%%')).toEqual([]);
  });
});

describe('ISO-8601 deadline durations', () => {
  it('parses, builds and adds as java.time does (months clamp to the last day)', () => {
    expect(parseIsoDuration('P2W')).toMatchObject({ weeks: 2 });
    expect(parseIsoDuration('2W')).toBeNull();
    expect(toIsoDuration(3, 'M')).toBe('P3M');
    expect(fromIsoDuration('P14D')).toEqual({ amount: 14, unit: 'D' });
    expect(fromIsoDuration('P1M2D')).toBeNull();
    expect(addIsoDuration(new Date('2027-01-31T08:00:00Z'), parseIsoDuration('P1M')!).toISOString()).toBe('2027-02-28T08:00:00.000Z');
    // 2 weeks from 09:00 CET on March 20 is 09:00 CEST on April 3: one hour less in UTC.
    expect(addIsoDuration(new Date('2027-03-20T08:00:00Z'), parseIsoDuration('P2W')!, 'Europe/Berlin').toISOString()).toBe('2027-04-03T07:00:00.000Z');
  });
});
