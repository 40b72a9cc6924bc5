import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * Opens Attest at a path and waits until the sandbox has signed in and the shell is there. The default is
 * the certifications list on a sandbox without simulated latency (remembered for the tab); a journey about
 * latency sets its own with `attestSandbox.setLatency`.
 */
export async function openApp(page: Page, path = '/certifications?sandboxLatency=0') {
  await test.step(`open ${path}`, async () => {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 });
  }, { box: true });
}

/**
 * axe on the current page: no serious or critical violations. A status that changes while axe reads the
 * page (a campaign finishing generation) starts a colour transition: colours jump to their final values
 * for the check, so axe sees what the reviewer will.
 */
export async function expectAccessible(page: Page, what: string) {
  // A step of its own, so reports show what each check costs.
  await test.step(`axe on ${what}`, () => checkAccessible(page, what), { box: true });
}

async function checkAccessible(page: Page, what: string) {
  const calm = await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
  let results;
  try {
    // Legacy mode runs axe.run() in the page itself. The default (runPartial per frame, then finishRun in a
    // new blank page) gives the same violations for Attest's pages, which have no frames, but opening that
    // page and shipping every partial result through it cost ~8× the check itself (35 s against 4 s on a
    // loaded 2-core machine). Only violations are read, so only violations are gathered.
    results = await new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] }).analyze();
  } finally {
    await calm.evaluate((style) => (style as Element).remove()).catch(() => undefined);
  }
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).slice(0, 3).join('; ')}`),
    `axe on ${what}`,
  ).toEqual([]);
}

/**
 * Goes to a path inside the running app, as its own links do (history entry, router notified), so the page
 * is not loaded again: no second sandbox boot, same session and tenant. For journeys that found an id through
 * the API and only need to be on that page; a journey about opening an address uses page.goto.
 */
export async function gotoInApp(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
}

/** Acts as another sandbox persona through the persona switcher. */
export async function switchPersona(page: Page, label: RegExp) {
  await page.getByRole('button', { name: /Acting as:/ }).click();
  await page.getByRole('menuitem', { name: label }).click();
  await expect(page.getByRole('button', { name: /Acting as:/ })).toContainText(label);
}

// ---- Certification workspace helpers (workspace.spec.ts, keyboard.spec.ts) ---------------------------------

/** Opens one of the signed-in reviewer's active certifications from the list, by its name, on a fast sandbox. */
export async function openCertification(page: Page, name: RegExp) {
  await openApp(page, '/certifications?sandboxLatency=0');
  await page.getByRole('grid', { name: 'Active certifications' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Access review items' })).toBeVisible();
  await expect(page.getByText(/^Showing [\d,]+ of [\d,]+ items$/)).toBeVisible();
}

/** The header's "X of Y decisions", as the reviewer reads it. */
export function headerDecisions(page: Page) {
  return header(page).getByRole('progressbar', { name: /^[\d,]+ of [\d,]+ decisions$/ });
}

/** The certification's facts under its title (the `dl` of WorkspaceHeader). */
function header(page: Page) {
  return page.getByRole('main').locator('dl').first();
}

/** The header's decision count now: { made, total }. */
export async function readHeaderDecisions(page: Page): Promise<{ made: number; total: number }> {
  const name = (await headerDecisions(page).getAttribute('aria-label')) ?? (await headerDecisions(page).textContent()) ?? '';
  const match = /^([\d,]+) of ([\d,]+) decisions$/.exec(name.trim());
  if (!match) throw new Error(`Unexpected decision count: "${name}"`);
  return { made: Number(match[1]!.replace(/,/g, '')), total: Number(match[2]!.replace(/,/g, '')) };
}

/** Waits until the header says exactly `made` of `total` decisions. */
export async function expectHeaderDecisions(page: Page, made: number, total: number) {
  await expect(header(page).getByRole('progressbar', { name: `${made.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} decisions` })).toBeVisible({ timeout: 20_000 });
}

/** The certification as the tenant has it, read through the API with the signed-in session's token. */
export async function fetchCertification(page: Page, id: string): Promise<{ id: string; name: string; phase: string; decisionsMade: number; decisionsTotal: number }> {
  return page.evaluate(async (certificationId) => {
    const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
    const response = await fetch(`/v3/certifications/${certificationId}`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
    if (!response.ok) throw new Error(`GET certification answered ${response.status}`);
    return response.json();
  }, id);
}

/** The certification id of the workspace on screen (from the address). */
export function certificationIdOf(page: Page): string {
  const match = /\/certifications\/([0-9a-f]{32})/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`Not on a certification: ${page.url()}`);
  return match[1]!;
}

/**
 * axe once the page has come to rest: colour transitions (a button turning from disabled to enabled, a
 * dialog fading in) make axe measure colours halfway and report contrast that the reviewer never sees.
 */
export async function expectAccessibleAtRest(page: Page, what: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
  await expectAccessible(page, what);
}
