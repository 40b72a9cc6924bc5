// Shared set-up steps of `npm start` and `npm test`: everything a fresh machine needs, nothing more.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const root = new URL('..', import.meta.url).pathname;

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status ?? 1;
}

/** Installs dependencies with `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const lock = readFileSync(new URL('../package-lock.json', import.meta.url));
  const hash = createHash('sha256').update(lock).digest('hex');
  const marker = new URL('../node_modules/.attest-lock-hash', import.meta.url);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  console.log('Installing dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } }) !== 0) {
    throw new Error('npm ci failed');
  }
  writeFileSync(marker, hash);
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** Installs a Debian package with apt when the program it brings is missing (needs root or sudo). */
function ensureDebianPackage(program, pkg, why) {
  if (existsSync(program)) return;
  console.log(`Installing Debian’s ${pkg} ${why}…`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt('update', '-qq') !== 0 || apt('install', '-y', '-qq', pkg) !== 0 || !existsSync(program)) {
    throw new Error(`${program} is missing and could not be installed; install Debian's ${pkg} package.`);
  }
}

/** End-to-end tests drive Debian's Chromium. */
export const ensureChromium = () => ensureDebianPackage(CHROMIUM, 'chromium', 'for the end-to-end tests');
/** The production-path test runs Debian's nginx with deploy/'s configuration. */
export const ensureNginx = () => ensureDebianPackage(NGINX, 'nginx', 'to serve Attest as it is deployed (the production-path test, the bench)');
