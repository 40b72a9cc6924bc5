import { base64UrlEncode, decodeAccessToken } from '../api/jwt';
import { ISC_RATE_LIMIT as RULES_RATE_LIMIT } from '../api/rules';
import { errorBody, SandboxError } from './errors';
import type { DecisionAuditRecord, Identity } from './model';
import type { Persistence, PersistedChange, SandboxMeta } from './persistence';
import type { RequestContext, Route } from './context';
import { Store } from './store';
import { PERSONAS, SEED_VERSION, sharedSeed } from './seed';
import { advance } from './rules/lifecycle';
import { certificationRoutes } from './rules/certifications';
import { campaignRoutes } from './rules/campaigns';
import { templateRoutes } from './rules/templates';
import { searchRoutes } from './rules/search';
import { lookupRoutes } from './rules/lookups';
import { reportRoutes } from './rules/reports';
import { SandboxLogin } from './oauth';
import { templateView } from './views';
import type { TemplateRecord } from './model';

/**
 * Attest's simulated ISC tenant: the 33 operations (and identity search and the wizard's look-ups) with ISC's rules over a persistent store, behind the
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

/**
 * A fault the sandbox injects into requests:
 * - an HTTP status: answered instead of the operation (ErrorResponseDto body), nothing applied;
 * - 'drop': the connection drops before the tenant sees the request, nothing applied;
 * - 'lost-reply': the tenant applies the request (state changes, persisted), then the connection drops,
 *   so the client never sees the reply.
 */
export interface InjectedFault {
  fault: number | 'drop' | 'lost-reply';
  /** How many requests get it (only hits count); default 1, or no end (Infinity) when `probability` is given. */
  times?: number;
  /** Only requests of this operation (default: any). */
  operationId?: string;
  /** Chance (0..1) that a matching request gets it, e.g. 0.2 for ~20 %; default 1. */
  probability?: number;
}

/** A fault as the tenant keeps it: `times` counts down the hits left. */
export interface ActiveFault extends InjectedFault {
  times: number;
}

/** One decision the tenant accepted, and who from: what `audit()` reads (see DecisionAuditRecord). */
export type DecisionAuditEntry = Omit<DecisionAuditRecord, 'id'>;

/** Filters the audit: only one certification's decisions. */
export interface AuditFilter {
  certificationId?: string;
}

/** What tabs of one browser tell each other so that they share one tenant, numbered by persisted revision. */
export type TenantMessage = { type: 'changes'; changes: PersistedChange[]; revision: number } | { type: 'reset'; revision: number };

/** Tabs take turns on the tenant: `navigator.locks` in the browser; a shared mutex in tests; none alone. */
export type TenantLock = <T>(work: () => Promise<T>) => Promise<T>;

/** How long a tab waits for another tab's message it knows was written before it loads from IndexedDB instead. */
const CATCH_UP_WAIT_MS = 250;

/** The channel tabs share (a BroadcastChannel in the browser; a pair of them in tests). */
export type TenantChannel = Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'removeEventListener'>;

/** The BroadcastChannel name the browser's tabs share one tenant over. */
export const TENANT_CHANNEL = 'attest-sandbox';

export interface TenantOptions {
  persistence: Persistence;
  scale?: number;
  clock?: { now: () => number };
  latency?: LatencyConfig;
  rateLimit?: RateLimitConfig | null;
  /** Lifetime of minted tokens. */
  tokenLifetimeSeconds?: number;
  /** Other tabs' tenants over the same persistence: changes and resets are shared through it. */
  channel?: TenantChannel;
  /** Dice for probabilistic faults (tests make it predictable). */
  random?: () => number;
  /** Shared with the other tabs' tenants (with `channel`), so that they serve one request at a time. */
  lock?: TenantLock;
}

export const ISC_RATE_LIMIT: RateLimitConfig = RULES_RATE_LIMIT;
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

/** Template answers as the API shows them (the records keep ISC's nulls of a template's campaign; the API leaves them out). */
const TEMPLATE_ANSWERS = new Set(['createCampaignTemplate', 'getCampaignTemplates', 'patchCampaignTemplate', 'getCampaignTemplate']);
const templateAnswers: Route[] = templateRoutes.map((route) =>
  TEMPLATE_ANSWERS.has(route.operationId)
    ? {
        ...route,
        handle: (ctx: RequestContext) => {
          const reply = route.handle(ctx);
          const body = reply.body as TemplateRecord | TemplateRecord[] | undefined;
          return { ...reply, body: Array.isArray(body) ? body.map(templateView) : body && templateView(body) };
        },
      }
    : route,
);

const ROUTES: CompiledRoute[] = [...certificationRoutes, ...campaignRoutes, ...templateAnswers, ...searchRoutes, ...lookupRoutes, ...reportRoutes]
  .map(compile)
  .sort((a, b) => b.specificity - a.specificity);

export const OPERATION_IDS = ROUTES.map((r) => r.operationId);

