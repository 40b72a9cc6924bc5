// Runs Attest as it is deployed: a tenant build (no sandbox) served by Debian's nginx with deploy/'s
// configuration, proxying /v3 and /oauth to the tenant at SAILPOINT_API_URL. Used by the production-path
// end-to-end test; stays in the foreground until stopped.
//
//   SAILPOINT_API_URL=http://127.0.0.1:4310 SAILPOINT_CLIENT_ID=attest-pkce PORT=4320 node scripts/nginx-production.mjs
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './lib.mjs';
import { startNginx } from './nginx.mjs';

const tenant = process.env.SAILPOINT_API_URL;
const port = process.env.PORT ?? '4320';
if (!tenant) throw new Error('Set SAILPOINT_API_URL to the tenant nginx proxies to.');

const work = mkdtempSync(join(tmpdir(), 'attest-production-'));
// nginx's workers run as an unprivileged user: they must read the app.
chmodSync(work, 0o755);
const dist = join(work, 'dist');
const cleanup = () => rmSync(work, { recursive: true, force: true });

const built = run('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
  env: { ...process.env, SAILPOINT_API_URL: tenant, SAILPOINT_CLIENT_ID: process.env.SAILPOINT_CLIENT_ID ?? '' },
});
if (built !== 0) {
  cleanup();
  process.exit(built);
}
// `npm test` checks this same tenant build for sandbox code afterwards instead of building another one.
if (process.env.ATTEST_KEEP_TENANT_BUILD) cpSync(dist, process.env.ATTEST_KEEP_TENANT_BUILD, { recursive: true });

const nginx = await startNginx({ dist, tenant, port });
console.log(`Attest (tenant build) on ${nginx.url}/ through nginx, proxying to ${tenant}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void nginx.stop());
nginx.child.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 0);
});
