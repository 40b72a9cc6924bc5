import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The production path, as it will run: a tenant build (no sandbox in it) served by Debian's nginx with
 * deploy/'s configuration, proxying /v3 and /oauth to the local HTTP tenant (`npm run tenant`), signed in
 * through the tenant's login with PKCE. Ports apart from the main journeys' so both can run side by side.
 */
const TENANT_PORT = Number(process.env.PRODUCTION_TENANT_PORT ?? 4310);
const APP_PORT = Number(process.env.PRODUCTION_APP_PORT ?? 4320);
const TENANT = `http://127.0.0.1:${TENANT_PORT}`;

export default defineConfig({
  ...base,
  testDir: 'test/production',
  workers: 1,
  use: { ...base.use, baseURL: `http://127.0.0.1:${APP_PORT}` },
  webServer: [
    {
      command: `npm run tenant -- --port ${TENANT_PORT} --state .tenant/production.ndjson --reset`,
      url: `${TENANT}/oauth/info`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: 'node scripts/nginx-production.mjs',
      url: `http://127.0.0.1:${APP_PORT}/`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { SAILPOINT_API_URL: TENANT, SAILPOINT_CLIENT_ID: 'attest-pkce', PORT: String(APP_PORT) },
    },
  ],
});
