// `npm run tenant`: the sandbox as a local HTTP tenant, for Attest built for a real tenant
// (`SAILPOINT_API_URL=http://127.0.0.1:<port> npm start`), for the bench, and for several browsers sharing
// one tenant. Flags (or environment): --port (TENANT_PORT, default 4010), --latency ms (TENANT_LATENCY_MS,
// default 0), --state file (TENANT_STATE, default .tenant/state.ndjson), --reset, --no-rate-limit, --scale n.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { personaCredentials, startTenantServer } from '../src/sandbox/server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.TENANT_PORT ?? '4010' },
    latency: { type: 'string', default: process.env.TENANT_LATENCY_MS ?? '0' },
    state: { type: 'string', default: process.env.TENANT_STATE ?? '.tenant/state.ndjson' },
    reset: { type: 'boolean', default: process.env.TENANT_RESET === '1' },
    'no-rate-limit': { type: 'boolean', default: false },
    scale: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`npm run tenant -- [--port 4010] [--latency 0] [--state .tenant/state.ndjson] [--reset] [--no-rate-limit] [--scale 1]`);
  process.exit(0);
}

function number(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}; got "${text}".`);
    process.exit(2);
  }
  return value;
}

const latencyMs = number('latency', values.latency, 0);
const stateFile = resolve(values.state);
const server = await startTenantServer({
  port: number('port', values.port, 0),
  latencyMs,
  stateFile,
  reset: values.reset,
  rateLimit: !values['no-rate-limit'],
  scale: values.scale === undefined ? undefined : number('scale', values.scale, 1),
}).catch((error: unknown) => {
  console.error(`The local tenant could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const credentials = personaCredentials();
const width = Math.max(...credentials.map((c) => c.label.length));
console.log(`
  Attest's local HTTP tenant is listening on ${server.url}
  state ${stateFile}${values.reset ? ' (reset to the seed)' : ''}
  simulated round trip ${latencyMs} ms; ISC's rate limit ${values['no-rate-limit'] ? 'off' : 'on (100 requests per 10 s per client)'}

  Start Attest against it:   SAILPOINT_API_URL=${server.url} npm start
  and sign in with a personal access token:
${credentials.map((c) => `    ${c.label.padEnd(width)}   client ID ${c.clientId.padEnd(22)} client secret ${c.clientSecret}`).join('\n')}

  Stop with Ctrl+C.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
