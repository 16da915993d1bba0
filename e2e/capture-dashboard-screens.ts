// Issue 12 (dashboard): the demo workspace's dashboard (every vendor, then the demo install with
// a bar's tooltip open), and the empty state of a workspace with nothing imported. At 1280, 1440
// and 1920 px, light and dark. Not a test: a way to look at the screens.
//   node --import tsx e2e/capture-dashboard-screens.ts   → test-results/screenshots/dashboard-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';

const [demo, empty] = await Promise.all([startApp(), startApp({ seedDemo: false })]);
// An exception row without a verifying signature (as a forged file or an edited store holds it):
// the dashboard counts it apart, never in force.
const db = new Database(join(demo.workspace, 'countersign.db'));
const { digest } = db.prepare("SELECT digest FROM change_sets WHERE release = '2.14.0'").get() as { digest: string };
db.prepare(`INSERT INTO exceptions (statement_digest, envelope, policy, resource_pattern, change_set_digest, expires_at, justification, requester, created_at)
  VALUES (?, '{}', 'db-no-replace', '*', ?, ?, 'forged', 'nobody', ?)`).run(`sha256:${'f'.repeat(64)}`, digest, new Date(Date.now() + 86_400_000).toISOString(), new Date().toISOString());
db.close();
const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-${name}-${width}-${colorScheme}.png`), fullPage: true });
    await page.goto(demo.url);
    await page.evaluate(() => { window.location.hash = '#/dashboard'; });
    await page.getByTestId('findings-trend').locator('.recharts-bar-rectangle').first().waitFor();
    await shot('all');
    await page.getByLabel('Vendor').selectOption('Acme Analytics');
    await page.getByLabel('Install').selectOption('prod-eu');
    await page.waitForTimeout(300);
    const box = (await page.getByTestId('findings-trend').locator('.recharts-bar-rectangle').nth(-3).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + Math.max(1, box.height / 2));
    await page.getByRole('tooltip').waitFor();
    await shot('install-tooltip');
    // The exceptions card (below the fold): the verified count and the row that is not counted.
    const card = page.getByRole('region', { name: 'Exceptions in force' });
    await card.scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-exceptions-${width}-${colorScheme}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) console.log(`${width} ${colorScheme}: horizontal overflow ${overflow}px`);
    await page.goto(empty.url);
    await page.evaluate(() => { window.location.hash = '#/dashboard'; });
    await page.getByText('Nothing to chart yet').waitFor();
    await shot('empty');
    await context.close();
  }
}
await browser.close();
await Promise.all([demo.stop(), empty.stop()]);
console.log(`saved to ${SCREENSHOT_DIR}`);
