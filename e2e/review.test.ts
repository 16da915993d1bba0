/**
 * Inbox and Review screens in real Chromium against the browser-mode host (real core, real
 * SQLite file in a temp workspace, no mocks): import the blocked demo bundle through the
 * folder picker, see its verdict and findings, open a finding and see its source line
 * highlighted in Monaco, step through findings with the keyboard (the finding survives a
 * reload), filter the resource list, and import a truncated plan: the error names the file
 * and line and the inbox is unchanged. Monaco must load from the app itself: no request may
 * leave 127.0.0.1. Steps share one app and run in order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FindingDto } from '../electron/shared/api-types';
import { launchBrowser, openApp, ROOT, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const BLOCKED_BUNDLE = join(ROOT, 'electron/demo/bundles/acme-2.14.0-blocked');
const UI_TIMEOUT = 20_000;

async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

/** The finding id in the URL (#/review/<digest>/<id>), or null. */
function findingInUrl(page: Page): number | null {
  const m = /#\/review\/[^/]+\/(\d+)$/.exec(page.url());
  return m ? Number(m[1]) : null;
}

/** The text of the line Monaco decorated as the finding's line, read from the rendered editor. */
async function decoratedLineText(page: Page): Promise<string> {
  const editor = page.getByTestId('source-excerpt');
  await editor.locator('.finding-line').waitFor();
  return editor.evaluate((root) => {
    const overlay = root.querySelector('.finding-line')!.parentElement as HTMLElement;
    const line = Array.from(root.querySelectorAll<HTMLElement>('.view-line')).find((l) => l.style.top === overlay.style.top);
    return (line?.textContent ?? '').replace(/\u00a0/g, ' ');
  });
}

