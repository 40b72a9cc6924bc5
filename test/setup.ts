import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The first render of a file loads its route chunks (MUI, DataGrid) on a 2-core machine: give findBy* time.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
