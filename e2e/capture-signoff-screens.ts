// Captures the issue-10 sign-off screens at 1280, 1440 and 1920 px, light and dark: the inbox
// (vendor-signature column, a stale row, an exception expiry warning), the Sign panel (batch
// picker with the exact list, quorum progress with a counted and a pending approval, a final
// approval with its withdraw button, a stale approval, "Send for co-signature", "Verify as the
// vendor will"), the review header (signed / invalid vendor signature), the Keys screen after a
// rotation and the workspace settings. Two hosts: Alice's workspace and Bob's (co-reviewer),
// set up through the API with a published roster. Not a test: a way to look at the screens.
//   node --import tsx e2e/capture-signoff-screens.ts   → test-results/screenshots/signoff-*.png
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { signBundle } from '../electron/core/app/release-signing';
import { exportPublicKey, generateReviewerKey } from '../electron/core/signing/keys';
import { goto, ok } from './editor-steps';
import { launchBrowser, ROOT, SCREENSHOT_DIR, startApp } from './harness';

const ALICE = { name: 'Alice Whitfield-Ngata (SecOps, EU platform)', passphrase: 'alice signs off 2026 carefully' };
const BOB = { name: 'Bob Kowalczyk', passphrase: 'bob co-signs from afar 2026' };
const WIDTHS = [1280, 1440, 1920] as const;

/** A bundle folder as the folder picker hands it to importFiles (relative paths under the folder's name). */
function bundleFiles(dir: string): { path: string; dataBase64: string }[] {
  const out: { path: string; dataBase64: string }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(join(dir, '..'), full), dataBase64: readFileSync(full).toString('base64') });
    }
  };
  walk(dir);
  return out;
}

