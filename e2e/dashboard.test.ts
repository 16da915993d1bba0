/**
 * Dashboard (issue 12) in real Chromium against the browser-mode host (real core, no mocks):
 * the demo workspace's past releases show as a trend of findings per release, a bar's tooltip
 * names its release and counts, the vendor / install selectors narrow it, and a workspace
 * with nothing imported shows an empty state that says what to do.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const UI_TIMEOUT = 30_000;

describe('dashboard', () => {
  let browser: Browser;
  let demo: RunningApp;
  let empty: RunningApp;
  before(async () => {
    [demo, empty] = await Promise.all([startApp(), startApp({ seedDemo: false })]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
    await empty?.stop();
  });

  test('an exception row without a verifying signature is not counted in force, and is shown apart', async () => {
    // As a forged co-reviewer file or a row edited in a copied workspace holds it: no valid signature.
    const db = new Database(join(demo.workspace, 'countersign.db'));
    try {
      const { digest } = db.prepare("SELECT digest FROM change_sets WHERE release = '2.14.0'").get() as { digest: string };
      db.prepare(`INSERT INTO exceptions (statement_digest, envelope, policy, resource_pattern, change_set_digest, expires_at, justification, requester, created_at)
        VALUES (?, '{}', 'db-no-replace', '*', ?, ?, 'forged', 'nobody', ?)`).run(`sha256:${'f'.repeat(64)}`, digest, new Date(Date.now() + 86_400_000).toISOString(), new Date().toISOString());
    } finally {
      db.close();
    }
    const { page, consoleErrors } = await openApp(browser, demo);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('exceptions-not-counted').waitFor({ timeout: UI_TIMEOUT });
    assert.match(await page.getByTestId('exceptions-not-counted').innerText(), /^1 held but not counted: its signatures do not verify/);
    // Only the demo's own exception (signed by its two co-reviewers, expiring in 4 days) counts.
    assert.equal(await page.getByTestId('tile-exceptions').locator('.value').innerText(), '1');
    assert.equal(await page.getByTestId('tile-expiring').locator('.value').innerText(), '1');
    const rows = page.getByRole('table', { name: 'Exceptions in force' }).locator('tbody tr');
    assert.deepEqual(await rows.locator('td:first-child').allInnerTexts(), ['k8s-resource-limits on Deployment/acme-analytics/acme-export-worker']);
    assert.deepEqual(consoleErrors, []);
  });

  test('shows the demo trend of findings per release, with a tooltip on hover', async () => {
    const { page, consoleErrors } = await openApp(browser, demo);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: UI_TIMEOUT });
    const trend = page.getByTestId('findings-trend');
    // Eight releases of the demo install (five past, three current): the x axis names them in order.
    await trend.getByText('2.11.0').first().waitFor({ timeout: UI_TIMEOUT });
    const ticks = await trend.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    assert.equal(ticks[0], '2.11.0');
    assert.equal(ticks.at(-1), '2.14.0');
    assert.ok((await trend.locator('.recharts-bar-rectangle path').count()) >= 8, 'bars are drawn');
    assert.equal(await page.getByTestId('tile-change-sets').locator('.value').innerText(), '8');
    // Hover the last release's bars: the tooltip names it and its counts by severity.
    const box = (await trend.locator('.recharts-bar-rectangle').last().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + Math.max(1, box.height / 2));
    const tip = page.getByRole('tooltip');
    await tip.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await tip.innerText(), /Release 2\.14\.0 \(1 change set, received \d{4}-\d\d-\d\d\)[\s\S]*Critical: \d+[\s\S]*Info: \d+/);
    // By enforcement: the same bars, other series.
    await page.getByRole('button', { name: 'By enforcement' }).click();
    await page.mouse.move(0, 0);
    await page.mouse.move(box.x + box.width / 2, box.y + Math.max(1, box.height / 2));
    assert.match(await page.getByRole('tooltip').innerText(), /Mandatory: \d+[\s\S]*Advisory: \d+/);
    // The selectors: one vendor, then its install.
    await page.getByLabel('Vendor').selectOption('Acme Analytics');
    await page.getByLabel('Install').selectOption('prod-eu');
    await page.getByTestId('most-violated').locator('.recharts-bar-rectangle').first().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await page.getByTestId('tile-change-sets').locator('.value').innerText(), '8');
    await screenshot(page, 'dashboard-demo');
    assert.deepEqual(consoleErrors, []);
  });

  test('a workspace with nothing imported shows an empty state that says what to do', async () => {
    const { page, consoleErrors } = await openApp(browser, empty);
    await page.evaluate(() => { window.location.hash = '#/dashboard'; });
    const state = page.getByRole('status').filter({ hasText: 'Nothing to chart yet' });
    await state.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await state.innerText(), /Import a vendor's change set from the Inbox/);
    assert.equal(await page.getByTestId('findings-trend').count(), 0);
    assert.deepEqual(consoleErrors, []);
  });
});
