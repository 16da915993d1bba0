/**
 * Co-signing across two machines (issue 10), in real Chromium against two browser-mode hosts
 * with separate workspaces: Alice sends a signing request from the review screen, Bob drops it
 * on his inbox (the review opens saying what awaits him) and co-signs with the normal form,
 * Alice drops Bob's signed file on her inbox and is told "now 2 of 2".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const PASS = { alice: 'correct horse battery staple 1', bob: 'purple monkey dishwasher 22' };
const UI_TIMEOUT = 20_000;

async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

describe('co-signing across two workspaces (browser mode, real core)', { timeout: 300_000 }, () => {
  let a: RunningApp;
  let b: RunningApp;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let digest = '';

  before(async () => {
    [a, b] = await Promise.all([startApp(), startApp()]);
    browser = await launchBrowser();
    ({ page: pageA } = await openApp(browser, a));
    ({ page: pageB } = await openApp(browser, b));
    pageA.setDefaultTimeout(UI_TIMEOUT);
    pageB.setDefaultTimeout(UI_TIMEOUT);
    // Alice owns the contract: revision with a roster of Alice and Bob, published by Alice. Bob trusts Alice's key.
    const alice = await ok(a.call('createKey', { name: 'Alice', passphrase: PASS.alice }));
    const bob = await ok(b.call('createKey', { name: 'Bob', passphrase: PASS.bob }));
    const alicePem = (await ok(a.call('exportPublicKey', { keyId: alice.keyId }))).pem;
    const bobPem = (await ok(b.call('exportPublicKey', { keyId: bob.keyId }))).pem;
    const view = await ok(a.call('getContract', { contract: 'acme-prod-eu' }));
    const roster = [
      { name: 'Alice', email: '', fingerprint: alice.keyId, publicKey: alicePem, roles: ['contract-owner', 'approver', 'exception-signer'] },
      { name: 'Bob', email: '', fingerprint: bob.keyId, publicKey: bobPem, roles: ['approver', 'exception-signer'] },
    ];
    const saved = await ok(a.call('saveContract', { contract: 'acme-prod-eu', text: `${view.text}roster: ${JSON.stringify(roster)}\n`, comment: 'roster', keyId: alice.keyId }));
    await ok(a.call('publishContract', { contract: 'acme-prod-eu', revision: saved.revision.revision, signers: [{ keyId: alice.keyId, passphrase: PASS.alice }], notAfter: new Date(Date.now() + 30 * 86_400_000).toISOString() }));
    await ok(b.call('trustKey', { pem: alicePem, name: 'Alice', role: 'contract-owner' }));
    const inbox = await ok(a.call('listInbox', {}));
    digest = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!.digest;
    await ok(a.call('requestException', {
      digest, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }], justification: 'Agreed with the DBA team',
      expires: new Date(Date.now() + 5 * 86_400_000).toISOString(), scope: 'changeset', keyId: alice.keyId, passphrase: PASS.alice,
    }));
  });

  after(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  test('Alice sends, Bob receives and co-signs, Alice imports his signature: 2 of 2', async () => {
    await pageA.evaluate(`window.location.hash = ${JSON.stringify(`#/review/${encodeURIComponent(digest)}`)}`);
    const panelA = pageA.getByRole('complementary', { name: 'Sign' });
    await panelA.getByRole('button', { name: 'Send for co-signature' }).click();
    const written = panelA.getByRole('status', { name: 'Signing request written' });
    await written.waitFor();
    await written.scrollIntoViewIfNeeded();
    await screenshot(pageA, 'cosign-sent');
    const requestPath = (await written.locator('code').first().textContent())!;
    assert.match(requestPath, /Acme_Analytics-2\.14\.0-[0-9a-f]{12}\.countersign-request\.json$/);
    await written.getByText('signature so far', { exact: false }).waitFor();

    // Bob drops the file on his inbox: the review opens and says what awaits him.
    await pageB.getByLabel(/^Import files/).setInputFiles(requestPath);
    const banner = pageB.getByTestId('awaiting-signature');
    await banner.filter({ hasText: 'Signing request from Alice: exception' }).waitFor();
    await banner.scrollIntoViewIfNeeded();
    await screenshot(pageB, 'cosign-received');
    const panelB = pageB.getByRole('complementary', { name: 'Sign' });
    const exceptions = await ok(b.call('listExceptions', { digest }));
    assert.equal(exceptions.length, 1);
    const ex = exceptions[0]!;
    const item = panelB.getByRole('article', { name: `Exception ${ex.policy} on ${ex.resource}` });
    await item.getByTestId('signature-count').filter({ hasText: '1 of 2 signatures' }).waitFor();
    const cosign = item.getByRole('form', { name: `Sign Exception ${ex.policy} on ${ex.resource}` });
    await cosign.getByLabel('Passphrase').fill(PASS.bob);
    await cosign.getByRole('button', { name: 'Sign exception' }).click();
    await item.getByTestId('signature-count').filter({ hasText: '2 of 2 signatures' }).waitFor();
    await banner.waitFor({ state: 'detached' });

    // Alice drops Bob's signed file on her inbox: recognised as an attestation, 2 of 2.
    // Bob's copy is in his outbox, in the change set's own folder (vendor/install/release/digest).
    const signedPath = (await ok(b.call('listExceptions', { digest }))).find((e) => e.id === ex.id)!.file;
    assert.ok(signedPath.startsWith(join(b.workspace, 'outbox')) && signedPath.includes(digest.slice('sha256:'.length)));
    await pageA.evaluate(`window.location.hash = '#/'`);
    await pageA.getByLabel(/^Import files/).setInputFiles(signedPath);
    const notice = pageA.getByRole('status', { name: 'Signed files imported' });
    await notice.getByText(/^1 signature recorded: exception sha256:[0-9a-f]{12}… now 2 of 2$/).waitFor();
    await screenshot(pageA, 'cosign-recorded');
    // Alice's review counts Bob's signature (the roster lists his key): the exception is in force.
    await notice.getByRole('link', { name: 'Open the review' }).click();
    const itemA = pageA.getByRole('complementary', { name: 'Sign' }).getByRole('article', { name: `Exception ${ex.policy} on ${ex.resource}` });
    await itemA.getByTestId('signature-count').filter({ hasText: '2 of 2 signatures' }).waitFor();
    await itemA.getByText('in force', { exact: true }).waitFor();
  });
});
