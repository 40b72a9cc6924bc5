import { base64UrlEncode, decodeAccessToken } from '../api/jwt';
import { errorBody, SandboxError } from './errors';
import type { Identity } from './model';
import type { Persistence, SandboxMeta } from './persistence';
import type { RequestContext, Route } from './context';
import { Store } from './store';
import { createSeed, PERSONAS, SEED_VERSION } from './seed';
import { advance } from './rules/lifecycle';
import { certificationRoutes } from './rules/certifications';
import { campaignRoutes } from './rules/campaigns';
import { templateRoutes } from './rules/templates';
import { searchRoutes } from './rules/search';
import { reportRoutes } from './rules/reports';

/**
 * Attest's simulated ISC tenant: the 33 operations (and identity search) with ISC's rules over a persistent store, behind the
 * same HTTP surface as a real tenant (`/v3/...` and `/oauth/token`), with ISC's rate limit, simulated
 * latency and injectable faults. It speaks Fetch Request/Response, so MSW (browser and Node) and the unit
 * tests drive it the same way.
 */

export const API_PREFIX = '/v3';
export const TOKEN_PATH = '/oauth/token';
/** The client secret every sandbox persona signs in with. */
export const SANDBOX_CLIENT_SECRET = 'sandbox';

export interface LatencyConfig {
  minMs: number;
  maxMs: number;
}

export interface RateLimitConfig {
  /** Requests per window per client_id; ISC's default is 100 per 10 s. */
  limit: number;
  windowMs: number;
}

export interface InjectedFault {
  /** An HTTP status to answer with, or 'drop' for a dropped connection. */
  fault: number | 'drop';
  /** How many matching requests get it. */
  times: number;
  /** Only requests of this operation (default: any). */
  operationId?: string;
}

export interface TenantOptions {
  persistence: Persistence;
  scale?: number;
  clock?: { now: () => number };
  latency?: LatencyConfig;
  rateLimit?: RateLimitConfig | null;
  /** Lifetime of minted tokens. */
  tokenLifetimeSeconds?: number;
}

export const ISC_RATE_LIMIT: RateLimitConfig = { limit: 100, windowMs: 10_000 };
export const REALISTIC_LATENCY: LatencyConfig = { minMs: 60, maxMs: 220 };

interface CompiledRoute extends Route {
  pattern: RegExp;
  keys: string[];
  /** Literal segments first, so `/campaigns/delete` wins over `/campaigns/:id`. */
  specificity: number;
}

