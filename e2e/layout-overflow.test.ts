/**
 * No horizontal overflow at 1280, 1440 and 1920 px, light and dark (browser mode, real core):
 * the inbox, the review of a big blocked change set (a finding open, the Sign panel with its
 * batch picker, the list that will be signed, a signed exception, a co-signing request, verify's
 * reasons and the vendor export), an approved change set, the contract screen, keys and audit. Each
 * view is saved as test-results/screenshots/layout-<screen>-<width>-<scheme>.png (gitignored)
 * and checked by findOverflows, whose failures name the offending element.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { goto, ok, watchErrors } from './editor-steps';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';
import type { RunningApp } from './harness';
import { BIG_BLOCKED_RELEASE, bigBlockedBundleFiles } from './big-blocked-bundle';
import { findOverflows } from './overflow-check';

const WIDTHS = [1280, 1440, 1920] as const;
const SCHEMES = ['light', 'dark'] as const;
const HEIGHT = 1000;
/** Tall enough to show the whole Sign panel in one picture. */
const TALL = 2600;
const KEY = { name: 'Alice Whitfield-Ngata (SecOps, EU platform, sovereign cloud review board)', passphrase: 'alice signs off 2026 carefully' };

/**
 * Each visible picker row's address, followed by " [end hidden]" when its last characters are
 * cut off (an end ellipsis, or a tail that does not reach the row's right edge).
 */
const PICKER_ADDRESS_ENDS = `Array.from(document.querySelectorAll('.picker-row.finding .address')).map((el) => {
  const text = el.textContent;
  const tail = el.querySelector('.middle-ellipsis-tail');
  if (!tail) return el.scrollWidth > el.clientWidth + 1 ? text + ' [end hidden]' : text;
  const inner = tail.firstElementChild.getBoundingClientRect();
  return Math.abs(inner.right - tail.getBoundingClientRect().right) <= 1 ? text : text + ' [end hidden]';
})`;

/** Scrolls the main area to its end and returns where the Sign column's top then is (viewport px). */
const SIGN_TOP_AFTER_SCROLLING_DOWN = `(() => {
  const main = document.querySelector('.app-main');
  main.scrollTop = main.scrollHeight;
  const top = document.querySelector('.review-sign').getBoundingClientRect().top;
  main.scrollTop = 0;
  return top;
})()`;

