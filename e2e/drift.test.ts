/**
 * Issue 12 (drift review) in real Chromium against the browser-mode host: the seeded demo's
 * drift (a console-opened security group) is its own inbox item; its detail screen shows the
 * field-level diff approved → live, the removed route and the contract's finding on the live
 * state; a reviewer acknowledges one item with a signed note and marks the other "to be
 * reverted by the vendor"; the inbox then shows it all acknowledged; a snapshot saved to the
 * watched drift/<install>/ folder shows as drift without a reload.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, ROOT, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const PASS = 'a long enough passphrase';

describe('drift in the inbox, its detail and signed acknowledgements (browser mode)', { timeout: 240_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];

  before(async () => {
    app = await startApp({ watch: true, watchSettleMs: 300 });
    const key = await app.call('createKey', { name: 'Alice (SecOps)', passphrase: PASS });
    assert.ok(key.ok, JSON.stringify(key));
    browser = await launchBrowser();
    ({ page, consoleErrors } = await openApp(browser, app));
    page.setDefaultTimeout(20_000);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('the demo drift is its own inbox item, with what drifted and how much is open', async () => {
    const drift = page.getByRole('region', { name: 'Drift' });
    await drift.getByRole('link', { name: 'Drift of prod-eu' }).waitFor();
    await drift.getByText('1 changed, 1 removed').waitFor();
    await drift.getByText('2 items to review').waitFor();
    await screenshot(page, 'drift-inbox');
  });

  test('the detail screen shows the field diff approved → live, the removed route and the finding under the contract', async () => {
    await page.getByRole('link', { name: 'Drift of prod-eu' }).click();
    await page.getByRole('heading', { name: 'Drift of prod-eu', level: 1 }).waitFor();
    const sg = page.getByRole('article', { name: 'Changed: module.network.aws_security_group.api' });
    const row = sg.getByRole('row', { name: /ingress\[1\]/ });
    await row.waitFor();
    assert.match(await row.innerText(), /\(absent\)[\s\S]*0\.0\.0\.0\/0/);
    assert.match(await sg.getByRole('list', { name: 'Findings on the live state' }).innerText(), /exposed to the internet: ingress tcp 22 from 0\.0\.0\.0\/0/);
    await page.getByRole('article', { name: 'Removed: module.network.aws_route.to_shared_services' }).getByText('Approved, but missing live.').waitFor();
    await screenshot(page, 'drift-detail');
  });

  test('acknowledge needs a note; signed, it shows on the item and the file is in the outbox', async () => {
    const sg = page.getByRole('article', { name: 'Changed: module.network.aws_security_group.api' });
    await sg.getByRole('button', { name: 'Acknowledge…' }).click();
    const form = sg.getByRole('form', { name: /Acknowledge the drift of module\.network\.aws_security_group\.api/ });
    await form.getByLabel('Passphrase').fill(PASS);
    await form.getByRole('button', { name: 'Sign the acknowledgement' }).click();
    await form.getByRole('alert').getByText(/Say why this drift is accepted/).waitFor();
    await form.getByLabel(/Note \(required\)/).fill('Opened during the outage of 28 Nov (INC-42); the vendor closes it in 2.14.1');
    await form.getByLabel('Passphrase').fill('wrong passphrase here');
    await form.getByRole('button', { name: 'Sign the acknowledgement' }).click();
    await form.getByRole('alert').getByText(/wrong passphrase/i).waitFor();
    await form.getByLabel('Passphrase').fill(PASS);
    await form.getByRole('button', { name: 'Sign the acknowledgement' }).click();
    await sg.getByText(/Acknowledged\s+by Alice \(SecOps\)/).waitFor();
    await page.getByRole('status').getByText(/The file for the vendor is in the outbox/).waitFor();
    const route = page.getByRole('article', { name: 'Removed: module.network.aws_route.to_shared_services' });
    await route.getByRole('button', { name: 'To be reverted by the vendor…' }).click();
    const revert = route.getByRole('form', { name: /to be reverted by the vendor/ });
    await revert.getByLabel(/Note for the vendor/).fill('Restore the peering route in the next release');
    await revert.getByLabel('Passphrase').fill(PASS);
    await revert.getByRole('button', { name: 'Sign: to be reverted by the vendor' }).click();
    await route.getByText(/To be reverted by the vendor\s+by Alice/).waitFor();
    await page.getByText('Every item is acknowledged.').waitFor();
    const dir = join(app.workspace, 'outbox', '_drift', 'prod-eu');
    const files = readdirSync(dir).filter((n) => n.startsWith('drift-acknowledgement-'));
    assert.equal(files.length, 2);
    const statements = files.map((f) => JSON.parse(Buffer.from((JSON.parse(readFileSync(join(dir, f), 'utf8')) as { payload: string }).payload, 'base64').toString('utf8')) as { predicateType: string; predicate: { mode: string } });
    assert.deepEqual(statements.map((s) => s.predicateType), Array(2).fill('https://countersign.dev/drift-acknowledgement/v1'));
    assert.deepEqual(statements.map((s) => s.predicate.mode).sort(), ['acknowledged', 'revert-by-vendor']);
    await screenshot(page, 'drift-acknowledged');
    await page.getByRole('link', { name: 'Inbox', exact: true }).first().click();
    await page.getByRole('region', { name: 'Drift' }).getByText('all acknowledged').waitFor();
  });

  test('a snapshot saved to the watched drift/<install>/ folder shows as drift without a reload', async () => {
    if (!page.url().endsWith('#/inbox')) await page.evaluate(() => { window.location.hash = '#/inbox'; });
    await page.getByRole('region', { name: 'Drift' }).getByRole('link', { name: 'Drift of prod-eu' }).waitFor();
    const folder = join(app.workspace, 'inbox', 'drift', 'staging-eu');
    mkdirSync(folder, { recursive: true });
    const text = readFileSync(join(ROOT, 'electron/demo/drift/prod-eu/refresh-plan.json'), 'utf8');
    writeFileSync(join(folder, '.plan.part'), text);
    renameSync(join(folder, '.plan.part'), join(folder, 'refresh-plan.json'));
    await page.getByRole('region', { name: 'Drift' }).getByRole('link', { name: 'Drift of staging-eu' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(consoleErrors, []);
  });
});
