/**
 * Sign-off between two people on two machines (issue 10), in real Chromium against two
 * browser-mode hosts with separate workspaces. Alice (host A) owns the contract (a roster of
 * Alice and Bob, published by her); Bob (host B) trusts her key. Through the UI: Alice picks
 * "All deny findings" of the blocked demo change set, signs ONE batch exception and sends it for
 * co-signature; Bob drops the request on his inbox, sees the same review and signs; Alice drops
 * his signed file on her inbox, approves (quorum 1): final. Verify as the vendor will passes
 * under that revision only; a contract edit makes the approval stale; revoking Bob in the
 * roster makes his exception signature stop counting (`revoked-key`).
 * Setup (keys, roster, publishing) goes through the API, as an admin would script it.
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { ok, stepper, watchErrors } from './editor-steps';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';
import { blockedDenyPoliciesAt } from '../electron/core/testing/maintenance-window';

const PASS = { alice: 'correct horse battery staple 1', bob: 'purple monkey dishwasher 22' };
const JUSTIFICATION = 'Database migration window agreed with the vendor for 2.14.0.';
const BATCH = 'Exception db-no-replace, k8s-resource-limits, maintenance-window on 3 resources';
const DAY = 86_400_000;

interface RosterKey { readonly name: string; readonly keyId: string; readonly pem: string; readonly roles: readonly string[]; readonly revoked?: string }

describe('sign-off between two workspaces (browser mode, real core)', { timeout: 600_000 }, () => {
  let a: RunningApp;
  let b: RunningApp;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let errorsA: string[] = [];
  let errorsB: string[] = [];
  let digest = '';
  let baseText = '';
  let alice: RosterKey;
  let bob: RosterKey;
  const revisions: number[] = [];
  const step = stepper();
  const goto = (page: Page, hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  const panel = (page: Page) => page.getByRole('complementary', { name: 'Sign' });
  const rosterText = (keys: readonly RosterKey[]) => `roster: ${JSON.stringify(keys.map((k) => ({
    name: k.name, email: '', fingerprint: k.keyId, publicKey: k.pem, roles: k.roles, ...(k.revoked ? { revoked: k.revoked } : {}),
  })))}\n`;
  /** Saves and publishes (signed by Alice) a new revision of the contract on A: its number. */
  const publish = async (text: string, comment: string): Promise<number> => {
    const saved = await ok(a.call('saveContract', { contract: 'acme-prod-eu', text, comment, keyId: alice.keyId }));
    const n = saved.revision.revision;
    await ok(a.call('publishContract', { contract: 'acme-prod-eu', revision: n, signers: [{ keyId: alice.keyId, passphrase: PASS.alice }], notAfter: new Date(Date.now() + 30 * DAY).toISOString() }));
    revisions.push(n);
    return n;
  };
  /** Clicks "Verify as the vendor will" on A's review: the verdict element once shown. */
  const verifyAsVendor = async (expect: 'Passes' | 'Blocked'): Promise<{ verdict: Locator; reasons: string[]; notes: string[] }> => {
    const handoff = panel(pageA).getByRole('region', { name: 'Hand over to the vendor' });
    await handoff.getByRole('button', { name: 'Verify as the vendor will' }).click();
    const verdict = handoff.getByTestId('vendor-verify').filter({ hasText: expect });
    await verdict.waitFor();
    const reasons = await verdict.getByTestId('vendor-verify-reasons').locator('li').allTextContents();
    const summary = verdict.locator('details > summary');
    if (await summary.count() > 0) await summary.click();
    const notes = await verdict.locator('details li').allTextContents();
    return { verdict, reasons, notes };
  };
  /** The names on an exception's "Signed by A (id), B (id). File: …" line, sorted. */
  const signers = async (item: Locator): Promise<string[]> => {
    const line = (await item.locator('p.hint').filter({ hasText: /^Signed by / }).textContent()) ?? '';
    return [...line.replace(/\. File:.*$/s, '').matchAll(/(?:by |, )([^,(]+) \(/g)].map((m) => m[1]!.trim()).sort();
  };
  /** A's inbox row of the blocked change set. */
  const inboxRow = () => pageA.getByRole('row').filter({ has: pageA.getByRole('link', { name: /to 2\.14\.0$/ }) });
  /** A's review, reloaded: the contract was changed over the API, behind the renderer's caches. */
  const reviewA = async () => {
    await goto(pageA, `#/review/${digest}`);
    await pageA.reload();
    await panel(pageA).getByTestId('decision-state').waitFor();
  };

  before(async () => {
    [a, b] = await Promise.all([startApp(), startApp()]);
    browser = await launchBrowser();
    ({ page: pageA } = await openApp(browser, a, { viewport: { width: 1440, height: 900 } }));
    ({ page: pageB } = await openApp(browser, b, { viewport: { width: 1440, height: 900 } }));
    pageA.setDefaultTimeout(30_000);
    pageB.setDefaultTimeout(30_000);
    errorsA = watchErrors(pageA);
    errorsB = watchErrors(pageB);
    const aliceKey = await ok(a.call('createKey', { name: 'Alice', passphrase: PASS.alice }));
    const bobKey = await ok(b.call('createKey', { name: 'Bob', passphrase: PASS.bob }));
    alice = { name: 'Alice', keyId: aliceKey.keyId, pem: (await ok(a.call('exportPublicKey', { keyId: aliceKey.keyId }))).pem, roles: ['contract-owner', 'approver', 'exception-signer'] };
    bob = { name: 'Bob', keyId: bobKey.keyId, pem: (await ok(b.call('exportPublicKey', { keyId: bobKey.keyId }))).pem, roles: ['approver', 'exception-signer'] };
    baseText = (await ok(a.call('getContract', { contract: 'acme-prod-eu' }))).text ?? '';
    assert.match(baseText, /approvals: \{quorum: 1, exceptionQuorum: 2, maxExceptionDays: 30\}/, 'the demo contract: 1 approval, 2 signatures per exception');
    await publish(`${baseText}${rosterText([alice, bob])}`, 'roster: Alice and Bob');
    await ok(b.call('trustKey', { pem: alice.pem, name: 'Alice', role: 'contract-owner' }));
    digest = (await ok(a.call('listInbox', {}))).groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!.digest;
  });

  after(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  step('A: one batch exception for all deny findings, sent for co-signature', async () => {
    await goto(pageA, `#/review/${digest}`);
    const picker = panel(pageA).getByRole('group', { name: 'Findings to waive' });
    await picker.getByRole('button', { name: 'All deny findings' }).click();
    await picker.getByTestId('picker-counts').filter({ hasText: '3 selected' }).waitFor();
    const request = panel(pageA).getByRole('form', { name: 'Request exception' });
    await request.getByRole('region', { name: 'Findings this exception waives' }).getByTestId('waiver-preview-total').filter({ hasText: '3 findings in 3 policies will be waived' }).waitFor();
    await request.getByLabel('Justification').fill(JUSTIFICATION);
    await request.getByLabel('Signing key').selectOption(alice.keyId);
    await request.getByLabel('Passphrase').fill(PASS.alice);
    await request.getByRole('button', { name: 'Sign exception for 3 findings' }).click();
    const item = panel(pageA).getByRole('article', { name: BATCH });
    await item.getByTestId('signature-count').filter({ hasText: '1 of 2 signatures' }).waitFor();
    await item.getByTestId('exception-state').filter({ hasText: 'needs 1 more signature' }).waitFor();

    await panel(pageA).getByRole('button', { name: 'Send for co-signature' }).click();
    const written = panel(pageA).getByRole('status', { name: 'Signing request written' });
    await written.getByText('1 signature so far', { exact: false }).waitFor();
    await written.scrollIntoViewIfNeeded();
    await screenshot(pageA, 'signoff-a-request-sent');
  });

  step('B: drops the request on the inbox, sees the same review and justification, signs with the normal form', async () => {
    const requestPath = (await panel(pageA).getByRole('status', { name: 'Signing request written' }).locator('code').first().textContent())!;
    assert.match(requestPath, /\.countersign-request\.json$/);
    await pageB.getByLabel(/^Import files/).setInputFiles(requestPath);
    await pageB.getByTestId('awaiting-signature').filter({ hasText: 'Signing request from Alice: exception' }).waitFor();
    // The same change set (digest in the header) and the same exception: what it waives and why.
    await pageB.locator('dd.digest code').filter({ hasText: digest }).waitFor();
    const item = panel(pageB).getByRole('article', { name: BATCH });
    await item.getByText(JUSTIFICATION).waitFor();
    await item.getByText('requested by Alice', { exact: false }).waitFor();
    const coversA = await panel(pageA).getByRole('article', { name: BATCH }).getByTestId('exception-covers').locator('li').allTextContents();
    const coversB = await item.getByTestId('exception-covers').locator('li').allTextContents();
    assert.equal(coversB.length, 3);
    assert.deepEqual(coversB, coversA, 'B sees exactly the findings A waives');
    await item.getByTestId('signature-count').filter({ hasText: '1 of 2 signatures' }).waitFor();
    await screenshot(pageB, 'signoff-b-request-received');
    const form = item.getByRole('form', { name: `Sign ${BATCH}` });
    await form.getByLabel('Passphrase').fill(PASS.bob);
    await form.getByRole('button', { name: 'Sign exception' }).click();
    await item.getByTestId('signature-count').filter({ hasText: '2 of 2 signatures' }).waitFor();
    await item.getByTestId('exception-state').filter({ hasText: 'in force' }).waitFor();
    await pageB.getByTestId('awaiting-signature').waitFor({ state: 'detached' });
    await screenshot(pageB, 'signoff-b-signed');
  });

  step('A: drops B\'s signed file on the inbox (an attestation, not a plan): 2 of 2, approves, the decision is final', async () => {
    const signedFile = (await panel(pageB).getByRole('article', { name: BATCH }).getByText('File:').locator('code').textContent())!;
    assert.match(signedFile, /exception-[^/]*\.json$/);
    await goto(pageA, '#/');
    await pageA.getByLabel(/^Import files/).setInputFiles(signedFile);
    const notice = pageA.getByRole('status', { name: 'Signed files imported' });
    await notice.getByText(/^1 signature recorded: exception sha256:[0-9a-f]{12}… now 2 of 2$/).waitFor();
    assert.equal(await pageA.getByText('neither a Terraform plan', { exact: false }).count(), 0);
    await screenshot(pageA, 'signoff-a-signature-recorded');
    await notice.getByRole('link', { name: 'Open the review' }).click();
    const item = panel(pageA).getByRole('article', { name: BATCH });
    await item.getByTestId('signature-count').filter({ hasText: '2 of 2 signatures' }).waitFor();
    await item.getByTestId('exception-state').filter({ hasText: 'in force' }).waitFor();
    assert.deepEqual(await signers(item), ['Alice', 'Bob']);

    const form = panel(pageA).getByRole('form', { name: 'Approve or reject' });
    await form.getByLabel('Passphrase').fill(PASS.alice);
    await form.getByRole('button', { name: 'Approve' }).click();
    const decided = panel(pageA).getByRole('region', { name: 'Decision' });
    await decided.getByTestId('final-decision').filter({ hasText: `Approved (final). Already approved under revision ${revisions[0]} by Alice` }).waitFor();
    assert.equal(await form.count(), 0, 'the approve/reject form is closed once final');
    assert.equal(await panel(pageA).getByRole('button', { name: 'Reject' }).count(), 0);
    await panel(pageA).getByTestId('decision-state').filter({ hasText: 'Approved' }).waitFor();
    await screenshot(pageA, 'signoff-a-approved-final');
  });

  step('verify as the vendor will: passes under the revision it was signed for', async () => {
    const { verdict, reasons } = await verifyAsVendor('Passes');
    await verdict.getByText(`under acme-prod-eu revision ${revisions[0]} (1 of 1 approvals)`, { exact: false }).waitFor();
    assert.deepEqual(reasons, []);
    await screenshot(pageA, 'signoff-a-vendor-verify-passes');
    await goto(pageA, '#/');
    await inboxRow().locator('.verdict-badge').filter({ hasText: 'Approved' }).waitFor();
  });

  step('a contract edit (new published revision): the approval is stale, the inbox no longer says Approved, verify fails', async () => {
    const edited = `${baseText.replace('maxExceptionDays: 30', 'maxExceptionDays: 31')}${rosterText([alice, bob])}`;
    assert.notEqual(edited, `${baseText}${rosterText([alice, bob])}`);
    const m = await publish(edited, 'longer exceptions');
    await reviewA();
    await panel(pageA).getByRole('form', { name: 'Approve or reject' }).waitFor();
    await panel(pageA).getByTestId('decision-state').filter({ hasText: 'Pending' }).waitFor();
    await panel(pageA).getByRole('list', { name: 'Decisions' }).getByTestId('decision-check')
      .filter({ hasText: `signed under revision ${revisions[0]}: re-sign under revision ${m}` }).waitFor();
    // The exception was made for this change set only: it stays in force under the new revision.
    await panel(pageA).getByRole('article', { name: BATCH }).getByTestId('exception-state').filter({ hasText: 'in force' }).waitFor();
    const { reasons } = await verifyAsVendor('Blocked');
    // Only the approval fails (the change-set exception still waives the three findings).
    assert.deepEqual(reasons.map((r) => r.split(' ')[0]), ['quorum-not-met'], reasons.join('\n'));
    await screenshot(pageA, 'signoff-a-stale-after-edit');

    await goto(pageA, '#/');
    const row = inboxRow();
    await row.getByText('1 approval to re-sign').waitFor();
    assert.equal(await row.locator('.verdict-badge').textContent(), 'Blocked');
    await screenshot(pageA, 'signoff-a-inbox-stale');
  });

  step('re-approved under the new revision, verify passes again under it', async () => {
    await reviewA();
    const form = panel(pageA).getByRole('form', { name: 'Approve or reject' });
    await form.getByLabel('Passphrase').fill(PASS.alice);
    await form.getByRole('button', { name: 'Approve' }).click();
    await panel(pageA).getByRole('region', { name: 'Decision' }).getByTestId('final-decision').filter({ hasText: 'Approved (final)' }).waitFor();
    const { verdict } = await verifyAsVendor('Passes');
    await verdict.getByText(`under acme-prod-eu revision ${revisions.at(-1)}`, { exact: false }).waitFor();
  });

  step('Bob revoked in the roster (new published revision): his exception signature no longer counts', async () => {
    const revokedBob = { ...bob, revoked: new Date().toISOString() };
    await publish(`${baseText.replace('maxExceptionDays: 30', 'maxExceptionDays: 31')}${rosterText([alice, revokedBob])}`, 'Bob left the team');
    await reviewA();
    const item = panel(pageA).getByRole('article', { name: BATCH });
    await item.getByTestId('signature-count').filter({ hasText: '1 of 2 signatures' }).waitFor();
    await item.getByTestId('exception-state').filter({ hasText: 'needs 1 more signature' }).waitFor();
    assert.deepEqual(await signers(item), ['Alice'], 'Bob\'s signature is not counted');
    // The vendor's verify gets no exception in force (export holds only those): the three findings are unwaived.
    const { reasons } = await verifyAsVendor('Blocked');
    // Verify judges at the apply moment: inside a maintenance window that policy does not fire.
    assert.deepEqual(reasons.filter((r) => r.startsWith('unwaived-finding')).map((r) => r.split(' ')[1]).sort(), blockedDenyPoliciesAt(), reasons.join('\n'));
    await screenshot(pageA, 'signoff-a-bob-revoked');
    assert.deepEqual(errorsA, []);
    assert.deepEqual(errorsB, []);
  });
});
