/**
 * The seeded demo workspace (issue 12, "Demo") in real Chromium against the browser-mode host
 * (real core, no mocks): its one exception expiring soon, signed by two demo co-reviewers to the
 * contract's exception quorum, counts in force on the dashboard and is flagged there, on the
 * review of the past release it waives and in that release's audit report. Then the issue's
 * screenshots, saved by the suite at 1280, 1440 and 1920 px, light and dark, each checked for
 * horizontal overflow: test-results/screenshots/demo-{dashboard,review,drift,report,report-exceptions}-<width>-<scheme>.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { goto, ok, watchErrors } from './editor-steps';
import { launchBrowser, openApp, SCREENSHOT_DIR, startApp } from './harness';
import type { RunningApp } from './harness';
import { openReportOffline } from './offline-report';
import { findOverflows } from './overflow-check';

const WIDTHS = [1280, 1440, 1920] as const;
const SCHEMES = ['light', 'dark'] as const;
/** The demo exception (electron/host/seed-demo-exception.ts): what it waives, on which (past, superseded) release. */
const EXCEPTION = { policy: 'k8s-resource-limits', address: 'Deployment/acme-analytics/acme-export-worker', release: '2.13.0' };
const EXCEPTION_LABEL = `Exception ${EXCEPTION.policy} on ${EXCEPTION.address}`;

