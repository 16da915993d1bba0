// Issue 12 (dashboard): the demo workspace's dashboard (every vendor, then the demo install with
// a bar's tooltip open), and the empty state of a workspace with nothing imported. At 1280, 1440
// and 1920 px, light and dark. Not a test: a way to look at the screens.
//   node --import tsx e2e/capture-dashboard-screens.ts   → test-results/screenshots/dashboard-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';

const [demo, empty] = await Promise.all([startApp(), startApp({ seedDemo: false })]);
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
