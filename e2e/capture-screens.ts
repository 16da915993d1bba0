// Captures the review and sign screens at 1280, 1440 and 1920 px, light and dark, on the demo
// workspace plus two inputs that exercise issue-7 states: a Terraform plan whose tags and image
// are known only after apply (unknown findings) and a manifest kubectl reads differently
// (an input-integrity finding). Not a test: a way to look at the screens.
//   node --import tsx e2e/capture-screens.ts   → test-results/screenshots/screens-*.png
import { launchBrowser, startApp, SCREENSHOT_DIR } from './harness';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const plan = JSON.stringify({
  format_version: '1.2', terraform_version: '1.9.0',
  resource_changes: [
    { address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: { bucket: 'acme-logs', tags: null }, after_unknown: { tags_all: true, arn: true, acl: true } } },
    { address: 'aws_lambda_function.export', mode: 'managed', type: 'aws_lambda_function', name: 'export', provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: { function_name: 'export', package_type: 'Image', tags: { Owner: 'acme' } }, after_unknown: { image_uri: true, tags_all: true } } },
  ],
});
const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: agent, namespace: acme-analytics}\nspec:\n  template:\n    spec:\n      hostNetwork: on\n      containers:\n        - name: agent\n          image: registry.acme.example/agent:1.2.0\n          securityContext: {privileged: yes}\n          resources: {limits: {cpu: .nan, memory: 128Mi}}\n';

const app = await startApp();
const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const imported = await ok(app.call('importFiles', { files: [{ path: 'acme-2.15.0-plan.json', dataBase64: b64(plan) }] }));
const ambiguous = await ok(app.call('importFiles', { files: [{ path: 'agent.yaml', dataBase64: b64(manifest) }] }));
const digestOf = (r: { readonly digest: string | null }) => r.digest ?? '';
const key = await ok(app.call('createKey', { name: 'Alice (SecOps)', passphrase: 'a long enough passphrase' }));
const inbox = await ok(app.call('listInbox', {}));
const blocked = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!.digest;
await ok(app.call('requestException', {
  digest: blocked, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }], justification: 'Agreed with the DBA team for the 2.14 migration',
  expires: new Date(Date.now() + 5 * 86_400_000).toISOString(), scope: 'changeset', keyId: key.keyId, passphrase: 'a long enough passphrase',
}));

const browser = await launchBrowser();
mkdirSync(SCREENSHOT_DIR, { recursive: true });
const targets: [string, string][] = [['blocked', blocked], ['unknown', digestOf(imported)], ['ambiguous', digestOf(ambiguous)]];
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme });
    const page = await context.newPage();
    await page.goto(app.url);
    for (const [name, digest] of targets) {
      await page.evaluate((h) => { window.location.hash = h; }, `#/review/${encodeURIComponent(digest)}`);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `screens-${name}-${width}-${colorScheme}.png`), fullPage: false });
      if (name === 'blocked') {
        // The exception as the reviewer sees it: what it waives and each finding it covers.
        const item = page.getByRole('article', { name: /^Exception db-no-replace/ });
        await item.scrollIntoViewIfNeeded();
        await item.screenshot({ path: join(SCREENSHOT_DIR, `screens-exception-${width}-${colorScheme}.png`) });
      }
    }
    await context.close();
  }
}
await browser.close();
await app.stop();
console.log(`saved to ${SCREENSHOT_DIR}`);
