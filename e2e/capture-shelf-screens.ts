// Captures the pack shelf at 1280, 1440 and 1920 px, light and dark, on the demo workspace with
// the built-in packs plus the shelf's test pack (and the stored release whose sysctl is safe only
// since PSS v1.32, so the standard version picked shows in the impact). Not a test: a way to
// look at the screens.
//   node --import tsx e2e/capture-shelf-screens.ts   → test-results/screenshots/shelf-*.png
// shelf-open: the shelf as opened; shelf-added: the test pack added, its controls open;
// shelf-standard-menu: a PSS pack's "Standard version" selector open (Chromium draws the native
// list into the screenshot); shelf-standard-v1.30: pss-restricted added at v1.30, the impact
// replayed; shelf-standard-impact: that impact, the v1.30-only finding found;
// shelf-standard-saved: the pack saved at latest and switched to v1.30 in the draft ("saved: latest").
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { packsRootWithTestPack, TEST_PACK, TUNED_POD_ADDRESS, tunedPodBundleFiles } from '../electron/core/testing/shelf-packs';
import { launchBrowser, startApp, SCREENSHOT_DIR } from './harness';

// COUNTERSIGN_POLICIES=<a packs folder> shows that folder's packs instead (e.g. once more packs
// ship), and SHELF_ADD=<pack> names the one to add (default: the test pack).
const ownRoot = process.env.COUNTERSIGN_POLICIES ? null : packsRootWithTestPack();
const ADD = process.env.SHELF_ADD ?? TEST_PACK;
const PSS = 'pss-restricted';
const REPLAY_TIMEOUT = 120_000;
if (ownRoot) process.env.COUNTERSIGN_POLICIES = ownRoot;
const app = await startApp();
const must = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const name = must(await app.call('getContract', {})).name;
must(await app.call('importFiles', { files: tunedPodBundleFiles() }));

async function openShelf(page: Page): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, `#/contract/${encodeURIComponent(name)}`);
  await page.getByRole('heading', { name: 'Policy packs' }).waitFor();
  await page.getByTestId('pack-shelf').locator('[data-testid^="pack-card-"]').first().waitFor();
  await page.getByTestId('pack-shelf').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
}

/** Scrolls so `selector`'s top sits below the sticky draft bar (when there is one). */
async function scrollBelowBar(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    const bar = document.querySelector('.draft-bar');
    const covered = bar ? bar.getBoundingClientRect().bottom + 8 - el.getBoundingClientRect().top : 0;
    if (covered <= 0) return;
    // The nearest scrolling ancestor (the contract screen may scroll in its own container).
    let box: Element | null = el.parentElement;
    while (box && !(/(auto|scroll)/.test(getComputedStyle(box).overflowY) && box.scrollHeight > box.clientHeight)) box = box.parentElement;
    (box ?? document.scrollingElement ?? document.documentElement).scrollTop -= covered;
  }, selector);
  await page.waitForTimeout(300);
}

const browser: Browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
const shot = (page: Page, n: string, width: number, scheme: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `shelf-${n}-${width}-${scheme}.png`), fullPage: false });
const replayDone = (page: Page) => page.getByTestId('impact-panel').getByRole('status').filter({ hasText: /Replay complete|Replay failed|cancelled/ }).waitFor({ timeout: REPLAY_TIMEOUT });
const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 1440, 1920];

async function withPage(width: number, colorScheme: 'light' | 'dark', fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme });
  const page = await context.newPage();
  await page.goto(app.url);
  await openShelf(page);
  await fn(page);
  await context.close();
}

for (const colorScheme of SCHEMES) {
  for (const width of WIDTHS) {
    await withPage(width, colorScheme, async (page) => {
      await scrollBelowBar(page, '#pack-shelf-title');
      await shot(page, 'open', width, colorScheme);
      const pss = page.getByTestId(`pack-card-${PSS}`);
      if (await pss.count()) {
        await scrollBelowBar(page, `[data-testid="pack-card-${PSS}"]`);
        await pss.getByLabel('Standard version').click();
        await page.waitForTimeout(400);
        await shot(page, 'standard-menu', width, colorScheme);
        await page.keyboard.press('Escape');
      }
      const card = page.getByTestId(`pack-card-${ADD}`);
      if (await card.count()) {
        await card.getByRole('button', { name: 'Add to draft' }).click();
        await card.getByRole('button', { name: 'See its impact' }).waitFor();
        await card.locator('summary', { hasText: 'Tune controls' }).click();
        await replayDone(page).catch(() => undefined);
        await scrollBelowBar(page, '#pack-shelf-title');
        await shot(page, 'added', width, colorScheme);
      }
    });
    await withPage(width, colorScheme, async (page) => {
      const pss = page.getByTestId(`pack-card-${PSS}`);
      if (!(await pss.count())) return;
      await pss.getByLabel('Standard version').selectOption('v1.30');
      await pss.getByRole('button', { name: 'Add to draft' }).click();
      await page.getByTestId(`pack-status-${PSS}`).filter({ hasText: /^Added in the draft/ }).waitFor();
      await pss.getByRole('button', { name: 'See its impact' }).click();
      await replayDone(page);
      await scrollBelowBar(page, `[data-testid="pack-card-${PSS}"]`);
      await shot(page, 'standard-v1.30', width, colorScheme);
      const panel = page.getByTestId('impact-panel');
      await panel.getByRole('searchbox').fill('pss-baseline-sysctls');
      await panel.getByRole('row').filter({ hasText: TUNED_POD_ADDRESS }).first().waitFor({ timeout: REPLAY_TIMEOUT });
      await scrollBelowBar(page, '[data-testid="impact-panel"]');
      await shot(page, 'standard-impact', width, colorScheme);
    });
  }
}

// The pack saved at latest (a signed revision), then switched to v1.30 in the draft.
const keyId = must(await app.call('createKey', { name: 'Shelf Screens', passphrase: 'a long enough passphrase' })).keyId;
const saved = must(await app.call('getContract', {})).text ?? '';
const withPss = must(await app.call('editContractDraft', { contract: name, text: saved, edits: [{ op: 'addPack', pack: PSS, version: 1 }] }));
if (withPss.problems.length) throw new Error(withPss.problems[0]!.message);
must(await app.call('saveContract', { contract: name, text: withPss.text, comment: 'pss-restricted at latest (shelf screens)', keyId }));
// Open every pending change set once, as a reviewer would after the save: each is evaluated under
// the saved revision (past ones keep the evaluation they were decided on, which the impact diffs too).
for (const group of must(await app.call('listInbox', {})).groups) {
  for (const item of group.items) must(await app.call('getChangeSet', { digest: item.digest }));
}
for (const colorScheme of SCHEMES) {
  for (const width of WIDTHS) {
    await withPage(width, colorScheme, async (page) => {
      const pss = page.getByTestId(`pack-card-${PSS}`);
      await pss.getByLabel('Standard version').selectOption('v1.30');
      await pss.getByText('saved: latest').waitFor();
      await replayDone(page).catch(() => undefined);
      await scrollBelowBar(page, `[data-testid="pack-card-${PSS}"]`);
      await shot(page, 'standard-saved', width, colorScheme);
    });
  }
}
await browser.close();
await app.stop();
if (ownRoot) rmSync(dirname(ownRoot), { recursive: true, force: true });
console.log(`saved to ${SCREENSHOT_DIR}`);
