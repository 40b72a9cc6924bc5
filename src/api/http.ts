import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { $ZodType, output } from 'zod/v4/core';
import { ApiError } from './errors';
import { toFilterString, type Filter } from './filters';
import type { CollectionPage, Paging } from './collections';

// No generated code: the Content-Security-Policy allows no eval, and zod would otherwise try it (and log a violation).
// English issue messages, as zod's classic API sets them: an invalid response names the field and what was wrong.
z.config({ jitless: true, ...en() });

/**
 * The one fetch path of Attest. Every operation goes through `request`: it adds the session's bearer
 * token, sends only to the configured tenant base URL, maps failures to ApiError, honours 429 Retry-After,
 * retries reads after network failures and 5xx with backoff, never blindly retries writes, and validates
 * the response body against the operation's schema.
 */
export interface ClientConfig {
  /** Base of the v3 API. Same-origin `/v3` by default: the sandbox, or the proxy to a real tenant. */
  baseUrl: string;
  getAccessToken: () => string | null | undefined;
  /** Called on 401 so the app can ask the person to sign in again (the error is still thrown). */
  onUnauthorized?: (error: ApiError) => void;
  fetch: typeof fetch;
  /** Attempts in all, including the first, for retryable failures. */
  maxAttempts: number;
  /** First backoff delay for reads after a network failure or 5xx; doubled each time. */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the 429 is surfaced instead. */
  maxRetryAfterSeconds: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

let config: ClientConfig = {
  baseUrl: '/v3',
  getAccessToken: () => null,
  fetch: (...args) => globalThis.fetch(...args),
  maxAttempts: 4,
  backoffMs: 400,
  maxRetryAfterSeconds: 60,
  sleep: defaultSleep,
};

export function configureClient(changes: Partial<ClientConfig>): void {
  config = { ...config, ...changes };
}

export function getClientConfig(): Readonly<ClientConfig> {
  return config;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface RequestSpec<S extends $ZodType | null> {
  operationId: string;
  method: HttpMethod;
  /** Path below the base URL; build it with `path` so ids are encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  contentType?: string;
  /** Schema of the success body, or null when the operation answers with no body (204). */
  schema: S;
  signal?: AbortSignal;
  /**
   * The token to send instead of the session's current one, for the whole call (retries included): a
   * decision made by one identity is never sent with another's session, even if the session changes.
   */
  accessToken?: string;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

/**
 * Builds a path from a template, URI-encoding each value: path`/certifications/${id}`. An empty, `.` or `..`
 * value is refused: encoding cannot keep it in its segment, because URLs resolve `..` (even as `%2e%2e`).
 */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  for (const value of values) {
    if (value === '' || value === '.' || value === '..') throw new RangeError(`"${value}" is not a valid id in a URL path.`);
  }
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]!) : ''), '');
}

type Output<S> = S extends $ZodType ? output<S> : undefined;

export async function request<S extends $ZodType | null>(spec: RequestSpec<S>): Promise<ApiResponse<Output<S>>> {
  const response = await send(spec, 'application/json');
  return { data: await parseBody(response, spec), status: response.status, headers: response.headers };
}

/** A file the tenant answers (a report as CSV or PDF): the same path, errors and retries as `request`. */
export async function requestFile(spec: Omit<RequestSpec<null>, 'schema'>, accept: string): Promise<{ blob: Blob; fileName: string | null; contentType: string }> {
  const response = await send({ ...spec, schema: null }, accept);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName: fileName ? decodeURIComponent(fileName) : null, contentType: response.headers.get('Content-Type') ?? '' };
}