const [a, b] = await Promise.all([startApp(), startApp()]);
try {
  // ---- setup: keys, a published roster (Alice owner, Bob, the vendor's release key), quorum 2
  const alice = await ok(a.call('createKey', ALICE));
  const bob = await ok(b.call('createKey', BOB));
  const alicePem = (await ok(a.call('exportPublicKey', { keyId: alice.keyId }))).pem;
  const bobPem = (await ok(b.call('exportPublicKey', { keyId: bob.keyId }))).pem;
  const vendorKey = generateReviewerKey();
  const vendorPublic = exportPublicKey(vendorKey.publicKey);
  const view = await ok(a.call('getContract', { contract: 'acme-prod-eu' }));
  const roster = [
    { name: ALICE.name, email: 'alice.whitfield-ngata@platform-security.eu.example.com', fingerprint: alice.keyId, publicKey: alicePem, roles: ['contract-owner', 'approver', 'exception-signer'] },
    { name: BOB.name, email: 'bob@example.com', fingerprint: bob.keyId, publicKey: bobPem, roles: ['approver', 'exception-signer'] },
    { name: 'Acme Release Engineering (CI, eu-central-1)', email: '', fingerprint: vendorPublic.keyId, publicKey: vendorPublic.pem, roles: ['vendor-release'] },
  ];
  const text = `${view.text!.replace('quorum: 1,', 'quorum: 2,')}roster: ${JSON.stringify(roster)}\n`;
  const saved = await ok(a.call('saveContract', { contract: 'acme-prod-eu', text, comment: 'roster of two, quorum 2', keyId: alice.keyId }));
  await ok(a.call('publishContract', { contract: 'acme-prod-eu', revision: saved.revision.revision, signers: [{ keyId: alice.keyId, passphrase: ALICE.passphrase }], notAfter: new Date(Date.now() + 30 * 86_400_000).toISOString() }));
  await ok(b.call('trustKey', { pem: alicePem, name: ALICE.name, role: 'contract-owner' }));

  // ---- vendor signatures: 2.13.2 signed by the vendor; 2.13.3 carries that signature (invalid: another change set)
  const tmp = mkdtempSync(join(tmpdir(), 'countersign-screens-'));
  const signedDir = join(tmp, 'acme-2.13.2-signed');
  const copiedDir = join(tmp, 'acme-2.13.3-copied');
  cpSync(join(ROOT, 'electron/demo/bundles/acme-2.13.2-chart-bump'), signedDir, { recursive: true });
  await signBundle({ bundle: signedDir, signer: { privateKey: vendorKey.privateKey, name: 'acme-ci' } });
  cpSync(join(ROOT, 'electron/demo/bundles/acme-2.13.3-peering'), copiedDir, { recursive: true });
  cpSync(join(signedDir, 'signatures'), join(copiedDir, 'signatures'), { recursive: true });
  await ok(a.call('importFiles', { files: bundleFiles(signedDir) }));
  await ok(a.call('importFiles', { files: bundleFiles(copiedDir) }));

  const items = (await ok(a.call('listInbox', {}))).groups.flatMap((g) => g.items);
  const digestOf = (release: string) => items.find((i) => i.release === release)!.digest;
  const [signed, invalid, blocked] = [digestOf('2.13.2'), digestOf('2.13.3'), digestOf('2.14.0')];
  const approve = (app: typeof a, digest: string, key: string, passphrase: string) => ok(app.call('approve', { digest, keyId: key, passphrase, comment: '' }));

  // 2.13.2: Alice approves, Bob co-signs from his workspace (signing request → his approval → back): final.
  await approve(a, signed, alice.keyId, ALICE.passphrase);
  const request = await ok(a.call('exportSigningRequest', { digest: signed, note: 'Please co-sign the 2.13.2 chart bump' }));
  await ok(b.call('importFiles', { files: [{ path: request.fileName, dataBase64: readFileSync(request.path).toString('base64') }] }));
  const bobs = await approve(b, signed, bob.keyId, BOB.passphrase);
  await ok(a.call('importFiles', { files: [{ path: bobs.file.split('/').pop()!, dataBase64: readFileSync(bobs.file).toString('base64') }] }));
  // 2.13.3: Alice only (1 of 2). 2.14.0: an exception expiring in 3 days, Alice's signature only.
  await approve(a, invalid, alice.keyId, ALICE.passphrase);
  const deny = (await ok(a.call('listFindings', { digest: blocked }))).find((f) => f.enforcement === 'deny')!;
  await ok(a.call('requestException', {
    digest: blocked, waives: [{ policy: deny.policy, address: deny.address }], justification: 'Vendor ships the fix in 2.14.1; agreed with the DBA team on the change call',
    expires: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(), scope: 'changeset', keyId: alice.keyId, passphrase: ALICE.passphrase,
  }));

  const browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = (name: string) => join(SCREENSHOT_DIR, `signoff-${name}.png`);
  const shot = async (l: Locator, name: string) => {
    await l.page().setViewportSize({ width: l.page().viewportSize()!.width, height: 2400 });
    await l.scrollIntoViewIfNeeded();
    await l.screenshot({ path: path(name) });
  };
  const review = async (page: Page, digest: string) => {
    await page.setViewportSize({ width: page.viewportSize()!.width, height: 1000 });
    await goto(page, `#/review/${encodeURIComponent(digest)}`);
    await page.getByRole('complementary', { name: 'Sign' }).getByTestId('decision-state').waitFor();
    await page.getByTestId('vendor-signature').waitFor();
    await page.waitForTimeout(600);
  };
  const eachViewport = async (fn: (page: Page, tag: string) => Promise<void>) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme });
        const page = await context.newPage();
        page.setDefaultTimeout(30_000);
        await page.goto(a.url);
        await page.getByRole('heading', { name: 'Inbox' }).waitFor();
        await fn(page, `${width}-${colorScheme}`);
        await context.close();
      }
    }
  };

  // ---- pass 1: before any contract edit
  await eachViewport(async (page, tag) => {
    await review(page, signed);
    const panel = page.getByRole('complementary', { name: 'Sign' });
    await page.screenshot({ path: path(`review-signed-${tag}`) });
    await shot(page.locator('header.review-header'), `header-signed-${tag}`);
    await shot(panel.getByRole('region', { name: 'Decision' }), `final-${tag}`);
    await shot(panel.getByRole('region', { name: 'Quorum' }), `quorum-final-${tag}`);

    await review(page, invalid);
    await shot(page.locator('header.review-header'), `header-invalid-${tag}`);
    await shot(panel.getByRole('region', { name: 'Quorum' }), `quorum-pending-${tag}`);

    await review(page, blocked);
    const picker = panel.getByRole('group', { name: 'Findings to waive' });
    await picker.getByRole('button', { name: 'All deny findings' }).click();
    await panel.getByTestId('waiver-preview-total').waitFor();
    await shot(panel.getByRole('region', { name: 'Exceptions' }), `batch-${tag}`);
    await panel.getByRole('button', { name: 'Send for co-signature' }).click();
    await panel.getByRole('status', { name: 'Signing request written' }).waitFor();
    await shot(panel.getByRole('region', { name: 'Co-signature' }), `cosign-sent-${tag}`);
    const handoff = panel.getByRole('region', { name: 'Hand over to the vendor' });
    await handoff.getByRole('button', { name: 'Verify as the vendor will' }).click();
    await handoff.getByTestId('vendor-verify').waitFor();
    await shot(handoff, `verify-vendor-${tag}`);
    await page.setViewportSize({ width: page.viewportSize()!.width, height: 3000 });
    await panel.screenshot({ path: path(`panel-blocked-${tag}`) });
  });

  // ---- a contract edit: 2.13.2's approvals are signed under the previous revision (stale)
  const current = await ok(a.call('getContract', { contract: 'acme-prod-eu' }));
  await ok(a.call('saveContract', { contract: 'acme-prod-eu', text: current.text!.replace('maxExceptionDays: 30', 'maxExceptionDays: 29'), comment: 'shorter exceptions', keyId: alice.keyId }));

  await eachViewport(async (page, tag) => {
    await page.locator('.inbox-group').first().waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path(`inbox-${tag}`), fullPage: true });
    await review(page, signed);
    const panel = page.getByRole('complementary', { name: 'Sign' });
    await page.screenshot({ path: path(`review-stale-${tag}`) });
    await shot(panel.getByRole('region', { name: 'Quorum' }), `stale-${tag}`);
  });

  // ---- rotation: Alice's key replaced; the contract she owns is republished by the new key
  await ok(a.call('rotateKey', { keyId: alice.keyId, passphrase: ALICE.passphrase, newPassphrase: 'a brand new passphrase for alice 2026' }));
  await eachViewport(async (page, tag) => {
    await goto(page, '#/keys');
    await page.getByRole('table', { name: 'My signing keys' }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path(`keys-rotated-${tag}`), fullPage: true });
    await goto(page, '#/audit');
    const settings = page.getByRole('form', { name: 'Workspace settings' });
    await shot(settings, `settings-${tag}`);
  });
  await browser.close();
  console.log(`saved to ${SCREENSHOT_DIR}`);
} finally {
  await Promise.all([a.stop(), b.stop()]);
}
