/**
 * The contract editor in real Chromium against the browser-mode host (real core, real SQLite,
 * demo workspace, no mocks): the screen says which contract it shows; search and filters
 * narrow the policy list; an override to shadow lands in the draft; the maintenance-window
 * grid and the required-tags rows write exactly the value typed; and configuring approved registries through the form
 * makes the impact table list every demo image that would now be denied. Steps share one app
 * and run in order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const UI_TIMEOUT = 20_000;
const REPLAY_TIMEOUT = 90_000;

describe('contract editor (browser mode, real core)', { timeout: 400_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let contract = '';
  const pageErrors: string[] = [];

  before(async () => {
    app = await startApp();
    const view = await app.call('getContract', {});
    assert.ok(view.ok, view.ok ? '' : view.message);
    contract = view.value.name;
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app, { viewport: { width: 1440, height: 1000 } }));
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const goto = async (policy?: string) => {
    await page.evaluate((h) => { window.location.hash = h; }, `#/contract/${encodeURIComponent(contract)}${policy ? `/${encodeURIComponent(policy)}` : ''}`);
    await page.getByRole('heading', { name: `Contract: ${contract}` }).waitFor();
  };
  const list = () => page.getByRole('list', { name: 'Policies' });
  const rowIds = async () => (await list().locator('[data-testid^="policy-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('policy-row-'.length)))).sort();
  const draftYaml = async () => {
    const details = page.locator('details.draft-yaml');
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    return parse(await page.getByTestId('draft-yaml').textContent() ?? '') as { spec: { parameters?: Record<string, Record<string, unknown>>; overrides?: Record<string, Record<string, unknown>> } };
  };
  const resetDraft = async () => {
    await page.getByRole('button', { name: 'Reset draft' }).click();
    await page.getByRole('region', { name: 'Unsaved changes' }).waitFor({ state: 'detached' });
  };

  test('the screen says which contract it shows', async () => {
    await goto();
    const facts = page.getByRole('definition');
    assert.equal(await page.getByTestId('contract-digest').textContent(), (await app.call('getContract', {}) as { value: { digest: string } }).value.digest);
    assert.ok(await facts.filter({ hasText: 'Acme Analytics' }).count() > 0, 'the vendor is named');
    assert.match(await page.getByTestId('contract-revision').textContent() ?? '', /^\d+/);
    // The demo contract leaves the approved registries empty: that policy allows every image.
    assert.match(await page.getByTestId('contract-warnings').textContent() ?? '', /\d+ polic(y|ies) not configured: allow everything/);
    assert.ok(await list().getByTestId('unconfigured-images-approved-registries').isVisible(), 'images-approved-registries is marked not configured');
    await screenshot(page, 'contract-editor-list');
  });

  test('the picker lists one contract per vendor and install, and the header says which one is shown', async () => {
    // A second vendor's contract, for one install, saved through the API as the app saves it.
    const key = await app.call('createKey', { name: 'Alice (SecOps)', passphrase: 'a long enough passphrase' });
    assert.ok(key.ok, key.ok ? '' : key.message);
    const demo = await app.call('getContract', {});
    assert.ok(demo.ok && demo.value.text, 'the demo contract has its text');
    const text = demo.value.text!
      .replace(/name: acme-prod-eu/, 'name: globex-eu-1')
      .replace(/vendor: Acme Analytics/, 'vendor: Globex\n  install: eu-1');
    const saved = await app.call('saveContract', { contract: 'globex-eu-1', text, comment: 'Globex, install eu-1', keyId: key.value.keyId });
    assert.ok(saved.ok, saved.ok ? '' : saved.message);
    await page.reload();
    await goto();
    const picker = page.getByRole('combobox', { name: 'Contract' });
    const options = await picker.locator('option').allTextContents();
    assert.ok(options.some((o) => o.startsWith('acme-prod-eu — Acme Analytics, every install')), options.join(' | '));
    assert.ok(options.some((o) => o.startsWith('globex-eu-1 — Globex, install eu-1')), options.join(' | '));
    await picker.selectOption('globex-eu-1');
    await page.getByRole('heading', { name: 'Contract: globex-eu-1' }).waitFor();
    assert.match(page.url(), /#\/contract\/globex-eu-1$/);
    assert.equal(await page.getByTestId('contract-vendor').textContent(), 'Globex');
    assert.equal(await page.getByTestId('contract-install').textContent(), 'eu-1');
    assert.equal(await page.getByTestId('contract-digest').textContent(), saved.value.revision.digest);
    await goto();
  });

  test('a link to a contract the workspace does not hold never shows another contract in its place', async () => {
    await page.evaluate(() => { window.location.hash = '#/contract/no-such-contract'; });
    await page.getByRole('alert').filter({ hasText: 'no-such-contract' }).waitFor();
    assert.equal(await list().count(), 0, 'no policy list is shown');
  });

  test('search and filters narrow the list, and clearing brings every policy back', async () => {
    await goto();
    const all = await rowIds();
    assert.ok(all.length >= 10, `every baseline policy is listed (${all.join(', ')})`);
    await page.getByRole('searchbox', { name: 'Search policies' }).fill('registr');
    assert.deepEqual(await rowIds(), ['images-approved-registries']);
    await page.getByRole('searchbox', { name: 'Search policies' }).fill('');
    await page.getByRole('combobox', { name: 'State' }).selectOption('unconfigured');
    assert.ok((await rowIds()).includes('images-approved-registries'), 'the unconfigured filter lists images-approved-registries');
    assert.ok(!(await rowIds()).includes('db-no-replace'), 'a configured policy is not listed as unconfigured');
    await page.getByRole('combobox', { name: 'State' }).selectOption('all');
    await page.getByRole('combobox', { name: 'Severity' }).selectOption('critical');
    const critical = await rowIds();
    assert.ok(critical.length > 0 && critical.length < all.length, `severity narrows the list (${critical.length} of ${all.length})`);
    for (const id of critical) assert.match(await list().getByTestId(`policy-row-${id}`).textContent() ?? '', /critical/);
    await page.getByRole('combobox', { name: 'Origin' }).selectOption('own');
    assert.deepEqual(await rowIds(), [], 'the demo contract has no own policies');
    await page.getByRole('status').filter({ hasText: 'No policy matches these filters.' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    assert.deepEqual(await rowIds(), all);
    // Keyboard: rows are buttons (in the tab order); Enter opens a policy, with its URL.
    const rowsInOrder = () => list().locator('[data-testid^="policy-row-"]').evaluateAll((els) => els
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((e) => e.getAttribute('data-testid')));
    // The focus moves after the virtual list has rendered the target row: wait for it, by id.
    const focusOn = (id: string | null | undefined) => page.waitForFunction((want) => document.activeElement?.getAttribute('data-testid') === want, id);
    await list().getByTestId('policy-row-db-no-replace').focus();
    await page.keyboard.press('Home');
    const order = await rowsInOrder();
    await focusOn(order[0]);
    await page.keyboard.press('ArrowDown');
    await focusOn(order[1]);
    await page.keyboard.press('End');
    await focusOn((await rowsInOrder()).at(-1));
    await list().getByTestId('policy-row-db-no-replace').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('article', { name: 'Databases are not replaced or deleted' }).waitFor();
    assert.match(page.url(), /#\/contract\/[^/]+\/db-no-replace$/);
  });

  test('an override to shadow shows in the list and in the draft, and Reset drops it', async () => {
    await goto('required-tags');
    const panel = page.getByRole('article', { name: 'Resources carry the required tags and labels' });
    // click, not check(): the box follows the draft, which changes once the host applied the edit
    await panel.getByRole('checkbox', { name: /^Shadow/ }).click();
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    await list().getByTestId('policy-row-required-tags').getByText('shadow', { exact: true }).waitFor();
    assert.equal((await draftYaml()).spec.overrides?.['required-tags']?.shadow, true);
    await resetDraft();
    assert.ok(!(await panel.getByRole('checkbox', { name: /^Shadow/ }).isChecked()), 'Reset drops the shadow override');
  });

  test('the windows grid writes exactly the window typed, with its next openings shown', async () => {
    await goto('maintenance-window');
    const form = page.getByTestId('param-maintenance-window-windows');
    const grid = form.getByRole('table', { name: 'Maintenance windows' });
    await grid.getByRole('checkbox', { name: 'Window 1 starts on Tue' }).uncheck();
    await grid.getByRole('checkbox', { name: 'Window 1 starts on Sat' }).check();
    await grid.getByRole('textbox', { name: 'Window 1 start' }).fill('22:00');
    await grid.getByRole('textbox', { name: 'Window 1 end' }).fill('04:00');
    await grid.getByRole('combobox', { name: 'Window 1 time zone' }).fill('Europe/Berlin');
    // Three openings, each in the viewer's zone and (when it differs) in Berlin time.
    assert.equal(await grid.getByRole('list', { name: 'Next openings of window 1' }).getByRole('listitem').count(), 3);
    await grid.getByRole('textbox', { name: 'Window 1 end' }).fill('4h');
    await form.getByRole('list', { name: 'Problems in windows' }).getByText(/end must be HH:MM/).waitFor();
    assert.ok(await form.getByRole('button', { name: 'Apply windows to the draft' }).isDisabled(), 'an invalid window is never written');
    await grid.getByRole('textbox', { name: 'Window 1 end' }).fill('04:00');
    await form.getByRole('button', { name: 'Apply windows to the draft' }).click();
    await page.getByRole('region', { name: 'Unsaved changes' }).waitFor();
    assert.deepEqual((await draftYaml()).spec.parameters?.['maintenance-window']?.windows,
      [{ days: ['Wed', 'Thu', 'Sat'], start: '22:00', end: '04:00', timezone: 'Europe/Berlin' }]);
    await screenshot(page, 'contract-editor-windows');
    // Every day, start == end: always open. No made-up "next opening" (it used to show one two
    // days in the past, open for three weeks).
    for (const day of ['Mon', 'Tue', 'Fri', 'Sun']) await grid.getByRole('checkbox', { name: `Window 1 starts on ${day}` }).check();
    await grid.getByRole('textbox', { name: 'Window 1 end' }).fill('22:00');
    await grid.getByText('always open (every day, all day)').waitFor();
    assert.equal(await grid.getByRole('list', { name: 'Next openings of window 1' }).count(), 0);
    await screenshot(page, 'contract-editor-windows-always-open');
    await resetDraft();
  });

  test('required tags take a key and optional allowed values, written in the short form when plain', async () => {
    await goto('required-tags');
    const form = page.getByTestId('param-required-tags-tags');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await form.getByRole('textbox', { name: 'tags tag 1 key' }).fill('Owner');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await form.getByRole('textbox', { name: 'tags tag 2 key' }).fill('Environment');
    await form.getByRole('textbox', { name: 'tags tag 2 allowed values (RE2, optional)' }).fill('^(prod|staging)$');
    await form.getByRole('button', { name: 'Apply tags to the draft' }).click();
    await page.getByRole('region', { name: 'Unsaved changes' }).waitFor();
    assert.deepEqual((await draftYaml()).spec.parameters?.['required-tags']?.tags, ['Owner', { key: 'Environment', allowedRegex: '^(prod|staging)$' }]);
    await resetDraft();
  });

  test('configuring approved registries lists every demo image that would now be denied', async () => {
    await goto('images-approved-registries');
    const form = page.getByTestId('param-images-approved-registries-registries');
    await form.getByRole('button', { name: 'Add registry' }).click();
    const item = form.getByRole('textbox', { name: 'registries registry 1' });
    // Per-item validation: a URL is not a registry prefix, and nothing invalid is written.
    await item.fill('https://ghcr.io/acme/');
    await form.getByText(/expected a registry host or path prefix/).waitFor();
    assert.ok(await form.getByRole('button', { name: 'Apply registries to the draft' }).isDisabled(), 'an invalid registry is never written');
    // The demo images are all under ghcr.io/acme-analytics/: approving ghcr.io/acme/ denies them.
    await item.fill('ghcr.io/acme/');
    await form.getByRole('button', { name: 'Apply registries to the draft' }).click();
    const impact = page.getByTestId('impact-panel');
    await impact.getByRole('status').filter({ hasText: 'Replay complete.' }).waitFor({ timeout: REPLAY_TIMEOUT });
    assert.match(await impact.getByTestId('impact-progress').textContent() ?? '', /^(\d+) of \1 change sets?$/);
    const rows = await impact.getByRole('row').evaluateAll((els) => els.slice(1).map((e) => Array.from(e.querySelectorAll('[role="cell"]')).map((c) => c.textContent ?? '')));
    assert.ok(rows.length > 0, 'the impact table lists the images now denied');
    for (const [kind, , policy, , sides] of rows) {
      if (kind === 'verdict flips') continue;
      assert.equal(kind, 'would appear');
      assert.equal(policy, 'images-approved-registries');
      assert.match(sides ?? '', /— → deny · fail/);
    }
    const inbox = await app.call('listInbox', {});
    assert.ok(inbox.ok, 'listInbox answers');
    const labels = new Set(rows.filter((r) => r[0] === 'would appear').map((r) => r[1] ?? ''));
    for (const cs of inbox.value.groups.flatMap((g) => g.items)) {
      assert.ok([...labels].some((l) => l.includes(cs.release)), `change set ${cs.release} is in the impact table (${[...labels].join(' | ')})`);
    }
    assert.ok(rows.some((r) => /\/acme-api$/.test(r[3] ?? '')), `the api Deployment is listed: ${JSON.stringify(rows)}`);
    // 2.13.2 passes today; with its image denied it would be blocked.
    assert.ok(rows.some((r) => r[0] === 'verdict flips' && (r[1] ?? '').includes('2.13.2') && r[5] === 'pass → blocked'), `2.13.2 flips to blocked: ${JSON.stringify(rows)}`);
    // The policy is configured now, in the draft.
    await list().getByTestId('unconfigured-images-approved-registries').waitFor({ state: 'detached' });
    // A row opens the clause that fired, with a link to the change set in the review screen.
    await impact.getByRole('button', { name: /^Explain images-approved-registries on / }).first().click();
    const detail = page.getByTestId('impact-detail');
    await detail.locator('.impact-clause').waitFor();
    const toResource = detail.getByRole('link', { name: 'open the resource in review' });
    assert.match(await toResource.getAttribute('href') ?? '', /^#\/review\/sha256%3A[0-9a-f]{64}\/resource\/\d+$/);
    await screenshot(page, 'contract-editor-impact');

    // Approving the vendor's real registry: nothing changes on any stored change set.
    await form.getByRole('textbox', { name: 'registries registry 1' }).fill('ghcr.io/acme-analytics/');
    await form.getByRole('button', { name: 'Apply registries to the draft' }).click();
    await impact.getByRole('status').filter({ hasText: 'The draft changes no finding and no verdict on any stored change set.' }).waitFor({ timeout: REPLAY_TIMEOUT });
    assert.deepEqual(pageErrors, []);
  });
});
