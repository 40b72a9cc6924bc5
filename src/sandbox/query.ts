import { collectionRules, MAX_LIMIT, type CollectionOperation } from '../api/collections';
import { comparisons, FilterSyntaxError, parseFilter, type Filter, type FilterValue } from '../api/filters';
import { badRequest } from './errors';

/**
 * ISC's standard collection parameters, enforced: limit 0..250, offset ≥ 0, `count` → X-Total-Count,
 * `filters` restricted to the fields and operators the operation documents, `sorters` to its sort fields.
 */

/** How to read each filterable or sortable field of a record. */
export type Accessors<T> = Record<string, (record: T) => unknown>;

export interface PageResult<T> {
  page: T[];
  /** Set when `count=true`: the total matching, ignoring limit and offset. */
  totalCount: number | undefined;
}

export function parsePaging(params: URLSearchParams): { limit: number; offset: number; count: boolean } {
  const limit = parseInteger(params.get('limit'), 'limit', MAX_LIMIT);
  const offset = parseInteger(params.get('offset'), 'offset', 0);
  if (limit > MAX_LIMIT) throw badRequest(`limit must be at most ${MAX_LIMIT}; it was ${limit}.`);
  const count = params.get('count');
  if (count !== null && count !== 'true' && count !== 'false') throw badRequest(`count must be true or false; it was "${count}".`);
  return { limit, offset, count: count === 'true' };
}

function parseInteger(text: string | null, name: string, fallback: number): number {
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw badRequest(`${name} must be a whole number of 0 or more; it was "${text}".`);
  return Number(text);
}

/** Parses `filters` and checks each field and operator against the operation's documented rules. */
export function parseFilters(operation: CollectionOperation, text: string | null): Filter | null {
  if (text === null || text.trim() === '') return null;
  let filter: Filter;
  try {
    filter = parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw badRequest(`Invalid filter: ${error.message}.`);
    throw error;
  }
  const allowed: Record<string, readonly string[]> = collectionRules[operation].filters;
  for (const { field, op } of comparisons(filter)) {
    const ops = allowed[field];
    if (!ops) {
      throw badRequest(`Filtering by "${field}" is not supported here. Supported fields: ${Object.keys(allowed).join(', ') || 'none'}.`);
    }
    if (!ops.includes(op)) {
      throw badRequest(`The operator "${op}" is not supported for "${field}". Supported operators: ${ops.join(', ')}.`);
    }
  }
  return filter;
}

export interface SortKey {
  field: string;
  descending: boolean;
}

export function parseSorters(operation: CollectionOperation, text: string | null): SortKey[] {
  if (text === null || text.trim() === '') return [];
  const allowed: readonly string[] = collectionRules[operation].sorters;
  return text.split(',').map((raw) => {
    const part = raw.trim();
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    if (!allowed.includes(field)) {
      throw badRequest(`Sorting by "${field}" is not supported here. Supported sorters: ${allowed.join(', ') || 'none'}.`);
    }
    return { field, descending };
  });
}

function normalise(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value).toLowerCase();
}

