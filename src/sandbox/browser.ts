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
}

declare global {
  interface Window {
    attestSandbox?: SandboxControls;
  }
}

function readLatencyOverride(): LatencyConfig | null {
  const value = new URLSearchParams(window.location.search).get('sandboxLatency') ?? sessionStorage.getItem('attest.sandbox.latency');
  if (value === null) return null;
  sessionStorage.setItem('attest.sandbox.latency', value);
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? { minMs: ms, maxMs: ms } : null;
}

export async function startSandbox(): Promise<SandboxControls> {
  const tenant = await SandboxTenant.create({
    persistence: indexedDbPersistence(),
    latency: readLatencyOverride() ?? REALISTIC_LATENCY,
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
  };
  window.attestSandbox = controls;
  return controls;
}
