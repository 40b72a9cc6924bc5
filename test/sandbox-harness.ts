import { afterAll, beforeAll, beforeEach } from 'vitest';
import { configureClient } from '../src/api/http';
import { connectClientToSession, sessionFromToken, sessionStore } from '../src/api/session';
import { PERSONAS } from '../src/sandbox/seed';
import { startNodeSandbox } from '../src/sandbox/node';
import type { SandboxTenant } from '../src/sandbox/tenant';
import type { Persona } from '../src/sandbox/model';

/** A clock tests can move: the sandbox's background work (generation, tasks) follows it. */
export class TestClock {
  constructor(public time = Date.now()) {}
  now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

/**
 * When this module was loaded: once per file in isolated runs (the components), once per worker for the
 * Node project, whose files share their modules. A process that outlives a file does not carry it over.
 */
const MODULE_LOADED = Date.now();
function workerStart(): number {
  return MODULE_LOADED;
}

export const TEST_BASE_URL = 'http://attest.test/v3';

/**
 * Starts a sandbox for a test file, pointed at by the typed client, and resets it before each test.
 * `signInAs` switches the client's bearer token to a persona or any identity. `random` makes probabilistic
 * faults predictable; `tenant.audit()` reads who decided what.
 */
export function setupSandbox(options: { rateLimit?: boolean; random?: () => number } = {}) {
  // Real time when the harness loaded (tokens and due dates are checked against the real clock too); each
  // test starts from that same moment. Files sharing their modules (the Node project runs them unisolated)
  // share the moment, so the seed dated from it is built once per worker, not once per file.
  const start = workerStart();
  const clock = new TestClock(start);
  let rawToken: string | null | undefined;
  const ctx = {
    clock,
    tenant: undefined as unknown as SandboxTenant,
    /** The bearer token sent: the session's, unless a test sets a raw one (null for none). */
    get token(): string | null {
      return rawToken !== undefined ? rawToken : (sessionStore.get()?.accessToken ?? null);
    },
    set token(value: string | null) {
      rawToken = value;
    },
    /** Signs in as a persona or identity, as the app's session would. */
    signInAs(who: Persona['key'] | string) {
      const identityId = PERSONAS.find((p) => p.key === who)?.identityId ?? who;
      rawToken = undefined;
      sessionStore.set(sessionFromToken(ctx.tenant.mintToken(identityId), { personaKey: PERSONAS.find((p) => p.key === who)?.key }));
      return identityId;
    },
    persona(key: Persona['key']) {
      return PERSONAS.find((p) => p.key === key)!;
    },
  };
  let close: () => void = () => undefined;
  beforeAll(async () => {
    const started = await startNodeSandbox({ clock, rateLimit: options.rateLimit ? undefined : null, random: options.random });
    ctx.tenant = started.tenant;
    close = started.close;
    // As in the app, except that retries don't wait.
    connectClientToSession(TEST_BASE_URL);
    configureClient({ getAccessToken: () => ctx.token, sleep: async () => undefined, backoffMs: 0 });
  });
  beforeEach(async () => {
    clock.time = start;
    ctx.tenant.clearFaults();
    await ctx.tenant.reset();
    ctx.signInAs('manager');
  });
  afterAll(() => close());
  return ctx;
}