function literal(value: FilterValue): string | number | boolean {
  if (typeof value === 'object') return value.bare.toLowerCase();
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const listCache = new WeakMap<Filter, Set<string | number | boolean>>();

/** An `in`/`ca` list's values, normalised once per filter: `id in (...)` with 250 ids runs over 10,000 items. */
function listValues(filter: Extract<Filter, { kind: 'list' }>): Set<string | number | boolean> {
  let values = listCache.get(filter);
  if (!values) listCache.set(filter, (values = new Set(filter.values.map(literal))));
  return values;
}

/** Whether a record matches a filter; string comparisons are case-insensitive, as in ISC. */
export function matches<T>(filter: Filter, record: T, accessors: Accessors<T>): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.terms.every((t) => matches(t, record, accessors));
    case 'or':
      return filter.terms.some((t) => matches(t, record, accessors));
    case 'not':
      return !matches(filter.term, record, accessors);
    case 'pr':
      return normalise(read(accessors, filter.field, record)) !== null;
    case 'isnull':
      return normalise(read(accessors, filter.field, record)) === null;
    case 'list': {
      const raw = read(accessors, filter.field, record);
      const wanted = listValues(filter);
      if (filter.op === 'ca') {
        const have = Array.isArray(raw) ? raw.map(normalise) : [];
        return [...wanted].every((w) => have.includes(w));
      }
      const value = normalise(raw);
      return value !== null && wanted.has(value);
    }
    case 'compare': {
      const value = normalise(read(accessors, filter.field, record));
      const target = literal(filter.value);
      if (filter.op === 'ne') return value !== target;
      if (value === null) return false;
      switch (filter.op) {
        case 'eq':
          return value === target;
        case 'co':
          return String(value).includes(String(target));
        case 'sw':
          return String(value).startsWith(String(target));
        case 'gt':
          return compare(value, target) > 0;
        case 'ge':
          return compare(value, target) >= 0;
        case 'lt':
          return compare(value, target) < 0;
        case 'le':
          return compare(value, target) <= 0;
      }
    }
  }
}

function read<T>(accessors: Accessors<T>, field: string, record: T): unknown {
  const accessor = accessors[field];
  if (!accessor) throw new Error(`The sandbox has no accessor for "${field}"`);
  return accessor(record);
}

/** Filtered, sorted listings by query, each valid while its data's version stands. */
export type CollectionCache = Map<string, { version: number; result: readonly unknown[] }>;

/** How a caller lets a listing's filtered, sorted result serve its next pages: while `version` stands. */
export interface CollectionCacheOptions {
  /** What the records are (e.g. one certification's items); the query is added to it. */
  cacheKey: string;
  /** Changes whenever any record may have changed. */
  version: number;
  cache: CollectionCache;
}

/** Listings kept per cache: the few being paged through. */
const CACHED_LISTINGS = 8;

/**
 * Filters, sorts and pages records as the operation's query string asks. With `cached`, the filtered and
 * sorted result is kept while the data's version stands: the pages of one listing (a 10,000-item
 * certification read 250 at a time) filter and sort once, not once per page.
 */
export function queryCollection<T>(
  operation: CollectionOperation,
  records: readonly T[],
  params: URLSearchParams,
  accessors: Accessors<T>,
  cached?: CollectionCacheOptions,
): PageResult<T> {
  const paging = parsePaging(params);
  const filter = parseFilters(operation, params.get('filters'));
  const sorters = parseSorters(operation, params.get('sorters'));
  const key = cached && `${operation} ${cached.cacheKey} ${params.get('filters') ?? ''} ${params.get('sorters') ?? ''}`;
  const hit = key ? cached.cache.get(key) : undefined;
  const result = hit && hit.version === cached!.version ? (hit.result as T[]) : filterAndSort(records, filter, sorters, accessors);
  if (key && !(hit && hit.version === cached!.version)) {
    cached.cache.delete(key);
    cached.cache.set(key, { version: cached.version, result });
    // Map order is insertion order: the oldest listing goes first.
    while (cached.cache.size > CACHED_LISTINGS) cached.cache.delete(cached.cache.keys().next().value!);
  }
  return {
    page: result.slice(paging.offset, paging.offset + paging.limit),
    totalCount: paging.count ? result.length : undefined,
  };
}

function filterAndSort<T>(records: readonly T[], filter: Filter | null, sorters: SortKey[], accessors: Accessors<T>): T[] {
  let result = filter ? records.filter((r) => matches(filter, r, accessors)) : [...records];
  if (sorters.length) {
    const keyed = result.map((record) => ({ record, keys: sorters.map((s) => normalise(read(accessors, s.field, record))) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < sorters.length; i++) {
        const x = a.keys[i] ?? null;
        const y = b.keys[i] ?? null;
        if (x === y) continue;
        const order = x === null ? 1 : y === null ? -1 : compare(x, y);
        if (order !== 0) return sorters[i]!.descending ? -order : order;
      }
      return 0;
    });
    result = keyed.map((k) => k.record);
  }
  return result;
}