export class SandboxTenant {
  store!: Store;
  latency: LatencyConfig;
  rateLimit: RateLimitConfig | null;
  readonly faults: ActiveFault[] = [];
  /** What the tenant has served since it started: for benchmarks and demos. */
  readonly stats = { requests: 0, rateLimited: 0, byOperation: {} as Record<string, number> };
  private readonly hits = new Map<string, number[]>();
  /** The tenant's login: `/oauth/info`, `/oauth/authorize` and the PKCE and refresh grants. */
  private readonly login = new SandboxLogin({
    personas: PERSONAS,
    now: () => this.clock.now(),
    hasIdentity: (id) => Boolean(this.store.get('identities', id)),
    issue: (identityId) => {
      const accessToken = this.mintToken(identityId);
      return { accessToken, expiresIn: decodeAccessToken(accessToken)!.exp! - Math.floor(this.clock.now() / 1000) };
    },
  });
  private readonly clock: { now: () => number };
  private scale: number;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly random: () => number;
  private readonly lock: TenantLock;
  /** The persisted revision this tab's store holds: every save and reset, by any tab, counts one. */
  private revision = 0;
  /** Other tabs' messages ahead of `revision`, applied in order once the gap closes. */
  private readonly pending = new Map<number, TenantMessage>();
  /** Another tab reset the tenant: load the new seed before the next request. */
  private needsReload = false;
  private onCaughtUp: (() => void) | null = null;
  private readonly onMessage = (event: MessageEvent<TenantMessage>) => this.receive(event.data);