describe('the demo workspace: an exception expiring soon, and the dashboard, a drift item and a report page', { timeout: 900_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  /** The past release 2.13.0 the demo exception is scoped to (superseded, so not in the inbox). */
  let excepted = '';
  let driftId = 0;
  /** The blocked release's audit report, as the review screen exported it (the first test). */
  let reportHtml = '';

  before(async () => {
    app = await startApp();
    const inbox = await ok(app.call('listInbox', {}));
    // A superseded release is in no inbox group: read its digest from the workspace file.
    const db = new Database(join(app.workspace, 'countersign.db'), { readonly: true });
    try {
      excepted = (db.prepare('SELECT digest FROM change_sets WHERE release = ?').get(EXCEPTION.release) as { digest: string }).digest;
    } finally {
      db.close();
    }
    assert.ok(!inbox.groups.flatMap((g) => g.items).some((i) => i.digest === excepted), 'the past release is not in the inbox');
    driftId = inbox.drift![0]!.id;
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('the dashboard counts it in force and expiring soon; the review and the exported report flag it', async () => {
    const { page, consoleErrors } = await openApp(browser, app, { viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(30_000);
    await goto(page, '#/dashboard');
    const card = page.getByRole('region', { name: 'Exceptions in force' });
    const row = card.getByRole('row').filter({ hasText: EXCEPTION.policy });
    await row.waitFor();
    assert.equal(await page.getByTestId('tile-exceptions').locator('.value').innerText(), '1');
    assert.equal(await page.getByTestId('tile-expiring').locator('.value').innerText(), '1');
    assert.equal(await card.getByTestId('exceptions-not-counted').count(), 0, 'its signatures verify: nothing is counted apart');
    assert.match(await row.innerText(), new RegExp(`${EXCEPTION.address}[\\s\\S]*prod-eu ${EXCEPTION.release}[\\s\\S]*4 days left`));
    assert.equal(await row.locator('td.soon').count(), 1, 'the expiry is highlighted');

    // Its row links to the review of the change set it waives findings of.
    await row.getByRole('link', { name: `Review prod-eu ${EXCEPTION.release}` }).click();
    await page.waitForURL((u) => decodeURIComponent(u.hash).includes(excepted));
    const exception = page.getByRole('complementary', { name: 'Sign' }).getByRole('article', { name: EXCEPTION_LABEL });
    await exception.getByTestId('exception-expiring').filter({ hasText: 'expires in 4 days' }).waitFor();
    assert.equal(await exception.getByTestId('exception-state').innerText(), 'in force');
    assert.equal(await exception.getByTestId('signature-count').innerText(), '2 of 2 signatures');
    // Signers are listed by key id (random per seeding): both, in either order.
    const signedBy = /Signed by (.*)\. File:/.exec(await exception.innerText())?.[1] ?? '';
    for (const name of ['Priya Natarajan (demo co-reviewer)', 'Tomás Berg (demo co-reviewer)']) assert.ok(signedBy.includes(name), signedBy);

    await page.getByText('Export audit report').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export the audit report as' }).getByRole('button', { name: 'HTML' }).click()]);
    reportHtml = readFileSync((await download.path())!, 'utf8');
    const doc = await openReport(page);
    const rows = doc.getByRole('table').filter({ has: doc.getByRole('columnheader', { name: 'Justification' }) }).getByRole('row').filter({ hasText: EXCEPTION.policy });
    assert.equal(await rows.count(), 1);
    const reportRow = await rows.innerText();
    assert.match(reportRow, /4 days after this report[\s\S]*expires within a week[\s\S]*2 of 2 required[\s\S]*in force/);
    for (const name of ['Priya Natarajan (demo co-reviewer)', 'Tomás Berg (demo co-reviewer)']) assert.ok(reportRow.includes(name), reportRow);
    assert.deepEqual(consoleErrors, []);
    await page.context().close();
  });

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      test(`screenshots at ${width} px, ${scheme}`, async () => {
        assert.ok(reportHtml !== '', 'the first test exported the report');
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, acceptDownloads: true });
        const page = await context.newPage();
        page.setDefaultTimeout(30_000);
        const errors = watchErrors(page);
        const tag = `${width}-${scheme}`;
        const problems: string[] = [];
        const save = async (name: string) => {
          await page.screenshot({ path: join(SCREENSHOT_DIR, `demo-${name}-${tag}.png`), fullPage: true });
          problems.push(...(await findOverflows(page)).map((p) => `${name}: ${p}`));
        };
        try {
          await page.goto(app.url);
          await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
          await goto(page, '#/dashboard');
          await page.getByTestId('findings-trend').locator('.recharts-bar-rectangle').first().waitFor();
          await page.getByRole('region', { name: 'Exceptions in force' }).getByRole('row').filter({ hasText: EXCEPTION.policy }).waitFor();
          // The screens scroll inside the app's main area: a taller window shows each one whole.
          await page.setViewportSize({ width, height: 1500 });
          await save('dashboard');

          await goto(page, `#/review/${encodeURIComponent(excepted)}`);
          await page.getByRole('article', { name: EXCEPTION_LABEL }).getByTestId('exception-expiring').waitFor();
          await page.setViewportSize({ width, height: 2200 });
          await save('review');

          await page.setViewportSize({ width, height: 1500 });
          await goto(page, `#/drift/${driftId}`);
          await page.getByRole('article', { name: 'Changed: module.network.aws_security_group.api' }).getByRole('list', { name: 'Findings on the live state' }).waitFor();
          await save('drift');

          const doc = await openReport(page);
          await doc.screenshot({ path: join(SCREENSHOT_DIR, `demo-report-${tag}.png`), fullPage: true });
          // The report's exceptions table at full size (the whole page is long): the expiry flag is readable.
          await doc.getByRole('table').filter({ has: doc.getByRole('columnheader', { name: 'Justification' }) }).screenshot({ path: join(SCREENSHOT_DIR, `demo-report-exceptions-${tag}.png`) });
          const overflow = await doc.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`report: the page scrolls sideways by ${overflow} px`);
        } finally {
          await context.close();
        }
        assert.deepEqual(problems, [], `horizontal overflow:\n${problems.join('\n')}`);
        assert.deepEqual(errors, [], errors.join('\n'));
      });
    }
  }

  /** The exported report opened as an auditor opens it, in a page of the same context: every other request refused and counted. */
  async function openReport(page: Page) {
    const { page: doc, attempted } = await openReportOffline(page.context(), reportHtml);
    assert.deepEqual(attempted, [], 'the report requested nothing');
    return doc;
  }
});
