import { describe, expect, it } from 'vitest';
import { comparisons, f, FilterSyntaxError, parseFilter, quote, toFilterString, type Filter } from './filters';

/** Parses, expecting a FilterSyntaxError, and answers its message. */
function syntaxError(text: string): string {
  try {
    parseFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterSyntaxError);
    return (error as Error).message;
  }
  throw new Error(`parseFilter accepted ${JSON.stringify(text)}`);
}

describe('filter builder and toFilterString', () => {
  it('writes comparisons with quoted strings and bare numbers, booleans and date-times', () => {
    expect(toFilterString(f.eq('id', 'ef38f94347e94562b5bb8424a56397d8'))).toBe('id eq "ef38f94347e94562b5bb8424a56397d8"');
    expect(toFilterString(f.ne('completed', true))).toBe('completed ne true');
    expect(toFilterString(f.eq('completed', false))).toBe('completed eq false');
    expect(toFilterString(f.gt('count', 42))).toBe('count gt 42');
    expect(toFilterString(f.le('score', -1.5))).toBe('score le -1.5');
    expect(toFilterString(f.gt('created', f.bare('2018-12-18T23:05:55Z')))).toBe('created gt 2018-12-18T23:05:55Z');
    expect(toFilterString(f.sw('name', 'Acc'))).toBe('name sw "Acc"');
    expect(toFilterString(f.co('name', 'x'))).toBe('name co "x"');
    expect(toFilterString(f.pr('email'))).toBe('pr email');
    expect(toFilterString(f.isnull('email'))).toBe('email isnull');
  });

  it('writes in and ca lists in parentheses, mixing value types', () => {
    expect(toFilterString(f.in('id', ['a', 'b']))).toBe('id in ("a","b")');
    expect(toFilterString(f.ca('rights', ['CREATE', 'DELETE']))).toBe('rights ca ("CREATE","DELETE")');
    expect(toFilterString(f.in('n', [1, true, 'x"y']))).toBe('n in (1,true,"x\\"y")');
  });

  it('escapes backslash and double quote, and nothing else', () => {
    expect(quote('plain')).toBe('"plain"');
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('a\\b')).toBe('"a\\\\b"');
    expect(quote('\\"')).toBe('"\\\\\\""');
    expect(quote('#&% é')).toBe('"#&% é"');
  });

  it('and/or drop absent terms, and collapse to the single term or to undefined', () => {
    const a = f.eq('id', 'a');
    expect(f.and(undefined, false)).toBeUndefined();
    expect(f.or(a, undefined)).toBe(a);
    expect(f.and(a, false, f.eq('phase', 'ACTIVE'))).toEqual({ kind: 'and', terms: [a, f.eq('phase', 'ACTIVE')] });
  });

  it('adds parentheses only where precedence (not > and > or) needs them', () => {
    const a = f.eq('a', '1');
    const b = f.eq('b', '2');
    const c = f.eq('c', '3');
    expect(toFilterString(f.or(f.and(a, b)!, c)!)).toBe('a eq "1" and b eq "2" or c eq "3"');
    expect(toFilterString(f.and(f.or(a, b)!, c)!)).toBe('(a eq "1" or b eq "2") and c eq "3"');
    expect(toFilterString(f.not(f.and(a, b)!))).toBe('not (a eq "1" and b eq "2")');
    expect(toFilterString(f.not(f.or(a, b)!))).toBe('not (a eq "1" or b eq "2")');
    expect(toFilterString(f.and(f.not(a), b)!)).toBe('not a eq "1" and b eq "2"');
  });

  it('refuses values that cannot be written safely', () => {
    expect(() => toFilterString(f.eq('n', Number.NaN))).toThrow(FilterSyntaxError);
    expect(() => toFilterString(f.eq('n', Number.POSITIVE_INFINITY))).toThrow(FilterSyntaxError);
    expect(() => toFilterString(f.eq('d', f.bare('2020-01-01 or id pr')))).toThrow(FilterSyntaxError);
    expect(() => toFilterString(f.eq('d', f.bare('x) or (y')))).toThrow(FilterSyntaxError);
    // A bare literal must be one the grammar reads back as a value, not a word such as a keyword.
    expect(() => toFilterString(f.eq('d', f.bare('or')))).toThrow(FilterSyntaxError);
  });
});

