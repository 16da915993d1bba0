/**
 * Vendor release signatures in real Chromium against the browser-mode host (real core, real
 * SQLite file, no mocks): a bundle the vendor signed with `changeset sign` (its signatures/
 * folder) is imported through the folder picker; with the vendor's key trusted (role vendor),
 * the review header says "Signed by <name>" and the inbox row says the same. A second bundle
 * carrying a signature made for another change set shows "INVALID" and why.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signBundle } from '../electron/core/app/release-signing';
import { exportPublicKey, generateReviewerKey } from '../electron/core/signing/keys';
import { launchBrowser, openApp, ROOT, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const UI_TIMEOUT = 20_000;

describe('vendor signature badge (browser mode, real core)', { timeout: 240_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'countersign-e2e-vendor-'));
  const vendorKey = generateReviewerKey();
  const signed = join(tmp, 'acme-2.13.2-signed');
  const copied = join(tmp, 'acme-2.13.3-copied-signature');

  before(async () => {
    cpSync(join(ROOT, 'electron/demo/bundles/acme-2.13.2-chart-bump'), signed, { recursive: true });
    await signBundle({ bundle: signed, signer: { privateKey: vendorKey.privateKey, name: 'acme-ci' } });
    // A signature copied next to another release: signed for another change set.
    cpSync(join(ROOT, 'electron/demo/bundles/acme-2.13.3-peering'), copied, { recursive: true });
    cpSync(join(signed, 'signatures'), join(copied, 'signatures'), { recursive: true });
    app = await startApp({ seedDemo: false });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app, { viewport: { width: 1440, height: 900 } }));
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) pageErrors.push(m.text());
    });
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('the customer trusts the vendor key; the signed bundle imports and its header says "Signed by" that name', async () => {
    assert.equal(readdirSync(join(signed, 'signatures')).length, 1);
    const trusted = await app.call('trustKey', { pem: exportPublicKey(vendorKey.publicKey).pem, name: 'Acme Release Engineering', role: 'vendor' });
    assert.ok(trusted.ok, JSON.stringify(trusted));
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByLabel('Import a bundle folder').setInputFiles(signed);
    await page.waitForURL(/#\/review\//);
    const badge = page.getByTestId('vendor-signature');
    await badge.filter({ hasText: 'Signed by Acme Release Engineering' }).waitFor();
    assert.match((await badge.getAttribute('class')) ?? '', /signature-ok/);
    await screenshot(page, 'review-vendor-signed-1440-light');
  });

  test('the inbox row says who signed', async () => {
    await page.getByRole('link', { name: '← Inbox' }).click();
    const row = page.locator('.inbox-group tbody tr').filter({ hasText: '2.13.2' });
    await row.locator('.vendor-signature').filter({ hasText: 'Signed by Acme Release Engineering' }).waitFor();
    await screenshot(page, 'inbox-vendor-signed-1440-light');
  });

  test('a signature copied from another release shows INVALID and why, and the import still happened', async () => {
    await page.getByLabel('Import a bundle folder').setInputFiles(copied);
    await page.waitForURL(/#\/review\//);
    await page.getByTestId('vendor-signature').filter({ hasText: 'INVALID' }).waitFor();
    await page.locator('.signature-reasons').getByText(/signs another change set/).waitFor();
    await screenshot(page, 'review-vendor-invalid-1440-light');
    await page.getByRole('link', { name: '← Inbox' }).click();
    await page.locator('.inbox-group tbody tr').filter({ hasText: '2.13.3' }).locator('.vendor-signature').filter({ hasText: 'Signature invalid' }).waitFor();
  });

  test('the page logged no errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
