import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { indexedDbPersistence } from './persistence';
import { API_PREFIX, ISC_RATE_LIMIT, REALISTIC_LATENCY, SANDBOX_CLIENT_SECRET, SandboxTenant, TOKEN_PATH, type InjectedFault, type LatencyConfig } from './tenant';
import { PERSONAS } from './seed';

/**
 * The sandbox in the browser: the tenant answers `/v3` and `/oauth/token` through MSW's service worker,
 * with its state in IndexedDB so a reload loses nothing. Loaded only by a dynamic import in sandbox builds.
 */

/** Controls for demos and end-to-end tests, also reachable as `window.attestSandbox`. */
export interface SandboxControls {
  personas: typeof PERSONAS;
  /** The client credentials a persona signs in with at `/oauth/token`. */
  credentials(personaKey: string): { clientId: string; clientSecret: string };
  reset(): Promise<void>;
  setLatency(latency: LatencyConfig): void;
  setRateLimit(enabled: boolean): void;
  injectFault(fault: InjectedFault): void;
  clearFaults(): void;
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
    latency: latency === null ? REALISTIC_LATENCY : { minMs: latency, maxMs: latency },
    scale: scale !== null && scale >= 1 ? Math.floor(scale) : undefined,
  });
  const resolver = ({ request }: { request: Request }) => tenant.handle(request);
  const worker = setupWorker(http.all(`${API_PREFIX}/*`, resolver), http.post(TOKEN_PATH, resolver));
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
    stats: () => structuredClone(tenant.stats),
  };
  window.attestSandbox = controls;
  return controls;
}
