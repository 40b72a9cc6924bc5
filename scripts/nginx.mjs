// Attest as it is deployed: a built app served by Debian's nginx with deploy/'s server block, rendered as the
// README renders it with envsubst, proxying /v3 and /oauth to a tenant. Used by the production-path test
// (scripts/nginx-production.mjs) and by the bench. With `tls`, the server block listens with TLS and HTTP/2
// on a certificate made for 127.0.0.1, as a production deployment serves it behind its certificate.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX, ensureNginx, root } from './lib.mjs';

/**
 * Starts nginx in the foreground over `dist`; resolves once it answers. `stop()` ends it and removes its
 * files. `stdio` is nginx's (its warnings and errors go to stderr).
 */
export async function startNginx({ dist, tenant, port, tls = false, stdio = 'inherit' }) {
  ensureNginx();
  const work = mkdtempSync(join(tmpdir(), 'attest-nginx-'));
  // nginx's workers run as an unprivileged user: they must read the app and write their temp files.
  chmodSync(work, 0o755);
  const conf = join(work, 'attest');
  mkdirSync(conf);
  const vars = { SAILPOINT_API_URL: tenant, ATTEST_ROOT: dist, ATTEST_LISTEN: `127.0.0.1:${port}`, ATTEST_CONF_DIR: conf };
  let server = readFileSync(join(root, 'deploy/attest.conf.template'), 'utf8').replace(/\$\{(\w+)\}/g, (m, name) => vars[name] ?? m);
  if (tls) {
    const cert = join(work, 'cert.pem');
    const key = join(work, 'key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    if (made.status !== 0) throw new Error('openssl could not make a certificate for 127.0.0.1');
    chmodSync(key, 0o644);
    server = server.replace(`listen 127.0.0.1:${port};`, `listen 127.0.0.1:${port} ssl http2;\n    ssl_certificate ${cert};\n    ssl_certificate_key ${key};`);
    if (!server.includes(' ssl http2;')) throw new Error('deploy/attest.conf.template has no `listen ${ATTEST_LISTEN};` line to serve with TLS');
  }
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
  const child = spawn(NGINX, ['-p', work, '-c', join(work, 'nginx.conf'), '-g', 'daemon off;'], { stdio });
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  child.once('exit', cleanup);
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const listening = () => new Promise((resolve) => connect(Number(port), '127.0.0.1').once('connect', function () { this.destroy(); resolve(true); }).once('error', () => resolve(false)));
  for (let i = 0; !(await listening()); i++) {
    if (child.exitCode !== null || i > 100) throw new Error(`nginx did not start on ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGQUIT');
    });
  return { url, child, stop };
}
