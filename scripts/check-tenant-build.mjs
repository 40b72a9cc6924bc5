// Builds Attest for a real tenant and checks that the sandbox is not in it: the sandbox is loaded by a
// dynamic import behind a build-time constant, so a tenant build must contain none of its code, nor MSW's
// worker file; and no source maps are published.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './lib.mjs';

// ATTEST_TENANT_BUILD: a tenant build made already (`npm test` passes the production path's), checked as it is.
const given = process.env.ATTEST_TENANT_BUILD && existsSync(join(process.env.ATTEST_TENANT_BUILD, 'index.html')) ? process.env.ATTEST_TENANT_BUILD : null;
const out = given ?? mkdtempSync(join(tmpdir(), 'attest-tenant-'));
try {
  if (!given) {
    const code = run('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, SAILPOINT_API_URL: 'https://example-tenant.api.identitynow.com' },
    });
    if (code !== 0) process.exit(code);
  }
  const assets = join(out, 'assets');
  const leaking = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .filter((f) => /attest-sandbox|SandboxTenant|Rate Limit Exceeded/.test(readFileSync(join(assets, f), 'utf8')));
  if (leaking.length) {
    console.error(`The tenant build contains sandbox code: ${leaking.join(', ')}`);
    process.exit(1);
  }
  if (existsSync(join(out, 'mockServiceWorker.js'))) {
    console.error('The tenant build ships the sandbox\'s mockServiceWorker.js.');
    process.exit(1);
  }
  const maps = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.map'));
  if (maps.length) {
    console.error(`The tenant build publishes source maps: ${maps.join(', ')}`);
    process.exit(1);
  }
  console.log('Tenant build: no sandbox code, no sandbox worker, no source maps shipped.');
} finally {
  if (!given) rmSync(out, { recursive: true, force: true });
}
