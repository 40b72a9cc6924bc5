// Prints the gzipped JavaScript the first page (My certifications) loads, from the build's manifest:
// the entry with its static imports, plus the route chunk of /certifications and its imports, plus (on
// the sandbox) the sandbox chunk. Run after a build (`npm run build`).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const manifestUrl = new URL('.vite/manifest.json', dist);
if (!existsSync(manifestUrl)) {
  console.error('No build manifest in dist/: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestUrl, 'utf8'));
const gz = (file) => gzipSync(readFileSync(new URL(file, dist))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The chunk of a source file and everything it imports statically. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entry = closure(entryKey);
const route = closure('src/features/certifications/pages/CertificationsPage.tsx');
const sandbox = closure('src/sandbox/browser.ts');
const sum = (files) => [...files].reduce((total, f) => total + gz(f), 0);
const routeOnly = new Set([...route].filter((f) => !entry.has(f)));
const sandboxOnly = new Set([...sandbox].filter((f) => !entry.has(f) && !route.has(f)));
const allJs = new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js')));

console.log('JavaScript of the first page, gzipped:');
console.log(`  app shell (entry + static imports): ${kb(sum(entry))}`);
console.log(`  My certifications route:            ${kb(sum(routeOnly))}`);
const realTenant = sum(entry) + sum(routeOnly);
const TARGET_KB = 150;
console.log(`  first page on a real tenant:        ${kb(realTenant)}   (target ≤ ${TARGET_KB} KB${realTenant <= TARGET_KB * 1024 ? ', ok' : `, MISS by ${kb(realTenant - TARGET_KB * 1024)}`})`);
if (sandbox.size) console.log(`  + the sandbox (sandbox builds only): ${kb(sum(sandboxOnly))}  → ${kb(sum(entry) + sum(routeOnly) + sum(sandboxOnly))} in all`);
console.log(`All JavaScript in the build, gzipped: ${kb(sum(allJs))} in ${allJs.size} files`);