  private constructor(private readonly options: TenantOptions) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.scale = options.scale ?? 1;
    this.latency = options.latency ?? { minMs: 0, maxMs: 0 };
    this.rateLimit = options.rateLimit === undefined ? ISC_RATE_LIMIT : options.rateLimit;
    this.random = options.random ?? Math.random;
    this.lock = options.lock ?? ((work) => work());
  }

  /** Loads the tenant: the seed it was made from, with every change since laid over it. */
  static async create(options: TenantOptions): Promise<SandboxTenant> {
    const tenant = new SandboxTenant(options);
    // Listen first: what another tab writes while this one loads is either in the load or in a message.
    options.channel?.addEventListener('message', tenant.onMessage as EventListener);
    await tenant.run(() => tenant.load(options.scale));
    return tenant;
  }

  private async load(scale: number | undefined): Promise<void> {
    const { meta, changes, revision } = await this.options.persistence.load();
    if (meta && meta.seedVersion === SEED_VERSION && (scale === undefined || meta.scale === scale)) {
      this.scale = meta.scale;
      this.store = new Store(sharedSeed({ anchor: meta.anchor, scale: meta.scale }), this.options.persistence, this.clock);
      this.store.applyPersisted(changes);
      this.caughtUpTo(revision);
    } else {
      // No data yet, or data of another seed or scale: start over, in every tab.
      await this.reseed();
    }
  }

  /** Restores the seed, dated from now: every decision and change is forgotten, in every tab. */
  async reset(): Promise<void> {
    await this.run(() => this.reseed());
  }

  private async reseed(): Promise<void> {
    const revision = await this.options.persistence.clear();
    const meta: SandboxMeta = { anchor: this.clock.now(), scale: this.scale, seedVersion: SEED_VERSION };
    await this.options.persistence.saveMeta(meta);
    this.store = new Store(sharedSeed({ anchor: meta.anchor, scale: meta.scale }), this.options.persistence, this.clock);
    this.hits.clear();
    this.caughtUpTo(revision);
    this.options.channel?.postMessage({ type: 'reset', revision } satisfies TenantMessage);
  }

  private caughtUpTo(revision: number): void {
    this.revision = revision;
    this.needsReload = false;
    for (const r of this.pending.keys()) if (r <= revision) this.pending.delete(r);
    this.drain();
  }

  /** Stops sharing changes with other tabs. */
  disconnect(): void {
    this.options.channel?.removeEventListener('message', this.onMessage as EventListener);
  }

  /**
   * Another tab wrote to the tenant. Its changes are applied in revision order, at once: tabs take turns
   * (the lock), so none of this tab's requests is half-served while they arrive.
   */
  private receive(message: TenantMessage): void {
    if (message.revision <= this.revision) return;
    this.pending.set(message.revision, message);
    this.drain();
  }

  private drain(): void {
    if (!this.store) return; // loading: the load says which revision it holds
    for (let next = this.pending.get(this.revision + 1); next; next = this.pending.get(this.revision + 1)) {
      this.pending.delete(next.revision);
      if (next.type === 'reset' && !this.needsReload) {
        this.needsReload = true;
        void this.run(async () => undefined); // catching up loads the new seed now, not at the next request
      } else if (next.type === 'changes' && !this.needsReload) this.store.applyPersisted(next.changes);
      this.revision = next.revision;
    }
    this.onCaughtUp?.();
  }

  /**
   * Before serving, with the lock held: make sure this tab holds every revision written so far. The other
   * tabs' messages are normally here already; a late one is waited for briefly, a lost one (or a reset)
   * means loading again from the persisted state.
   */
  private async catchUp(): Promise<void> {
    if (!this.options.channel || !this.store) return;
    const latest = await this.options.persistence.revision();
    if (latest > this.revision && !this.needsReload) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, CATCH_UP_WAIT_MS);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.onCaughtUp = () => {
          if (this.revision >= latest || this.needsReload) done();
        };
      });
      this.onCaughtUp = null;
    }
    if (this.needsReload || latest > this.revision) {
      await this.load(undefined);
      this.hits.clear();
    }
  }

  /**
   * The decisions the tenant accepted, oldest first, with who sent them (optionally of one certification).
   * Waits for requests being served, so a test reads what the tenant has answered.
   */
  audit(filter: AuditFilter = {}): Promise<DecisionAuditEntry[]> {
    return this.run(async () =>
      this.store
        .all('decisionAudit')
        .filter((r) => filter.certificationId === undefined || r.certificationId === filter.certificationId)
        .sort((a, b) => a.seq - b.seq || a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
        .map(({ id: _id, ...entry }) => ({ ...entry })),
    );
  }

  /** Gives the next `times` matching requests (of one operation, if given; each with `probability`) a fault. */
  injectFault(fault: InjectedFault): void {
    const { probability = 1 } = fault;
    const times = fault.times ?? (fault.probability === undefined ? 1 : Infinity);
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be between 0 and 1; it was ${fault.probability}.`);
    if (!(times > 0)) throw new RangeError(`times must be more than 0; it was ${fault.times}.`);
    if (typeof fault.fault === 'number' && !(Number.isInteger(fault.fault) && fault.fault >= 400 && fault.fault <= 599)) {
      throw new RangeError(`A fault status must be an HTTP error status (400-599); it was ${fault.fault}.`);
    }
    if (typeof fault.fault !== 'number' && fault.fault !== 'drop' && fault.fault !== 'lost-reply') {
      throw new RangeError(`fault must be an HTTP status, 'drop' or 'lost-reply'; it was ${String(fault.fault)}.`);
    }
    this.faults.push({ ...fault, times });
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

  /** Lets the sandbox clock move the tenant's background work (schedules, generation, tasks) without a request. */
  tick(): Promise<void> {
    return this.run(async () => {
      advance(this.store);
      await this.flush();
    });
  }

  /** Runs work on the tenant: one at a time in this tab, and in turn with the other tabs, caught up first. */
  private run<T>(work: () => Promise<T>): Promise<T> {
    const turn = () =>
      this.lock(async () => {
        await this.catchUp();
        return work();
      });
    const result = this.queue.then(turn, turn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async serve(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === TOKEN_PATH && request.method === 'POST') return this.token(request, url);
    const login = await this.login.handle(request, url);
    if (login) return login;

    const apiPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const match = this.route(request.method, apiPath);

    const fault = this.takeFault(match?.route.operationId);
    if (fault === 'drop') return Response.error();
    if (typeof fault === 'number') return json(errorBody(new SandboxError(fault, `Injected fault: the sandbox answered ${fault} on purpose.`)), fault);
    const reply = await this.answer(request, url, match);
    // The tenant has done the work (and persisted it); the connection drops on the way back.
    return fault === 'lost-reply' ? Response.error() : reply;
  }

  private async answer(request: Request, url: URL, match: ReturnType<SandboxTenant['route']>): Promise<Response> {
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
      await this.flush();
      const status = reply.status ?? 200;
      if (status === 204) return new Response(null, { status, headers: reply.headers });
      if (reply.raw !== undefined) return new Response(reply.raw, { status, headers: reply.headers });
      return json(reply.body ?? {}, status, reply.headers);
    } catch (error) {
      await this.flush();
      if (error instanceof SandboxError) return json(errorBody(error), error.status);
      console.error('[sandbox]', match.route.operationId, error);
      return json(errorBody(new SandboxError(500, `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`)), 500);
    }
  }

  /** Persists the request's changes, then tells the other tabs. */
  private async flush(): Promise<void> {
    const written = await this.store.flush();
    if (!written) return;
    this.revision = written.revision;
    this.options.channel?.postMessage({ type: 'changes', ...written } satisfies TenantMessage);
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

  /** The first matching fault whose dice hits, counted down; a miss does not count. */
  private takeFault(operationId: string | undefined): InjectedFault['fault'] | null {
    for (let index = 0; index < this.faults.length; index++) {
      const fault = this.faults[index]!;
      if (fault.operationId && fault.operationId !== operationId) continue;
      if (fault.probability !== undefined && this.random() >= fault.probability) continue;
      if (--fault.times <= 0) this.faults.splice(index, 1);
      return fault.fault;
    }
    return null;
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
    const signIn = await this.login.token(form);
    if (signIn) return signIn;
    if (form.get('grant_type') !== 'client_credentials') {
      return json({ error: 'unsupported_grant_type', error_description: 'The sandbox supports grant_type client_credentials, authorization_code (PKCE) and refresh_token.' }, 400);
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

const encoder = new TextEncoder();

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  // As bytes: a Response made from a string re-scans it (a page of 250 items is ~0.5 MB of JSON).
  return new Response(encoder.encode(JSON.stringify(body)), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
