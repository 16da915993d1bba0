/**
 * Batch exceptions in the Sign panel (browser mode, real core), at 1440 px, light: "Verify as
 * the vendor will" says why the demo's blocked change set would be refused; the finding picker
 * selects by search, resource pattern and "all deny findings"; the exact list is shown before
 * signing; ONE exception is signed for the three deny findings.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, SCREENSHOT_DIR, startApp } from './harness';
import type { RunningApp } from './harness';
import { join } from 'node:path';

const PASS = 'correct horse battery staple 1';

async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

describe('batch exceptions in the Sign panel', { timeout: 240_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let digest = '';
  let keyId = '';
  const errors: string[] = [];

  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app, { viewport: { width: 1440, height: 900 } }));
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => errors.push(e.message));
    const inbox = await ok(app.call('listInbox', {}));
    digest = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!.digest;
    keyId = (await ok(app.call('createKey', { name: 'Alice Reviewer', passphrase: PASS }))).keyId;
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/review/${encodeURIComponent(digest)}`)}`);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('verify as the vendor will, picker selection, the exact list, one signature', async () => {
    const panel = page.getByRole('complementary', { name: 'Sign' });
    const handoff = panel.getByRole('region', { name: 'Hand over to the vendor' });
    await handoff.getByRole('button', { name: 'Verify as the vendor will' }).click();
    const verdict = handoff.getByTestId('vendor-verify');
    await verdict.filter({ hasText: 'Blocked' }).waitFor();
    const reasons = await handoff.getByTestId('vendor-verify-reasons').locator('li').allTextContents();
    assert.ok(reasons.some((r) => r.startsWith('unwaived-finding')), reasons.join('\n'));

    const picker = panel.getByRole('group', { name: 'Findings to waive' });
    const counts = picker.getByTestId('picker-counts');
    await counts.filter({ hasText: '0 selected · 3 waivable · 5 findings' }).waitFor();
    // Search narrows the list; the counts say how many match.
    await picker.getByLabel('Search findings').fill('aws_db');
    await counts.filter({ hasText: '2 match the search' }).waitFor();
    await picker.getByLabel('Search findings').fill('');
    // A resource pattern selects through the core (the contract's glob rules): exact addresses.
    await picker.getByLabel('Resource pattern to select').fill('module.database.*');
    await picker.getByRole('button', { name: 'Select matching' }).click();
    await counts.filter({ hasText: '2 selected' }).waitFor();
    // A pattern holding a character that does not show is refused, with the reason.
    await picker.getByLabel('Resource pattern to select').fill('module.\u202e*');
    await picker.getByRole('button', { name: 'Select matching' }).click();
    await picker.getByRole('alert').filter({ hasText: 'does not show' }).waitFor();
    await picker.getByRole('button', { name: 'Clear' }).click();
    await counts.filter({ hasText: '0 selected' }).waitFor();

    await picker.getByRole('button', { name: 'All deny findings' }).click();
    await counts.filter({ hasText: '3 selected' }).waitFor();
    const request = panel.getByRole('form', { name: 'Request exception' });
    const preview = request.getByRole('region', { name: 'Findings this exception waives' });
    await preview.getByTestId('waiver-preview-total').filter({ hasText: '3 findings in 3 policies will be waived' }).waitFor();
    // Unticking one finding changes the list that will be signed; ticking it again restores it.
    const worker = picker.getByRole('checkbox', { name: 'Waive k8s-resource-limits on Deployment/acme-analytics/acme-export-worker' });
    await worker.uncheck();
    await preview.getByTestId('waiver-preview-total').filter({ hasText: '2 findings in 2 policies' }).waitFor();
    await worker.check();
    await preview.getByTestId('waiver-preview-total').filter({ hasText: '3 findings in 3 policies' }).waitFor();
    // Mandatory/approval findings are shown, never selectable.
    assert.equal(await picker.getByRole('checkbox', { name: /^Waive no-public-ingress on / }).isDisabled(), true);
    // Their policy's row says so, rather than "0 of 0 selected".
    const lockedPolicy = picker.locator('.picker-row.policy').filter({ hasText: 'no-public-ingress' });
    assert.equal((await lockedPolicy.textContent())?.includes('not waivable here · 1 finding'), true, (await lockedPolicy.textContent()) ?? '');

    await request.getByLabel('Justification').fill('Database migration window agreed with the vendor.');
    await request.getByLabel('Signing key').selectOption(keyId);
    await request.getByLabel('Passphrase').fill(PASS);
    // The picker and the list that will be signed, as the reviewer sees them (viewport, 1440 × 900, light).
    await picker.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'finding-picker-1440-light.png') });
    await request.getByRole('button', { name: 'Sign exception for 3 findings' }).click();

    const item = panel.getByRole('article', { name: 'Exception db-no-replace, k8s-resource-limits, maintenance-window on 3 resources' });
    await item.getByTestId('signature-count').filter({ hasText: '1 of 2 signatures' }).waitFor();
    assert.equal(await item.getByTestId('exception-covers').locator('li').count(), 3);
    const held = await ok(app.call('listExceptions', { digest }));
    assert.equal(held.length, 1, 'one exception for the batch');
    assert.equal(held[0]!.waives.length, 3);
    assert.ok(held[0]!.waives.every((w) => 'address' in w), 'exact addresses');
    // The signed file sits in the change set's folder of the outbox (vendor/install/release/digest).
    assert.ok(held[0]!.file.includes(`${digest.slice(7)}/exception-`), held[0]!.file);
    await screenshot(page, 'batch-exception-signed');
    assert.deepEqual(errors, []);
  });
});
