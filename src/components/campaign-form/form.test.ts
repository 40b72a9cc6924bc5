import { describe, expect, it } from 'vitest';
import { Campaign } from '../../api/schemas';
import { emptyForm, MAX_ACCESS_CONSTRAINTS, parseIds, stepErrors, toCampaignBody, validate, type CampaignForm } from './form';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ID1 = '2c9180857a1c8e3b017a1d0f3b2e0001';
const ID2 = '2c9180857a1c8e3b017a1d0f3b2e0002';

function form(changes: Partial<CampaignForm>): CampaignForm {
  return { ...emptyForm(NOW), name: 'Q1 review', description: 'Quarterly access review', deadline: '2026-03-24T22:59:00Z', ...changes };
}
const check = (f: CampaignForm) => validate(f, { now: NOW, offsetMinutes: 0 });

describe('validate: common fields', () => {
  it('asks for a name and a description', () => {
    expect(check(form({ name: '  ', description: '' }))).toEqual({
      name: expect.stringMatching(/name/),
      description: expect.stringMatching(/requires a description/),
    });
  });

  it('refuses a deadline of today or earlier (ISC activates from tomorrow) and accepts tomorrow', () => {
    expect(check(form({ deadline: '2026-03-10T23:00:00Z' })).deadline).toMatch(/tomorrow or later/);
    expect(check(form({ deadline: '2026-03-01T10:00:00Z' })).deadline).toMatch(/tomorrow or later/);
    expect(check(form({ deadline: '2026-03-11T00:30:00Z' })).deadline).toBeUndefined();
    expect(check(form({ deadline: null })).deadline).toMatch(/cannot be activated/);
    expect(validate(form({ deadline: null }), { now: NOW, offsetMinutes: 0, requireDeadline: false }).deadline).toBeUndefined();
  });

  it('reads "today" at the browser’s UTC offset', () => {
    // 2026-03-11T02:00Z is still March 10 at UTC-05:00: too soon there, fine at UTC.
    expect(validate(form({ deadline: '2026-03-11T02:00:00Z' }), { now: NOW, offsetMinutes: -300 }).deadline).toMatch(/tomorrow/);
    expect(validate(form({ deadline: '2026-03-11T02:00:00Z' }), { now: NOW, offsetMinutes: 0 }).deadline).toBeUndefined();
  });

  it('sorts errors by step', () => {
    const errors = check(form({ type: 'SOURCE_OWNER', name: '' }));
    expect(Object.keys(stepErrors(errors, 'basics'))).toEqual(['name']);
    expect(Object.keys(stepErrors(errors, 'scope'))).toEqual(['sourceIds']);
  });

  it('parses pasted ids on commas, spaces and lines, once each', () => {
    expect(parseIds(` ${ID1}, ${ID2}\n${ID1} ;`)).toEqual([ID1, ID2]);
  });
});

describe('MANAGER', () => {
  it('needs nothing more; the campaign filter id is optional and checked', () => {
    expect(check(form({ type: 'MANAGER' }))).toEqual({});
    expect(check(form({ type: 'MANAGER', filterId: 'not an id' })).filterId).toMatch(/campaign filter id/);
  });

  it('sends the common fields, the filter reference and no info block', () => {
    const body = toCampaignBody(form({ type: 'MANAGER', filterId: ` ${ID1} ` }));
    expect(body).toEqual({
      name: 'Q1 review',
      description: 'Quarterly access review',
      deadline: '2026-03-24T22:59:00.000Z',
      type: 'MANAGER',
      emailNotificationEnabled: true,
      autoRevokeAllowed: false,
      recommendationsEnabled: false,
      mandatoryCommentRequirement: 'NO_DECISIONS',
      sunsetCommentsRequired: true,
      filter: { id: ID1, type: 'CAMPAIGN_FILTER' },
    });
    expect(Campaign.safeParse(body).success).toBe(true);
    expect(toCampaignBody(form({ type: 'MANAGER' }))).not.toHaveProperty('filter');
  });
});

describe('SOURCE_OWNER', () => {
  it('needs at least one valid source id', () => {
    expect(check(form({ type: 'SOURCE_OWNER' })).sourceIds).toMatch(/at least one source/);
    expect(check(form({ type: 'SOURCE_OWNER', sourceIds: ['bad id!'] })).sourceIds).toMatch(/not a source id/);
    expect(check(form({ type: 'SOURCE_OWNER', sourceIds: [ID1] }))).toEqual({});
  });

  it('sends sourceOwnerCampaignInfo and the correlation status', () => {
    const body = toCampaignBody(form({ type: 'SOURCE_OWNER', sourceIds: [ID1], uncorrelated: true, identityIds: [ID2] }));
    expect(body).toMatchObject({ type: 'SOURCE_OWNER', correlatedStatus: 'UNCORRELATED', sourceOwnerCampaignInfo: { sourceIds: [ID1] } });
    expect(body).not.toHaveProperty('searchCampaignInfo');
  });
});

