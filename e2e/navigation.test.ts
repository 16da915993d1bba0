/**
 * Issue 11 (navigation) in real Chromium against the browser-mode host: a change set with a
 * repeated Kubernetes object and a Terraform drift entry. The search is kept in the URL (and
 * survives a reload), filter options carry counts and drift is its own category, duplicate
 * addresses are told apart, "Viewed" marks persist across a reload with a progress bar, "u"
 * jumps to the next unviewed resource and "v" marks it, and "?" lists every shortcut (also
 * from the Sign panel). Screenshots at 1280/1440/1920 px in light and dark.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, ROOT, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

const UI_TIMEOUT = 20_000;
const PASS = 'a long enough passphrase';
const BLOCKED_BUNDLE = join(ROOT, 'electron/demo/bundles/acme-2.14.0-blocked');

/** A bundle folder as the folder picker uploads it: paths relative to the folder's parent. */
function bundleFiles(dir: string): { path: string; dataBase64: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => {
    const full = join(e.parentPath, e.name);
    return { path: relative(join(dir, '..'), full).split('\\').join('/'), dataBase64: readFileSync(full).toString('base64') };
  });
}
const DRIFT_PLAN = join(ROOT, 'electron/testing/corpus/terraform/opentofu-resource-drift.plan.json');
const cm = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: prod\ndata:\n  a: "${value}"\n`;
const MANIFESTS = [cm('web', '1'), cm('other', '2'), cm('web', '3')].join('---\n');

async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

describe('review navigation (browser mode, real core)', { timeout: 300_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let digest = '';
  let total = 0;
  const pageErrors: string[] = [];

  before(async () => {
    app = await startApp({ seedDemo: false });
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app));
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    const imported = await ok(app.call('importFiles', {
      files: [{ path: 'app.yaml', dataBase64: b64(MANIFESTS) }, { path: 'drift.plan.json', dataBase64: b64(readFileSync(DRIFT_PLAN)) }],
    }));
    assert.ok(imported.digest, JSON.stringify(imported));
    digest = imported.digest;
    total = (await ok(app.call('listResources', { digest }))).length;
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const list = () => page.getByRole('listbox', { name: 'Resources' });
  const filters = () => page.getByRole('group', { name: 'Filter resources' });
  const open = async (hash = '') => {
    await page.evaluate((h) => { window.location.hash = h; }, `#/review/${encodeURIComponent(digest)}${hash}`);
    await list().waitFor();
  };

  test('duplicate addresses are told apart, and drift is its own category with its own count', async () => {
    await open();
    const rows = await ok(app.call('listResources', { digest }));
    const webs = rows.filter((r) => r.address === 'ConfigMap/prod/web');
    assert.deepEqual(webs.map((r) => r.disambiguator), ['document 1', 'document 3']);
    const drifted = rows.filter((r) => r.category === 'drift');
    assert.equal(drifted.length, 1);
    await list().getByRole('option').filter({ hasText: 'document 3' }).waitFor();
    await list().getByRole('option').filter({ hasText: 'test_instance.should_refresh' }).filter({ hasText: 'drift' }).first().waitFor();
    // The summary counts drift apart from updates.
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.getByRole('list', { name: 'Changes by action' }).getByText('drifted').waitFor();
    const updates = rows.filter((r) => r.category === 'update').length;
    assert.equal(await summary.locator('.action-update .count').textContent(), String(updates));
    // The detail header of the second "web" names its document.
    await list().getByRole('option').filter({ hasText: 'document 3' }).click();
    await page.getByTestId('selected-disambiguator').getByText('document 3').waitFor();
  });

  test('filter options carry counts; picking drift shows exactly the drift entry and is kept in the URL', async () => {
    const action = filters().getByRole('combobox', { name: /^Action/ });
    const driftOption = action.locator('option[value="drift"]');
    assert.equal(await driftOption.textContent(), 'drift (1)');
    await action.selectOption('drift');
    await filters().getByText(`1 of ${total} resources`).waitFor();
    await page.waitForFunction(() => window.location.hash.includes('category=drift'));
    // Counts of the other filters follow: only the drift entry's source is left.
    assert.equal(await filters().getByRole('combobox', { name: /^Source/ }).locator('option[value="terraform"]').textContent(), 'terraform (1)');
    await filters().getByRole('button', { name: 'Clear filters' }).click();
    await filters().getByText(`${total} resources`, { exact: true }).waitFor();
  });

  test('the search is kept in the URL and survives a reload', async () => {
    const search = page.getByRole('searchbox', { name: 'Search resources' });
    await search.fill('app.yaml web');
    await filters().getByText(`2 of ${total} resources`).waitFor();
    await page.waitForFunction(() => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('q') === 'app.yaml web');
    await page.reload();
    await filters().getByText(`2 of ${total} resources`).waitFor();
    assert.equal(await page.getByRole('searchbox', { name: 'Search resources' }).inputValue(), 'app.yaml web');
    await page.getByRole('searchbox', { name: 'Search resources' }).fill('');
    await filters().getByText(`${total} resources`, { exact: true }).waitFor();
  });

  test('"Viewed" marks show progress and persist across a reload', async () => {
    const progress = page.getByTestId('viewed-text');
    await progress.getByText(`0 of ${total} viewed`).waitFor();
    await list().getByRole('option').filter({ hasText: 'ConfigMap/prod/other' }).getByRole('checkbox').click();
    await progress.getByText(`1 of ${total} viewed`).waitFor();
    await page.reload();
    await page.getByTestId('viewed-text').getByText(`1 of ${total} viewed`).waitFor();
    assert.equal(await list().getByRole('option').filter({ hasText: 'ConfigMap/prod/other' }).getByRole('checkbox').isChecked(), true);
  });

  test('"u" goes to the next unviewed resource and "v" marks the selected one', async () => {
    const rows = await ok(app.call('listResources', { digest }));
    const viewed = new Set((await ok(app.call('listViewed', { digest }))).indexes);
    await list().getByRole('option').first().click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const selectedText = async () => (await list().getByRole('option', { selected: true }).textContent()) ?? '';
    const first = rows[0]!;
    const expected = rows.find((r) => r.index > first.index && !viewed.has(r.index))!;
    await page.keyboard.press('u');
    await page.waitForFunction((a) => document.querySelector('[role=option][aria-selected=true]')?.textContent?.includes(a), expected.address);
    assert.ok((await selectedText()).includes(expected.address));
    await page.keyboard.press('v');
    await page.getByTestId('viewed-text').getByText(`2 of ${total} viewed`).waitFor();
    await page.waitForFunction(async () => true);
    const stored = await ok(app.call('listViewed', { digest }));
    assert.ok(stored.indexes.includes(expected.index), JSON.stringify(stored));
  });

  test('"?" lists every shortcut, Esc closes it; the Sign panel opens the same list', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const text of ['Next finding', 'Previous finding', 'Next resource not yet viewed', 'Mark the selected resource viewed', 'Search resources', 'Sign panel']) {
      await dialog.getByText(text, { exact: false }).first().waitFor();
    }
    await screenshot(page, 'review-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /Sign panel shortcuts/ }).click();
    await dialog.getByRole('region', { name: 'Sign panel' }).waitFor();
    await dialog.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('screenshots at 1280, 1440 and 1920 px, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await list().waitFor();
        // The top of the screen: every scrolled container back to its start.
        await page.evaluate(() => {
          for (const el of [document.scrollingElement, ...document.querySelectorAll('main, .app-main, .review-screen')]) if (el) el.scrollTop = 0;
        });
        await screenshot(page, `navigation-${width}-${colorScheme}`);
        // The list's filters, progress and rows stay inside their column (the whole page's overflow is the layout test's).
        const spill = await page.evaluate(() => {
          const column = document.querySelector('.review-resources')!.getBoundingClientRect();
          return [...document.querySelectorAll('.review-resources *')].filter((el) => el.getBoundingClientRect().right > column.right + 1 && !el.closest('.resource-list > div')).map((el) => el.className || el.tagName);
        });
        assert.deepEqual(spill, [], `${width}px ${colorScheme}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('the summary tells open, waived and approved findings apart: a waived critical is no longer "1 critical"', async () => {
    const files = bundleFiles(BLOCKED_BUNDLE);
    const blocked = (await ok(app.call('importFiles', { files }))).digest!;
    await page.evaluate((h) => { window.location.hash = h; }, `#/review/${encodeURIComponent(blocked)}`);
    const summary = page.getByRole('region', { name: 'Summary' });
    const tally = summary.getByRole('list', { name: 'Findings' });
    await tally.getByText('critical').waitFor();
    await tally.getByTestId('waived-count').getByText('0 waived').waitFor();
    // A zero is plain, never in a warning colour.
    assert.match((await tally.getByTestId('waived-count').getAttribute('class')) ?? '', /\bzero\b/);
    const findings = await ok(app.call('listFindings', { digest: blocked }));
    const critical = findings.filter((f) => f.severity === 'critical');
    assert.equal(critical.length, 1, JSON.stringify(critical));
    const key = await ok(app.call('createKey', { name: 'Nav', passphrase: PASS }));
    await ok(app.call('requestException', {
      digest: blocked, waives: [{ policy: critical[0]!.policy, address: critical[0]!.address }], justification: 'agreed with the DBA team',
      expires: new Date(Date.now() + 7 * 86_400_000).toISOString(), scope: 'changeset', keyId: key.keyId, passphrase: PASS,
    }));
    assert.ok((await ok(app.call('listFindings', { digest: blocked }))).some((f) => f.id === critical[0]!.id && f.waived), 'the exception waives it');
    await page.reload();
    await page.getByRole('region', { name: 'Summary' }).getByTestId('waived-count').getByText('1 waived').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Summary' }).getByRole('list', { name: 'Findings' }).getByText('critical').count(), 0);
  });

  test('rows stay true to their resource while a long list scrolls (row elements are reused): text, Viewed box, selection; a box click leaves focus on the list', async () => {
    const names = Array.from({ length: 400 }, (_, i) => `cm-${String(i).padStart(3, '0')}`);
    const many = (await ok(app.call('importFiles', { files: [{ path: 'many.yaml', dataBase64: b64(names.map((n) => cm(n, n)).join('---\n')) }] }))).digest!;
    const rows = await ok(app.call('listResources', { digest: many }));
    const marked = rows.filter((_, i) => i % 7 === 3).map((r) => r.index);
    await ok(app.call('setViewed', { digest: many, indexes: marked, viewed: true }));
    await page.evaluate((h) => { window.location.hash = h; }, `#/review/${encodeURIComponent(many)}`);
    await page.getByTestId('viewed-text').getByText(`${marked.length} of ${rows.length} viewed`).waitFor();
    const byAddress = new Map(rows.map((r) => [r.address, r.index]));
    const viewed = new Set(marked);
    // Every row in the DOM shows one resource, with that resource's own Viewed state.
    const check = async (where: string) => {
      const shown = await list().evaluate((el) => [...el.querySelectorAll('[role=option]')].map((o) => ({
        id: o.id, text: o.querySelector('.address')?.textContent ?? '', viewed: (o.querySelector('input[type=checkbox]') as HTMLInputElement).checked,
        label: o.querySelector('input[type=checkbox]')?.getAttribute('aria-label') ?? '', selected: o.getAttribute('aria-selected'),
      })));
      assert.ok(shown.length > 5, `${where}: rows are shown`);
      for (const row of shown) {
        const index = byAddress.get(row.text);
        assert.ok(index !== undefined, `${where}: ${row.text} is a resource`);
        assert.equal(row.id, `resource-row-${index}`, `${where}: ${row.text}`);
        assert.equal(row.label, `Viewed ${row.text}`, where);
        assert.equal(row.viewed, viewed.has(index), `${where}: ${row.text} viewed`);
      }
      return shown;
    };
    await check('top');
    /** Scrolls the list (to `y`, or by `y` with `by`), then waits until the rendered window follows: its first row at most the overscan above the top. */
    const scroll = async (y: number, by = false) => {
      await list().evaluate((el, [px, relative]) => { el.scrollTop = relative ? el.scrollTop + px : px; }, [y, by] as const);
      await page.waitForFunction(() => {
        const el = document.querySelector('[role=listbox][aria-label=Resources]') as HTMLElement;
        const top = el.querySelector('[role=option]') as HTMLElement | null;
        const at = top ? new DOMMatrix(getComputedStyle(top).transform).m42 : -1;
        return at >= 0 && at <= el.scrollTop && el.scrollTop - at <= 30 * 6;
      });
    };
    for (const y of [3_000, 7_000, 20_000, 200]) {
      await scroll(y);
      await check(`scrolled to ${y}`);
      if (y === 7_000) await screenshot(page, 'navigation-long-list-scrolled');
    }
    // A small scroll keeps each row that stays in view in its own element (only the rows that
    // come in take the elements of those that went out): mark every row element with what it
    // shows, scroll by less than a row at a time, and look again. The list is then half a row
    // taller than a whole number of rows, so how many rows show moves by one as it scrolls.
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: viewport.width, height: viewport.height + 15 });
    for (let step = 0; step < 8; step++) {
      await list().evaluate((el) => { for (const o of el.querySelectorAll('[role=option]')) (o as HTMLElement).dataset.shown = o.id; });
      await scroll(13, true);
      const moved = await list().evaluate((el) => [...el.querySelectorAll('[role=option]')].filter((o) => (o as HTMLElement).dataset.shown !== undefined && (o as HTMLElement).dataset.shown !== o.id && el.querySelector(`[data-shown="${(o as HTMLElement).dataset.shown}"]`) === o).length);
      const stayed = await list().evaluate((el) => [...el.querySelectorAll('[role=option]')].filter((o) => (o as HTMLElement).dataset.shown === o.id).length);
      assert.ok(stayed >= 10, `step ${step}: rows in view keep their elements (${stayed} kept)`);
      assert.ok(moved <= 2, `step ${step}: at most the rows that scrolled in changed element (${moved})`);
      await check(`small scroll ${step}`);
    }
    await page.setViewportSize(viewport);
    // A box clicked after the scroll marks that row only, and focus stays on the list (arrow keys still move).
    const i10 = byAddress.get('ConfigMap/prod/cm-010')!;
    const wasViewed = viewed.has(i10);
    await list().getByRole('option').filter({ hasText: 'ConfigMap/prod/cm-010' }).getByRole('checkbox').click();
    await page.getByTestId('viewed-text').getByText(`${marked.length + (wasViewed ? -1 : 1)} of ${rows.length} viewed`).waitFor();
    if (wasViewed) viewed.delete(i10);
    else viewed.add(i10);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Resources');
    // Focus given to a box another way (a screen reader's activation: no mousedown) goes back to the list too.
    await list().getByRole('option').filter({ hasText: 'ConfigMap/prod/cm-011' }).getByRole('checkbox').focus();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Resources');
    await check('after a box click');
    const stored = new Set((await ok(app.call('listViewed', { digest: many }))).indexes);
    assert.deepEqual([...stored].sort((a, b) => a - b), [...viewed].sort((a, b) => a - b));
    await list().getByRole('option').filter({ hasText: 'ConfigMap/prod/cm-012' }).click();
    await scroll(9_000);
    await scroll(0);
    await page.waitForFunction(() => document.querySelector('[role=option][aria-selected=true]')?.textContent?.includes('cm-012'));
    const selected = (await check('selection scrolled out and back')).filter((r) => r.selected === 'true');
    assert.deepEqual(selected.map((r) => r.text), ['ConfigMap/prod/cm-012']);
  });

  test('the page logged no errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
