/**
 * The reviewer roster and signed publication end to end (Chromium, browser-mode host, real
 * core): add two workspace keys to the roster (Alice: approver + contract owner, Bob:
 * approver), save, publish with Alice; Bob approves a change set; the real `countersign
 * verify --trust alice.pem` accepts the published contract and Bob's approval. Then Bob is
 * revoked, the revision published again, and the same approval no longer verifies.
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureCliBuilt } from '../electron/core/testing/built-cli';
import { addLegacyReviewerKeyAt } from '../electron/core/testing/legacy-keys';
import { launchBrowser, openApp, ROOT, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';
import { goto, ok, stepper, watchErrors } from './editor-steps';

const ALICE = { name: 'Alice Owner', passphrase: 'correct horse battery staple 7' };
const BOB = { name: 'Bob Approver', passphrase: 'purple monkey dishwasher 77' };

describe('roster, publication and verify (browser mode, real core)', { timeout: 400_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  const ids = { alice: '', bob: '' };
  let approved = { digest: '', release: '' };
  /** The contract file of the latest publication, as the Published dialog lists it. */
  let published = '';
  const tmp = mkdtempSync(join(tmpdir(), 'countersign-e2e-roster-'));
  const alicePem = join(tmp, 'alice.pem');
  const step = stepper();
  const roster = () => page.getByRole('region', { name: 'Reviewer roster' }).last();

  before(async () => {
    ensureCliBuilt();
    app = await startApp();
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app));
    page.setDefaultTimeout(20_000);
    errors = watchErrors(page);
    ids.alice = (await ok(app.call('createKey', ALICE))).keyId;
    // Bob's key in the same workspace, as one made before one personal key per workspace holds it.
    ids.bob = await addLegacyReviewerKeyAt(join(app.workspace, 'countersign.db'), BOB);
    writeFileSync(alicePem, (await ok(app.call('exportPublicKey', { keyId: ids.alice }))).pem);
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const addReviewer = async (name: string, keyId: string, email: string, roles: readonly string[]) => {
    await roster().getByRole('button', { name: 'Add a reviewer…' }).click();
    const form = roster().getByRole('form', { name: 'Add a reviewer' });
    await form.getByLabel('Key').selectOption(keyId);
    await form.getByLabel('E-mail').fill(email);
    for (const role of ['Approver', 'Exception signer', 'Contract owner', 'Vendor release']) {
      const box = form.getByLabel(role, { exact: true });
      if ((await box.isChecked()) !== roles.includes(role)) await box.click();
    }
    await form.getByRole('button', { name: 'Add to the roster' }).click();
    await form.waitFor({ state: 'detached' });
    await roster().getByRole('table', { name: 'Reviewers' }).getByRole('cell', { name: new RegExp(`^${name}`) }).waitFor();
  };
  const save = async (comment: string, revision: number) => {
    await page.getByRole('button', { name: 'Save draft as revision…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save revision' });
    await dialog.getByLabel('What changed and why').fill(comment);
    await dialog.getByLabel('Author (your key)').selectOption(ids.alice);
    await dialog.getByRole('button', { name: 'Save revision' }).click();
    await page.getByTestId(`revision-${revision}`).waitFor();
  };
  const publish = async (revision: number) => {
    await roster().getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish revision' });
    await dialog.getByLabel('Revision').selectOption(String(revision));
    await dialog.getByLabel(`Passphrase of ${ALICE.name}`).fill(ALICE.passphrase);
    await screenshot(page, `publish-dialog-${revision}`);
    await dialog.getByRole('button', { name: 'Sign and publish' }).click();
    const done = page.getByRole('dialog', { name: 'Published' });
    const files = done.getByRole('list', { name: 'Written files' });
    await files.getByText(/\.publication\.json$/).waitFor();
    const names = await files.locator('summary code').allTextContents();
    await screenshot(page, `published-${revision}`);
    await done.getByRole('button', { name: 'Close' }).click();
    const contractFile = names.find((n) => /\.ya?ml$/.test(n));
    assert.ok(contractFile, `the published files include the contract: ${names.join(', ')}`);
    published = contractFile;
  };
  const verify = () => {
    const outbox = join(app.workspace, 'outbox');
    const contractFile = published;
    assert.ok(readdirSync(outbox).includes(contractFile), `the published contract ${contractFile} is in the outbox: ${readdirSync(outbox).join(', ')}`);
    const bundle = readdirSync(join(ROOT, 'electron/demo/bundles')).find((b) => b.startsWith(`acme-${approved.release}-`))!;
    // The publication sits at the top of the outbox; the decisions in the change set's own folder (vendor/install/release/digest).
    const publications = readdirSync(outbox).filter((n) => n.endsWith('.publication.json')).flatMap((n) => ['--publication', join(outbox, n)]);
    const folder = (readdirSync(outbox, { recursive: true }) as string[]).find((n) => n.endsWith(approved.digest.slice('sha256:'.length)));
    assert.ok(folder, `the approved change set has its folder in the outbox: ${readdirSync(outbox).join(', ')}`);
    return spawnSync(process.execPath, [
      join(ROOT, 'electron/cli/countersign.mjs'), 'verify', '--changeset', join('electron/demo/bundles', bundle),
      '--contract', join(outbox, contractFile), '--attestations', join(outbox, folder), ...publications, '--trust', alicePem,
    ], { cwd: ROOT, encoding: 'utf8' });
  };

  step('two workspace keys are added to the roster with their roles, and saved', async () => {
    await goto(page, '#/contract');
    await roster().waitFor();
    await addReviewer(ALICE.name, ids.alice, 'alice@example.com', ['Approver', 'Contract owner']);
    await addReviewer(BOB.name, ids.bob, 'bob@example.com', ['Approver']);
    await save('Roster: Alice (owner), Bob', 2);
  });

  step('revision 2 is published with the contract owner key; the files are shown', async () => {
    await publish(2);
    await page.getByTestId('revision-2').getByText(/published/).waitFor();
  });

  step('Bob approves a change set; verify --trust alice.pem accepts the publication and the approval', async () => {
    const items = (await ok(app.call('listInbox', {}))).groups.flatMap((g) => g.items);
    const item = items.find((i) => i.verdict === 'needs-approval');
    assert.ok(item, `a change set that needs approval: ${items.map((i) => `${i.release}:${i.verdict}`).join(', ')}`);
    approved = { digest: item.digest, release: item.release };
    await ok(app.call('approve', { digest: item.digest, keyId: ids.bob, passphrase: BOB.passphrase, comment: 'ok' }));
    const run = verify();
    assert.equal(run.status, 0, `countersign verify failed:\n${run.stdout}\n${run.stderr}`);
  });

  step("Bob is revoked and the roster published again: Bob's approval no longer verifies", async () => {
    await goto(page, '#/contract');
    const row = roster().getByRole('row').filter({ hasText: BOB.name });
    await row.getByRole('button', { name: 'Revoke…' }).click();
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await row.getByText(/^revoked/).waitFor();
    await save('Revoke Bob', 3);
    await publish(3);
    const run = verify();
    assert.notEqual(run.status, 0, `a revoked reviewer's approval must not verify:\n${run.stdout}`);
    assert.match(`${run.stdout}\n${run.stderr}`, /revoked/i);
  });

  step('no errors in the console', async () => {
    assert.deepEqual(errors, []);
  });
});
