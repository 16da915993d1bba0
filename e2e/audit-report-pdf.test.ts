/**
 * The audit report's PDF and evidence bundle from the app in browser mode (issue 12, R2), in
 * real Chromium against the browser-mode host: "PDF" on the review screen downloads a PDF the
 * host printed with headless Chromium (its text layer has the report's headings), and
 * "Evidence bundle" writes the bundle and shows the command that checks it offline.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { auditFixture } from '../electron/core/testing/audit-report-fixture';
import type { AuditFixture } from '../electron/core/testing/audit-report-fixture';
import { pageInk, pdfText } from '../electron/core/testing/pdf-checks';
import { checkEvidenceSums } from '../electron/core/verify';
import { goto } from './editor-steps';
import { launchBrowser, openApp, startApp } from './harness';
import type { RunningApp } from './harness';

let fixture: AuditFixture;
let app: RunningApp;
let browser: Browser;
before(async () => {
  fixture = await auditFixture();
  fixture.ws.close();
  app = await startApp({ workspace: fixture.dir, seedDemo: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
  fixture?.cleanup();
});

describe('audit report PDF and evidence bundle in the browser', () => {
  test('the review screen downloads the PDF and writes the evidence bundle', async () => {
    const { page, consoleErrors } = await openApp(browser, app);
    page.setDefaultTimeout(60_000);
    await goto(page, `#/review/${encodeURIComponent(fixture.digest)}`);
    await page.getByText('Export audit report').click();
    const group = page.getByRole('group', { name: 'Export the audit report as' });
    const [download] = await Promise.all([page.waitForEvent('download'), group.getByRole('button', { name: 'PDF' }).click()]);
    assert.equal(download.suggestedFilename(), `audit-${fixture.digest.slice(7, 19)}.pdf`);
    const pdf = readFileSync((await download.path())!);
    const text = pdfText(pdf);
    for (const heading of ['Verdict', 'Findings', 'Exceptions', 'Approvals', 'Audit chain', 'How to verify this report offline']) assert.ok(text.includes(heading), heading);
    assert.ok(pageInk(pdf).every((ink) => ink > 0.002), 'no blank page');
    await group.getByRole('button', { name: 'Evidence bundle' }).click();
    const status = group.getByRole('status').filter({ hasText: 'Wrote the evidence bundle' });
    await status.waitFor();
    const dir = (await status.locator('code').first().textContent())!;
    assert.match((await status.textContent())!, /countersign verify --evidence .* --changeset CHANGE-SET-BUNDLE --trust OWNER\.pem/);
    assert.ok(checkEvidenceSums(dir).ok, dir);
    assert.deepEqual(consoleErrors, []);
    await page.context().close();
  });
});
