/**
 * ISC's SCIM-like `filters` grammar, written once: the client builds and serialises filters with it,
 * the sandbox parses them with it. See API-NOTES §3.
 *
 *   expr    := orExpr
 *   orExpr  := andExpr ('or' andExpr)*
 *   andExpr := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' expr ')' | 'pr' field | field 'isnull' | field ('in'|'ca') '(' value (',' value)* ')'
 *            | field ('eq'|'ne'|'gt'|'ge'|'lt'|'le'|'co'|'sw') value
 *
 * Operators are lowercase only. Strings are double-quoted with `\"` and `\\` escapes; numbers, booleans
 * and ISO-8601 date-times are bare.
 */

export const COMPARISON_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw'] as const;
export const LIST_OPERATORS = ['in', 'ca'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type ListOperator = (typeof LIST_OPERATORS)[number];
export type FilterOperator = ComparisonOperator | ListOperator | 'pr' | 'isnull';

/** A bare value (date-time) keeps its text but is not a quoted string. */
export interface BareValue {
  bare: string;
}
export type FilterValue = string | number | boolean | BareValue;

export type Filter<F extends string = string> =
  | { kind: 'compare'; field: F; op: ComparisonOperator; value: FilterValue }
  | { kind: 'list'; field: F; op: ListOperator; values: FilterValue[] }
  | { kind: 'pr'; field: F }
  | { kind: 'isnull'; field: F }
  | { kind: 'and' | 'or'; terms: Filter<F>[] }
  | { kind: 'not'; term: Filter<F> };

/** Thrown for text that is not a valid filter; `message` is fit to show in a 400. */
export class FilterSyntaxError extends Error {
  override name = 'FilterSyntaxError';
}

// ---------------------------------------------------------------------------------------------
// Building and serialising

/** Typed filter builder. `field` is constrained by the endpoint's documented filterable fields. */
export const f = {
  eq: <F extends string>(field: F, value: FilterValue): Filter<F> => ({ kind: 'compare', field, op: 'eq', value }),
  ne: <F extends string>(field: F, value: FilterValue): Filter<F> => ({ kind: 'compare', field, op: 'ne', value }),
  gt: <F extends string>(field: F, value: FilterValue): Filter<F> => ({ kind: 'compare', field, op: 'gt', value }),
  ge: <F extends string>(field: F, value: FilterValue): Filter<F> => ({ kind: 'compare', field, op: 'ge', value }),
  lt: <F extends string>(field: F, value: FilterValue): Filter<F> => ({ kind: 'compare', field, op: 'lt', value }),
  le: <F extends string>(field: F, value: FilterValue): Filter<F> => ({ kind: 'compare', field, op: 'le', value }),
  co: <F extends string>(field: F, value: string): Filter<F> => ({ kind: 'compare', field, op: 'co', value }),
  sw: <F extends string>(field: F, value: string): Filter<F> => ({ kind: 'compare', field, op: 'sw', value }),
  in: <F extends string>(field: F, values: FilterValue[]): Filter<F> => ({ kind: 'list', field, op: 'in', values }),
  ca: <F extends string>(field: F, values: FilterValue[]): Filter<F> => ({ kind: 'list', field, op: 'ca', values }),
  pr: <F extends string>(field: F): Filter<F> => ({ kind: 'pr', field }),
  isnull: <F extends string>(field: F): Filter<F> => ({ kind: 'isnull', field }),
  /** A date-time or other unquoted literal. */
  bare: (text: string): BareValue => ({ bare: text }),
  and: <F extends string>(...terms: (Filter<F> | undefined | false)[]): Filter<F> | undefined => combine('and', terms),
  or: <F extends string>(...terms: (Filter<F> | undefined | false)[]): Filter<F> | undefined => combine('or', terms),
  not: <F extends string>(term: Filter<F>): Filter<F> => ({ kind: 'not', term }),
};

function combine<F extends string>(kind: 'and' | 'or', terms: (Filter<F> | undefined | false)[]): Filter<F> | undefined {
  const present = terms.filter((t): t is Filter<F> => Boolean(t));
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return { kind, terms: present };
}

/** Quotes a string value so that `"` and `\` can neither end nor widen the filter. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function valueToString(value: FilterValue): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FilterSyntaxError(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  // Only what the parser reads back as a value: a bare word such as `or` would change the filter's meaning.
  if (!BARE.test(value.bare)) throw new FilterSyntaxError(`Not a bare literal: ${value.bare}`);
  return value.bare;
}

const PRECEDENCE = { or: 1, and: 2, not: 3 } as const;

/** Serialises a filter to the text ISC expects in the `filters` query parameter. */
export function toFilterString(filter: Filter, parent = 0): string {
  switch (filter.kind) {
    case 'compare':
      return `${filter.field} ${filter.op} ${valueToString(filter.value)}`;
    case 'list':
      if (filter.values.length === 0) throw new FilterSyntaxError(`"${filter.field} ${filter.op}" needs at least one value`);
      return `${filter.field} ${filter.op} (${filter.values.map(valueToString).join(',')})`;
    case 'pr':
      return `pr ${filter.field}`;
    case 'isnull':
      return `${filter.field} isnull`;
    case 'not':
      return `not ${toFilterString(filter.term, PRECEDENCE.not)}`;
    case 'and':
    case 'or': {
      const own = PRECEDENCE[filter.kind];
      const text = filter.terms.map((t) => toFilterString(t, own)).join(` ${filter.kind} `);
      return parent > own ? `(${text})` : text;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Token =
  | { type: 'word'; text: string; pos: number }
  | { type: 'string'; text: string; pos: number }
  | { type: '(' | ')' | ','; pos: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, pos: i });
      i++;
    } else if (ch === '"') {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError(`Unterminated string starting at position ${start + 1}`);
        const c = input[i]!;
        if (c === '\\') {
          const next = input[i + 1];
          if (next !== '"' && next !== '\\') {
            throw new FilterSyntaxError(`Invalid escape at position ${i + 1}: only \\" and \\\\ are allowed`);
          }
          text += next;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ type: 'string', text, pos: start });
    } else {
      const start = i;
      while (i < input.length && !/[\s(),"]/.test(input[i]!)) i++;
      tokens.push({ type: 'word', text: input.slice(start, i), pos: start });
    }
  }
  return tokens;
}

const FIELD = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/;
/** Numbers as JavaScript writes them (`String(1e21)` is `1e+21`), so every number the builder writes reads back. */
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const BARE = /^(true|false|-?\d+(\.\d+)?([eE][+-]?\d+)?|\d{4}-\d{2}-\d{2}(T[\w:.+-]*)?)$/;

/** Parses filter text into a tree, or throws FilterSyntaxError saying what is wrong and where. */
export function parseFilter(input: string): Filter {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const where = (t: Token | undefined) => (t ? `at position ${t.pos + 1}` : 'at the end');
  const describe = (t: Token | undefined) => (t ? ('text' in t ? `"${t.text}"` : `"${t.type}"`) : 'end of filter');

  const isKeyword = (t: Token | undefined, word: string) => t?.type === 'word' && t.text === word;

  const parseValue = (): FilterValue => {
    const t = tokens[pos++];
    if (t?.type === 'string') return t.text;
    if (t?.type === 'word' && BARE.test(t.text)) {
      if (t.text === 'true') return true;
      if (t.text === 'false') return false;
      if (NUMBER.test(t.text)) return Number(t.text);
      return { bare: t.text };
    }
    throw new FilterSyntaxError(`Expected a value ${where(t)} but found ${describe(t)}; strings must be in double quotes`);
  };

  const parseField = (): string => {
    const t = tokens[pos++];
    if (t?.type !== 'word' || !FIELD.test(t.text)) {
      throw new FilterSyntaxError(`Expected a field name ${where(t)} but found ${describe(t)}`);
    }
    return t.text;
  };

  const parsePrimary = (): Filter => {
    const t = peek();
    if (t?.type === '(') {
      pos++;
      const inner = parseOr();
      const close = tokens[pos++];
      if (close?.type !== ')') throw new FilterSyntaxError(`Expected ")" ${where(close)} but found ${describe(close)}`);
      return inner;
    }
    if (isKeyword(t, 'pr')) {
      pos++;
      return { kind: 'pr', field: parseField() };
    }
    const field = parseField();
    const opToken = tokens[pos++];
    if (opToken?.type !== 'word') {
      throw new FilterSyntaxError(`Expected an operator after "${field}" ${where(opToken)} but found ${describe(opToken)}`);
    }
    const op = opToken.text;
    if (op === 'isnull') return { kind: 'isnull', field };
    if ((LIST_OPERATORS as readonly string[]).includes(op)) {
      const open = tokens[pos++];
      if (open?.type !== '(') throw new FilterSyntaxError(`Expected "(" after "${op}" ${where(open)}`);
      const values: FilterValue[] = [parseValue()];
      while (peek()?.type === ',') {
        pos++;
        values.push(parseValue());
      }
      const close = tokens[pos++];
      if (close?.type !== ')') throw new FilterSyntaxError(`Expected ")" ${where(close)} but found ${describe(close)}`);
      return { kind: 'list', field, op: op as ListOperator, values };
    }
    if ((COMPARISON_OPERATORS as readonly string[]).includes(op)) {
      return { kind: 'compare', field, op: op as ComparisonOperator, value: parseValue() };
    }
    const hint = op.toLowerCase() !== op ? ' (operators are lowercase)' : '';
    throw new FilterSyntaxError(`Unsupported operator "${op}" ${where(opToken)}${hint}`);
  };

  const parseUnary = (): Filter => {
    if (isKeyword(peek(), 'not')) {
      pos++;
      return { kind: 'not', term: parseUnary() };
    }
    return parsePrimary();
  };

  const parseSequence = (kind: 'and' | 'or', next: () => Filter): Filter => {
    const terms = [next()];
    while (isKeyword(peek(), kind)) {
      pos++;
      terms.push(next());
    }
    return terms.length === 1 ? terms[0]! : { kind, terms };
  };
  const parseAnd = () => parseSequence('and', parseUnary);
  const parseOr = (): Filter => parseSequence('or', parseAnd);

  if (tokens.length === 0) throw new FilterSyntaxError('The filter is empty');
  const result = parseOr();
  if (pos < tokens.length) {
    const t = tokens[pos];
    throw new FilterSyntaxError(`Unexpected ${describe(t)} ${where(t)}`);
  }
  return result;
}

/** Every comparison in a filter tree, for checking fields and operators against an endpoint's rules. */
export function* comparisons(filter: Filter): Generator<{ field: string; op: FilterOperator }> {
  switch (filter.kind) {
    case 'and':
    case 'or':
      for (const t of filter.terms) yield* comparisons(t);
      return;
    case 'not':
      yield* comparisons(filter.term);
      return;
    case 'pr':
    case 'isnull':
      yield { field: filter.field, op: filter.kind };
      return;
    default:
      yield { field: filter.field, op: filter.op };
  }
}
