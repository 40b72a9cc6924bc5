// Prints the gzipped size of the JavaScript the first page loads (the entry and its static imports,
// as index.html references them), and of the whole build. Run after a build (`npm run build`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('index.html', dist))) {
  console.error('No build in dist/: run `npm run build` first.');
  process.exit(1);
}
const html = readFileSync(new URL('index.html', dist), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
const gz = (file) => gzipSync(readFileSync(new URL(file, dist))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const all = readdirSync(new URL('assets/', dist)).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
let first = 0;
for (const file of initial) first += gz(file);
const total = all.reduce((sum, f) => sum + gz(f), 0);
console.log(`First page JavaScript (entry + preloaded chunks, gzipped): ${kb(first)} in ${initial.size} files`);
for (const file of [...initial].sort()) console.log(`  ${file}: ${kb(gz(file))}`);
console.log(`All JavaScript (gzipped): ${kb(total)} in ${all.length} files`);
