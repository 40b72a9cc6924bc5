import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, SandboxError } from './errors';
import { filePersistence } from './persistenceFile';
import { memoryPersistence, type Persistence } from './persistence';
import { PERSONAS } from './seed';
import { ISC_RATE_LIMIT, SANDBOX_CLIENT_SECRET, SandboxTenant } from './tenant';

/**
 * The sandbox as a local HTTP tenant (Node): the same `SandboxTenant` the browser runs through MSW, served
 * over HTTP on a loopback address, so Attest reaches it through its same-origin proxy exactly like a real
 * tenant (`SAILPOINT_API_URL=http://127.0.0.1:<port>`), and every browser signed in to it shares one tenant.
 * Besides `/v3` and `/oauth/token`, `/__tenant/*` answers the controls (stats, reset) for scripts such as
 * the bench; Attest's proxy never forwards them.
 */

export interface TenantServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback only by default: the tenant trusts any token it minted and speaks plain HTTP. */
  host?: string;
  /** Fixed simulated round trip per request, in ms (0: none). */
  latencyMs?: number;
  /** Where changes are kept (NDJSON); none: memory only. */
  stateFile?: string | null;
  /** Start from the seed, forgetting the state file's changes. */
  reset?: boolean;
  /** ISC's rate limit (100 requests per 10 s per client); on unless false. */
  rateLimit?: boolean;
  /** Data size multiplier (the largest certification has 10,000 × scale items). */
  scale?: number;
}

export interface TenantServer {
  url: string;
  port: number;
  tenant: SandboxTenant;
  close(): Promise<void>;
}

/** The client credentials each persona signs in with (a personal access token on the sign-in page). */
export function personaCredentials() {
  return PERSONAS.map((p) => ({ key: p.key, label: p.label, clientId: `sandbox-${p.key}`, clientSecret: SANDBOX_CLIENT_SECRET }));
}

export const CONTROL_PREFIX = '/__tenant';

/** Starts the local HTTP tenant; resolves once it listens. */
export async function startTenantServer(options: TenantServerOptions): Promise<TenantServer> {
  const persistence: Persistence = options.stateFile ? filePersistence(options.stateFile) : memoryPersistence();
  const latency = Math.max(0, options.latencyMs ?? 0);
  const tenant = await SandboxTenant.create({
    persistence,
    latency: { minMs: latency, maxMs: latency },
    rateLimit: options.rateLimit === false ? null : ISC_RATE_LIMIT,
    scale: options.scale,
  });
  if (options.reset) await tenant.reset();

  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    serve(tenant, req, res, host).catch((error: unknown) => {
      console.error('[tenant]', error);
      if (!res.headersSent) send(res, 500, errorBody(new SandboxError(500, `The local tenant failed: ${error instanceof Error ? error.message : String(error)}`)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    tenant,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Headers that belong to the connection, not the request. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'proxy-connection']);

async function serve(tenant: SandboxTenant, req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  // The address the client used (port included), so links the tenant hands out (its login page) lead back to it.
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
  if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return control(tenant, req, res, url);

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
  const response = await tenant.handle(new Request(url, { method, headers, body }));
  // A dropped connection (an injected 'drop' or 'lost-reply' fault): the client sees the socket close.
  if (response.type === 'error') {
    req.socket.destroy();
    return;
  }
  const payload = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  res.writeHead(response.status, { ...out, 'Content-Length': String(payload.length) });
  res.end(method === 'HEAD' ? undefined : payload);
}

/** `/__tenant/stats` (GET): requests, 429s, calls per operation; `/__tenant/reset` (POST): back to the seed. */
async function control(tenant: SandboxTenant, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const action = url.pathname.slice(CONTROL_PREFIX.length);
  if (action === '/stats' && req.method === 'GET') return send(res, 200, tenant.stats);
  if (action === '/reset' && req.method === 'POST') {
    await tenant.reset();
    return send(res, 200, { reset: true });
  }
  if ((action === '' || action === '/') && req.method === 'GET') return send(res, 200, { personas: personaCredentials() });
  send(res, 404, { error: `No control ${req.method} ${url.pathname}: GET ${CONTROL_PREFIX}/stats, POST ${CONTROL_PREFIX}/reset.` });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
