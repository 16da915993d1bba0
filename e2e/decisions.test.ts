/**
 * Final decisions in the Sign panel (issue 10), in real Chromium against the browser-mode host
 * (real core and SQLite, demo seeded): approving closes the decision form (who decided, when,
 * and "Withdraw my approval"); withdrawing with a reason opens it again; after a contract
 * edit the earlier approval reads "signed under revision N: re-sign under revision M" and the
 * inbox state is pending at once. Screenshots of the panel at 1440 px, light: final and stale.
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { stepper, watchErrors } from './editor-steps';
import { launchBrowser, openApp, SCREENSHOT_DIR, startApp } from './harness';
import type { RunningApp } from './harness';

const ALICE = { name: 'Alice Whitfield-Ngata (SecOps, EU platform team)', passphrase: 'alice decides finally 2026' };

async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

describe('final decisions and stale approvals (browser mode, real core)', { timeout: 240_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let digest = '';
  let keyId = '';
  const step = stepper();
  const panel = () => page.getByRole('complementary', { name: 'Sign' });
  const goto = (hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  /** The inbox row of the demo release `release` (its review link is named "Review … to <release>"). */
  const rowOf = (release: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: new RegExp(` to ${release.replace(/\./g, '\\.')}$`) }) });
  const shoot = async (name: string) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await panel().screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  };

  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app, { viewport: { width: 1440, height: 900 } }));
    page.setDefaultTimeout(20_000);
    errors = watchErrors(page);
    keyId = (await ok(app.call('createKey', { name: ALICE.name, passphrase: ALICE.passphrase }))).keyId;
    const inbox = await ok(app.call('listInbox', {}));
    digest = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.13.3')!.digest;
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  step('approve: the form closes and says who approved, under which revision, with "Withdraw my approval"', async () => {
    await goto(`#/review/${digest}`);
    const form = panel().getByRole('form', { name: 'Approve or reject' });
    // A long key name never pushes the key picker or the passphrase out of their card (1440 px: the panel is a column).
    const card = (await form.boundingBox())!;
    for (const field of [form.getByLabel('Signing key'), form.getByLabel('Passphrase')]) {
      const box = (await field.boundingBox())!;
      assert.ok(box.x + box.width <= card.x + card.width, `a field ends at ${box.x + box.width}, past its card's edge ${card.x + card.width}`);
    }
    await form.getByLabel('Passphrase').fill(ALICE.passphrase);
    await form.getByRole('button', { name: 'Approve' }).click();
    const decided = panel().getByRole('region', { name: 'Decision' });
    await decided.getByTestId('final-decision').filter({ hasText: /Approved \(final\)\. Already approved under revision \d+ by Alice Whitfield-Ngata \(SecOps, EU platform team\): withdraw an approval first/ }).waitFor();
    assert.equal(await form.count(), 0, 'no approve/reject form once final');
    await panel().getByTestId('decision-state').filter({ hasText: 'Approved' }).waitFor();
    await decided.getByRole('button', { name: 'Withdraw my approval' }).waitFor();
    assert.equal(await panel().getByRole('button', { name: 'Send for co-signature' }).count(), 0, 'nothing is left to co-sign once final');
    await shoot('sign-final');
  });

  step('withdraw needs a reason; with one, the change set is pending and the form is open again', async () => {
    const decided = panel().getByRole('region', { name: 'Decision' });
    await decided.getByRole('button', { name: 'Withdraw my approval' }).click();
    const withdraw = decided.getByRole('form', { name: 'Withdraw my approval' });
    await withdraw.getByLabel('Passphrase').fill(ALICE.passphrase);
    await withdraw.getByRole('button', { name: 'Sign the withdrawal' }).click();
    await withdraw.getByRole('alert').filter({ hasText: 'Say why you withdraw your approval' }).waitFor();
    await withdraw.getByLabel('Reason (required)').fill('The peering target changed after review.');
    await withdraw.getByRole('button', { name: 'Sign the withdrawal' }).click();
    await panel().getByRole('form', { name: 'Approve or reject' }).waitFor();
    await panel().getByRole('button', { name: 'Send for co-signature' }).waitFor();
    await panel().getByRole('list', { name: 'Decisions' }).getByTestId('decision-check').filter({ hasText: 'withdrawn: The peering target changed after review.' }).waitFor();
    const item = (await ok(app.call('listInbox', {}))).groups.flatMap((g) => g.items).find((i) => i.digest === digest)!;
    assert.equal(item.state, 'pending');
  });

  step('approve again, then a contract edit: the approval is stale (re-sign under the new revision), the inbox says pending', async () => {
    const form = panel().getByRole('form', { name: 'Approve or reject' });
    await form.getByLabel('Passphrase').fill(ALICE.passphrase);
    await form.getByRole('button', { name: 'Approve' }).click();
    await panel().getByTestId('decision-state').filter({ hasText: 'Approved' }).waitFor();
    const before = await ok(app.call('getQuorum', { digest }));
    const view = await ok(app.call('getContract', {}));
    assert.ok(view.text !== undefined, 'the contract text');
    const edited = view.text.replace(/maxExceptionDays: 30/, 'maxExceptionDays: 29');
    assert.notEqual(edited, view.text);
    const saved = await ok(app.call('saveContract', { contract: view.name, text: edited, comment: 'shorter exceptions', keyId }));
    await page.reload();
    await panel().getByRole('form', { name: 'Approve or reject' }).waitFor();
    const label = `signed under revision ${before.revision.number}: re-sign under revision ${saved.revision.revision}`;
    await panel().getByRole('list', { name: 'Decisions' }).getByTestId('decision-check').filter({ hasText: label }).waitFor();
    await panel().getByTestId('stale-note').waitFor();
    await panel().getByTestId('decision-state').filter({ hasText: 'Pending' }).waitFor();
    assert.equal(await panel().getByText('not in force yet').count(), 0);
    const item = (await ok(app.call('listInbox', {}))).groups.flatMap((g) => g.items).find((i) => i.digest === digest)!;
    assert.deepEqual([item.state, item.staleDecisions], ['pending', 1]);
    await shoot('sign-stale');
    // The header agrees with the panel: no "Approved" badge for a stale approval.
    assert.deepEqual(await page.locator('header.review-header .verdict-badge').allTextContents(), ['Needs approval']);
    await goto('#/inbox');
    // Scoped to this change set's row: other rows (and the demo's exception) carry flags of their own.
    await rowOf('2.13.3').locator('.inbox-flag.stale').filter({ hasText: '1 approval to re-sign' }).waitFor();
  });

  step('an exception expiring in 3 days shows in the inbox; a 2-day warning period (Settings) hides it; 0 days is refused', async () => {
    const blocked = (await ok(app.call('listInbox', {}))).groups.flatMap((g) => g.items).find((i) => i.verdict === 'blocked')!.digest;
    const deny = (await ok(app.call('listFindings', { digest: blocked }))).find((f) => f.enforcement === 'deny')!;
    await ok(app.call('requestException', {
      digest: blocked, waives: [{ policy: deny.policy, address: deny.address }], justification: 'vendor fix in the next release',
      expires: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(), scope: 'changeset', keyId, passphrase: ALICE.passphrase,
    }));
    await page.reload();
    const list = page.getByRole('region', { name: 'Exceptions expiring soon' });
    await list.getByRole('listitem').filter({ hasText: deny.policy }).getByText('exception expires in 3 days').waitFor();
    // The demo's own exception (on the superseded release 2.13.0) is not listed: the inbox leaves superseded change sets out.
    assert.equal(await list.getByRole('listitem').count(), 1);
    // The blocked release's row flags its soonest expiry.
    await rowOf('2.14.0').locator('.inbox-flag.expiring').filter({ hasText: 'exception expires in 3 days' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'inbox-decisions.png'), fullPage: true });
    await goto('#/audit');
    const settings = page.getByRole('form', { name: 'Workspace settings' });
    const days = settings.getByLabel('Warn about exceptions expiring within (days)');
    await days.fill('0');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByRole('alert').filter({ hasText: 'whole number of days from 1 to 90' }).waitFor();
    await days.fill('2');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(await ok(app.call('getSettings', {})), { exceptionExpiryWarningDays: 2 });
    await goto('#/inbox');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.locator('.inbox-group').first().waitFor();
    await page.getByRole('region', { name: 'Exceptions expiring soon' }).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.inbox-flag.expiring').count(), 0);
    assert.deepEqual(errors, []);
  });
});
