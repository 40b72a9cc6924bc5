// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { memoryPersistence, type Persistence } from './persistence';
import { PERSONAS } from './seed';
import { SandboxTenant, type TenantChannel, type TenantLock } from './tenant';

/**
 * Tabs of one browser share one tenant: each tab's SandboxTenant works over the same persistence and tells
 * the others what it changed over a BroadcastChannel. Here two (or three) tenants play the tabs.
 */

const manager = PERSONAS.find((p) => p.key === 'manager')!.identityId;

/** Tabs take turns, as navigator.locks makes them in the browser. */
function mutex(): TenantLock {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** Channels that deliver to each other after `delayMs`, or lose messages while `drop` is set. */
function unreliableChannels() {
  const members = new Set<{ listeners: Set<(event: MessageEvent) => void> }>();
  const network = { delayMs: 0, drop: false };
  const open = (): TenantChannel => {
    const self = { listeners: new Set<(event: MessageEvent) => void>() };
    members.add(self);
    return {
      addEventListener: (_type: string, listener: (event: MessageEvent) => void) => self.listeners.add(listener),
      removeEventListener: (_type: string, listener: (event: MessageEvent) => void) => self.listeners.delete(listener),
      postMessage: (data: unknown) => {
        if (network.drop) return;
        const copy = structuredClone(data);
        for (const other of members) {
          if (other !== self) setTimeout(() => other.listeners.forEach((l) => l({ data: copy } as MessageEvent)), network.delayMs);
        }
      },
    } as unknown as TenantChannel;
  };
  return { network, open };
}

/** A tab: a tenant over the shared persistence, joined to the others by a channel (a BroadcastChannel of that name). */
async function openTab(persistence: Persistence, channelOrName: string | TenantChannel, lock: TenantLock) {
  const channel = typeof channelOrName === 'string' ? new BroadcastChannel(channelOrName) : channelOrName;
  const tenant = await SandboxTenant.create({ persistence, rateLimit: null, channel: channel as TenantChannel, lock });
  const token = tenant.mintToken(manager);
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await tenant.handle(
      new Request(`http://attest.test/v3${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }),
    );
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return {
    tenant,
    send,
    close: () => {
      tenant.disconnect();
      if (channel instanceof BroadcastChannel) channel.close();
    },
  };
}

type Tab = Awaited<ReturnType<typeof openTab>>;

/** An active certification of the manager whose campaign needs no comments. */
function managerCertification(tenant: SandboxTenant) {
  const cert = tenant.store
    .all('certifications')
    .find((c) => c.reviewerId === manager && c.phase === 'ACTIVE' && tenant.store.get('campaigns', c.campaignId)?.mandatoryCommentRequirement === 'NO_DECISIONS');
  expect(cert).toBeDefined();
  return cert!;
}

async function decide(tab: Tab, certificationId: string, id: string, decision: 'APPROVE' | 'REVOKE') {
  const reply = await tab.send(`/certifications/${certificationId}/decide`, { method: 'POST', body: JSON.stringify([{ id, decision, bulk: false }]) });
  expect(reply.status).toBe(200);
}

async function itemDecision(tab: Tab, certificationId: string, id: string) {
  const reply = await tab.send(`/certifications/${certificationId}/access-review-items?filters=${encodeURIComponent(`id eq "${id}"`)}`);
  return (reply.body as { decision?: string | null }[])[0]?.decision ?? null;
}

async function decisionsMade(tab: Tab, certificationId: string) {
  return ((await tab.send(`/certifications/${certificationId}`)).body as { decisionsMade: number }).decisionsMade;
}

describe('tabs of one browser share one tenant', () => {
  it('a decision in one tab is visible in the other, which has its indexes built already; and back', async () => {
    const persistence = memoryPersistence();
    const name = `tabs-${crypto.randomUUID()}`;
    const lock = mutex();
    const a = await openTab(persistence, name, lock);
    const b = await openTab(persistence, name, lock);
    try {
      const cert = managerCertification(a.tenant);
      const [x, y] = a.tenant.store.itemsOf(cert.id).filter((i) => i.decision === null);
      // Tab B reads first, so its item index holds the records as they were.
      expect(await itemDecision(b, cert.id, x!.id)).toBeNull();
      const before = await decisionsMade(b, cert.id);

      await decide(a, cert.id, x!.id, 'REVOKE');
      await vi.waitFor(async () => expect(await itemDecision(b, cert.id, x!.id)).toBe('REVOKE'));
      expect(await decisionsMade(b, cert.id)).toBe(before + 1);
      expect((await b.tenant.audit()).map((r) => [r.itemId, r.decision, r.actorId])).toEqual([[x!.id, 'REVOKE', manager]]);

      await decide(b, cert.id, y!.id, 'APPROVE');
      await vi.waitFor(async () => expect(await itemDecision(a, cert.id, y!.id)).toBe('APPROVE'));
      // One audit, the same in both tabs, in the order the tenant accepted the decisions.
      await vi.waitFor(async () => expect((await a.tenant.audit()).map((r) => r.seq)).toEqual([1, 2]));
      expect(await a.tenant.audit()).toEqual(await b.tenant.audit());

      // A tab opened later loads everything from the shared persistence.
      const c = await openTab(persistence, name, lock);
      expect(await decisionsMade(c, cert.id)).toBe(before + 2);
      expect(await c.tenant.audit()).toHaveLength(2);
      c.close();
    } finally {
      a.close();
      b.close();
    }
  });

  it('a reset in one tab reloads the others from the new seed', async () => {
    const persistence = memoryPersistence();
    const name = `tabs-${crypto.randomUUID()}`;
    const lock = mutex();
    const a = await openTab(persistence, name, lock);
    const b = await openTab(persistence, name, lock);
    try {
      const cert = managerCertification(a.tenant);
      const [x] = a.tenant.store.itemsOf(cert.id).filter((i) => i.decision === null);
      await decide(b, cert.id, x!.id, 'APPROVE');
      await vi.waitFor(async () => expect(await itemDecision(a, cert.id, x!.id)).toBe('APPROVE'));
      const storeBefore = b.tenant.store;

      await a.tenant.reset();
      await vi.waitFor(() => expect(b.tenant.store).not.toBe(storeBefore));
      expect(await itemDecision(b, cert.id, x!.id)).toBeNull();
      expect(await b.tenant.audit()).toEqual([]);
      // Both tabs hold the same seed again: a decision in B after the reset reaches A.
      await decide(b, cert.id, x!.id, 'REVOKE');
      await vi.waitFor(async () => expect(await itemDecision(a, cert.id, x!.id)).toBe('REVOKE'));
    } finally {
      a.close();
      b.close();
    }
  });

  it('a request waits for another tab’s late message: it is served on the state every tab wrote', async () => {
    const persistence = memoryPersistence();
    const channels = unreliableChannels();
    const lock = mutex();
    const a = await openTab(persistence, channels.open(), lock);
    const b = await openTab(persistence, channels.open(), lock);
    const cert = managerCertification(a.tenant);
    const [x, y] = a.tenant.store.itemsOf(cert.id).filter((i) => i.decision === null);
    const before = await decisionsMade(b, cert.id);

    channels.network.delayMs = 60;
    await decide(a, cert.id, x!.id, 'APPROVE');
    // B serves at once, while A's message is still on its way: it waits for it, then counts both decisions.
    const reply = await b.send(`/certifications/${cert.id}/decide`, { method: 'POST', body: JSON.stringify([{ id: y!.id, decision: 'APPROVE', bulk: false }]) });
    expect((reply.body as { decisionsMade: number }).decisionsMade).toBe(before + 2);
    expect((await b.tenant.audit()).map((r) => r.itemId)).toEqual([x!.id, y!.id]);
    await vi.waitFor(async () => expect(await decisionsMade(a, cert.id)).toBe(before + 2));
  });

  it('a tab that missed messages (lost, or disconnected) loads the persisted state before serving', async () => {
    const persistence = memoryPersistence();
    const channels = unreliableChannels();
    const lock = mutex();
    const a = await openTab(persistence, channels.open(), lock);
    const b = await openTab(persistence, channels.open(), lock);
    const cert = managerCertification(a.tenant);
    const [x, y] = a.tenant.store.itemsOf(cert.id).filter((i) => i.decision === null);
    expect(await itemDecision(b, cert.id, x!.id)).toBeNull();

    channels.network.drop = true;
    await decide(a, cert.id, x!.id, 'REVOKE');
    expect(await itemDecision(b, cert.id, x!.id)).toBe('REVOKE');
    // A reset whose message is lost too.
    await a.tenant.reset();
    expect(await itemDecision(b, cert.id, x!.id)).toBeNull();
    // Messages flow again and are applied in order from there.
    channels.network.drop = false;
    await decide(a, cert.id, y!.id, 'APPROVE');
    await vi.waitFor(() => expect(b.tenant.store.get('items', y!.id)?.decision).toBe('APPROVE'));
    expect(await b.tenant.audit()).toEqual(await a.tenant.audit());

    // A disconnected tab stops hearing the others, and still serves what they wrote.
    b.tenant.disconnect();
    await decide(a, cert.id, x!.id, 'APPROVE');
    expect(await itemDecision(b, cert.id, x!.id)).toBe('APPROVE');
  });
});
