// Runs Attest as it is deployed: a tenant build (no sandbox) served by Debian's nginx with deploy/'s
// configuration, proxying /v3 and /oauth to the tenant at SAILPOINT_API_URL. Used by the production-path
// end-to-end test; stays in the foreground until stopped.
//
//   SAILPOINT_API_URL=http://127.0.0.1:4310 SAILPOINT_CLIENT_ID=attest-pkce PORT=4320 node scripts/nginx-production.mjs
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX, ensureNginx, root, run } from './lib.mjs';

const tenant = process.env.SAILPOINT_API_URL;
const port = process.env.PORT ?? '4320';
if (!tenant) throw new Error('Set SAILPOINT_API_URL to the tenant nginx proxies to.');
ensureNginx();

const work = mkdtempSync(join(tmpdir(), 'attest-nginx-'));
// nginx's workers run as an unprivileged user: they must read the app and write their temp files.
chmodSync(work, 0o755);
const dist = join(work, 'dist');
const conf = join(work, 'attest');
mkdirSync(conf);
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

// The server block exactly as the README renders it with envsubst.
const vars = { SAILPOINT_API_URL: tenant, ATTEST_ROOT: dist, ATTEST_LISTEN: `127.0.0.1:${port}`, ATTEST_CONF_DIR: conf };
const server = readFileSync(join(root, 'deploy/attest.conf.template'), 'utf8').replace(/\$\{(\w+)\}/g, (m, name) => vars[name] ?? m);
copyFileSync(join(root, 'deploy/security-headers.conf'), join(conf, 'security-headers.conf'));
writeFileSync(join(conf, 'attest.conf'), server);
for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(work, `tmp-${dir}`), { mode: 0o777 });
// A minimal main configuration around it, as Debian's /etc/nginx/nginx.conf would be.
writeFileSync(
  join(work, 'nginx.conf'),
  `worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  client_body_temp_path ${join(work, 'tmp-client_body')};
  proxy_temp_path ${join(work, 'tmp-proxy')};
  fastcgi_temp_path ${join(work, 'tmp-fastcgi')};
  uwsgi_temp_path ${join(work, 'tmp-uwsgi')};
  scgi_temp_path ${join(work, 'tmp-scgi')};
  include ${join(conf, 'attest.conf')};
}
`,
);

const nginx = spawn(NGINX, ['-p', work, '-c', join(work, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
console.log(`Attest (tenant build) on http://127.0.0.1:${port}/ through nginx, proxying to ${tenant}`);
const stop = () => nginx.kill('SIGQUIT');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
nginx.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 0);
});
