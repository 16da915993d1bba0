/**
 * The end-to-end review path, in real Chromium against the browser-mode host (real
 * core, real SQLite file in a temp dir): open the blocked Helm + Terraform change set, create
 * two keys, batch-select every deny finding and request ONE exception for them with key 1,
 * co-sign it with key 2 (the demo contract's exception quorum is 2), approve with key 1, verify
 * as the vendor will, check that the files "Export for vendor" writes pass the real
 * `countersign verify`, restart the app and find everything still there.
 * Steps run in order and share one app; a failing step stops the rest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FindingDto } from '../electron/shared/api-types';
import { addLegacyReviewerKeyAt } from '../electron/core/testing/legacy-keys';
import { launchBrowser, openApp, ROOT, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const BLOCKED_BUNDLE = 'electron/demo/bundles/acme-2.14.0-blocked';
const KEYS = [
  { name: 'Alice Reviewer', passphrase: 'correct horse battery staple 1' },
  { name: 'Bob Cosigner', passphrase: 'purple monkey dishwasher 22' },
] as const;
const UI_TIMEOUT = 20_000;

async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

describe('review-and-sign flow (browser mode, real core)', { timeout: 300_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let digest = '';
  let denyFindings: readonly FindingDto[] = [];
  const keyIds: string[] = [];
  const pemFiles: string[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'countersign-e2e-keys-'));

  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app));
    page.setDefaultTimeout(UI_TIMEOUT);
    watchErrors(page);
    const inbox = await ok(app.call('listInbox', {}));
    const blocked = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0');
    assert.ok(blocked, 'the demo seeds the blocked 2.14.0 change set');
    digest = blocked.digest;
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(downloads, { recursive: true, force: true });
  });

  // The harness collects console errors without their URL; collect them here with it, to leave
  // out the browser's own favicon probe (the host serves no icon: not an app error).
  const appErrors: string[] = [];
  const watchErrors = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) appErrors.push(`${m.text()} (${m.location().url})`);
    });
    p.on('pageerror', (e) => appErrors.push(`pageerror: ${e.message}`));
  };

  const goto = async (hash: string) => {
    // Same-document navigation, as the app's own links do (the launch token stays in the tab).
    await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  };
  const signPanel = () => page.getByRole('complementary', { name: 'Sign' });
  // Each step builds on the previous ones: after a failure the rest are skipped, not timed out one by one.
  let failedStep: string | null = null;
  const step = (name: string, fn: () => Promise<void>) => test(name, async (t) => {
    if (failedStep) return t.skip(`needs the failed step "${failedStep}"`);
    try {
      await fn();
    } catch (err) {
      failedStep = name;
      throw err;
    }
  });

  step('the Contract screen shows the policies in force and what they affect', async () => {
    await goto('#/contract');
    await page.getByRole('heading', { name: 'Contract: acme-prod-eu' }).waitFor();
    const policies = page.getByRole('list', { name: 'Policies' });
    // db-no-replace fails on the blocked change set only.
    assert.match(await policies.getByTestId('flagged-db-no-replace').textContent() ?? '', /^flags 1 pending/);
    assert.match(await page.getByTestId('contract-quorum').textContent() ?? '', /\b2 per exception/);
    await screenshot(page, 'contract');
  });

  step('the blocked change set opens from the inbox with its verdict and deny findings', async () => {
    await goto('#/inbox');
    await page.getByRole('link', { name: /^Review acme-analytics .* to 2\.14\.0$/ }).click();
    await signPanel().waitFor();
    assert.ok(decodeURIComponent(new URL(page.url()).hash).includes(digest), page.url());
    await page.getByText('Blocked', { exact: true }).first().waitFor();
    const findings = await ok(app.call('listFindings', { digest }));
    denyFindings = findings.filter((f) => f.enforcement === 'deny');
    assert.deepEqual(denyFindings.map((f) => f.policy).sort(), ['db-no-replace', 'k8s-resource-limits', 'maintenance-window']);
    // The panel cannot approve yet and says why.
    await signPanel().getByText('3 blocking findings are not waived yet', { exact: false }).waitFor();
    await signPanel().getByRole('button', { name: 'Approve' }).waitFor();
  });

  step('a key is created in the UI (weak and mismatched passphrases refused), a second one only as an older workspace holds it', async () => {
    await goto('#/keys');
    const form = page.getByRole('form', { name: 'Create a signing key' });
    await form.getByLabel('Key name').fill('Too Short');
    await form.getByLabel('Passphrase', { exact: true }).fill('abc');
    await form.getByTestId('passphrase-strength').filter({ hasText: 'too short' }).waitFor();
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByRole('alert').filter({ hasText: 'too short' }).waitFor();
    await form.getByLabel('Passphrase', { exact: true }).fill(KEYS[0].passphrase);
    await form.getByTestId('passphrase-strength').filter({ hasText: /Strong|Fair|Weak/ }).waitFor();
    await form.getByLabel('Repeat passphrase').fill(`${KEYS[0].passphrase}x`);
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByRole('alert').filter({ hasText: 'The two passphrases differ' }).waitFor();
    assert.equal((await ok(app.call('listKeys', {}))).reviewerKeys.length, 0, 'nothing is created on a mismatch');

    await form.getByLabel('Key name').fill(KEYS[0].name);
    await form.getByLabel('Passphrase', { exact: true }).fill(KEYS[0].passphrase);
    await form.getByLabel('Repeat passphrase').fill(KEYS[0].passphrase);
    await form.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('table', { name: 'My signing keys' }).getByRole('cell', { name: KEYS[0].name, exact: true }).waitFor();
    // One personal key per workspace (issue 10): the create form gives way to "Rotate key".
    await page.getByRole('button', { name: 'Rotate key' }).waitFor();
    assert.equal(await form.count(), 0);
    // Bob's key as a workspace made before that rule holds it (this flow predates two-workspace co-signing).
    await addLegacyReviewerKeyAt(join(app.workspace, 'countersign.db'), KEYS[1]);
    await page.reload();
    await page.getByRole('table', { name: 'My signing keys' }).getByRole('cell', { name: KEYS[1].name, exact: true }).waitFor();
    await page.getByRole('note').filter({ hasText: 'made before one personal key per workspace' }).waitFor();
    const list = await ok(app.call('listKeys', {}));
    for (const key of KEYS) keyIds.push(list.reviewerKeys.find((k) => k.name === key.name)!.keyId);
    // The table shows full fingerprints.
    for (const id of keyIds) await page.getByRole('table', { name: 'My signing keys' }).getByText(id, { exact: true }).waitFor();
  });

  step('both public keys are exported as .pem downloads', async () => {
    for (const [i, key] of KEYS.entries()) {
      await page.getByRole('button', { name: `Export public key of ${key.name}` }).click();
      const region = page.getByRole('region', { name: `Public key of ${key.name}` });
      const pem = await region.getByTestId('public-key-pem').textContent();
      assert.match(pem ?? '', /^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n?$/);
      const [download] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Download .pem' }).click()]);
      const file = join(downloads, `key${i + 1}.pem`);
      await download.saveAs(file);
      assert.equal(readFileSync(file, 'utf8'), pem, 'the downloaded file is the PEM shown');
      pemFiles.push(file);
    }
    await screenshot(page, 'keys');
  });

  step('all deny findings are batch-selected in the picker, the exact list is shown, and ONE exception is signed with key 1 and co-signed with key 2', async () => {
    await goto(`#/review/${encodeURIComponent(digest)}`);
    const panel = signPanel();
    await panel.getByText('Exceptions need 2 signatures each and last at most 30 days.').waitFor();
    const picker = panel.getByRole('group', { name: 'Findings to waive' });
    // A searchable list grouped by policy, never a native select of every finding.
    assert.equal(await panel.getByLabel('Finding', { exact: true }).count(), 0);
    await picker.getByRole('button', { name: 'All deny findings' }).click();
    await picker.getByTestId('picker-counts').filter({ hasText: '3 selected' }).waitFor();
    const request = panel.getByRole('form', { name: 'Request exception' });
    // The exact list that will be signed, grouped by policy, before signing.
    const preview = request.getByRole('region', { name: 'Findings this exception waives' });
    await preview.getByTestId('waiver-preview-total').filter({ hasText: '3 findings in 3 policies will be waived' }).waitFor();
    for (const f of denyFindings) await preview.getByRole('list', { name: `Waived for ${f.policy}` }).getByText(f.address, { exact: true }).waitFor();
    await picker.getByRole('checkbox', { name: `Waive ${denyFindings[0]!.policy} on ${denyFindings[0]!.address}` }).waitFor();
    await picker.scrollIntoViewIfNeeded();
    await screenshot(page, 'finding-picker');
    await request.getByText('At most 30 days from today').waitFor();
    await request.getByLabel('Signing key').selectOption(keyIds[0]!);
    await request.getByLabel('Passphrase').fill(KEYS[0].passphrase);
    // The justification is required: refused without one, and the form keeps its values.
    await request.getByRole('button', { name: 'Sign exception for 3 findings' }).click();
    await request.getByRole('alert').filter({ hasText: 'A justification is required' }).waitFor();
    await request.getByLabel('Justification').fill('Accepted for release 2.14.0 (database migration window); reviewed in the e2e test.');
    await request.getByRole('button', { name: 'Sign exception for 3 findings' }).click();

    const policies = [...new Set(denyFindings.map((f) => f.policy))].sort().join(', ');
    const item = panel.getByRole('article', { name: `Exception ${policies} on 3 resources` });
    await item.getByTestId('signature-count').filter({ hasText: '1 of 2 signatures' }).waitFor();
    // It lists every finding it covers.
    assert.deepEqual((await item.getByTestId('exception-covers').locator('li').allTextContents()).sort(), denyFindings.map((f) => `${f.address} (${f.policy})`).sort());
    const cosign = item.getByRole('form', { name: `Sign Exception ${policies} on 3 resources` });
    // Only keys that have not signed it are offered: key 2.
    assert.equal(await cosign.getByLabel('Signing key').inputValue(), keyIds[1]);
    // A wrong passphrase says so inline and keeps the form for another try.
    await cosign.getByLabel('Passphrase').fill('not the passphrase at all');
    await cosign.getByRole('button', { name: 'Sign exception' }).click();
    await cosign.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor();
    assert.equal(await cosign.getByLabel('Passphrase').inputValue(), 'not the passphrase at all');
    await item.getByTestId('signature-count').filter({ hasText: '1 of 2 signatures' }).waitFor();
    await cosign.getByLabel('Passphrase').fill(KEYS[1].passphrase);
    await cosign.getByRole('button', { name: 'Sign exception' }).click();
    await item.getByTestId('signature-count').filter({ hasText: '2 of 2 signatures' }).waitFor();
    await item.getByText('in force', { exact: true }).waitFor();
    // Every deny finding now shows as waived (nothing left to waive), and approving is no longer held back.
    await picker.getByTestId('picker-counts').filter({ hasText: '0 waivable' }).waitFor();
    assert.equal(await panel.getByText('blocking finding', { exact: false }).count(), 0);
    assert.equal((await ok(app.call('listExceptions', { digest }))).length, 1, 'one exception for the whole batch');
  });

  step('a rejection needs a comment; approving with key 1 reaches "1 of 1 approvals"', async () => {
    const panel = signPanel();
    const decision = panel.getByRole('form', { name: 'Approve or reject' });
    await decision.getByLabel('Signing key').selectOption(keyIds[0]!);
    await decision.getByLabel('Passphrase').fill(KEYS[0].passphrase);
    await decision.getByRole('button', { name: 'Reject' }).click();
    await decision.getByRole('alert').filter({ hasText: 'A rejection needs a comment' }).waitFor();
    await decision.getByLabel('Comment').fill('Database replacement accepted with the signed exceptions; network change reviewed.');
    await decision.getByRole('button', { name: 'Approve' }).click();
    await panel.getByTestId('approval-progress').filter({ hasText: '1 of 1 approvals' }).waitFor();
    await panel.getByRole('list', { name: 'Decisions' }).getByText(`Approved by ${KEYS[0].name}`, { exact: false }).waitFor();
    await panel.getByRole('status').filter({ hasText: 'Wrote' }).waitFor();
    await panel.getByTestId('approval-progress').scrollIntoViewIfNeeded();
    await screenshot(page, 'sign');
    const inbox = await ok(app.call('listInbox', {}));
    assert.equal(inbox.groups.flatMap((g) => g.items).find((i) => i.digest === digest)?.state, 'approved');
  });

  step('"Verify as the vendor will" passes, and the files "Export for vendor" writes pass the real `countersign verify`', async () => {
    const handoff = signPanel().getByRole('region', { name: 'Hand over to the vendor' });
    await handoff.getByRole('button', { name: 'Verify as the vendor will' }).click();
    await handoff.getByTestId('vendor-verify').filter({ hasText: 'Passes' }).waitFor();
    await handoff.getByRole('button', { name: 'Export for vendor' }).click();
    const exported = handoff.getByTestId('vendor-export');
    await exported.waitFor();
    const folder = (await exported.locator('p code').first().textContent()) ?? '';
    // The outbox has one folder per change set (vendor/install/release/digest), the export inside it.
    assert.ok(folder.startsWith(join(app.workspace, 'outbox')) && folder.includes(digest.slice('sha256:'.length)), folder);
    const files = readdirSync(folder);
    assert.equal(files.filter((f) => f.endsWith('.dsse.json')).length, 2, `one approval and one exception, got ${files.join(', ')}`);
    const contractFile = join(folder, files.find((f) => f.endsWith('.contract.yaml'))!);
    const run = spawnSync(process.execPath, [
      join(ROOT, 'electron/cli/countersign.mjs'), 'verify',
      '--changeset', BLOCKED_BUNDLE, '--contract', contractFile, '--attestations', folder,
      '--trust', pemFiles[0]!, '--trust', pemFiles[1]!,
    ], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `countersign verify failed:\n${run.stdout}\n${run.stderr}`);
    // Without key 2 trusted, the exception lacks its second signature: not verified.
    const oneKey = spawnSync(process.execPath, [
      join(ROOT, 'electron/cli/countersign.mjs'), 'verify',
      '--changeset', BLOCKED_BUNDLE, '--contract', contractFile, '--attestations', folder, '--trust', pemFiles[0]!,
    ], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(oneKey.status, 1, `${oneKey.stdout}\n${oneKey.stderr}`);
    assert.match(oneKey.stdout + oneKey.stderr, /exception-quorum-not-met|unwaived-finding/);
  });

  step('after a restart the keys, exceptions, approval and audit entries are all still there', async () => {
    await page.context().close();
    app = await app.restart();
    ({ page } = await openApp(browser, app));
    page.setDefaultTimeout(UI_TIMEOUT);
    watchErrors(page);

    await goto('#/keys');
    for (const id of keyIds) await page.getByRole('table', { name: 'My signing keys' }).getByText(id, { exact: true }).waitFor();

    await goto(`#/review/${encodeURIComponent(digest)}`);
    const panel = signPanel();
    await panel.getByTestId('approval-progress').filter({ hasText: '1 of 1 approvals' }).waitFor();
    const policies = [...new Set(denyFindings.map((f) => f.policy))].sort().join(', ');
    await panel.getByRole('article', { name: `Exception ${policies} on 3 resources` }).getByTestId('signature-count')
      .filter({ hasText: '2 of 2 signatures' }).waitFor();

    await goto('#/audit');
    await page.getByTestId('audit-status').filter({ hasText: /^Verified/ }).waitFor();
    const entries = page.getByRole('table', { name: 'Audit entries' });
    for (const action of ['key.create', 'exception.request', 'exception.sign', 'approval.approve']) {
      await entries.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }
    // Newest first: the approval comes before the key creations.
    const actions = await entries.locator('tbody tr td:nth-child(4)').allTextContents();
    assert.ok(actions.indexOf('approval.approve') < actions.indexOf('key.create'), actions.join(', '));
    await page.getByRole('button', { name: 'Verify again' }).click();
    await page.getByTestId('audit-status').filter({ hasText: /^Verified/ }).waitFor();
    await screenshot(page, 'audit');
    assert.deepEqual(appErrors, [], 'no console or page errors during the whole flow');
  });
});
