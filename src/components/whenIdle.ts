/**
 * Runs `work` once the page is idle (at the latest after 2 s), or after 200 ms where the browser has no
 * requestIdleCallback (Safari). Answers a cancel.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 200);
  return () => clearTimeout(timer);
}
