// `npm test`: every check and test on a fresh machine — install, typecheck, lint, unit and component
// tests (Vitest), production build, end-to-end tests in Chromium (Playwright) — then one summary line
// `N passed, N failed`. Exits non-zero on any failure or when no test ran.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensureNginx, root, run } from './lib.mjs';

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

/** A command in the background, its output kept until it ends: answers its exit code, output and seconds. */
function runQuietly(command, args) {
  const t = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n`, seconds: (Date.now() - t) / 1000 }));
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - t) / 1000 }));
  });
}

step('install', () => (ensureDependencies(), true));
// tsc and eslint each keep one core busy: side by side they take the time of the longer one.
const checks = await Promise.all([
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
].map(async ([name, command, args]) => ({ name, ...(await runQuietly(command, args)) })));
for (const check of checks) {
  process.stdout.write(check.output);
  steps.push({ name: `${check.name} (beside ${checks.find((c) => c !== check).name})`, ok: check.code === 0, seconds: check.seconds });
}

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
// The production path's tenant build is kept for the sandbox check below, which then builds nothing itself.
const tenantBuild = join(mkdtempSync(join(tmpdir(), 'attest-tenant-build-')), 'dist');
process.env.ATTEST_KEEP_TENANT_BUILD = tenantBuild;
playwrightStep('production path (nginx, tenant login, local HTTP tenant)', ['-c', 'playwright.production.config.ts'], 'test-results/production.json');
delete process.env.ATTEST_KEEP_TENANT_BUILD;
step('bundle size', () => run('node', ['scripts/size.mjs']) === 0);
step('tenant build leaves the sandbox out', () => run('node', ['scripts/check-tenant-build.mjs'], { env: { ...process.env, ATTEST_TENANT_BUILD: tenantBuild } }) === 0);
rmSync(join(tenantBuild, '..'), { recursive: true, force: true });

console.log('\nSummary');
for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`);
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
console.log(`${passed} passed, ${failed} failed`);
const ok = steps.every((s) => s.ok) && failed === 0 && passed > 0;
if (passed === 0) console.error('No test ran.');
process.exit(ok ? 0 : 1);
