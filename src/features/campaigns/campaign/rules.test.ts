import { describe, expect, it } from 'vitest';
import type { SlimCampaign } from '../../../api/schemas';
import { activationCheck, browserUtcOffset, campaignPatch, completionCheck, editableValues, reviewerLoads, stalledReviewers } from './rules';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T22:30:00Z');
const campaign = (changes: Partial<SlimCampaign> = {}): SlimCampaign => ({
  name: 'Q1', description: 'd', type: 'MANAGER', status: 'STAGED', deadline: '2026-03-20T00:00:00Z',
  emailNotificationEnabled: false, autoRevokeAllowed: false, recommendationsEnabled: false, ...changes,
});

describe('campaignPatch', () => {
  it('sends only changed fields the status allows, as replace operations', () => {
    const staged = campaign();
    expect(campaignPatch(staged, { ...editableValues(staged), name: 'Q1 review', autoRevokeAllowed: true })).toEqual([
      { op: 'replace', path: '/autoRevokeAllowed', value: true },
      { op: 'replace', path: '/name', value: 'Q1 review' },
    ]);
    const active = campaign({ status: 'ACTIVE' });
    expect(campaignPatch(active, { ...editableValues(active), name: 'ignored', deadline: '2026-04-01T00:00:00.000Z' })).toEqual([
      { op: 'replace', path: '/deadline', value: '2026-04-01T00:00:00.000Z' },
    ]);
    const completed = campaign({ status: 'COMPLETED' });
    expect(campaignPatch(completed, { ...editableValues(completed), name: 'x' })).toEqual([]);
  });
});

describe('activationCheck', () => {
  it('needs STAGED and a deadline on a later calendar day in the browser’s zone', () => {
    expect(activationCheck(campaign(), NOW, 0)).toEqual({ ok: true });
    expect(activationCheck(campaign({ status: 'PENDING' }), NOW, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/PENDING/) });
    expect(activationCheck(campaign({ deadline: null }), NOW, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/Set a deadline/) });
    // 23:00Z is still today in UTC, but tomorrow at +02:00 it is already the 11th, and so is the deadline.
    const deadline = '2026-03-11T05:00:00Z';
    expect(activationCheck(campaign({ deadline }), NOW, 0)).toEqual({ ok: true });
    expect(activationCheck(campaign({ deadline }), NOW, 120)).toMatchObject({ ok: false, reason: expect.stringMatching(/tomorrow or later/) });
  });
});

describe('completionCheck', () => {
  it('needs ACTIVE and past due', () => {
    expect(completionCheck(campaign({ status: 'ACTIVE', deadline: new Date(NOW - DAY).toISOString() }), NOW)).toEqual({ ok: true });
    expect(completionCheck(campaign({ status: 'ACTIVE', deadline: new Date(NOW + DAY).toISOString() }), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/not past due/) });
    expect(completionCheck(campaign({ status: 'STAGED', deadline: new Date(NOW - DAY).toISOString() }), NOW)).toMatchObject({ ok: false });
  });
});

describe('browserUtcOffset', () => {
  it('is Z or ±hh:mm', () => {
    expect(browserUtcOffset()).toMatch(/^(Z|[+-]\d{2}:\d{2})$/);
  });
});

describe('stalledReviewers', () => {
  const cert = (reviewer: string, made: number, total: number, phase: 'ACTIVE' | 'SIGNED' = 'ACTIVE') => ({
    id: `${reviewer}-${made}`, reviewer: { id: reviewer, name: reviewer }, decisionsMade: made, decisionsTotal: total, phase,
  });
  const loads = reviewerLoads([cert('a', 1, 10), cert('a', 0, 10), cert('b', 9, 10), cert('c', 0, 5, 'SIGNED')]);

  it('groups by reviewer and flags low progress with the deadline near', () => {
    expect(loads.map((l) => [l.id, l.decisionsMade, l.decisionsTotal, l.pendingIds.length])).toEqual([['a', 1, 20, 2], ['b', 9, 10, 1], ['c', 0, 5, 0]]);
    const deadline = new Date(NOW + 3 * DAY).toISOString();
    expect(stalledReviewers(loads, deadline, { maxProgressPercent: 50, withinDays: 7 }, NOW).map((l) => l.id)).toEqual(['a']);
    expect(stalledReviewers(loads, deadline, { maxProgressPercent: 95, withinDays: 7 }, NOW).map((l) => l.id)).toEqual(['a', 'b']);
    expect(stalledReviewers(loads, deadline, { maxProgressPercent: 50, withinDays: 2 }, NOW)).toEqual([]);
  });
});
