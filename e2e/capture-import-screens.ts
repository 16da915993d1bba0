// Issue 11 (imports, watched inbox, dates): the inbox with a bare-file change set (named after its
// file), a labelled one, a watched-folder failure notice and the import labels open; the review
// header of a labelled change set with its label editor; the audit and keys screens' dates. At
// 1280, 1440 and 1920 px, light and dark. Not a test: a way to look at the screens.
//   node --import tsx e2e/capture-import-screens.ts   → test-results/screenshots/imports-*.png
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT, SCREENSHOT_DIR, startApp } from './harness';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const release = readFileSync(join(ROOT, 'electron/demo/bundles/acme-2.13.2-chart-bump/k8s/release.yaml'), 'utf8');
const app = await startApp({ watch: true, watchSettleMs: 200 });
const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
await ok(app.call('importFiles', { files: [{ path: 'hotfix.yaml', dataBase64: b64(release.replace('replicas: 3', 'replicas: 5')) }] }));
const labelled = await ok(app.call('importFiles', { files: [{ path: 'plan-a.yaml', dataBase64: b64(release.replace('replicas: 3', 'replicas: 6')) }, { path: 'plan-b.yaml', dataBase64: b64('apiVersion: v1\nkind: Namespace\nmetadata: {name: billing}\n') }] }));
if (labelled.kind !== 'changeset') throw new Error('expected a change set');
await ok(app.call('setChangeSetLabels', { digest: labelled.digest, labels: { vendor: 'Globex', app: 'Billing API', release: '3.1.0' } }));
await ok(app.call('createKey', { name: 'Alice (SecOps)', passphrase: 'a long enough passphrase' }));
const hidden = join(app.workspace, 'inbox', '.broken.part');
writeFileSync(hidden, '{"format_version": "1.2", "resource_changes": [');
renameSync(hidden, join(app.workspace, 'inbox', 'broken.json'));
for (let i = 0; i < 50; i++) {
  const info = await ok(app.call('appInfo', {}));
  if ((info.watchProblems ?? []).length > 0) break;
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Review hotfix.yaml' }).waitFor();
    await page.getByText('Name what you import (optional)').click();
    const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `imports-${name}-${width}-${colorScheme}.png`), fullPage: true });
    await shot('inbox');
    await page.getByRole('link', { name: /^Review Billing API/ }).click();
    await page.getByRole('button', { name: 'Edit labels…' }).click();
    await page.getByRole('form', { name: 'Display labels' }).waitFor();
    await page.waitForTimeout(800);
    await shot('review');
    for (const [screen, heading] of [['audit', 'Audit log'], ['keys', 'Keys & trust']] as const) {
      await page.evaluate((h) => { window.location.hash = h; }, `#/${screen}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor().catch(() => undefined);
      await page.waitForTimeout(500);
      await shot(screen);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) console.log(`${width} ${colorScheme}: horizontal overflow ${overflow}px`);
    await context.close();
  }
}
await browser.close();
await app.stop();
console.log(`saved to ${SCREENSHOT_DIR}`);
