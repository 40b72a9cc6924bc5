// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../api/filters';
import { matches, parseFilters, parsePaging, parseSorters, queryCollection, type Accessors } from './query';
import { SandboxError } from './errors';

interface Rec {
  id: string;
  name: string;
  phase: string;
  completed: boolean;
  due: string | null;
  rights: string[];
}

const RECORDS: Rec[] = [
  { id: 'a1', name: 'Bravo', phase: 'ACTIVE', completed: false, due: '2026-12-01T00:00:00.000Z', rights: ['READ'] },
  { id: 'a2', name: 'alpha', phase: 'SIGNED', completed: true, due: null, rights: ['READ', 'WRITE'] },
  { id: 'a3', name: 'Charlie', phase: 'ACTIVE', completed: true, due: '2026-11-30T00:00:00.000Z', rights: [] },
  { id: 'a4', name: 'Alpha two', phase: 'STAGED', completed: false, due: '2026-12-05T00:00:00.000Z', rights: ['create'] },
];

const ACCESSORS: Accessors<Rec> = {
  id: (r) => r.id,
  'campaign.id': (r) => `k-${r.id}`,
  name: (r) => r.name,
  phase: (r) => r.phase,
  completed: (r) => r.completed,
  due: (r) => r.due,
  /** Ties: every ACTIVE record shares one value, the others have none. */
  signed: (r) => (r.phase === 'ACTIVE' ? '2026-11-01T00:00:00.000Z' : null),
};

const q = (params: Record<string, string>) => new URLSearchParams(params);
const run = (params: Record<string, string>) => queryCollection('listIdentityCertifications', RECORDS, q(params), ACCESSORS);
const ids = (params: Record<string, string>) => run(params).page.map((r) => r.id);

