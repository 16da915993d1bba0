// Captures the pack shelf at 1280, 1440 and 1920 px, light and dark, on the demo workspace with
// the built-in packs plus the shelf's test pack: the shelf as opened, and after adding the test
// pack (its controls open, the impact replayed below). Not a test: a way to look at the screens.
//   node --import tsx e2e/capture-shelf-screens.ts   → test-results/screenshots/shelf-*.png
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { packsRootWithTestPack, TEST_PACK } from '../electron/core/testing/shelf-packs';
import { launchBrowser, startApp, SCREENSHOT_DIR } from './harness';

// COUNTERSIGN_POLICIES=<a packs folder> shows that folder's packs instead (e.g. once more packs
// ship), and SHELF_ADD=<pack> names the one to add (default: the test pack).
const ownRoot = process.env.COUNTERSIGN_POLICIES ? null : packsRootWithTestPack();
const ADD = process.env.SHELF_ADD ?? TEST_PACK;
if (ownRoot) process.env.COUNTERSIGN_POLICIES = ownRoot;
const app = await startApp();
const view = await app.call('getContract', {});
if (!view.ok) throw new Error(view.message);
const name = view.value.name;

async function openShelf(page: Page): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, `#/contract/${encodeURIComponent(name)}`);
  await page.getByRole('heading', { name: 'Policy packs' }).waitFor();
  await page.getByTestId('pack-shelf').locator('[data-testid^="pack-card-"]').first().waitFor();
  await page.getByTestId('pack-shelf').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
}

const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
const shot = (page: Page, n: string, width: number, scheme: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `shelf-${n}-${width}-${scheme}.png`), fullPage: false });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme });
    const page = await context.newPage();
    await page.goto(app.url);
    await openShelf(page);
    await page.evaluate(() => document.getElementById('pack-shelf-title')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'open', width, colorScheme);
    const card = page.getByTestId(`pack-card-${ADD}`);
    if (await card.count()) {
      await card.getByRole('button', { name: 'Add to draft' }).click();
      await card.getByRole('button', { name: 'See its impact' }).waitFor();
      await card.locator('summary', { hasText: 'Tune controls' }).click();
      await page.getByTestId('impact-panel').getByRole('status').filter({ hasText: /Replay complete|Replay failed|cancelled/ }).waitFor({ timeout: 60_000 }).catch(() => undefined);
      await page.evaluate(() => document.getElementById('pack-shelf-title')?.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      await shot(page, 'added', width, colorScheme);
    }
    await context.close();
  }
}
await browser.close();
await app.stop();
if (ownRoot) rmSync(dirname(ownRoot), { recursive: true, force: true });
console.log(`saved to ${SCREENSHOT_DIR}`);
