// Captures the contract editor at 1280, 1440 and 1920 px, light and dark, on the demo
// workspace: the policy list, a policy with a list parameter (approved registries), the
// maintenance-window grid (a reviewer in Berlin, a window in New York), and the impact panel
// after the registries are configured through the form. Not a test: a way to look at the screens.
//   node --import tsx e2e/capture-contract-screens.ts   → test-results/screenshots/contract-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, startApp, SCREENSHOT_DIR } from './harness';

const app = await startApp();
const view = await app.call('getContract', {});
if (!view.ok) throw new Error(view.message);
const name = view.value.name;
const at = (policy?: string) => `#/contract/${encodeURIComponent(name)}${policy ? `/${encodeURIComponent(policy)}` : ''}`;

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await page.getByRole('heading', { name: `Contract: ${name}` }).waitFor();
  await page.waitForTimeout(600);
}

/** Types ghcr.io/acme/ as the only approved registry and applies it; waits for the replay to end (or fail). */
async function configureRegistries(page: Page): Promise<void> {
  const form = page.getByTestId('param-images-approved-registries-registries');
  if (!(await form.count())) return void console.warn('no registries form: the host does not describe parameters yet');
  await form.getByRole('button', { name: 'Add registry' }).click();
  await form.getByRole('textbox', { name: 'registries registry 1' }).fill('ghcr.io/acme/');
  await form.getByRole('button', { name: 'Apply registries to the draft' }).click();
  await page.getByTestId('impact-panel').getByRole('status').filter({ hasText: /Replay complete|Replay failed|cancelled/ }).waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
const shot = (page: Page, n: string, width: number, scheme: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `contract-${n}-${width}-${scheme}.png`), fullPage: false });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    // A reviewer in Berlin: the windows grid shows each opening in local time and in the window's zone.
    const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme, timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.goto(app.url);
    await go(page, at());
    await shot(page, 'list', width, colorScheme);
    await go(page, at('maintenance-window'));
    const grid = page.getByRole('table', { name: 'Maintenance windows' });
    if (await grid.count()) {
      // A window that crosses midnight in another zone (typed, not applied).
      await grid.getByRole('checkbox', { name: 'Window 1 starts on Sat' }).check();
      await grid.getByRole('textbox', { name: 'Window 1 start' }).fill('22:00');
      await grid.getByRole('textbox', { name: 'Window 1 end' }).fill('04:00');
      await grid.getByRole('combobox', { name: 'Window 1 time zone' }).fill('America/New_York');
      await grid.scrollIntoViewIfNeeded();
    }
    await shot(page, 'windows', width, colorScheme);
    await go(page, at('images-approved-registries'));
    await shot(page, 'params', width, colorScheme);
    await configureRegistries(page);
    await page.getByTestId('impact-panel').scrollIntoViewIfNeeded();
    const firstRow = page.getByTestId('impact-rows').getByRole('button').first();
    if (await firstRow.count()) {
      await firstRow.click();
      await page.getByTestId('impact-detail').waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await page.getByTestId('impact-panel').scrollIntoViewIfNeeded();
    await shot(page, 'impact', width, colorScheme);
    await context.close();
  }
}
await browser.close();
await app.stop();
console.log(`saved to ${SCREENSHOT_DIR}`);
