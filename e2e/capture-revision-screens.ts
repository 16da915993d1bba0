// Captures the policy editor (builder + CEL), its tests, the revisions diff and the publish
// dialog at 1280, 1440 and 1920 px, light and dark, on the demo workspace with an own policy,
// a captured test, a roster and three revisions seeded through the API. Not a test: a way to
// look at the screens.
//   node --import tsx e2e/capture-revision-screens.ts   → test-results/screenshots/editor-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';
import { goto, ok } from './editor-steps';

const POLICY = 'approved-images-outside-default';
const KEY = { name: 'Alice (SecOps)', passphrase: 'a long enough passphrase' };
const app = await startApp();
try {
  const key = await ok(app.call('createKey', KEY));
  const pem = (await ok(app.call('exportPublicKey', { keyId: key.keyId }))).pem;
  const saved = await ok(app.call('getContract', {}));
  const contract = saved.name;
  const edit = async (text: string, edits: Parameters<typeof app.call<'editContractDraft'>>[1]['edits']) => {
    const d = await ok(app.call('editContractDraft', { contract, text, edits }));
    if (d.problems.length) throw new Error(d.problems.map((p) => p.message).join('\n'));
    return d.text;
  };
  let text = await edit(saved.text ?? '', [{
    op: 'addPolicy', policy: {
      id: POLICY, title: 'Workloads outside default use approved images', severity: 'high', enforcement: 'approval',
      match: { sources: ['kubernetes'], types: ['Deployment', 'StatefulSet'], actions: ['create', 'update'] },
      condition: 'resource.namespace != "default" && resource.containers.all(c, c.image.startsWith("ghcr.io/acme/")) && size(resource.address) > 0',
      message: '{{ resource.address }} runs an image from outside ghcr.io/acme/',
    },
  }]);
  await ok(app.call('saveContract', { contract, text, comment: 'Own policy: approved images outside default', keyId: key.keyId }));
  const blocked = (await ok(app.call('listInbox', {}))).groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!;
  const resource = (await ok(app.call('listResources', { digest: blocked.digest }))).find((r) => r.source === 'kubernetes' && r.type === 'Deployment')!;
  text = (await ok(app.call('captureTest', { contract, text, digest: blocked.digest, resourceIndex: resource.index, policy: POLICY, name: `${resource.address} as it is now` }))).text;
  text = await edit(text, [{ op: 'upsertReviewer', entry: { name: KEY.name, email: 'alice@example.com', fingerprint: key.keyId, publicKey: pem, roles: ['approver', 'contract-owner'] } }]);
  await ok(app.call('saveContract', { contract, text, comment: 'Test from the 2.14.0 change set; Alice as owner', keyId: key.keyId }));

  const browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const shot = (l: Locator, name: string) => l.screenshot({ path: join(SCREENSHOT_DIR, `editor-${name}.png`) });
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 1440, 1920]) {
      const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme });
      const page = await context.newPage();
      await page.goto(app.url);
      await goto(page, `#/contract/${encodeURIComponent(contract)}/${POLICY}`);
      const logic = page.getByRole('region', { name: `Logic of ${POLICY}` });
      await logic.getByTestId('cel-status-condition').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(800);
      await shot(logic, `builder-${width}-${colorScheme}`);
      const tests = page.getByRole('region', { name: `Tests of ${POLICY}` });
      await tests.getByTestId('test-summary').waitFor();
      await shot(tests, `tests-${width}-${colorScheme}`);
      const diff = page.getByRole('region', { name: /^Changes from revision/ });
      await diff.getByTestId('resource-diff').waitFor();
      await page.waitForTimeout(800);
      await shot(diff, `diff-${width}-${colorScheme}`);
      await page.getByRole('button', { name: 'Publish…' }).click();
      const publish = page.getByRole('dialog', { name: 'Publish revision' });
      await publish.waitFor();
      await shot(publish, `publish-${width}-${colorScheme}`);
      await shot(page.getByRole('region', { name: 'Reviewer roster' }).last(), `roster-${width}-${colorScheme}`);
      await context.close();
    }
  }
  await browser.close();
  console.log(`saved to ${SCREENSHOT_DIR}`);
} finally {
  await app.stop();
}
