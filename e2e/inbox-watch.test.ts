/**
 * Issue 11 in real Chromium against the browser-mode host: a file saved to the watched inbox
 * folder shows as a new inbox row without a reload (server-sent events; the 5 s polling
 * fallback is too slow to pass this), named after its file; a file that fails leaves a notice
 * that says where it went (inbox/failed/) and why, and can be dismissed; labels set in the
 * review header show there and in the inbox; dates carry the full ISO time on hover.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, ROOT, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const RELEASE = join(ROOT, 'electron/demo/bundles/acme-2.13.2-chart-bump/k8s/release.yaml');
/** The bound: the new row within 2 s of the file landing in the folder. */
const NEW_ROW_MS = 2_000;

/** Puts a file into the inbox folder in one step (written beside it under a dot name, which the watcher ignores, then renamed). */
function drop(app: RunningApp, name: string, write: (path: string) => void): void {
  const hidden = join(app.workspace, 'inbox', `.${name}.part`);
  write(hidden);
  renameSync(hidden, join(app.workspace, 'inbox', name));
}

describe('the watched inbox folder updates the screen (browser mode)', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];

  before(async () => {
    // A short settle time: the watcher's two looks at a file still come before the 2 s bound.
    app = await startApp({ watch: true, watchSettleMs: 300 });
    browser = await launchBrowser();
    ({ page, consoleErrors } = await openApp(browser, app));
    page.setDefaultTimeout(20_000);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByRole('link', { name: /^Review acme-analytics .* to 2\.14\.0$/ }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('a bare file saved to the folder shows as a new row within 2 s, named after its file', async () => {
    // Reload and wait until the event stream is open, so the bound measures the push, not a page load.
    const streamOpen = page.waitForResponse((r) => r.url().includes('/events/inbox') && r.status() === 200);
    await page.reload();
    await streamOpen;
    drop(app, 'hotfix.yaml', (p) => writeFileSync(p, readFileSync(RELEASE, 'utf8').replace('replicas: 3', 'replicas: 5')));
    await page.getByRole('link', { name: 'Review hotfix.yaml' }).waitFor({ timeout: NEW_ROW_MS });
    await page.getByRole('region', { name: 'No vendor stated' }).waitFor();
    assert.ok(existsSync(join(app.workspace, 'inbox', 'imported')));
  });

  test('a file that fails: the notice says where it went and why, and can be dismissed', async () => {
    drop(app, 'broken.json', (p) => writeFileSync(p, '{"format_version": "1.2", "resource_changes": ['));
    const notice = page.getByRole('alert').filter({ hasText: 'Automatic import of broken.json failed' });
    await notice.waitFor({ timeout: NEW_ROW_MS });
    const text = await notice.innerText();
    assert.match(text, /Moved to inbox\/failed\/\S+-broken\.json/);
    assert.match(text, /broken\.json/);
    const movedTo = /inbox\/failed\/\S+-broken\.json/.exec(text)![0];
    assert.ok(existsSync(join(app.workspace, movedTo)), `${movedTo} exists`);
    await screenshot(page, 'inbox-watch-failure');
    await notice.getByRole('button', { name: 'Dismiss error' }).click();
    await notice.waitFor({ state: 'detached' });
    // Dismissed for good: a reload does not bring it back.
    await page.reload();
    await page.getByRole('link', { name: 'Review hotfix.yaml' }).waitFor();
    assert.equal(await page.getByText('Automatic import of broken.json failed').count(), 0);
  });

  test('labels set in the review header show there and in the inbox, marked as labels; dates show the full ISO on hover', async () => {
    await page.getByRole('link', { name: 'Review hotfix.yaml' }).click();
    await page.getByRole('button', { name: 'Name it…' }).click();
    const form = page.getByRole('form', { name: 'Display labels' });
    await form.getByLabel('App').fill('Billing API');
    await form.getByLabel('Release').fill('2.0.1');
    await form.getByLabel('Vendor').fill('evil\u202Egnp');
    await form.getByRole('alert').filter({ hasText: 'U+202E' }).waitFor();
    assert.equal(await form.getByRole('button', { name: 'Save labels' }).isDisabled(), true);
    await form.getByLabel('Vendor').fill('Acme');
    await form.getByRole('button', { name: 'Save labels' }).click();
    await form.waitFor({ state: 'detached' });
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: 'Acme / Billing API' }).waitFor();
    const received = page.locator('.review-facts time').last();
    assert.match(await received.getAttribute('title') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await screenshot(page, 'review-labels');
    await page.goto(app.baseUrl);
    await page.getByRole('link', { name: 'Review Billing API new to 2.0.1' }).waitFor();
    await page.getByText('Acme (label)').waitFor();
    assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });
});
