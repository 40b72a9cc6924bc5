// `npm start`: installs what is missing, then serves Attest on its embedded sandbox (or on the tenant
// named by SAILPOINT_API_URL) and prints the address to open.
import { spawn } from 'node:child_process';
import { ensureDependencies, root } from './lib.mjs';

ensureDependencies();
const port = process.env.PORT ?? '5173';
const tenant = process.env.SAILPOINT_API_URL;
const server = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', port, '--strictPort', '--clearScreen', 'false'], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
});
let announced = false;
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Local:/.test(String(chunk))) {
    announced = true;
    console.log(`\n  Attest is running ${tenant ? `against ${tenant}` : 'on its sandbox (simulated tenant)'}.`);
    console.log(`  Open http://127.0.0.1:${port}/ in your browser. Stop with Ctrl+C.\n`);
  }
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
