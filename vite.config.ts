import { defineConfig, loadEnv, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * With SAILPOINT_API_URL set (e.g. https://acme.api.identitynow.com), Attest talks to that tenant through
 * this server's same-origin proxy for `/v3` and `/oauth` (ISC sends no CORS headers), and the build leaves
 * the sandbox out. Without it, Attest runs on its embedded sandbox. `http://127.0.0.1:<port>` (or localhost) is
 * the local HTTP tenant, `npm run tenant`: the same sandbox served from Node.
 */
export default defineConfig(({ mode }) => {
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
    plugins: [react()],
    define: {
      __SANDBOX__: JSON.stringify(!tenantUrl),
      __TENANT_URL__: JSON.stringify(tenantUrl),
    },
    server: { host: '127.0.0.1', port: 5173, strictPort: false, proxy },
    preview: { host: '127.0.0.1', port: 4173, strictPort: false, proxy },
    build: {
      target: 'es2022',
      sourcemap: true,
      manifest: true,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
              { name: 'mui', test: /node_modules[\\/](@mui[\\/](material|system|utils|styled-engine|private-theming|core-downloads-tracker)|@emotion|@popperjs|react-transition-group)[\\/]/ },
              // Not the charts: they are admin-only (the campaign page) and stay in its lazy chunk, off the reviewer's first page.
              { name: 'datagrid', test: /node_modules[\\/]@mui[\\/]x-(?!charts)/ },
            ],
          },
        },
      },
    },
  };
});