async function send(spec: RequestSpec<$ZodType | null>, accept: string): Promise<Response> {
  const { operationId, method } = spec;
  const isRead = method === 'GET';
  const url = buildUrl(spec.path, spec.query);
  for (let attempt = 1; ; attempt++) {
    const token = spec.accessToken ?? config.getAccessToken();
    const headers: Record<string, string> = { Accept: accept };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (spec.body !== undefined) headers['Content-Type'] = spec.contentType ?? 'application/json';

    let response: Response;
    try {
      response = await config.fetch(url, {
        method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: spec.signal,
        credentials: 'same-origin',
      });
    } catch (cause) {
      if (spec.signal?.aborted) throw spec.signal.reason ?? cause;
      const error = new ApiError({ kind: 'network', operationId, cause });
      if (isRead && attempt < config.maxAttempts) {
        await config.sleep(backoff(attempt), spec.signal);
        continue;
      }
      throw error;
    }

    if (response.ok) return response;

    const error = await toApiError(response, operationId);
    if (response.status === 429 && attempt < config.maxAttempts) {
      // A 429 was refused at the gate and did nothing, so waiting and sending it again is safe for writes too.
      const wait = error.retryAfterSeconds ?? 1;
      if (wait <= config.maxRetryAfterSeconds) {
        await config.sleep(wait * 1000, spec.signal);
        continue;
      }
    }
    if (isRead && response.status >= 500 && attempt < config.maxAttempts) {
      await config.sleep(backoff(attempt), spec.signal);
      continue;
    }
    if (response.status === 401) config.onUnauthorized?.(error);
    throw error;
  }
}

/** A GET of a collection: adds the standard parameters and reads X-Total-Count. */
export async function requestPage<S extends $ZodType<unknown[]>>(
  spec: Omit<RequestSpec<S>, 'method'> & { paging?: Paging; filters?: Filter; sorters?: readonly string[] },
): Promise<CollectionPage<output<S>[number]>> {
  const { paging, filters, sorters, ...rest } = spec;
  const response = await request({
    ...rest,
    method: 'GET',
    query: {
      ...rest.query,
      limit: paging?.limit,
      offset: paging?.offset,
      count: paging?.count || undefined,
      filters: filters ? toFilterString(filters) : undefined,
      sorters: sorters?.length ? sorters.join(',') : undefined,
    },
  });
  const totalHeader = response.headers.get('X-Total-Count');
  const total = totalHeader === null ? undefined : Number(totalHeader);
  return { items: response.data as output<S>[number][], total: Number.isFinite(total) ? total : undefined };
}

function buildUrl(pathname: string, query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `${config.baseUrl}${pathname}${search ? `?${search}` : ''}`;
}

function backoff(attempt: number): number {
  const base = config.backoffMs * 2 ** (attempt - 1);
  return base + Math.random() * base * 0.25;
}

async function parseBody<S extends $ZodType | null>(response: Response, spec: RequestSpec<S>): Promise<Output<S>> {
  const text = await response.text();
  if (spec.schema === null) return undefined as Output<S>;
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch (cause) {
    throw new ApiError({ kind: 'invalid-response', operationId: spec.operationId, status: response.status, messages: ['the body is not JSON'], cause });
  }
  const result = z.safeParse(spec.schema, json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the body';
    throw new ApiError({
      kind: 'invalid-response',
      operationId: spec.operationId,
      status: response.status,
      messages: [`${where}: ${issue?.message ?? 'invalid'}`],
      cause: result.error,
    });
  }
  return result.data as Output<S>;
}

async function toApiError(response: Response, operationId: string): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const messages: string[] = [];
  if (Array.isArray(record.messages)) {
    for (const m of record.messages) {
      if (m && typeof m === 'object' && typeof (m as { text?: unknown }).text === 'string') messages.push((m as { text: string }).text);
    }
  }
  if (typeof record.error === 'string') messages.push(record.error); // 401 body
  if (typeof record.message === 'string') messages.push(record.message.trim()); // 429 body
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError({
    kind: 'http',
    operationId,
    status: response.status,
    detailCode: typeof record.detailCode === 'string' ? record.detailCode : undefined,
    trackingId: typeof record.trackingId === 'string' ? record.trackingId : undefined,
    messages,
    retryAfterSeconds: response.headers.has('Retry-After') && Number.isFinite(retryAfter) ? Math.max(0, retryAfter) : undefined,
  });
}

/** `request`, answering the validated body only. */
export async function call<S extends $ZodType | null>(spec: RequestSpec<S>): Promise<Output<S>> {
  return (await request(spec)).data;
}
