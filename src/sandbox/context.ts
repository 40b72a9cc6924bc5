import { safeParse } from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import type { Identity, UserLevel } from './model';
import type { Store } from './store';
import { badRequest, forbidden } from './errors';
import { holdsLevel } from '../api/rules';

/** What a rule sees of a request: the store, who is calling, and the request's parts. */
export interface RequestContext {
  store: Store;
  caller: Identity;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
}

/** What a rule answers: a body and status, plus headers such as X-Total-Count. */
export interface Reply {
  status?: number;
  body?: unknown;
  /** A file instead of JSON (report downloads); its Content-Type goes in `headers`. */
  raw?: Uint8Array<ArrayBuffer> | string;
  headers?: Record<string, string>;
}

/** One operation of the simulated tenant. */
export interface Route {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** MSW path below the API base, e.g. `/certifications/:id/decide`. */
  path: string;
  handle: (ctx: RequestContext) => Reply;
}

export { CERTIFICATION_ADMIN_LEVELS, REPORT_LEVELS } from '../api/rules';

export function hasLevel(identity: Identity, levels: readonly UserLevel[]): boolean {
  return holdsLevel(identity.levels, levels);
}

/** 403 unless the caller holds one of the operation's user levels. */
export function requireLevel(ctx: RequestContext, levels: readonly UserLevel[]): void {
  if (!hasLevel(ctx.caller, levels)) {
    throw forbidden(`This operation requires one of these user levels: ${levels.join(', ')}.`);
  }
}

/** Validates a request body against the API's schema; a mismatch answers 400 naming the field. */
export function parseBody<S extends $ZodType>(ctx: RequestContext, schema: S, what: string): output<S> {
  if (ctx.body === undefined) throw badRequest(`The request body (${what}) is required.`);
  const result = safeParse(schema, ctx.body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'body';
    throw badRequest(`Invalid ${what}: ${where}: ${issue.message}.`);
  }
  return result.data;
}

/** `me` means the caller; anything else is taken as an identity id. */
export function resolveIdentityParam(ctx: RequestContext, name: string): string | null {
  const value = ctx.query.get(name);
  if (value === null || value === '') return null;
  return value === 'me' ? ctx.caller.id : value;
}

export function pageReply<T>(page: T[], totalCount: number | undefined): Reply {
  return { body: page, headers: totalCount === undefined ? {} : { 'X-Total-Count': String(totalCount) } };
}
