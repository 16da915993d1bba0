/**
 * The pack shelf in real Chromium against the browser-mode host (real core, real SQLite, demo
 * workspace): the shelf lists the packs the host's packs folder holds (here the built-in ones
 * plus a test pack, so the test does not depend on which packs a build ships); adding one puts it
 * in the draft, the impact panel shows what it would flag on the stored change sets before
 * anything is saved, a control is disabled from the shelf, and saving makes it the contract's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { packShelf } from '../electron/core/app/contract-editor/pack-catalog';
import { packsRootWithTestPack, TEST_PACK, TUNED_POD_ADDRESS, tunedPodBundleFiles } from '../electron/core/testing/shelf-packs';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const UI_TIMEOUT = 20_000;
const REPLAY_TIMEOUT = 90_000;

describe('pack shelf (browser mode, real core)', { timeout: 300_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let contract = '';
  let keyId = '';
  const root = packsRootWithTestPack();
  const pageErrors: string[] = [];

  before(async () => {
    // The host child inherits the environment: its packs folder is the copy with the test pack.
    process.env.COUNTERSIGN_POLICIES = root;
    app = await startApp();
    const view = await app.call('getContract', {});
    assert.ok(view.ok, view.ok ? '' : view.message);
    contract = view.value.name;
    const key = await app.call('createKey', { name: 'Alice (SecOps)', passphrase: 'a long enough passphrase' });
    assert.ok(key.ok, key.ok ? '' : key.message);
    keyId = key.value.keyId;
    // A stored release whose one sysctl is safe only since PSS v1.32: the standard version picked on the shelf shows in the impact.
    const tuned = await app.call('importFiles', { files: tunedPodBundleFiles() });
    assert.ok(tuned.ok, tuned.ok ? '' : tuned.message);
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app, { viewport: { width: 1440, height: 1000 } }));
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
    delete process.env.COUNTERSIGN_POLICIES;
    rmSync(dirname(root), { recursive: true, force: true });
  });

  const card = (pack: string) => page.getByTestId(`pack-card-${pack}`);
  const impactDone = () => page.getByTestId('impact-panel').getByRole('status').filter({ hasText: 'Replay complete.' }).waitFor({ timeout: REPLAY_TIMEOUT });
  const impactText = async () => (await page.getByTestId('impact-panel').textContent()) ?? '';

  test('the shelf lists the packs of the packs folder, with what the contract extends', async () => {
    await page.evaluate((h) => { window.location.hash = h; }, `#/contract/${encodeURIComponent(contract)}`);
    await page.getByRole('heading', { name: 'Policy packs' }).waitFor();
    await card(TEST_PACK).waitFor();
    // What the shelf must show, read from the same packs folder the host was given (whatever it holds).
    const saved = await app.call('getContract', { contract });
    assert.ok(saved.ok, saved.ok ? '' : saved.message);
    const expected = packShelf(saved.value.text ?? '', undefined, root);
    assert.ok(expected.some((p) => p.name === 'baseline') && expected.some((p) => p.name === TEST_PACK), 'the folder holds the built-in baseline and the test pack');
    const names = await page.getByRole('list', { name: 'Built-in policy packs' }).locator('[data-testid^="pack-card-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('pack-card-'.length)));
    assert.deepEqual(names, expected.map((p) => p.name), 'every pack of the folder, in the folder\'s order');
    const extended = expected.filter((p) => p.inSaved !== null).length;
    assert.match(await page.getByTestId('pack-shelf').textContent() ?? '', new RegExp(`This contract extends ${extended} of ${expected.length}\\.`));
    for (const p of expected) {
      const text = await card(p.name).textContent() ?? '';
      if (p.problem !== undefined) {
        assert.match(text, /This pack cannot be loaded/, p.name);
        continue;
      }
      assert.ok(text.includes(`${p.policies.length} ${p.policies.length === 1 ? 'policy' : 'policies'}`), `${p.name}: its policy count in ${text}`);
      assert.ok(text.includes(`${p.controlCount} standard ${p.controlCount === 1 ? 'control' : 'controls'}`), `${p.name}: its control count`);
      for (const standard of p.standards) assert.ok(text.includes(standard), `${p.name}: cites ${standard}`);
      const status = p.inSaved === null ? 'Not extended' : `Extended: version ${p.inSaved}${p.inSaved < p.version ? ` (version ${p.version} available)` : ''}`;
      assert.equal(await page.getByTestId(`pack-status-${p.name}`).textContent(), status, p.name);
    }
    // The demo contract pins an older baseline (the last test moves the pin); the test pack is new to it.
    assert.match(await page.getByTestId('pack-status-baseline').textContent() ?? '', /^Extended: version 4 \(version \d+ available\)$/);
    assert.equal(await page.getByTestId(`pack-status-${TEST_PACK}`).textContent(), 'Not extended');
    const text = await card(TEST_PACK).textContent() ?? '';
    assert.match(text, /2 policies/);
    assert.match(text, /2 standard controls/);
    assert.match(text, /Test hardening standard/);
  });

  test('add a pack: it is in the draft, and the impact shows what it would flag before saving', async () => {
    await card(TEST_PACK).getByRole('button', { name: 'Add to draft' }).click();
    await page.getByTestId(`pack-status-${TEST_PACK}`).filter({ hasText: 'Added in the draft: version 1 (not saved)' }).waitFor();
    await page.getByRole('region', { name: 'Unsaved changes' }).waitFor();
    await card(TEST_PACK).getByRole('button', { name: 'See its impact' }).click();
    await impactDone();
    assert.match(await impactText(), /th-read-only-root/, 'the new control flags stored change sets');
    const saved = await app.call('getContract', { contract });
    assert.ok(saved.ok && !saved.value.text?.includes(TEST_PACK), 'nothing is saved yet');
    await card(TEST_PACK).scrollIntoViewIfNeeded();
    await screenshot(page, 'pack-shelf-added');
  });

  test('disable one control from the shelf: the impact no longer lists it', async () => {
    await card(TEST_PACK).locator('summary', { hasText: 'Tune controls' }).click();
    // Controlled by the draft: the box changes when the host has applied the override.
    await card(TEST_PACK).getByRole('checkbox', { name: 'Enable th-read-only-root' }).click();
    await card(TEST_PACK).locator('summary', { hasText: '1 disabled' }).waitFor();
    await impactDone();
    assert.doesNotMatch(await impactText(), /th-read-only-root/);
    // Back on, for the save below.
    await card(TEST_PACK).getByRole('checkbox', { name: 'Enable th-read-only-root' }).click();
    await card(TEST_PACK).locator('summary', { hasText: /^Tune controls \(2\)$/ }).waitFor();
    await card(TEST_PACK).getByRole('combobox', { name: 'Enforcement of th-read-only-root' }).selectOption('advisory');
    await impactDone();
  });

  test('save: the contract extends the pack from now on', async () => {
    await page.getByRole('button', { name: 'Save draft as revision…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save revision' });
    await dialog.getByLabel('What changed and why').fill('Add the test hardening pack');
    await dialog.getByLabel('Author (your key)').selectOption(keyId);
    await dialog.getByRole('button', { name: 'Save revision' }).click();
    await page.getByTestId(`pack-status-${TEST_PACK}`).filter({ hasText: 'Extended: version 1' }).waitFor();
    const saved = await app.call('getContract', { contract });
    assert.ok(saved.ok);
    assert.match(saved.value.text ?? '', /pack: test-hardening, version: 1/);
    assert.equal(saved.value.policies.find((p) => p.id === 'th-read-only-root')?.enforcement, 'advisory');
    assert.deepEqual(pageErrors, []);
  });

  test('an older pinned version: "Use version N" moves the pin in the draft, overrides kept', async () => {
    const status = page.getByTestId('pack-status-baseline');
    assert.match(await status.textContent() ?? '', /^Extended: version 4 \(version (\d+) available\)$/);
    const latest = /version (\d+) available/.exec(await status.textContent() ?? '')![1]!;
    await card('baseline').getByRole('button', { name: `Use version ${latest}` }).click();
    await status.filter({ hasText: `Version ${latest} in the draft (saved: 4)` }).waitFor();
    await impactDone();
    await page.getByRole('button', { name: 'Reset draft' }).click();
    await status.filter({ hasText: /^Extended: version 4 / }).waitFor();
  });

  test('a pack with standard versions: add it at v1.30, then switch to latest; the impact follows the version picked', async () => {
    const pss = card('pss-restricted');
    const picker = pss.getByLabel('Standard version');
    await pss.scrollIntoViewIfNeeded();
    assert.equal(await picker.inputValue(), 'latest', 'latest until something else is picked');
    const offered = await picker.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    assert.equal(offered[0], 'latest');
    assert.ok(offered.includes('v1.30') && offered.includes('v1.25'), offered.join(' '));
    await picker.selectOption('v1.30');
    await pss.getByRole('button', { name: 'Add to draft' }).click();
    await page.getByTestId('pack-status-pss-restricted').filter({ hasText: /^Added in the draft: version \d+ \(not saved\)$/ }).waitFor();
    assert.equal(await picker.inputValue(), 'v1.30', 'the draft\'s entry now says v1.30');
    await pss.getByRole('button', { name: 'See its impact' }).click();
    await impactDone();
    const panel = page.getByTestId('impact-panel');
    await panel.getByRole('searchbox').fill('pss-baseline-sysctls');
    const sysctlRow = panel.getByRole('row').filter({ hasText: TUNED_POD_ADDRESS }).filter({ hasText: 'pss-baseline-sysctls' });
    await sysctlRow.waitFor({ timeout: REPLAY_TIMEOUT });
    await screenshot(page, 'pack-shelf-standard-v1.30');

    // Latest allows net.ipv4.tcp_rmem (since v1.32): the same draft at latest no longer flags the Pod.
    await pss.scrollIntoViewIfNeeded();
    await picker.selectOption('latest');
    // The select follows the draft: it says latest once the host has applied the edit (and the replay restarts).
    await page.waitForFunction(() => (document.querySelector('[data-testid="pack-standard-pss-restricted"] select') as HTMLSelectElement | null)?.value === 'latest');
    await sysctlRow.waitFor({ state: 'detached', timeout: REPLAY_TIMEOUT });
    await impactDone();
    assert.equal(await picker.inputValue(), 'latest');
    assert.equal(await sysctlRow.count(), 0);
    const draftText = await page.evaluate(() => document.body.textContent ?? '');
    assert.ok(!draftText.includes('not a version this pack follows'));
    assert.deepEqual(pageErrors, []);
    await page.getByRole('button', { name: 'Reset draft' }).click();
    await page.getByTestId('pack-status-pss-restricted').filter({ hasText: 'Not extended' }).waitFor();
  });
});
