import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Opens Attest at a path and waits until the sandbox has signed in and the shell is there. */
export async function openApp(page: Page, path = '/certifications') {
  await page.goto(path);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 });
}

/** axe on the current page: no serious or critical violations. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`),
    `axe on ${what}`,
  ).toEqual([]);
}

/** Acts as another sandbox persona through the persona switcher. */
export async function switchPersona(page: Page, label: RegExp) {
  await page.getByRole('button', { name: /Acting as:/ }).click();
  await page.getByRole('menuitem', { name: label }).click();
  await expect(page.getByRole('button', { name: /Acting as:/ })).toContainText(label);
}