function compile(route: Route): CompiledRoute {
  const keys: string[] = [];
  const segments = route.path.split('/').filter(Boolean);
  const pattern = new RegExp(
    '^/' +
      segments
        .map((s) => {
          if (s.startsWith(':')) {
            keys.push(s.slice(1));
            return '([^/]+)';
          }
          return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/') +
      '/?$',
  );
  return { ...route, pattern, keys, specificity: segments.filter((s) => !s.startsWith(':')).length };
}

const ROUTES: CompiledRoute[] = [...certificationRoutes, ...campaignRoutes, ...templateRoutes, ...searchRoutes, ...reportRoutes]
  .map(compile)
  .sort((a, b) => b.specificity - a.specificity);

export const OPERATION_IDS = ROUTES.map((r) => r.operationId);

export class SandboxTenant {
  store!: Store;
  latency: LatencyConfig;
  rateLimit: RateLimitConfig | null;
  readonly faults: InjectedFault[] = [];
  /** What the tenant has served since it started: for benchmarks and demos. */
  readonly stats = { requests: 0, rateLimited: 0, byOperation: {} as Record<string, number> };
  private readonly hits = new Map<string, number[]>();
  private readonly clock: { now: () => number };
  private scale: number;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: TenantOptions) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.scale = options.scale ?? 1;
    this.latency = options.latency ?? { minMs: 0, maxMs: 0 };
    this.rateLimit = options.rateLimit === undefined ? ISC_RATE_LIMIT : options.rateLimit;
  }

  /** Loads the tenant: the seed it was made from, with every change since laid over it. */
  static async create(options: TenantOptions): Promise<SandboxTenant> {
    const tenant = new SandboxTenant(options);
    const { meta, changes } = await options.persistence.load();
    if (meta && meta.seedVersion === SEED_VERSION && (options.scale === undefined || meta.scale === options.scale)) {
      tenant.scale = meta.scale;
      tenant.store = new Store(createSeed({ anchor: meta.anchor, scale: meta.scale }), options.persistence, tenant.clock);
      tenant.store.applyPersisted(changes);
    } else {
      await tenant.reseed();
    }
    return tenant;
  }

  /** Restores the seed, dated from now: every decision and change is forgotten. */
  async reset(): Promise<void> {
    await this.run(() => this.reseed());
  }

  private async reseed(): Promise<void> {
    await this.options.persistence.clear();
    const meta: SandboxMeta = { anchor: this.clock.now(), scale: this.scale, seedVersion: SEED_VERSION };
    await this.options.persistence.saveMeta(meta);
    this.store = new Store(createSeed({ anchor: meta.anchor, scale: meta.scale }), this.options.persistence, this.clock);
    this.hits.clear();
  }

  /** Answers the next `times` requests (of one operation, if given) with a fault. */
  injectFault(fault: InjectedFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** A signed-in session for an identity, as `/oauth/token` would issue it. */
  mintToken(identityId: string): string {
    const identity = this.store.get('identities', identityId);
    if (!identity) throw new Error(`No identity ${identityId}`);
    const lifetime = this.options.tokenLifetimeSeconds ?? 12 * 3600;
    const claims = {
      identity_id: identity.id,
      user_name: identity.name,
      authorities: identity.levels.length ? identity.levels : ['USER'],
      client_id: `sandbox-${identity.id}`,
      tenant_id: 'attest-sandbox',
      exp: Math.floor(this.clock.now() / 1000) + lifetime,
    };
    return `${base64UrlEncode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64UrlEncode(JSON.stringify(claims))}.sandbox`;
  }

  /** Handles one HTTP request to the tenant. Requests are served one at a time, like a transaction each. */
  async handle(request: Request): Promise<Response> {
    // Latency is the network's: requests wait for it side by side, then are served one at a time.
    if (this.latency.maxMs > 0) {
      await sleep(this.latency.minMs + Math.random() * (this.latency.maxMs - this.latency.minMs));
    }
    return this.run(() => this.serve(request));
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async serve(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === TOKEN_PATH && request.method === 'POST') return this.token(request, url);

    const apiPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const match = this.route(request.method, apiPath);

    const fault = this.takeFault(match?.route.operationId);
    if (fault === 'drop') return Response.error();
    if (typeof fault === 'number') return json(errorBody(new SandboxError(fault, `Injected fault: the sandbox answered ${fault} on purpose.`)), fault);

    const caller = this.authenticate(request);
    if (caller instanceof Response) return caller;

    const limited = this.checkRateLimit(caller.clientId);
    this.stats.requests++;
    if (limited) {
      this.stats.rateLimited++;
      return limited;
    }
    if (match) this.stats.byOperation[match.route.operationId] = (this.stats.byOperation[match.route.operationId] ?? 0) + 1;

    if (!match) return json(errorBody(new SandboxError(404, `No operation ${request.method} ${url.pathname} in this API.`)), 404);

    let body: unknown;
    const text = await request.text();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return json(errorBody(new SandboxError(400, 'The request body is not valid JSON.')), 400);
      }
    }
    const ctx: RequestContext = { store: this.store, caller: caller.identity, params: match.params, query: url.searchParams, body };
    try {
      advance(this.store);
      const reply = match.route.handle(ctx);
      advance(this.store);
      await this.store.flush();
      const status = reply.status ?? 200;
      if (status === 204) return new Response(null, { status, headers: reply.headers });
      if (reply.raw !== undefined) return new Response(reply.raw, { status, headers: reply.headers });
      return json(reply.body ?? {}, status, reply.headers);
    } catch (error) {
      await this.store.flush();
      if (error instanceof SandboxError) return json(errorBody(error), error.status);
      console.error('[sandbox]', match.route.operationId, error);
      return json(errorBody(new SandboxError(500, `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`)), 500);
    }
  }

  private route(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | null {
    for (const route of ROUTES) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1]!)));
      } catch {
        return null; // malformed percent-encoding: no such resource
      }
      return { route, params };
    }
    return null;
  }

  private takeFault(operationId: string | undefined): number | 'drop' | null {
    const index = this.faults.findIndex((f) => !f.operationId || f.operationId === operationId);
    if (index < 0) return null;
    const fault = this.faults[index]!;
    if (--fault.times <= 0) this.faults.splice(index, 1);
    return fault.fault;
  }

  private authenticate(request: Request): { identity: Identity; clientId: string } | Response {
    const header = request.headers.get('Authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) return json({ error: 'JWT validation failed: no authorization header' }, 401);
    const claims = decodeAccessToken(token);
    const identity = claims?.identity_id ? this.store.get('identities', claims.identity_id) : undefined;
    if (!claims || !identity) return json({ error: 'JWT validation failed: the token is not valid for this tenant' }, 401);
    if (claims.exp !== undefined && claims.exp * 1000 <= this.clock.now()) return json({ error: 'JWT validation failed: JWT is expired' }, 401);
    return { identity, clientId: claims.client_id ?? identity.id };
  }

  private checkRateLimit(clientId: string): Response | null {
    if (!this.rateLimit) return null;
    const now = this.clock.now();
    const windowStart = now - this.rateLimit.windowMs;
    const hits = (this.hits.get(clientId) ?? []).filter((t) => t > windowStart);
    if (hits.length >= this.rateLimit.limit) {
      this.hits.set(clientId, hits);
      const retryAfter = Math.max(1, Math.ceil((hits[0]! + this.rateLimit.windowMs - now) / 1000));
      return json({ message: ' Rate Limit Exceeded ' }, 429, { 'Retry-After': String(retryAfter) });
    }
    hits.push(now);
    this.hits.set(clientId, hits);
    return null;
  }

  /** `/oauth/token` with the client credentials grant: client_id `sandbox-<persona key or identity id>`. */
  private async token(request: Request, url: URL): Promise<Response> {
    const form = new URLSearchParams(url.search);
    const text = await request.text();
    for (const [k, v] of new URLSearchParams(text)) form.set(k, v);
    if (form.get('grant_type') !== 'client_credentials') {
      return json({ error: 'unsupported_grant_type', error_description: 'The sandbox supports grant_type=client_credentials.' }, 400);
    }
    const clientId = form.get('client_id') ?? '';
    const key = clientId.replace(/^sandbox-/, '');
    const identityId = PERSONAS.find((p) => p.key === key)?.identityId ?? key;
    if (form.get('client_secret') !== SANDBOX_CLIENT_SECRET || !this.store.get('identities', identityId)) {
      return json({ error: 'invalid_client', error_description: 'Unknown client id or wrong secret.' }, 401);
    }
    const accessToken = this.mintToken(identityId);
    const claims = decodeAccessToken(accessToken)!;
    return json({
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: claims.exp! - Math.floor(this.clock.now() / 1000),
      scope: 'sp:scopes:all',
      tenant_id: 'attest-sandbox',
      identity_id: identityId,
      user_id: identityId,
    });
  }
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