describe('SEARCH', () => {
  it('needs a query, or picked identities, and checks access constraints (at most 1,000; selected ones name ids)', () => {
    expect(check(form({ type: 'SEARCH', searchScope: 'query' })).searchQuery).toMatch(/search query/);
    expect(check(form({ type: 'SEARCH', searchScope: 'identities' })).identityIds).toMatch(/at least one identity/);
    expect(check(form({ type: 'SEARCH', identityIds: [ID1], accessConstraints: [{ type: 'ROLE', operator: 'SELECTED', ids: [] }] })).accessConstraints).toMatch(/Constraint 1 \(ROLE\)/);
    const many = Array.from({ length: MAX_ACCESS_CONSTRAINTS + 1 }, () => ({ type: 'ENTITLEMENT' as const, operator: 'ALL' as const, ids: [] }));
    expect(check(form({ type: 'SEARCH', identityIds: [ID1], accessConstraints: many })).accessConstraints).toMatch(/at most 1,000/);
    expect(check(form({ type: 'SEARCH', identityIds: [ID1], accessConstraints: many.slice(1) }))).toEqual({});
  });

  it('sends exactly one of identityIds and query, the reviewer and the constraints', () => {
    const picked = toCampaignBody(form({
      type: 'SEARCH',
      searchType: 'ACCESS',
      identityIds: [ID1, ID2],
      searchQuery: 'ignored',
      reviewerId: ID1,
      names: { [ID1]: 'Morgan Reyes' },
      accessConstraints: [{ type: 'ACCESS_PROFILE', operator: 'SELECTED', ids: [ID2] }, { type: 'ROLE', operator: 'ALL', ids: [ID1] }],
    }));
    expect(picked.searchCampaignInfo).toEqual({
      type: 'ACCESS',
      reviewer: { type: 'IDENTITY', id: ID1, name: 'Morgan Reyes' },
      identityIds: [ID1, ID2],
      accessConstraints: [{ type: 'ACCESS_PROFILE', operator: 'SELECTED', ids: [ID2] }, { type: 'ROLE', operator: 'ALL' }],
    });
    const byQuery = toCampaignBody(form({ type: 'SEARCH', searchScope: 'query', searchQuery: ' department:Sales ', identityIds: [ID1] }));
    expect(byQuery.searchCampaignInfo).toEqual({ type: 'IDENTITY', query: 'department:Sales' });
  });
});

describe('ROLE_COMPOSITION', () => {
  it('needs a remediator, and roles when chosen by id or query', () => {
    expect(check(form({ type: 'ROLE_COMPOSITION' })).remediatorId).toMatch(/Role Admin or Org Admin/);
    expect(check(form({ type: 'ROLE_COMPOSITION', remediatorId: ID1, roleScope: 'ids' })).roleIds).toMatch(/at least one role/);
    expect(check(form({ type: 'ROLE_COMPOSITION', remediatorId: ID1, roleScope: 'query' })).roleQuery).toMatch(/query/);
    expect(check(form({ type: 'ROLE_COMPOSITION', remediatorId: ID1 }))).toEqual({});
  });

  it('sends at most one of roleIds and query (neither = all roles) and the remediator as an IDENTITY', () => {
    const all = toCampaignBody(form({ type: 'ROLE_COMPOSITION', remediatorId: ID1, roleIds: [ID2], roleQuery: 'x' }));
    expect(all.roleCompositionCampaignInfo).toEqual({ remediatorRef: { type: 'IDENTITY', id: ID1 } });
    const byIds = toCampaignBody(form({ type: 'ROLE_COMPOSITION', remediatorId: ID1, roleScope: 'ids', roleIds: [ID2], reviewerType: 'GOVERNANCE_GROUP', reviewerId: ID2 }));
    expect(byIds.roleCompositionCampaignInfo).toEqual({ remediatorRef: { type: 'IDENTITY', id: ID1 }, roleIds: [ID2], reviewer: { type: 'GOVERNANCE_GROUP', id: ID2 } });
  });
});

describe('MACHINE_ACCOUNT', () => {
  it('needs sources and sends the only reviewer type, ACCOUNT_OWNER', () => {
    expect(check(form({ type: 'MACHINE_ACCOUNT' })).sourceIds).toMatch(/at least one source/);
    expect(toCampaignBody(form({ type: 'MACHINE_ACCOUNT', sourceIds: [ID1] })).machineAccountCampaignInfo).toEqual({ sourceIds: [ID1], reviewerType: 'ACCOUNT_OWNER' });
  });
});
