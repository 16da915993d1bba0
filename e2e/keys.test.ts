/**
 * One personal key per workspace, end to end (Chromium, browser-mode host, real core): a key
 * is created in the Keys screen, after which the create form gives way to "Rotate key" and the
 * API refuses a second key; the key is a contract owner of a published rostered contract, and
 * rotating it from the Keys screen revokes it, saves and publishes the next revision signed by
 * the new key, and says so. The audit names the reviewer for the rotation.
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';
import { goto, ok, stepper, watchErrors } from './editor-steps';

const ALICE = { name: 'Alice Owner', passphrase: 'correct horse battery staple 7' };
const NEW_PASSPHRASE = 'a brand new passphrase 2026';

describe('personal key: create once, rotate (browser mode, real core)', { timeout: 300_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let alice = '';
  const step = stepper();

  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app, { viewport: { width: 1440, height: 1000 } }));
    page.setDefaultTimeout(20_000);
    errors = watchErrors(page);
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  step('a key is created in the Keys screen; then the create form is gone and Rotate key offered', async () => {
    await goto(page, '#/keys');
    const form = page.getByRole('form', { name: 'Create a signing key' });
    await form.getByLabel('Key name').fill(ALICE.name);
    await form.getByLabel('Passphrase', { exact: true }).fill(ALICE.passphrase);
    await form.getByLabel('Repeat passphrase').fill(ALICE.passphrase);
    await form.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('table', { name: 'My signing keys' }).getByRole('cell', { name: ALICE.name, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Rotate key' }).waitFor();
    assert.equal(await form.count(), 0, 'no create form while a personal key is in force');
    await page.getByText('One person signs with one key', { exact: false }).waitFor();
    alice = (await ok(app.call('listKeys', {}))).reviewerKeys[0]!.keyId;
  });

  step('a second key is refused by the API, naming the key held and rotate', async () => {
    const second = await app.call('createKey', { name: 'Alice laptop', passphrase: ALICE.passphrase });
    assert.equal(second.ok, false);
    assert.equal(!second.ok && second.code, 'conflict');
    assert.match(!second.ok ? second.message : '', new RegExp(`already holds your personal key Alice Owner \\(${alice}\\); rotate it to replace it`));
    assert.equal((await ok(app.call('listKeys', {}))).reviewerKeys.length, 1);
  });

  step('with Alice as contract owner of the published contract, Rotate key replaces her key and publishes the next revision', async () => {
    const view = await ok(app.call('getContract', {}));
    const pem = (await ok(app.call('exportPublicKey', { keyId: alice }))).pem;
    assert.ok(view.text, 'the demo contract has its text');
    const text = `${view.text.replace('countersign.dev/v2', 'countersign.dev/v3')}roster: ${JSON.stringify([
      { name: 'Alice Owner', email: 'alice@example.com', fingerprint: alice, publicKey: pem, roles: ['contract-owner', 'approver', 'exception-signer'] },
    ])}\n`;
    const saved = await ok(app.call('saveContract', { contract: view.name, text, comment: 'roster', keyId: alice }));
    await ok(app.call('publishContract', {
      contract: view.name, revision: saved.revision.revision, signers: [{ keyId: alice, passphrase: ALICE.passphrase }],
      notAfter: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }));

    await page.getByRole('button', { name: 'Rotate key' }).click();
    const form = page.getByRole('form', { name: 'Rotate your signing key' });
    await form.getByLabel('Passphrase of the current key').fill('not the passphrase at all');
    await form.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
    await form.getByLabel('Repeat new passphrase').fill(NEW_PASSPHRASE);
    await form.getByRole('button', { name: 'Rotate key' }).click();
    await form.getByText('wrong passphrase', { exact: false }).waitFor();
    assert.deepEqual((await ok(app.call('listKeys', {}))).reviewerKeys.map((k) => k.revokedAt), [null], 'a refused rotation changes nothing');

    await form.getByLabel('Passphrase of the current key').fill(ALICE.passphrase);
    await form.getByRole('button', { name: 'Rotate key' }).click();
    const result = page.getByRole('status', { name: 'Key rotated' });
    // Three scrypt key stretches and a publication: give a loaded machine time.
    await result.getByText(`${view.name}`, { exact: true }).waitFor({ timeout: 90_000 }).catch(async (err: unknown) => {
      await screenshot(page, 'keys-rotate-failed');
      throw err;
    });
    await result.getByText(`saved and published revision ${saved.revision.revision + 1}, signed by the new key`, { exact: false }).waitFor();

    const keys = (await ok(app.call('listKeys', {}))).reviewerKeys;
    assert.equal(keys.length, 2);
    assert.notEqual(keys.find((k) => k.keyId === alice)!.revokedAt, null, 'the old key is revoked');
    const current = keys.find((k) => k.revokedAt === null)!;
    await result.getByText(current.keyId, { exact: true }).waitFor();
    const revisions = await ok(app.call('listContractRevisions', { contract: view.name }));
    const latest = revisions.find((r) => r.revision === saved.revision.revision + 1);
    assert.ok(latest, JSON.stringify(revisions.map((r) => r.revision)));
    assert.equal(latest.published, true, 'the new revision is published');
    assert.equal(latest.authorKeyId, current.keyId, 'saved by the new key');
    // Still one personal key: the create form stays hidden.
    assert.equal(await page.getByRole('form', { name: 'Create a signing key' }).count(), 0);
    // Every cell of a key's row is as tall as the row (the actions cell too): the row's rule is one straight line.
    for (const row of await page.getByRole('table', { name: 'My signing keys' }).locator('tbody tr').all()) {
      const heights = await row.locator('td').evaluateAll((tds) => tds.map((td) => Math.round(td.getBoundingClientRect().height)));
      assert.equal(new Set(heights).size, 1, `cell heights ${heights.join(', ')}`);
    }
    // Both keys carry Alice's name: the revoked one is muted, the one in force is not.
    const opacityOf = (id: string) => page.getByRole('table', { name: 'My signing keys' }).locator('tbody tr').filter({ hasText: id.slice(7, 30) })
      .locator('td').first().evaluate((td) => Number(getComputedStyle(td).opacity));
    assert.ok(await opacityOf(alice) < 1, 'the revoked key is muted');
    assert.equal(await opacityOf(current.keyId), 1);
    await screenshot(page, 'keys-rotated-1440-light');
  });

  step('the audit log names the reviewer for the rotation and the OS user for the import', async () => {
    await goto(page, '#/audit');
    const table = page.getByRole('table', { name: 'Audit entries' });
    const rotate = table.getByRole('row').filter({ has: page.getByText('key.rotate', { exact: true }) });
    await rotate.waitFor();
    assert.match(await rotate.textContent() ?? '', /Alice Owner [0-9a-f]{12}…/);
    assert.equal(await table.getByText('desktop', { exact: true }).count(), 0);
    assert.deepEqual(errors, []);
  });
});
