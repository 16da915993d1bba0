// Issue 13 (Fleet preview): the empty screen, the matrix of a fleet (blocked, needs approval,
// pass; signed, unsigned, stale, tampered; a hostile install name; 24 more tenants), the matrix
// filtered, and a broken contract's error. At 1280, 1440 and 1920 px, light and dark. Not a
// test: a way to look at the screens.
//   node --import tsx e2e/capture-fleet-screens.ts   → test-results/screenshots/fleet-*.png
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeFleetFiles } from './fleet-fixtures';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';

const files = writeFleetFiles(24);
const app = await startApp({ seedDemo: false });

async function dropFiles(page: Page, folder: string): Promise<void> {
  const list = readdirSync(folder).sort().map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
  const dataTransfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([f.text], f.name));
    return dt;
  }, list);
  await page.getByTestId('fleet-contracts-drop').dispatchEvent('drop', { dataTransfer });
}

const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 1100 }, colorScheme });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Fleet preview' }).click();
    await page.getByRole('heading', { name: 'Fleet preview', level: 1 }).waitFor();
    const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `fleet-${name}-${width}-${colorScheme}.png`) });
    await shot('empty');
    await page.getByLabel('Release: choose a folder').setInputFiles(files.release);
    await dropFiles(page, files.contracts);
    await page.getByRole('table', { name: 'Fleet matrix' }).waitFor();
    await page.waitForTimeout(300);
    await shot('matrix');
    await page.getByLabel('Verdict').selectOption('blocked');
    await page.getByLabel('Contract signature').selectOption('not-signed');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForTimeout(200);
    await shot('filtered');
    await dropFiles(page, files.broken);
    await page.getByRole('alert').waitFor();
    await shot('error');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) console.log(`${width} ${colorScheme}: horizontal overflow ${overflow}px`);
    await context.close();
  }
}
await browser.close();
await app.stop();
console.log(`saved to ${SCREENSHOT_DIR}`);
