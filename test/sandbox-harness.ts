import { afterAll, beforeAll, beforeEach } from 'vitest';
import { configureClient } from '../src/api/http';
import { PERSONAS } from '../src/sandbox/seed';
import { startNodeSandbox } from '../src/sandbox/node';
import type { SandboxTenant } from '../src/sandbox/tenant';
import type { Persona } from '../src/sandbox/model';

/** A clock tests can move: the sandbox's background work (generation, tasks) follows it. */
export class TestClock {
  constructor(public time = Date.parse('2026-11-22T12:00:00Z')) {}
  now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

export const TEST_BASE_URL = 'http://attest.test/v3';

/**
 * Starts a sandbox for a test file, pointed at by the typed client, and resets it before each test.
 * `signInAs` switches the client's bearer token to a persona or any identity.
 */
export function useSandbox(options: { rateLimit?: boolean } = {}) {
  const clock = new TestClock();
  const ctx = {
    clock,
    tenant: undefined as unknown as SandboxTenant,
    token: null as string | null,
    signInAs(who: Persona['key'] | string) {
      const identityId = PERSONAS.find((p) => p.key === who)?.identityId ?? who;
      ctx.token = ctx.tenant.mintToken(identityId);
      return identityId;
    },
    persona(key: Persona['key']) {
      return PERSONAS.find((p) => p.key === key)!;
    },
  };
  let close: () => void = () => undefined;
  beforeAll(async () => {
    const started = await startNodeSandbox({ clock, rateLimit: options.rateLimit ? undefined : null });
    ctx.tenant = started.tenant;
    close = started.close;
    configureClient({ baseUrl: TEST_BASE_URL, getAccessToken: () => ctx.token, sleep: async () => undefined, backoffMs: 0 });
  });
  beforeEach(async () => {
    clock.time = Date.parse('2026-11-22T12:00:00Z');
    ctx.tenant.clearFaults();
    await ctx.tenant.reset();
    ctx.signInAs('manager');
  });
  afterAll(() => close());
  return ctx;
}
