// Node resolve hook for running the sandbox in Node (`npm run tenant`). Vite and Vitest load a package's
// "module" (ES module) entry; Node loads its CommonJS "main", whose named exports it cannot always see
// (fast-json-patch). Such packages resolve to their ES module build here, as in the bundler.
const ESM_ENTRIES = { 'fast-json-patch': 'fast-json-patch/index.mjs' };

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(ESM_ENTRIES[specifier] ?? specifier, context);
}