/** The 400 a rule throws, with its message. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).status).toBe(400);
    return (error as SandboxError).message;
  }
  throw new Error('expected a 400');
}

describe('parsePaging', () => {
  it('defaults to limit 250, offset 0, no count', () => {
    expect(parsePaging(q({}))).toEqual({ limit: 250, offset: 0, count: false });
  });

  it('accepts the documented range', () => {
    expect(parsePaging(q({ limit: '0', offset: '10', count: 'true' }))).toEqual({ limit: 0, offset: 10, count: true });
    expect(parsePaging(q({ limit: '250', count: 'false' }))).toEqual({ limit: 250, offset: 0, count: false });
  });

  it('refuses limit 251, negatives, fractions, words and a bad count', () => {
    expect(refusal(() => parsePaging(q({ limit: '251' })))).toMatch(/limit must be at most 250; it was 251/);
    expect(refusal(() => parsePaging(q({ limit: '-1' })))).toMatch(/limit/);
    expect(refusal(() => parsePaging(q({ offset: '-5' })))).toMatch(/offset/);
    expect(refusal(() => parsePaging(q({ offset: '1.5' })))).toMatch(/offset/);
    expect(refusal(() => parsePaging(q({ limit: 'ten' })))).toMatch(/limit.*"ten"/);
    expect(refusal(() => parsePaging(q({ count: 'yes' })))).toMatch(/count must be true or false/);
  });
});

describe('parseFilters', () => {
  it('accepts documented fields and operators', () => {
    expect(parseFilters('listIdentityCertifications', 'id in ("a","b") and phase eq "ACTIVE"')).not.toBeNull();
    expect(parseFilters('listIdentityCertifications', null)).toBeNull();
    expect(parseFilters('listIdentityCertifications', '')).toBeNull();
  });

  it('names an unsupported field and lists the supported ones', () => {
    const message = refusal(() => parseFilters('listIdentityCertifications', 'name eq "x"'));
    expect(message).toContain('"name"');
    expect(message).toContain('id, campaign.id, phase, completed');
  });

  it('names an unsupported operator, even nested', () => {
    expect(refusal(() => parseFilters('listIdentityCertifications', 'phase ne "SIGNED"'))).toMatch(/operator "ne".*"phase".*Supported operators: eq/);
    expect(refusal(() => parseFilters('listIdentityCertifications', 'id eq "a" or not (phase in ("ACTIVE"))'))).toMatch(/"in".*"phase"/);
    expect(refusal(() => parseFilters('listIdentityCertifications', 'pr id'))).toMatch(/"pr"/);
  });

  it('turns a syntax error into a 400 with the parser message', () => {
    expect(refusal(() => parseFilters('listIdentityCertifications', 'id EQ "x"'))).toMatch(/^Invalid filter: .*"EQ".*lowercase/);
    expect(refusal(() => parseFilters('listIdentityCertifications', 'id eq "x'))).toMatch(/Unterminated/);
  });
});

describe('parseSorters', () => {
  it('reads fields and leading minus', () => {
    expect(parseSorters('listIdentityCertifications', 'name,-due, signed')).toEqual([
      { field: 'name', descending: false },
      { field: 'due', descending: true },
      { field: 'signed', descending: false },
    ]);
  });

  it('refuses unsupported, empty and differently cased sorters', () => {
    expect(refusal(() => parseSorters('listIdentityCertifications', 'created'))).toMatch(/"created".*name, due, signed/);
    expect(refusal(() => parseSorters('listIdentityCertifications', 'name,'))).toMatch(/""/);
    expect(refusal(() => parseSorters('listIdentityCertifications', 'NAME'))).toMatch(/"NAME"/);
    expect(refusal(() => parseSorters('getPendingCertificationTasks', 'id'))).toMatch(/none/);
  });
});

describe('matches', () => {
  const m = (text: string, record: Rec) => matches(parseFilter(text), record, { ...ACCESSORS, rights: (r) => r.rights });
  const [a1, a2, a3, a4] = RECORDS as [Rec, Rec, Rec, Rec];

  it('compares strings case-insensitively', () => {
    expect(m('name eq "BRAVO"', a1)).toBe(true);
    expect(m('name sw "alp"', a4)).toBe(true);
    expect(m('name co "TWO"', a4)).toBe(true);
    expect(m('phase eq "active"', a1)).toBe(true);
  });

  it('compares booleans as booleans', () => {
    expect(m('completed eq true', a2)).toBe(true);
    expect(m('completed eq true', a1)).toBe(false);
    expect(m('completed ne true', a1)).toBe(true);
  });

  it('in, ca, pr, isnull, not, and, or', () => {
    expect(m('id in ("A1","a3")', a1)).toBe(true);
    expect(m('id in ("a3")', a1)).toBe(false);
    expect(m('rights ca ("read","write")', a2)).toBe(true);
    expect(m('rights ca ("read","write")', a1)).toBe(false);
    expect(m('rights ca ("CREATE")', a4)).toBe(true);
    expect(m('pr due', a2)).toBe(false);
    expect(m('due isnull', a2)).toBe(true);
    expect(m('not phase eq "ACTIVE"', a3)).toBe(false);
    expect(m('phase eq "ACTIVE" and completed eq true', a3)).toBe(true);
    expect(m('phase eq "SIGNED" or completed eq true', a3)).toBe(true);
    expect(m('phase eq "SIGNED" or id eq "a1" and completed eq true', a1)).toBe(false);
  });

  it('a value with filter syntax in it matches only itself', () => {
    expect(m('name eq "\\" or id pr"', a1)).toBe(false);
  });
});

describe('queryCollection', () => {
  it('filters, then counts before paging', () => {
    const result = run({ filters: 'phase eq "ACTIVE"', count: 'true', limit: '1' });
    expect(result.page.map((r) => r.id)).toEqual(['a1']);
    expect(result.totalCount).toBe(2);
    expect(run({}).totalCount).toBeUndefined();
  });

  it('pages with offset counting records', () => {
    expect(ids({ limit: '2', offset: '1' })).toEqual(['a2', 'a3']);
    expect(ids({ limit: '2', offset: '3' })).toEqual(['a4']);
    expect(ids({ offset: '10' })).toEqual([]);
    expect(ids({ limit: '0' })).toEqual([]);
  });

  it('sorts case-insensitively, ascending and descending', () => {
    expect(ids({ sorters: 'name' })).toEqual(['a2', 'a4', 'a1', 'a3']);
    expect(ids({ sorters: '-name' })).toEqual(['a3', 'a1', 'a4', 'a2']);
  });

  it('sorts by several keys; a missing value sorts as the largest (last ascending, first descending)', () => {
    expect(ids({ sorters: 'due' })).toEqual(['a3', 'a1', 'a4', 'a2']);
    expect(ids({ sorters: '-due' })).toEqual(['a2', 'a4', 'a1', 'a3']);
    expect(ids({ sorters: 'signed,-due' })).toEqual(['a1', 'a3', 'a2', 'a4']);
    expect(ids({ sorters: 'signed,name' })).toEqual(['a1', 'a3', 'a2', 'a4']);
  });

  it('does not change the records it was given', () => {
    const before = RECORDS.map((r) => r.id);
    run({ sorters: '-name' });
    expect(RECORDS.map((r) => r.id)).toEqual(before);
  });
});