describe('layout: nothing overflows horizontally', { timeout: 600_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let digest = '';
  let findingId = 0;
  let approved = '';

  before(async () => {
    app = await startApp();
    const key = await ok(app.call('createKey', KEY));
    await ok(app.call('importFiles', { files: bigBlockedBundleFiles() }));
    const items = (await ok(app.call('listInbox', {}))).groups.flatMap((g) => g.items);
    digest = items.find((i) => i.release === BIG_BLOCKED_RELEASE)!.digest;
    const findings = await ok(app.call('listFindings', { digest }));
    const denies = findings.filter((f) => f.enforcement === 'deny');
    assert.ok(denies.length >= 100, `the big change set should be blocked by many findings, has ${denies.length}`);
    findingId = denies[0]!.id;
    // One signed exception, so the Sign panel lists it (its long justification and addresses).
    await ok(app.call('requestException', {
      digest, waives: denies.slice(0, 3).map((f) => ({ policy: f.policy, address: f.address })),
      justification: 'Vendor ships the fix in 2.15.1 for every sovereign tenant; agreed with the DBA team on the change call (ticket SEC-20261130-0042)',
      expires: new Date(Date.now() + 5 * 86_400_000).toISOString(), scope: 'changeset', keyId: key.keyId, passphrase: KEY.passphrase,
    }));
    // An approved change set: the Decision card lists the approval, its signer and the withdraw button.
    approved = items.find((i) => i.release === '2.13.2')!.digest;
    await ok(app.call('approve', { digest: approved, keyId: key.keyId, passphrase: KEY.passphrase, comment: 'Chart bump only: images pinned by digest, no RBAC or network change; checked against the vendor release notes' }));
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Saves the view and returns its overflow problems, each prefixed with the view's name. */
  async function check(page: Page, name: string): Promise<string[]> {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${name}.png`) });
    return (await findOverflows(page)).map((p) => `${name}: ${p}`);
  }

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      test(`${width} px, ${scheme}`, async () => {
        const context = await browser.newContext({ viewport: { width, height: HEIGHT }, colorScheme: scheme });
        const page = await context.newPage();
        page.setDefaultTimeout(30_000);
        const errors = watchErrors(page);
        const tag = `${width}-${scheme}`;
        const problems: string[] = [];
        try {
          await page.goto(app.url);
          await page.getByRole('heading', { name: 'Inbox' }).waitFor();
          await page.locator('.inbox-group').first().waitFor();
          problems.push(...await check(page, `inbox-${tag}`));

          await goto(page, `#/review/${encodeURIComponent(digest)}/${findingId}`);
          const panel = page.getByRole('complementary', { name: 'Sign' });
          await panel.getByTestId('decision-state').waitFor();
          await page.locator('.finding-card.selected').waitFor();
          const picker = panel.getByRole('group', { name: 'Findings to waive' });
          await picker.getByRole('button', { name: 'All deny findings' }).click();
          await panel.getByTestId('waiver-preview-total').waitFor();
          await panel.locator('.exception').first().waitFor();
          problems.push(...await check(page, `review-${tag}`));
          // The picker's rows differ at the address's end (tenant key, type, name): a cut address shows its end.
          // Reading down the detail keeps the Sign column in view (sticky), not a page away.
          const signTop = await page.evaluate<number>(SIGN_TOP_AFTER_SCROLLING_DOWN);
          assert.ok(signTop >= 0 && signTop < HEIGHT / 2, `the Sign column's top should stay in view after scrolling down, is at ${signTop} px`);
          await picker.screenshot({ path: join(SCREENSHOT_DIR, `layout-picker-${tag}.png`) });
          const ends = await page.evaluate<string[]>(PICKER_ADDRESS_ENDS);
          assert.ok(ends.length > 0, 'the picker shows finding rows');
          for (const end of ends) assert.match(end, /\.module\.database\.aws_db_instance\.main$|\.main$|\.exports$|\.ingress_https$/, `a picker row hides its address's end: ${end}`);
          // The panel's longest texts: the request file's path, verify's reasons, the exported files.
          await panel.getByRole('button', { name: 'Send for co-signature' }).click();
          // Without a published contract the request is refused with the reason: either text must fit.
          await panel.getByRole('region', { name: 'Co-signature' }).locator('[role="status"], .inline-error').first().waitFor();
          const handoff = panel.getByRole('region', { name: 'Hand over to the vendor' });
          await handoff.getByRole('button', { name: 'Verify as the vendor will' }).click();
          await handoff.getByTestId('vendor-verify').waitFor();
          await handoff.getByRole('button', { name: 'Export for vendor' }).click();
          await handoff.locator('[data-testid="vendor-export"], .inline-error').first().waitFor();
          await page.setViewportSize({ width, height: TALL });
          problems.push(...await check(page, `review-tall-${tag}`));
          await page.setViewportSize({ width, height: HEIGHT });

          await goto(page, `#/review/${encodeURIComponent(approved)}`);
          await page.getByRole('complementary', { name: 'Sign' }).getByTestId('decision-state').waitFor();
          await page.locator('.resource-detail').waitFor();
          problems.push(...await check(page, `review-approved-${tag}`));

          await goto(page, '#/contract');
          await page.getByRole('region', { name: 'Policy list' }).waitFor();
          await page.locator('section.contract-roster').waitFor();
          problems.push(...await check(page, `contract-${tag}`));

          await goto(page, '#/keys');
          await page.getByRole('table', { name: 'My signing keys' }).waitFor();
          problems.push(...await check(page, `keys-${tag}`));

          await goto(page, '#/audit');
          await page.getByRole('heading', { name: 'Audit log' }).waitFor();
          await page.getByRole('form', { name: 'Workspace settings' }).waitFor();
          problems.push(...await check(page, `audit-${tag}`));
        } finally {
          await context.close();
        }
        assert.deepEqual(problems, [], `horizontal overflow:\n${problems.join('\n')}`);
        assert.deepEqual(errors, [], errors.join('\n'));
      });
    }
  }
});
