/**
 * Fleet preview (issue 13) in real Chromium against the browser-mode host (real core, no
 * mocks): pick the blocked demo release's folder, drop the customers' contracts (files made in
 * the page, as a drag from the desktop gives them), and see the matrix: a blocked install with
 * its deny policies, a signed, an unsigned, a stale and a tampered contract told apart, a
 * hostile install name shown as text. Filter and sort it, export JSON and HTML (downloads), and
 * drop a broken contract: the error names its file and line. Nothing is stored in the workspace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FleetMatrixDto } from '../electron/shared/api-types';
import { HOSTILE_INSTALL, writeFleetFiles } from './fleet-fixtures';
import type { FleetFiles } from './fleet-fixtures';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import { findOverflows } from './overflow-check';
import type { RunningApp } from './harness';

const UI_TIMEOUT = 30_000;
/** The hostile install as the screen shows it: its bidi override as an escape. */
const SHOWN_HOSTILE = HOSTILE_INSTALL.replace('\u202E', '\\u{202E}');

/** Drops files on a drop zone as a drag from the file manager does: a DataTransfer holding File objects. */
async function dropFiles(page: Page, testId: string, folder: string): Promise<void> {
  const files = readdirSync(folder).sort().map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.name.endsWith('.json') ? 'application/json' : 'application/yaml' }));
    return dt;
  }, files);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}

/** The text of each row's cells, by install. */
async function matrixRows(page: Page): Promise<Record<string, string[]>> {
  const rows = page.getByRole('table', { name: 'Fleet matrix' }).locator('tbody tr');
  const out: Record<string, string[]> = {};
  for (let i = 0; i < await rows.count(); i++) {
    const cells = await rows.nth(i).locator('th, td').allInnerTexts();
    out[(await rows.nth(i).locator('.fleet-install').innerText())] = cells;
  }
  return out;
}

