import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The first render of a file loads its route chunks (MUI, DataGrid) on a 2-core machine: give findBy* time.
configure({ asyncUtilTimeout: 10_000 });

// Sandbox tests run in Node's environment (no DOM to build per file); the session still keeps its token in
// sessionStorage there, so they get an in-memory one.
if (typeof globalThis.sessionStorage === 'undefined') {
  const values = new Map<string, string>();
  const storage: Storage = {
    get length() {
      return values.size;
    },
    key: (index) => [...values.keys()][index] ?? null,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
    clear: () => values.clear(),
  };
  Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true });
}

afterEach(() => {
  cleanup();
});