describe('hostile values round-trip as exactly one comparison with exactly the original value', () => {
  const hostile = [
    '"',
    '\\',
    '" or id pr',
    '\\"',
    '\\" or id pr or a eq \\"',
    '") or (id pr',
    'x" or "1" eq "1',
    'ünïcødé 名前 🚀',
    '#&%',
    '%23%26%25',
    'a,b)(',
    ' leading and trailing ',
    '',
    'line\nbreak\ttab',
    'not',
    'and',
  ];
  for (const value of hostile) {
    it(`eq ${JSON.stringify(value)}`, () => {
      const text = toFilterString(f.eq('name', value));
      const parsed = parseFilter(text);
      expect(parsed).toEqual({ kind: 'compare', field: 'name', op: 'eq', value });
      expect([...comparisons(parsed)]).toHaveLength(1);
    });
  }

  it('in a list, each hostile value stays one element', () => {
    const text = toFilterString(f.in('id', hostile));
    expect(parseFilter(text)).toEqual({ kind: 'list', field: 'id', op: 'in', values: hostile });
  });

  it('survives the trip through a URL query string', () => {
    for (const value of hostile) {
      const params = new URLSearchParams({ filters: toFilterString(f.eq('name', value)) });
      const received = new URL(`http://x.test/v3/c?${params.toString()}`).searchParams.get('filters')!;
      expect(parseFilter(received)).toEqual({ kind: 'compare', field: 'name', op: 'eq', value });
    }
  });
});

describe('round-trips of structure', () => {
  const a = f.eq('a', 'x');
  const b = f.ne('b', 2);
  const c = f.in('c', ['p', 'q']);
  const d = f.pr('d');
  const cases: [string, Filter][] = [
    ['or of ands', f.or(f.and(a, b)!, f.and(c, d)!)!],
    ['and of ors', f.and(f.or(a, b)!, f.or(c, d)!)!],
    ['not of or', f.not(f.or(a, b)!)],
    ['not of and inside or', f.or(f.not(f.and(a, b)!), c)!],
    ['double not', f.not(f.not(a))],
    ['not inside and', f.and(f.not(a), f.isnull('e'))!],
    ['lists and values', f.and(f.ca('rights', ['CREATE', 'read']), f.gt('created', f.bare('2018-12-18T23:05:55.123+01:00')), f.eq('n', 12.5), f.eq('flag', true))!],
  ];
  for (const [name, filter] of cases) {
    it(name, () => {
      expect(parseFilter(toFilterString(filter))).toEqual(filter);
    });
  }

  it('numbers in any notation JavaScript writes read back as the same number', () => {
    for (const n of [0, -7, 3.25, 1e21, 1.5e-7, -2e30]) {
      expect(parseFilter(toFilterString(f.eq('n', n)))).toEqual({ kind: 'compare', field: 'n', op: 'eq', value: n });
    }
  });
});

