// Captures the resource detail panel (attribute diff, images, finding card, side by side) at
// 1280, 1440 and 1920 px, light and dark, on the demo's blocked change set. Not a test: a way
// to look at the panel.
//   node --import tsx e2e/capture-detail-screens.ts [address part] [--sample-explanations]
//     → test-results/screenshots/detail-*.png
// --sample-explanations: until the host sends explanations (explain owner), findings without one
// get a made-up one in the browser, only to look at how the card shows it. Never a test.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startApp, SCREENSHOT_DIR } from './harness';

const app = await startApp();
const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const inbox = await ok(app.call('listInbox', {}));
const blocked = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!.digest;
const rows = await ok(app.call('listResources', { digest: blocked }));
const sample = process.argv.includes('--sample-explanations');
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
const picks = rows.filter((r) => (only ? r.address.includes(only) : r.findingCount > 0 || r.source === 'kubernetes')).slice(0, only ? 3 : 4);

const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme });
    const page = await context.newPage();
    if (sample) {
      await page.route('**/api/getResource', async (route) => {
        const res = await route.fetch();
        const body = await res.json() as { ok: boolean; value?: { findings: Record<string, unknown>[] } };
        for (const f of body.value?.findings ?? []) {
          if (f.explanation) continue;
          const condition = 'resource.type != "aws_db_instance" || !(resource.action in ["replace", "delete"]) && object.engine_version == oldObject.engine_version';
          const start = condition.indexOf('!(');
          const end = condition.indexOf(' &&');
          f.explanation = {
            condition, clause: { start, end, text: condition.slice(start, end) },
            parts: [{ start: start + 2, end: end - 1, text: condition.slice(start + 2, end - 1), value: 'true' }],
            values: [{ expression: 'resource.action', value: '"replace"' }, { expression: 'object.password', value: '(sensitive value)' }],
            element: { macro: 'all', variable: 'c', index: 1, value: '{"name":"web","image":"nginx:latest"}', list: 'object.spec.template.spec.containers', saw: 'false' },
            field: ['engine_version'],
          };
        }
        await route.fulfill({ response: res, json: body });
      });
    }
    await page.goto(app.url);
    for (const r of picks) {
      await page.evaluate((h) => { window.location.hash = h; }, `#/review/${encodeURIComponent(blocked)}/resource/${r.index}`);
      const panel = page.locator('.resource-detail');
      await panel.waitFor();
      const card = panel.locator('.finding-open').first();
      if (await card.count()) await card.click();
      // Every fold open: the picture shows the longest rows.
      for (let i = 0; i < 20; i++) {
        const fold = panel.getByRole('button', { name: /^Show /, expanded: false });
        if ((await fold.count()) === 0) break;
        await fold.first().click();
      }
      await page.waitForTimeout(800);
      const name = `detail-${r.address.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 40)}-${width}-${colorScheme}`;
      // The panel is taller than the window: a tall viewport for the picture, then back.
      await page.setViewportSize({ width, height: 2600 });
      await page.waitForTimeout(300);
      await panel.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
      await page.setViewportSize({ width, height: 1000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) console.log(`${name}: page overflows by ${overflow}px`);
    }
    const side = page.getByRole('button', { name: 'Side by side' });
    if (await side.count()) {
      await side.click();
      await page.locator('.monaco-diff-editor').waitFor();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `detail-side-by-side-${width}-${colorScheme}.png`) });
    }
    await context.close();
  }
}
await browser.close();
await app.stop();
console.log(`saved ${picks.map((p) => p.address).join(', ')} to ${SCREENSHOT_DIR}`);
