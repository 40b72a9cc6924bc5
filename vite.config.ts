import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { defineConfig, loadEnv, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/** The security headers, read from the one list nginx also includes (deploy/security-headers.conf). */
export function securityHeaders(): Record<string, string> {
  const text = readFileSync(new URL('./deploy/security-headers.conf', import.meta.url), 'utf8');
  const headers: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(/^add_header\s+([\w-]+)\s+"([^"]*)"\s+always;$/gm)) headers[name!] = value!;
  return headers;
}

/** A tenant build ships no sandbox file: MSW's worker is copied from public/ with everything else, so remove it. */
function withoutSandboxWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'attest:without-sandbox-worker',
    apply: 'build',
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    closeBundle: () => rmSync(join(outDir, 'mockServiceWorker.js'), { force: true }),
  };
}

/**
 * The preview server caches like production (deploy/attest.conf.template): the hashed files in /assets/ for a
 * year, immutable; the app's other files (index.html and the single-page fallback) revalidated on every load.
 * Without it, preview sends no Cache-Control and the browser revalidates every chunk on every page load (a
 * 304 round trip each), which production never does.
 */
function productionCaching(): Plugin {
  return {
    name: 'attest:production-caching',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        if (path.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else if (path.startsWith('/oauth/')) res.setHeader('Cache-Control', 'no-store');
        else if (!path.startsWith('/v3/')) res.setHeader('Cache-Control', 'no-cache');
        next();
      });
    },
  };
}

/**
 * React Router's two entry points (`react-router`, `react-router/dom`) from one of its builds. Both must come
 * from the same build, or the router and its provider would not share their contexts: in Node (the tests),
 * `react-router` resolved to the CommonJS files and `react-router/dom`, whose RouterProvider carries flushSync,
 * to the ES modules. The package maps every import condition to its development build, whose only difference
 * is its dev warnings (ENABLE_DEV_WARNINGS); a production build takes the production files (about 0.6 KB gz
 * less on every page). No alias when the files are not where this version keeps them.
 */
export function reactRouterBuild(build: 'production' | 'development'): { find: RegExp; replacement: string }[] {
  const dist = (file: string) => fileURLToPath(new URL(`./node_modules/react-router/dist/${build}/${file}`, import.meta.url));
  if (!existsSync(dist('index.mjs')) || !existsSync(dist('dom-export.mjs'))) return [];
  return [
    { find: /^react-router$/, replacement: dist('index.mjs') },
    { find: /^react-router\/dom$/, replacement: dist('dom-export.mjs') },
  ];
}

/**
 * With SAILPOINT_API_URL set (e.g. https://acme.api.identitynow.com), Attest talks to that tenant through
 * this server's same-origin proxy for `/v3` and `/oauth` (ISC sends no CORS headers), and the build leaves
 * the sandbox out. Without it, Attest runs on its embedded sandbox. `http://127.0.0.1:<port>` (or localhost) is
 * the local HTTP tenant, `npm run tenant`: the same sandbox served from Node.
 */
export default defineConfig(({ command, mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env };
  const tenantUrl = env.SAILPOINT_API_URL?.trim().replace(/\/+$/, '') || '';
  // Plain http only to this machine: the local HTTP tenant (`npm run tenant`).
  if (tenantUrl && !/^https:\/\/[^/]+$/.test(tenantUrl) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/.test(tenantUrl)) {
    throw new Error(
      `SAILPOINT_API_URL must be an https origin such as https://acme.api.identitynow.com (or the local tenant, http://127.0.0.1:<port>); got "${tenantUrl}"`,
    );
  }
  const proxyTarget: ProxyOptions = { target: tenantUrl, changeOrigin: true, secure: true };
  const proxy = tenantUrl ? { '/v3': proxyTarget, '/oauth': proxyTarget } : undefined;
  return {
    plugins: [react(), productionCaching(), ...(tenantUrl ? [withoutSandboxWorker()] : [])],
    define: {
      __SANDBOX__: JSON.stringify(!tenantUrl),
      __TENANT_URL__: JSON.stringify(tenantUrl),
      __OAUTH_CLIENT_ID__: JSON.stringify(tenantUrl ? env.SAILPOINT_CLIENT_ID?.trim() ?? '' : ''),
    },
    resolve: { alias: command === 'build' && mode === 'production' ? reactRouterBuild('production') : [] },
    server: { host: '127.0.0.1', port: 5173, strictPort: false, proxy },
    // The production headers in preview too, so the end-to-end journeys run under the real policy.
    preview: { host: '127.0.0.1', port: 4173, strictPort: false, proxy, headers: securityHeaders() },
    build: {
      target: 'es2022',
      // Source maps are not published with the app.
      sourcemap: false,
      manifest: true,
      rolldownOptions: {
        output: {
          codeSplitting: {
            // Only React and the router (every page needs all of them). No MUI/x-* group: a group holds every module
            // it matches that any page uses, so the reviewer's first page would load admin-only components.
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            ],
          },
        },
      },
    },
  };
});