describe('parseFilter', () => {
  it('reads precedence: not binds tighter than and, and tighter than or', () => {
    expect(parseFilter('a eq "1" or b eq "2" and c eq "3"')).toEqual({
      kind: 'or',
      terms: [f.eq('a', '1'), { kind: 'and', terms: [f.eq('b', '2'), f.eq('c', '3')] }],
    });
    expect(parseFilter('not a eq "1" and b eq "2"')).toEqual({ kind: 'and', terms: [f.not(f.eq('a', '1')), f.eq('b', '2')] });
    expect(parseFilter('(a eq "1" or b eq "2") and c eq "3"')).toEqual({
      kind: 'and',
      terms: [{ kind: 'or', terms: [f.eq('a', '1'), f.eq('b', '2')] }, f.eq('c', '3')],
    });
  });

  it('reads bare values by type', () => {
    expect(parseFilter('created gt 2018-12-18T23:05:55Z')).toEqual(f.gt('created', f.bare('2018-12-18T23:05:55Z')));
    expect(parseFilter('d eq 2018-12-18')).toEqual(f.eq('d', f.bare('2018-12-18')));
    expect(parseFilter('n eq -12')).toEqual(f.eq('n', -12));
    expect(parseFilter('n eq 0.5')).toEqual(f.eq('n', 0.5));
    expect(parseFilter('completed eq true')).toEqual(f.eq('completed', true));
    expect(parseFilter('completed eq false')).toEqual(f.eq('completed', false));
    expect(parseFilter('id eq "true"')).toEqual(f.eq('id', 'true'));
  });

  it('reads lists, whitespace and nested fields', () => {
    expect(parseFilter('  campaign.id in ( "a" , "b" )  ')).toEqual(f.in('campaign.id', ['a', 'b']));
    expect(parseFilter('rights ca ("CREATE") and target eq "SYS.OBJAUTH2"')).toEqual({
      kind: 'and',
      terms: [f.ca('rights', ['CREATE']), f.eq('target', 'SYS.OBJAUTH2')],
    });
    expect(parseFilter('id eq"x"')).toEqual(f.eq('id', 'x'));
  });

  it('lists every comparison with its operator', () => {
    const parsed = parseFilter('not (id in ("a") or pr email) and name isnull');
    expect([...comparisons(parsed)]).toEqual([
      { field: 'id', op: 'in' },
      { field: 'email', op: 'pr' },
      { field: 'name', op: 'isnull' },
    ]);
  });

  describe('errors say what is wrong and where', () => {
    it('an uppercase operator', () => {
      const message = syntaxError('id EQ "x"');
      expect(message).toContain('"EQ"');
      expect(message).toMatch(/lowercase/);
      expect(message).toContain('position 4');
    });

    it('an uppercase composite operator', () => {
      expect(syntaxError('id eq "x" AND name eq "y"')).toMatch(/"AND".*position 11/);
      expect(syntaxError('NOT id eq "x"')).toMatch(/operator|NOT/);
    });

    it('an unknown operator', () => {
      expect(syntaxError('id like "x"')).toMatch(/Unsupported operator "like"/);
    });

    it('an unterminated string', () => {
      expect(syntaxError('id eq "abc')).toMatch(/Unterminated string.*position 7/);
      expect(syntaxError('id eq "abc\\"')).toMatch(/Unterminated string/);
    });

    it('a bad escape', () => {
      expect(syntaxError('id eq "a\\nb"')).toMatch(/Invalid escape.*position 9.*\\"/);
      expect(syntaxError('id eq "a\\')).toMatch(/Invalid escape|Unterminated/);
    });

    it('trailing tokens', () => {
      expect(syntaxError('id eq "a" "b"')).toMatch(/Unexpected "b" at position 11/);
      expect(syntaxError('id eq "a")')).toMatch(/Unexpected "\)"/);
      expect(syntaxError('id eq "a" and')).toMatch(/field name at the end/);
    });

    it('an empty filter', () => {
      expect(syntaxError('')).toMatch(/empty/);
      expect(syntaxError('   ')).toMatch(/empty/);
    });

    it('an unquoted string value', () => {
      expect(syntaxError('name eq bob')).toMatch(/Expected a value at position 9.*double quotes/);
    });

    it('missing parts', () => {
      expect(syntaxError('id eq')).toMatch(/Expected a value at the end/);
      expect(syntaxError('id')).toMatch(/Expected an operator after "id"/);
      expect(syntaxError('id in "a"')).toMatch(/Expected "\(" after "in"/);
      expect(syntaxError('id in ("a" "b")')).toMatch(/Expected "\)"/);
      expect(syntaxError('(id eq "a"')).toMatch(/Expected "\)" at the end/);
      expect(syntaxError('"id" eq "a"')).toMatch(/Expected a field name/);
      expect(syntaxError('id in ()')).toMatch(/Expected a value/);
    });
  });
});

describe('empty lists', () => {
  it('refuses to serialise an in/ca filter with no values, which ISC would reject', () => {
    expect(() => toFilterString(f.in('id', []))).toThrow(/at least one value/);
  });
});
