import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { indexedDbPersistence } from './persistence';
import {
  API_PREFIX,
  ISC_RATE_LIMIT,
  REALISTIC_LATENCY,
  SANDBOX_CLIENT_SECRET,
  SandboxTenant,
  TENANT_CHANNEL,
  TOKEN_PATH,
  type AuditFilter,
  type DecisionAuditEntry,
  type InjectedFault,
  type LatencyConfig,
} from './tenant';
import { PERSONAS } from './seed';

/**
 * The sandbox in the browser: the tenant answers `/v3` and `/oauth/token` through MSW's service worker,
 * with its state in IndexedDB so a reload loses nothing, shared by every tab of the browser (each tab's
 * tenant tells the others what it changed over a BroadcastChannel). Loaded only by a dynamic import in
 * sandbox builds.
 */

/** Controls for demos and end-to-end tests, also reachable as `window.attestSandbox`. */
export interface SandboxControls {
  personas: typeof PERSONAS;
  /** The client credentials a persona signs in with at `/oauth/token`. */
  credentials(personaKey: string): { clientId: string; clientSecret: string };
  reset(): Promise<void>;
  setLatency(latency: LatencyConfig): void;
  setRateLimit(enabled: boolean): void;
  /**
   * Faults for this tab's requests: `{ fault: 503 | 429 | … | 'drop' | 'lost-reply', times?, operationId?, probability? }`.
   * 'lost-reply' applies the call, then drops the connection. With `probability` (0..1) only that share of
   * matching requests get it, and only those count towards `times` (default: no end).
   */
  injectFault(fault: InjectedFault): void;
  clearFaults(): void;
  /** The decisions the tenant accepted (from any tab), oldest first, with who sent them; optionally of one certification. */
  audit(filter?: AuditFilter): Promise<DecisionAuditEntry[]>;
  /** Requests served, 429s answered, and calls per operation since the page loaded. */
  stats(): { requests: number; rateLimited: number; byOperation: Record<string, number> };
}

declare global {
  interface Window {
    attestSandbox?: SandboxControls;
  }
}

/** A number from `?name=` (remembered for the tab), e.g. ?sandboxLatency=0 or ?sandboxScale=3. */
function readSetting(name: string): number | null {
  const value = new URLSearchParams(window.location.search).get(name) ?? sessionStorage.getItem(`attest.${name}`);
  if (value === null) return null;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) return null;
  sessionStorage.setItem(`attest.${name}`, value);
  return number;
}

export async function startSandbox(): Promise<SandboxControls> {
  const latency = readSetting('sandboxLatency');
  // A larger data set for benchmarks: the largest certification has 10,000 × scale items.
  const scale = readSetting('sandboxScale');
  const tenant = await SandboxTenant.create({
    persistence: indexedDbPersistence(),
    channel: typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(TENANT_CHANNEL),
    lock: navigator.locks ? (work) => navigator.locks.request(TENANT_CHANNEL, work) : undefined,
    latency: latency === null ? REALISTIC_LATENCY : { minMs: latency, maxMs: latency },
    scale: scale !== null && scale >= 1 ? Math.floor(scale) : undefined,
  });
  const resolver = ({ request }: { request: Request }) => tenant.handle(request);
  const worker = setupWorker(http.all(`${API_PREFIX}/*`, resolver), http.post(TOKEN_PATH, resolver));
  // Before worker.start(): this tab's beforeunload listener must run before MSW's.
  keepAnsweringThroughCancelledUnload();
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` } });
  const controls: SandboxControls = {
    personas: PERSONAS,
    credentials: (personaKey) => ({ clientId: `sandbox-${personaKey}`, clientSecret: SANDBOX_CLIENT_SECRET }),
    reset: () => tenant.reset(),
    setLatency: (latency) => {
      tenant.latency = latency;
    },
    setRateLimit: (enabled) => {
      tenant.rateLimit = enabled ? ISC_RATE_LIMIT : null;
    },
    injectFault: (fault) => tenant.injectFault(fault),
    clearFaults: () => tenant.clearFaults(),
    audit: (filter) => tenant.audit(filter),
    stats: () => structuredClone(tenant.stats),
  };
  window.attestSandbox = controls;
  // Scheduled campaigns come due on the sandbox clock: checked now and every 30 s while the app is open.
  void tenant.tick();
  window.setInterval(() => void tenant.tick(), 30_000);
  return controls;
}

/**
 * On `beforeunload` MSW tells its service worker that this tab is gone (CLIENT_CLOSED) and stops its
 * keep-alive; the worker then stops answering the tab. When the unload doesn't happen ("Stay" on the leave
 * prompt, a cancelled navigation) every later call would go to the static server. So that message is held
 * from `beforeunload` until the page is really hidden (`pagehide`) and dropped when the tab runs on; then the
 * tab is activated again (in case the worker restarted meanwhile) and kept alive, as MSW would have.
 */
function keepAnsweringThroughCancelledUnload(): void {
  const post = ServiceWorker.prototype.postMessage;
  let unloading = false;
  let leaving = false;
  let heldClose: (() => void) | null = null;
  let keepAlive: number | undefined;
  ServiceWorker.prototype.postMessage = function (this: ServiceWorker, ...args: Parameters<ServiceWorker['postMessage']>) {
    if (unloading && args[0] === 'CLIENT_CLOSED') {
      heldClose = () => post.apply(this, args);
      return;
    }
    post.apply(this, args);
  } as ServiceWorker['postMessage'];

  const worker = () => navigator.serviceWorker?.controller;
  window.addEventListener('beforeunload', () => {
    unloading = true;
    // Timers don't run while the leave prompt is up: this runs after "Stay", or while a navigation loads.
    window.setTimeout(() => {
      if (leaving) return;
      unloading = false;
      heldClose = null;
      worker()?.postMessage('MOCK_ACTIVATE');
      keepAlive ??= window.setInterval(() => worker()?.postMessage('KEEPALIVE_REQUEST'), 5_000);
    }, 0);
  });
  window.addEventListener('pagehide', () => {
    leaving = true;
    // The tab goes (the held message, or a fresh one when a navigation outlived the timer above).
    const controller = worker();
    if (heldClose) heldClose();
    else if (controller) post.call(controller, 'CLIENT_CLOSED');
    heldClose = null;
  });
  window.addEventListener('pageshow', (event) => {
    // Back from the back/forward cache: MSW's worker was told the tab left; tell it the tab is back.
    if (!event.persisted) return;
    leaving = false;
    unloading = false;
    worker()?.postMessage('MOCK_ACTIVATE');
    keepAlive ??= window.setInterval(() => worker()?.postMessage('KEEPALIVE_REQUEST'), 5_000);
  });
}
