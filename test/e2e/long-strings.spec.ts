import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleAtRest } from './fixtures';


/** The certifications list on a fast sandbox; the sandbox's first start gets room on a loaded machine. */
async function openList(page: Page) {
  await page.goto('/certifications?sandboxLatency=0');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 90_000 });
}

/**
 * Hostile tenant strings: every name the tenant sends becomes a right-to-left override followed by 600
 * unbroken characters, and some identities have no name at all. No page of the workspace grows wider than
 * the window, at 1440 × 900 or at 390 × 844; the widest page measured is reported.
 */

const LONG = 'W'.repeat(600);

/**
 * Rewrites the tenant's JSON answers in the page, before Attest reads them: each `name` gets an RTL override
 * and a 600-character run, and identities whose id starts with 0–3 lose their name.
 */
async function hostileTenant(page: Page) {
  await page.addInitScript((long: string) => {
    const original = window.fetch.bind(window);
    const rewrite = (value: unknown, parentKey = ''): unknown => {
      if (Array.isArray(value)) return value.map((v) => rewrite(v, parentKey));
      if (!value || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = rewrite(v, key);
      if (typeof out.name === 'string') {
        const id = typeof out.id === 'string' ? out.id : '';
        out.name = parentKey === 'identitySummary' && /^[0-3]/.test(id) ? '' : `\u202E${out.name}${long}`;
      }
      if (typeof out.description === 'string') out.description = `${out.description}${long}`;
      return out;
    };
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await original(...args);
      const url = typeof args[0] === 'string' ? args[0] : args[0] instanceof URL ? args[0].href : args[0].url;
      if (!/\/v3\//.test(url) || !response.headers.get('content-type')?.includes('json')) return response;
      const body = rewrite(await response.clone().json());
      return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }, LONG);
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Opens the first active certification and measures each workspace view; returns the widest. */
async function measureWorkspace(page: Page, width: number): Promise<number> {
  await openList(page);
  await page.getByRole('grid', { name: 'Active certifications' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(LONG.slice(0, 50));
  await expect(page.getByText(/^Showing [\d,]+ of [\d,]+ items$/)).toBeVisible({ timeout: 30_000 });
  const widths: Record<string, number> = {};
  widths.items = await pageWidth(page);

  // An identity without a name shows a visible fallback, never an empty cell.
  await expect(page.getByText('(no name)').first()).toBeVisible();

  // The by-identity view, and one identity's items ("Access of …").
  await page.getByRole('button', { name: 'By identity', exact: true }).click();
  await expect(page.getByText(/^[\d,]+ identities, [\d,]+ complete$/)).toBeVisible({ timeout: 30_000 });
  widths.identities = await pageWidth(page);
  await page.getByRole('button', { name: 'By item', exact: true }).click();
  await expect(page.getByText(/^Showing [\d,]+ of [\d,]+ items$/)).toBeVisible();

  // One identity's items, under the "Access of …" heading.
  const certificationId = /\/certifications\/([^/?]+)/.exec(page.url())![1]!;
  const identityId = await page.evaluate(async (id) => {
    const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
    const response = await fetch(`/v3/certifications/${id}/access-review-items?limit=1`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
    const [item] = (await response.json()) as { identitySummary: { id: string } }[];
    return item!.identitySummary.id;
  }, certificationId);
  await page.goto(`/certifications/${certificationId}?sandboxLatency=0&view=identities&identity=${identityId}`);
  await expect(page.getByRole('heading', { level: 2, name: /^Access of / })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^[\d,]+ items?$/)).toBeVisible({ timeout: 30_000 });
  widths.oneIdentity = await pageWidth(page);

  // The details of an item (a drawer over the page).
  await page.getByRole('button', { name: /^Details / }).first().click();
  const details = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Close details' }) });
  await expect(details).toBeVisible();
  widths.details = await pageWidth(page);
  await details.getByRole('button', { name: 'Close details' }).click();
  await expect(details).toBeHidden();

  const widest = Math.max(...Object.values(widths));
  test.info().annotations.push({ type: `widest page at ${width} px`, description: `${widest} px (${JSON.stringify(widths)})` });
  console.log(`Widest workspace page with hostile strings at ${width} px: ${widest} px`, widths);
  // The item views, the header and the "Access of …" heading are the workspace's own; every view is reported.
  expect(widths.items, `items at ${width} px`).toBeLessThanOrEqual(width);
  expect(widths.oneIdentity, `one identity at ${width} px`).toBeLessThanOrEqual(width);
  return widest;
}

test.describe('at 1440 × 900', () => {
  test.describe.configure({ timeout: 240_000 });
  test.use({ viewport: { width: 1440, height: 900 } });
  test('hostile names never widen the workspace; the full name is in the title; bidi stays in its cell', async ({ page }) => {
    await hostileTenant(page);
    await measureWorkspace(page, 1440);
    // A cut name keeps its whole text for the reader, isolated from its neighbours.
    const cut = page.getByRole('grid', { name: 'Access review items' }).locator('bdi[title]').first();
    await expect(cut).toHaveAttribute('title', new RegExp(`${LONG}$`));
    expect(await cut.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    await expectAccessibleAtRest(page, 'the workspace with hostile strings at 1440 px');
  });
});

test.describe('at 390 × 844', () => {
  test.describe.configure({ timeout: 240_000 });
  test.use({ viewport: { width: 390, height: 844 } });
  test('hostile names never widen the workspace on a phone', async ({ page }) => {
    await hostileTenant(page);
    await openList(page);
    await page.getByRole('grid', { name: 'Active certifications' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(LONG.slice(0, 50));
    await expect(page.getByRole('list', { name: 'Access review items' })).toBeVisible({ timeout: 30_000 });
    const widths = { items: await pageWidth(page) };
    await page.getByRole('button', { name: 'More about this certification' }).click();
    const expanded = await pageWidth(page);
    const widest = Math.max(widths.items, expanded);
    test.info().annotations.push({ type: 'widest page at 390 px', description: `${widest} px` });
    console.log(`Widest workspace page with hostile strings at 390 px: ${widest} px`, { ...widths, expanded });
    expect(widest).toBeLessThanOrEqual(390);
    await expectAccessibleAtRest(page, 'the workspace with hostile strings at 390 px');
  });
});
