import { describe, expect, it } from 'vitest';
import { endDateProblem } from './CommentFields';

const at = (iso: string) => Date.parse(iso);

describe('endDateProblem: a proposed end date is never already past', () => {
  it.each([
    ['2026-12-02', '2026-12-02T22:00:00Z', 'UTC', null],
    ['2026-12-01', '2026-12-02T00:00:01Z', 'UTC', 'The end date must be today or later.'],
    // Late evening in New York: "today" there is still Dec 2, though it is Dec 3 in UTC.
    ['2026-12-02', '2026-12-03T03:00:00Z', 'America/New_York', null],
    // Just after midnight in Berlin, Dec 2 has ended there.
    ['2026-12-02', '2026-12-02T23:00:01Z', 'Europe/Berlin', 'The end date must be today or later.'],
    ['2026-13-01', '2026-12-02T00:00:00Z', 'UTC', 'Enter a valid date.'],
    ['', '2026-12-02T00:00:00Z', 'UTC', null],
  ])('%s at %s in %s', (day, now, zone, problem) => {
    expect(endDateProblem(day, at(now), zone)).toBe(problem);
  });
});
