// Issue 12 (audit reports): the review screen with "Export audit report" open, the inbox's
// period report form, and the exported HTML report itself (on screen, light and dark, and as
// printed). At 1280, 1440 and 1920 px. Not a test: a way to look at the screens. The report is
// loaded with every request intercepted: anything it fetched would be printed here.
//   node --import tsx e2e/capture-report-screens.ts   → test-results/screenshots/report-*.png
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditFixture } from '../electron/core/testing/audit-report-fixture';
import { goto } from './editor-steps';
import { openReportOffline } from './offline-report';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';

// A real workspace: a published contract, a blocked release with exceptions in force and an approval.
const fixture = await auditFixture();
fixture.ws.close();
const app = await startApp({ workspace: fixture.dir, seedDemo: false });
const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
let reportHtml = '';
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const shot = (name: string, fullPage = false) => page.screenshot({ path: join(SCREENSHOT_DIR, `report-${name}-${width}-${colorScheme}.png`), fullPage });
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByText('Period audit report').click();
    await page.getByRole('group', { name: 'Period of the audit report' }).getByLabel('Install').fill('prod-eu');
    await shot('period-form');
    await goto(page, `#/review/${encodeURIComponent(fixture.digest)}`);
    await page.getByText('Export audit report').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export the audit report as' }).getByRole('button', { name: 'HTML' }).click()]);
    await page.getByRole('status').filter({ hasText: 'Downloaded' }).waitFor();
    await shot('export-menu');
    const path = await download.path();
    reportHtml = readFileSync(path, 'utf8');

    // The report as an auditor opens it: every request other than the document itself is refused and named.
    const { page: doc, attempted: fetched } = await openReportOffline(context, reportHtml);
    await doc.screenshot({ path: join(SCREENSHOT_DIR, `report-page-${width}-${colorScheme}.png`) });
    await doc.screenshot({ path: join(SCREENSHOT_DIR, `report-page-full-${width}-${colorScheme}.png`), fullPage: true });
    if (colorScheme === 'light') {
      await doc.emulateMedia({ media: 'print' });
      await doc.screenshot({ path: join(SCREENSHOT_DIR, `report-page-print-${width}.png`), fullPage: true });
    }
    if (fetched.length > 0) console.log(`the report fetched: ${fetched.join(', ')}`);
    const overflow = await doc.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) console.log(`${width} ${colorScheme}: report overflows by ${overflow}px`);
    await context.close();
  }
}
await browser.close();
await app.stop();
fixture.cleanup();
console.log(`saved to ${SCREENSHOT_DIR}`);
