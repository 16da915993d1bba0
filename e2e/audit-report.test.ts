/**
 * Audit reports (issue 12) in real Chromium against the browser-mode host (real core, no
 * mocks): "Export audit report" on the review screen downloads the HTML report of a workspace
 * with a published contract, exceptions in force and an approval; opened as an auditor opens
 * it, Chromium's own parser finds every section and nothing that loads or runs, and every
 * request the page attempts is refused and counted (none may happen). The period report from
 * the inbox downloads JSON for the install.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { auditFixture } from '../electron/core/testing/audit-report-fixture';
import type { AuditFixture } from '../electron/core/testing/audit-report-fixture';
import { goto } from './editor-steps';
import { openReportOffline } from './offline-report';
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

describe('audit reports in the browser', () => {
  test('the review screen exports a self-contained HTML report that fetches nothing', async () => {
    const { page, consoleErrors } = await openApp(browser, app);
    page.setDefaultTimeout(30_000);
    await goto(page, `#/review/${encodeURIComponent(fixture.digest)}`);
    await page.getByText('Export audit report').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export the audit report as' }).getByRole('button', { name: 'HTML' }).click()]);
    assert.equal(download.suggestedFilename(), `audit-${fixture.digest.slice(7, 19)}.html`);
    const html = readFileSync((await download.path())!, 'utf8');

    const { page: doc, attempted } = await openReportOffline(page.context(), html);
    const parsed = await doc.evaluate(() => ({
      headings: [...document.querySelectorAll('h2, h3')].map((h) => h.textContent ?? ''),
      loading: [...document.querySelectorAll('script, link, img, iframe, object, embed, video, audio, source, form, base, svg')].map((e) => e.tagName),
      withUrl: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^(src|href|srcset|action|poster|data|background)$/i.test(a.name) || /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    }));
    for (const heading of ['Contract', 'Verdict', 'Findings (5)', 'Exceptions (3)', 'Approvals', 'Drift', 'Audit chain', 'How to verify this report offline']) {
      assert.ok(parsed.headings.includes(heading), `${heading} in ${parsed.headings.join(', ')}`);
    }
    assert.deepEqual(parsed.loading, []);
    assert.deepEqual(parsed.withUrl, []);
    assert.match(parsed.csp, /^default-src 'none';/);
    assert.deepEqual(attempted, [], 'the report requested nothing');
    assert.deepEqual(consoleErrors, []);
    await page.context().close();
  });

  test('the inbox exports a period report for an install', async () => {
    const { page } = await openApp(browser, app);
    page.setDefaultTimeout(30_000);
    await page.getByText('Period audit report').click();
    const period = page.getByRole('group', { name: 'Period of the audit report' });
    await period.getByLabel('Install').fill('prod-eu');
    await period.getByLabel('From').fill('2000-01-01');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export the period report as' }).getByRole('button', { name: 'JSON' }).click()]);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { kind: string; changeSets: { digest: string }[] };
    assert.equal(report.kind, 'period');
    assert.deepEqual(report.changeSets.map((c) => c.digest), [fixture.digest]);
    await page.getByRole('status').filter({ hasText: '1 change set received 2000-01-01' }).waitFor();
    await page.context().close();
  });
});
