import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  define: { __SANDBOX__: 'true', __TENANT_URL__: JSON.stringify(''), __OAUTH_CLIENT_ID__: JSON.stringify('') },
  test: {
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // A guard against hangs, not a timing check: component journeys on a loaded 2-core machine need room.
    testTimeout: 45_000,
    // Two cores: keep parallelism modest so the sandbox's seeds don't fight for CPU.
    maxWorkers: 2,
  },
});
