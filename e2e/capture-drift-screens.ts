// Issue 12 (drift review): the inbox with the demo's drift item, and the drift detail screen of
// the console-opened security group (one item acknowledged with a signed note, one open with the
// acknowledge form showing). At 1280, 1440 and 1920 px, light and dark. Not a test: a way to
// look at the screens.
//   node --import tsx e2e/capture-drift-screens.ts   → test-results/screenshots/drift-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';

const PASS = 'a long enough passphrase';
const app = await startApp({});
const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const key = await ok(app.call('createKey', { name: 'Alice (SecOps)', passphrase: PASS }));
const inbox = await ok(app.call('listInbox', {}));
const drift = inbox.drift?.[0];
if (!drift) throw new Error('the demo has no drift item');
const report = await ok(app.call('getDriftReport', { id: drift.id }));
const route = report.items.find((i) => i.kind === 'removed');
if (route) await ok(app.call('acknowledgeDrift', { key: route.key, note: 'Restore the peering route in 2.14.1 (ticket ACME-311)', mode: 'revert-by-vendor', keyId: key.keyId, passphrase: PASS }));

const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('link', { name: `Drift of ${drift.install}` }).waitFor();
    const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `drift-${name}-${width}-${colorScheme}.png`), fullPage: true });
    await page.waitForTimeout(300);
    await shot('inbox');
    await page.getByRole('link', { name: `Drift of ${drift.install}` }).click();
    await page.getByRole('heading', { name: `Drift of ${drift.install}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge…' }).first().click();
    // The screen scrolls inside the app's main area: a taller window shows the whole report.
    await page.setViewportSize({ width, height: 1500 });
    await page.waitForTimeout(300);
    await shot('detail');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) console.log(`${width} ${colorScheme}: horizontal overflow ${overflow}px`);
    await context.close();
  }
}
await browser.close();
await app.stop();
console.log(`saved to ${SCREENSHOT_DIR}`);
