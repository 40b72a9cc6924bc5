import { describe, expect, it } from 'vitest';
import type { Campaign, IdentityCertificationDto } from '../../../api/schemas';
import { median, preflightChecks, reviewerLoads } from './checks';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;

function campaign(changes: Partial<Campaign> = {}): Campaign {
  return {
    name: 'C', description: 'd', type: 'MANAGER', status: 'STAGED', deadline: '2026-03-20T12:00:00Z',
    created: new Date(NOW - 2 * HOUR).toISOString(), modified: new Date(NOW - HOUR).toISOString(),
    totalCertifications: 3, alerts: [], sourcesWithOrphanEntitlements: [], ...changes,
  };
}
function cert(reviewer: string, items: number, type: 'IDENTITY' | 'GOVERNANCE_GROUP' = 'IDENTITY'): IdentityCertificationDto {
  return { id: `${reviewer}-${items}`, reviewer: { id: reviewer, name: reviewer, type }, decisionsTotal: items };
}
const byKey = (checks: ReturnType<typeof preflightChecks>) => Object.fromEntries(checks.map((c) => [c.key, c]));

describe('preflight checks', () => {
  it('passes a healthy manager campaign, warning only that manager-less identities are left out', () => {
    const checks = byKey(preflightChecks(campaign(), [cert('a', 10), cert('b', 12), cert('c', 9)], { now: NOW, offsetMinutes: 0 }));
    expect(checks.count!.result).toBe('pass');
    expect(checks.load!.result).toBe('pass');
    expect(checks.load!.summary).toMatch(/3 reviewers: the heaviest has 12 items, the median 10/);
    expect(checks.groups!.result).toBe('pass');
    expect(checks.alerts!.result).toBe('pass');
    expect(checks.orphans!.result).toBe('pass');
    expect(checks.managers!.result).toBe('warn');
    expect(checks.deadline!.result).toBe('pass');
    expect(checks.clock!.result).toBe('pass');
    expect(checks.clock!.summary).toMatch(/Generated 1 h 0 min ago; start within 23 h 0 min/);
  });

  it('fails a count mismatch, an ERROR alert, a deadline of today and a day-old preview', () => {
    const checks = byKey(preflightChecks(
      campaign({ deadline: '2026-03-10T20:00:00Z', modified: new Date(NOW - 25 * HOUR).toISOString(), alerts: [{ level: 'ERROR', localizations: [{ text: 'Source X does not exist' }] }] }),
      [cert('a', 1)],
      { now: NOW, offsetMinutes: 0 },
    ));
    expect(checks.count!.result).toBe('fail');
    expect(checks.alerts!).toMatchObject({ result: 'fail', details: ['ERROR: Source X does not exist'] });
    expect(checks.deadline!.result).toBe('fail');
    expect(checks.clock!.result).toBe('fail');
  });

  it('warns about uneven load (five heaviest listed), governance groups and unknown orphan entitlements', () => {
    const certs = [cert('big', 100), cert('a', 5), cert('b', 6), cert('c', 4), cert('d', 5), cert('e', 7), cert('gg', 3, 'GOVERNANCE_GROUP')];
    const checks = byKey(preflightChecks(campaign({ type: 'SEARCH', totalCertifications: certs.length, sourcesWithOrphanEntitlements: null }), certs, { now: NOW, offsetMinutes: 0 }));
    expect(checks.load!.result).toBe('warn');
    expect(checks.load!.details).toEqual(['big: 100 items in 1 certification', 'e: 7 items in 1 certification', 'b: 6 items in 1 certification', 'a: 5 items in 1 certification', 'd: 5 items in 1 certification']);
    expect(checks.groups!).toMatchObject({ result: 'warn', details: ['gg'] });
    expect(checks.orphans!.result).toBe('warn');
    expect(checks.managers).toBeUndefined();
  });

  it('sums load per reviewer across certifications and takes the median', () => {
    expect(reviewerLoads([cert('a', 3), cert('a', 4), cert('b', 5)]).map((l) => [l.id, l.items, l.certifications])).toEqual([['a', 7, 2], ['b', 5, 1]]);
    expect(median([1, 9, 3, 7])).toBe(5);
    expect(median([])).toBe(0);
  });
});
