import { http } from 'msw';
import { setupServer } from 'msw/node';
import { memoryPersistence } from './persistence';
import { SandboxTenant, type TenantOptions } from './tenant';

/** The sandbox in Node (unit and component tests): MSW's request interception over an in-memory tenant. */
export async function startNodeSandbox(options: Partial<TenantOptions> = {}) {
  const tenant = await SandboxTenant.create({ persistence: memoryPersistence(), rateLimit: null, ...options });
  const server = setupServer(http.all('*', ({ request }) => tenant.handle(request)));
  server.listen({ onUnhandledRequest: 'error' });
  return { tenant, server, close: () => server.close() };
}