describe('Fleet preview (browser mode, real core)', { timeout: 240_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let files: FleetFiles;

  before(async () => {
    files = writeFleetFiles();
    app = await startApp({ seedDemo: false });
    browser = await launchBrowser();
    ({ page, consoleErrors } = await openApp(browser, app));
    page.setDefaultTimeout(UI_TIMEOUT);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('drop a release and the contracts: one row per install, blocked ones with their deny policies, each signature status flagged', async () => {
    const inboxBefore = await app.call('listInbox', {});
    await page.getByRole('link', { name: 'Fleet preview' }).click();
    await page.getByRole('heading', { name: 'Fleet preview', level: 1 }).waitFor();
    await page.getByLabel('Release: choose a folder').setInputFiles(files.release);
    await page.getByText('Selected: acme-2.14.0-blocked/').waitFor();
    await dropFiles(page, 'fleet-contracts-drop', files.contracts);
    await page.getByRole('table', { name: 'Fleet matrix' }).waitFor();
    const rows = await matrixRows(page);
    assert.deepEqual(Object.keys(rows).sort(), ['acme-prod-eu', 'globex-prod', 'hooli-prod', 'initech-staging', 'umbrella-prod', SHOWN_HOSTILE].sort());
    // Worst first: every blocked install comes before the others.
    const verdicts = Object.values(rows).map((cells) => cells[1]);
    assert.deepEqual(verdicts, [...verdicts].sort((a, b) => ['Blocked', 'Needs approval', 'Pass'].indexOf(a!) - ['Blocked', 'Needs approval', 'Pass'].indexOf(b!)));
    const blocked = rows['acme-prod-eu']!;
    assert.equal(blocked[1], 'Blocked');
    assert.equal(blocked[2], '3', 'three deny policies');
    assert.match(blocked[4]!, /db-no-replace/);
    assert.match(blocked[5]!, /^Unsigned/, 'the unsigned contract is flagged');
    assert.match(rows['globex-prod']![1]!, /Needs approval/);
    assert.match(rows['globex-prod']![5]!, /^Signed/);
    assert.match(rows['initech-staging']![1]!, /Pass/);
    assert.match(rows['umbrella-prod']![5]!, /^Stale/);
    assert.match(rows['hooli-prod']![5]!, /^Bad signature/);
    // The hostile name is text: no element was made from it, and its bidi override shows as an escape.
    assert.equal(await page.locator('.fleet-matrix img').count(), 0);
    await page.getByText('2 signed · 2 unsigned · 1 stale · 1 bad signature').waitFor();
    await page.getByText(/Exceptions and approvals are not applied/).waitFor();
    await screenshot(page, 'fleet-preview');
    assert.deepEqual(await app.call('listInbox', {}), inboxBefore, 'the preview stores nothing');
  });

  test('filter by verdict and signature, search, and sort by a column', async () => {
    const verdict = page.getByLabel('Verdict');
    await verdict.selectOption('blocked');
    assert.deepEqual(Object.keys(await matrixRows(page)).sort(), [SHOWN_HOSTILE, 'acme-prod-eu', 'hooli-prod', 'umbrella-prod']);
    await page.getByLabel('Contract signature').selectOption('signed');
    await page.getByText('No install matches these filters.').waitFor();
    await verdict.selectOption('all');
    assert.deepEqual(Object.keys(await matrixRows(page)), ['globex-prod', 'initech-staging']);
    await page.getByLabel('Contract signature').selectOption('all');
    await page.getByRole('searchbox').fill('network-change');
    assert.deepEqual(Object.keys(await matrixRows(page)).sort(), [SHOWN_HOSTILE, 'acme-prod-eu', 'globex-prod', 'hooli-prod', 'umbrella-prod']);
    await page.getByRole('searchbox').fill('');
    await page.getByRole('button', { name: 'Install' }).click();
    const names = Object.keys(await matrixRows(page));
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : 1)));
    assert.equal(await page.getByRole('columnheader', { name: 'Install' }).getAttribute('aria-sort'), 'ascending');
  });

  test('export JSON and HTML: the host\'s matrix, downloaded', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    assert.match(json.suggestedFilename(), /^fleet-[0-9a-f]{12}\.json$/);
    const matrix = JSON.parse(readFileSync((await json.path())!, 'utf8')) as FleetMatrixDto;
    assert.equal(matrix.rows.length, 6);
    assert.deepEqual(matrix.rows.find((r) => r.install === 'acme-prod-eu')?.deny, ['db-no-replace', 'k8s-resource-limits', 'maintenance-window']);
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export HTML' }).click()]);
    const text = readFileSync((await html.path())!, 'utf8');
    assert.match(text, /^<!doctype html>/i);
    assert.ok(!text.includes('<img'), 'names are escaped in the exported HTML');
    assert.ok(text.includes('acme-prod-eu'));
  });

  test('leaving the screen (to trust an owner key, say) and coming back keeps the inputs and the matrix', async () => {
    await page.getByRole('link', { name: 'Keys & trust' }).click();
    await page.getByRole('heading', { name: 'Keys & trust', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Fleet preview' }).click();
    await page.getByRole('table', { name: 'Fleet matrix' }).waitFor();
    await page.getByText('Selected: acme-2.14.0-blocked/').waitFor();
    assert.equal(Object.keys(await matrixRows(page)).length, 6);
  });

  test('a broken contract: the error names the file and line, and the last matrix is not shown as its answer', async () => {
    await dropFiles(page, 'fleet-contracts-drop', files.broken);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /wayne-prod\.yaml:\d+/);
    assert.equal(await page.getByRole('table', { name: 'Fleet matrix' }).count(), 0);
    await screenshot(page, 'fleet-preview-error');
    assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
  });

  test('nothing overflows sideways at 1280, 1440 and 1920 px, light and dark (a wide fleet, long status details, a hostile name)', async () => {
    const wide = writeFleetFiles(12);
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 1440, 1920]) {
        const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme });
        const p = await context.newPage();
        p.setDefaultTimeout(UI_TIMEOUT);
        await p.goto(app.url);
        await p.getByRole('link', { name: 'Fleet preview' }).click();
        await p.getByLabel('Release: choose a folder').setInputFiles(wide.release);
        await dropFiles(p, 'fleet-contracts-drop', wide.contracts);
        await p.getByRole('table', { name: 'Fleet matrix' }).waitFor();
        problems.push(...(await findOverflows(p)).map((x) => `${width} ${colorScheme}: ${x}`));
        await context.close();
      }
    }
    assert.deepEqual(problems, []);
  });
});

