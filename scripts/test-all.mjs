// `npm test`: every check and test on a fresh machine — install, typecheck, lint, unit and component
// tests (Vitest), production build, end-to-end tests in Chromium (Playwright) — then one summary line
// `N passed, N failed`. Exits non-zero on any failure or when no test ran.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium, ensureDependencies, ensureNginx, run } from './lib.mjs';

const started = Date.now();
const steps = [];
let passed = 0;
let failed = 0;

function step(name, fn) {
  const t = Date.now();
  let ok = false;
  try {
    ok = fn();
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : error}`);
  }
  steps.push({ name, ok, seconds: (Date.now() - t) / 1000 });
  return ok;
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

step('install', () => (ensureDependencies(), true));
step('typecheck', () => run('npx', ['tsc', '--noEmit', '-p', '.']) === 0);
step('lint', () => run('npx', ['eslint', '.', '--max-warnings', '0']) === 0);

rmSync('test-results/vitest.json', { force: true });
step('unit + component (vitest)', () => {
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
  const report = readJson('test-results/vitest.json');
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  // A run that failed without a failing test (a crash, a suite that didn't load) still counts as a failure.
  if (code !== 0 && !report?.numFailedTests) failed += 1;
  return code === 0;
});

step('chromium', () => (ensureChromium(), true));
/** A Playwright run as one step; its tests count in the summary (a retried pass counts as passed). */
function playwrightStep(name, args, report) {
  rmSync(report, { force: true });
  step(name, () => {
    const code = run('npx', ['playwright', 'test', ...args], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report } });
    const stats = readJson(report)?.stats;
    if (stats) {
      passed += stats.expected + (stats.flaky ?? 0);
      failed += stats.unexpected;
    }
    if (code !== 0 && !stats?.unexpected) failed += 1;
    return code === 0;
  });
}
playwrightStep('end-to-end (playwright)', [], 'test-results/playwright.json');
step('nginx', () => (ensureNginx(), true));
playwrightStep('production path (nginx, tenant login, local HTTP tenant)', ['-c', 'playwright.production.config.ts'], 'test-results/production.json');
step('bundle size', () => run('node', ['scripts/size.mjs']) === 0);
step('tenant build leaves the sandbox out', () => run('node', ['scripts/check-tenant-build.mjs']) === 0);

console.log('\nSummary');
for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`);
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
console.log(`${passed} passed, ${failed} failed`);
const ok = steps.every((s) => s.ok) && failed === 0 && passed > 0;
if (passed === 0) console.error('No test ran.');
process.exit(ok ? 0 : 1);