describe('inbox and review screens (browser mode, real core)', { timeout: 240_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  // Console errors with their source; the browser's own favicon probe is not these screens' business.
  const pageErrors: string[] = [];
  const offOrigin: string[] = [];
  let digest = '';
  let findings: readonly FindingDto[] = [];

  before(async () => {
    app = await startApp({ seedDemo: false });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app));
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) pageErrors.push(`${m.text()} (${m.location().url})`);
    });
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(app.baseUrl) && !url.startsWith('blob:') && !url.startsWith('data:')) offOrigin.push(url);
    });
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const inboxRows = () => page.locator('.inbox-group tbody tr');

  test('an empty inbox says what to do next', async () => {
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'No change sets to review' }).waitFor();
    await page.getByText('drop the files here', { exact: false }).waitFor();
    await screenshot(page, 'inbox-empty');
  });

  test('importing the blocked bundle folder opens its review: blocked, with its findings', async () => {
    await page.getByLabel('Import a bundle folder').setInputFiles(BLOCKED_BUNDLE);
    await page.waitForURL(/#\/review\/sha256%3A[0-9a-f]{64}$|#\/review\/sha256:[0-9a-f]{64}$/);
    digest = decodeURIComponent(/#\/review\/([^/]+)/.exec(page.url())![1]!);
    await page.getByRole('heading', { name: /acme/ }).getByText('Blocked', { exact: true }).waitFor();
    await page.getByText(digest, { exact: true }).waitFor();
    findings = await ok(app.call('listFindings', { digest }));
    assert.deepEqual(findings.map((f) => f.policy).sort(), ['db-no-replace', 'k8s-resource-limits', 'maintenance-window', 'network-change-approval', 'no-public-ingress']);
    // The summary counts open findings by severity, the list shows all 12 resources.
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.getByRole('list', { name: 'Findings' }).getByText('critical').waitFor();
    await page.getByText('12 resources', { exact: true }).waitFor();
    // It starts on the first resource with findings, showing them with their policies.
    await page.getByRole('button', { name: /Show finding db-no-replace/ }).waitFor();
    await screenshot(page, 'review');
  });

  test('the inbox lists the imported change set with its verdict', async () => {
    await page.getByRole('link', { name: '← Inbox' }).click();
    await inboxRows().first().waitFor();
    assert.equal(await inboxRows().count(), 1);
    await inboxRows().first().getByText('Blocked', { exact: true }).waitFor();
    await inboxRows().first().getByRole('link', { name: /Review .* to 2\.14\.0/ }).waitFor();
    // Its planned apply time (2026-11-26) has gone by while it is still pending: the row says so (issue 11).
    await inboxRows().first().locator('.inbox-flag.past').filter({ hasText: 'planned apply time passed' }).waitFor();
    await screenshot(page, 'inbox');
  });

  test('opening a finding highlights its source line; the finding survives a reload', async () => {
    await inboxRows().first().getByRole('link', { name: /Review/ }).click();
    const limits = findings.find((f) => f.policy === 'k8s-resource-limits')!;
    await page.getByRole('option', { name: new RegExp(`^deploy|${limits.address.replace(/[/.]/g, '\\$&')}`) }).first().waitFor();
    await page.getByRole('listbox', { name: 'Resources' }).getByRole('option').filter({ hasText: limits.address }).click();
    await page.getByRole('button', { name: /Show finding k8s-resource-limits/ }).click();
    assert.equal(findingInUrl(page), limits.id);
    const card = page.getByRole('article', { name: 'Finding k8s-resource-limits' });
    await card.getByText('How to fix:').waitFor();
    // The container without limits: its `- name: worker` line (release.yaml line 126) is the one decorated.
    assert.match(await decoratedLineText(page), /- name: worker/);
    await card.getByText('k8s/release.yaml:126', { exact: false }).first().waitFor();
    await screenshot(page, 'review-finding');

    await page.reload();
    await page.getByRole('article', { name: 'Finding k8s-resource-limits' }).getByText('How to fix:').waitFor();
    assert.equal(findingInUrl(page), limits.id);
    assert.match(await decoratedLineText(page), /- name: worker/);
  });

  test('j / k move between findings; ArrowDown moves in the resource list', async () => {
    const at = findings.findIndex((f) => f.id === findingInUrl(page));
    assert.ok(at >= 0);
    const next = findings[(at + 1) % findings.length]!;
    const prev = findings[(at - 1 + findings.length) % findings.length]!;
    // The keys work once the findings are loaded; the hint says how many there are.
    await page.getByLabel('Keyboard shortcuts').getByText(`${findings.length} findings`).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.waitForFunction((id) => window.location.hash.endsWith(`/${id}`), next.id);
    await page.getByRole('article', { name: `Finding ${next.policy}` }).getByText('How to fix:').waitFor();
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.waitForFunction((id) => window.location.hash.endsWith(`/${id}`), prev.id);
    await page.getByRole('article', { name: `Finding ${prev.policy}` }).getByText('How to fix:').waitFor();

    const list = page.getByRole('listbox', { name: 'Resources' });
    const selectedText = async () => (await list.getByRole('option', { selected: true }).textContent()) ?? '';
    await list.focus();
    const before = await selectedText();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((b) => document.querySelector('[role=option][aria-selected=true]')?.textContent !== b, before);
    const rows = await ok(app.call('listResources', { digest }));
    const posBefore = rows.findIndex((r) => before.includes(r.address));
    assert.ok((await selectedText()).includes(rows[posBefore + 1]!.address), 'the next resource is selected');
    // Moving to a resource of another finding drops the finding from the URL.
    if (rows[posBefore + 1]!.index !== prev.resourceIndex) assert.equal(findingInUrl(page), null);
  });

  test('a link to one resource (the contract editor\'s impact rows use it) opens on that resource', async () => {
    const rows = await ok(app.call('listResources', { digest }));
    const target = rows.find((r) => r.findingCount === 0) ?? rows.at(-1)!;
    await page.evaluate((h) => { window.location.hash = h; }, `#/review/${encodeURIComponent(digest)}/resource/${target.index}`);
    await page.getByRole('region', { name: `Resource ${target.address}` }).waitFor();
    const list = page.getByRole('listbox', { name: 'Resources' });
    assert.ok(((await list.getByRole('option', { selected: true }).textContent()) ?? '').includes(target.address));
    // The header names the contract that judged the change set, linking to it.
    const { contractName } = await ok(app.call('getChangeSet', { digest }));
    const judgedBy = page.locator('.review-facts').getByRole('link', { name: contractName, exact: true });
    assert.equal(await judgedBy.getAttribute('href'), `#/contract/${encodeURIComponent(contractName)}`);
  });

  test('the resource list filters by finding, policy and action (issue 11: policy has its own filter)', async () => {
    const filters = page.getByRole('group', { name: 'Filter resources' });
    const rows = await ok(app.call('listResources', { digest }));
    const withFindings = rows.filter((r) => r.findingCount > 0).length;
    await filters.getByLabel('Finding').selectOption('with');
    await filters.getByText(`${withFindings} of 12 resources`).waitFor();
    await filters.getByLabel('Finding').selectOption('');
    await filters.getByLabel('Policy').selectOption('no-public-ingress');
    await filters.getByText('1 of 12 resources').waitFor();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByRole('combobox', { name: /^Action/ }).selectOption('replace');
    const replaces = rows.filter((r) => r.action === 'replace').length;
    await filters.getByText(`${replaces} of 12 resources`).waitFor();
    assert.equal(await page.getByRole('listbox', { name: 'Resources' }).getByRole('option').count(), replaces);
    await filters.getByRole('button', { name: 'Clear filters' }).click();
  });

  test('the diff editor shows the selected resource before/after from the local Monaco', async () => {
    await page.getByRole('listbox', { name: 'Resources' }).getByRole('option').filter({ hasText: 'aws_db_instance.main' }).click();
    // The attribute diff is the default view; Monaco's side by side is one click away (issue 11).
    await page.getByRole('button', { name: 'Side by side' }).click();
    const diff = page.getByTestId('resource-diff');
    await diff.locator('.monaco-diff-editor').waitFor();
    await diff.locator('.view-line').filter({ hasText: 'acme-prod-eu-db' }).first().waitFor();
  });

  test('a truncated plan JSON is refused with its file and line; the inbox is unchanged', async () => {
    await page.getByRole('link', { name: '← Inbox' }).click();
    await inboxRows().first().waitFor();
    const before = await ok(app.call('listInbox', {}));
    const plan = readFileSync(join(BLOCKED_BUNDLE, 'infra/plan.json'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'countersign-e2e-bad-'));
    const bad = join(dir, 'truncated-plan.json');
    writeFileSync(bad, plan.slice(0, Math.floor(plan.length / 2)));
    await page.getByLabel(/^Import files/).setInputFiles(bad);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not import truncated-plan.json' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    assert.match(text, /truncated-plan\.json/);
    assert.match(text, /line \d+|:\d+/, `the error names the line: ${text}`);
    assert.doesNotMatch(text, /countersign-import-|TypeError|at .*\.ts:/, 'no temp paths or stack traces');
    assert.deepEqual(await ok(app.call('listInbox', {})), before);
    assert.equal(await inboxRows().count(), 1);
    await screenshot(page, 'inbox-import-error');
    await alert.getByRole('button', { name: 'Dismiss error' }).click();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Could not import' }).count(), 0);
  });

  test('nothing was requested outside 127.0.0.1 and the page logged no errors', () => {
    assert.deepEqual(offOrigin, []);
    assert.deepEqual(pageErrors, []);
  });
});
