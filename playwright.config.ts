import { defineConfig } from '@playwright/test';

/**
 * End-to-end journeys in Debian's Chromium against the production build on the sandbox, served by
 * `vite preview` on 127.0.0.1. No browser is downloaded: CHROMIUM_PATH or /usr/bin/chromium is used.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // One retry in CI absorbs a rare timing hiccup on a loaded 2-core machine; the report still counts it as flaky.
  retries: process.env.CI ? 1 : 0,
  // Guards, not timing assertions: journeys through several pages on a loaded 2-core machine need room.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    env: { SAILPOINT_API_URL: '' },
  },
});
