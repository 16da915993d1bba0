/**
 * The resource detail panel in real Chromium against the browser-mode host (demo workspace, no
 * mocks): the attribute diff by default (changed fields only, unchanged folded and counted,
 * masked and unknown values labelled), "Side by side" opening Monaco's diff sized to the panel,
 * the image changes of a workload, finding cards whose buttons stay inside them, and the policy
 * id linking to that policy in the contract screen.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import { findOverflows } from './overflow-check';
import type { RunningApp } from './harness';

async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

describe('resource detail panel (browser mode, demo workspace)', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let digest = '';
  let rows: readonly { index: number; address: string }[] = [];

  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    ({ page, consoleErrors: errors } = await openApp(browser, app, { viewport: { width: 1440, height: 1000 } }));
    page.setDefaultTimeout(20_000);
    const inbox = await ok(app.call('listInbox', {}));
    digest = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!.digest;
    rows = await ok(app.call('listResources', { digest }));
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = async (address: string) => {
    const index = rows.find((r) => r.address === address)!.index;
    await page.evaluate((h) => { window.location.hash = h; }, `#/review/${encodeURIComponent(digest)}/resource/${index}`);
    const panel = page.getByRole('region', { name: `Resource ${address}` });
    await panel.waitFor();
    return panel;
  };

  test('a replaced database shows its changed attributes only, masked and unknown values labelled, the rest folded', async () => {
    const panel = await open('module.database.aws_db_instance.main');
    const diff = panel.getByRole('list', { name: /^Changed attributes of/ });
    const row = (key: string) => diff.locator(`li[data-path='${JSON.stringify([key])}']`);
    assert.match((await row('engine_version').innerText()).replace(/\s+/g, ' '), /engine_version = "14\.9" → "15\.4"/);
    assert.match(await row('password').innerText(), /\(sensitive value\)[\s\S]*cannot be shown/);
    assert.match(await row('endpoint').innerText(), /\(known after apply\)/);
    const fold = diff.getByRole('button', { name: /^Show \d+ unchanged attributes$/ });
    const count = Number(/\d+/.exec(await fold.innerText())![0]);
    assert.equal(await row('engine').count(), 0, 'an unchanged attribute is folded');
    await fold.click();
    await row('engine').waitFor();
    assert.equal(await diff.locator('.diff-unchanged').count(), count);
  });

  test('"Side by side" opens Monaco\'s diff editor filling the panel\'s width', async () => {
    const panel = await open('module.database.aws_db_instance.main');
    await panel.getByRole('button', { name: 'Side by side' }).click();
    const editor = panel.getByTestId('resource-diff');
    await editor.locator('.monaco-diff-editor').waitFor();
    await editor.locator('.view-line').filter({ hasText: 'acme-prod-eu-db' }).first().waitFor();
    const [box, panelBox] = [await editor.boundingBox(), await panel.boundingBox()];
    assert.ok(box && panelBox && box.width >= panelBox.width - 4, `editor ${box?.width}px wide in a ${panelBox?.width}px panel`);
    assert.ok(box.height >= 320, `editor ${box.height}px high`);
    await panel.getByRole('button', { name: 'Changed attributes' }).click();
    await panel.getByRole('list', { name: /^Changed attributes of/ }).waitFor();
  });

  test('a workload update shows its image previous → new, with tag and pinning', async () => {
    const panel = await open('Deployment/acme-analytics/acme-api');
    const images = panel.getByRole('region', { name: 'Images' });
    const row = images.getByRole('row').filter({ hasText: 'containers/api' });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /changed/);
    assert.match(text, /tag 2\.13\.2[\s\S]*tag 2\.14\.0/);
    assert.match(text, /registry ghcr\.io/);
    assert.match(text, /pinned by digest/);
    const diff = panel.getByRole('list', { name: /^Changed attributes of/ });
    assert.match(await diff.innerText(), /matched by name/);
  });

  test('finding cards keep their buttons inside; the policy id opens that policy in the contract screen', async () => {
    const panel = await open('module.database.aws_db_instance.main');
    await panel.locator('.finding-open').first().click();
    await panel.getByRole('button', { name: 'Add as test' }).last().waitFor();
    const spills = await panel.locator('.finding-card').evaluateAll((cards) => cards.flatMap((card) => {
      const c = card.getBoundingClientRect();
      return Array.from(card.querySelectorAll('button, a')).map((b) => b.getBoundingClientRect())
        .filter((b) => b.width > 0 && (b.right > c.right + 0.5 || b.left < c.left - 0.5)).map((b) => `${b.left}-${b.right} outside ${c.left}-${c.right}`);
    }));
    assert.deepEqual(spills, []);
    const card = panel.getByRole('article', { name: 'Finding db-no-replace' });
    const link = card.getByRole('link', { name: 'db-no-replace' });
    const detail = await ok(app.call('getChangeSet', { digest }));
    assert.equal(await link.getAttribute('href'), `#/contract/${encodeURIComponent(detail.contractName)}/db-no-replace`);
    await link.click();
    const selected = page.getByRole('region', { name: 'Selected policy' });
    await selected.getByText('db-no-replace').first().waitFor();
    assert.equal(await selected.getByText(/has no policy/).count(), 0);
  });

  test('a finding explains itself: condition with the deciding clause marked, values seen, failing element, and its field marked in the diff', async () => {
    const panel = await open('Deployment/acme-analytics/acme-export-worker');
    const card = panel.getByRole('article', { name: 'Finding k8s-resource-limits' });
    await card.locator('.finding-open').click();
    const why = card.getByRole('group', { name: 'Why it fired' });
    assert.match(await why.locator('mark').innerText(), /resource\.containers\.all\(c,/);
    assert.match(await why.innerText(), /Failing element:[\s\S]*\[0\][\s\S]*"name": "worker"/);
    await why.getByRole('button', { name: 'Show in the diff' }).click();
    const blamed = panel.locator('.attribute-diff .diff-blamed');
    assert.equal(await blamed.getAttribute('data-path'), JSON.stringify(['spec', 'template', 'spec', 'containers', 0]));
    // The row takes the focus, so the keyboard and screen readers land on it too.
    // Polled with page.evaluate: a string predicate would need eval, which the app's CSP forbids.
    for (let i = 0; i < 50 && !(await page.evaluate(() => document.activeElement?.classList.contains('diff-blamed') === true)); i++) await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('diff-blamed') === true), true, 'the blamed row has the focus');
    // A replacement: the choice taken is shown with what it gave; its field (the plan entry's
    // actions, or none) has no attribute row, so no "Show in the diff" is offered.
    const db = await open('module.database.aws_db_instance.main');
    const replace = db.getByRole('article', { name: 'Finding db-no-replace' });
    await replace.locator('.finding-open').click();
    const dbWhy = replace.getByRole('group', { name: 'Why it fired' });
    assert.match((await dbWhy.innerText()).replace(/\s+/g, ' '), /Reached through resource\.source == "kubernetes" gave false/);
    assert.equal(await dbWhy.getByRole('button', { name: 'Show in the diff' }).count(), 0);
  });

  test('nothing in the panel overflows at 1280, 1440 and 1920 px, light and dark, every fold open', async () => {
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        for (const address of ['module.database.aws_db_instance.main', 'Deployment/acme-analytics/acme-api']) {
          const panel = await open(address);
          if (await panel.locator('.finding-open').count()) await panel.locator('.finding-open').first().click();
          // Open every fold (each opened level may show more).
          for (let i = 0; i < 20; i++) {
            const fold = panel.getByRole('button', { name: /^Show / , expanded: false });
            if ((await fold.count()) === 0) break;
            await fold.first().click();
          }
          await screenshot(page, `detail-${address.replace(/[^A-Za-z0-9]+/g, '-')}-${width}-${colorScheme}`);
          problems.push(...(await findOverflows(page)).map((p) => `${address} ${width} ${colorScheme}: ${p}`));
        }
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('the page logged no errors', () => {
    assert.deepEqual(errors, []);
  });
});
