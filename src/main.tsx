import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectClientToSession } from './api/session';
import { App } from './app/App';
import type { SandboxControls } from './sandbox/browser';

connectClientToSession();
// Sessions from the tenant's login refresh themselves; the OAuth code loads only in tenant builds, after the page.
if (!__SANDBOX__) void import('./api/oauth').then(({ keepSessionFresh }) => keepSessionFresh());

async function boot() {
  const container = document.getElementById('root')!;
  let sandbox: SandboxControls | null = null;
  if (__SANDBOX__) {
    // A dynamic import behind a build-time constant: builds for a real tenant don't contain the sandbox.
    const { startSandbox } = await import('./sandbox/browser');
    sandbox = await startSandbox();
  }
  createRoot(container).render(
    <StrictMode>
      <App sandbox={sandbox} />
    </StrictMode>,
  );
}

boot().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('root')!;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.style.cssText = 'font: 16px system-ui; margin: 2rem; color: #b00020';
  message.textContent = `Attest could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page; if it persists, clear this site's data.`;
  root.replaceChildren(message);
});
