import { createContext, useContext } from 'react';
import type { SandboxControls } from '../sandbox/browser';

/** The sandbox's controls when Attest runs on it; null on a real tenant. */
export const SandboxContext = createContext<SandboxControls | null>(null);

export function useSandboxControls(): SandboxControls | null {
  return useContext(SandboxContext);
}
