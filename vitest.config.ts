import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { reactRouterBuild } from './vite.config';

/** Test files that say `@vitest-environment node`: the sandbox's rules, the API definition checks. */
function nodeEnvironmentFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'e2e') walk(path);
      } else if (/\.test\.tsx?$/.test(entry.name) && /@vitest-environment node\b/.test(readFileSync(path, 'utf8').slice(0, 600))) {
        files.push(path.replace(/\\/g, '/'));
      }
    }
  };
  walk('src');
  walk('test');
  return files;
}

const ALL_FILES = ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'];
const NODE_FILES = nodeEnvironmentFiles();

export default defineConfig({
  plugins: [react()],
  // The tests' RouterProvider (react-router/dom) and hooks (react-router) from one build.
  resolve: { alias: reactRouterBuild('development') },
  define: { __SANDBOX__: 'true', __TENANT_URL__: JSON.stringify(''), __OAUTH_CLIENT_ID__: JSON.stringify('') },
  test: {
    setupFiles: ['./test/setup.ts'],
    // A guard against hangs, not a timing check: component journeys on a loaded 2-core machine need room.
    testTimeout: 45_000,
    // Two cores: keep parallelism modest so the sandbox's seeds don't fight for CPU.
    maxWorkers: 2,
    projects: [
      {
        // The Node-environment files share their worker's modules (no per-file reload of the sandbox, zod and
        // the API client); test/sandbox-harness.ts resets the tenant before every test, so the seed is built
        // once per worker instead of once per file.
        extends: true,
        test: { name: 'node', include: NODE_FILES, environment: 'node', isolate: false },
      },
      {
        // Components render in jsdom, each file isolated: they spy on globals and fake timers.
        extends: true,
        test: { name: 'dom', include: ALL_FILES, exclude: ['test/e2e/**', 'node_modules/**', ...NODE_FILES], environment: 'jsdom' },
      },
    ],
  },
});
