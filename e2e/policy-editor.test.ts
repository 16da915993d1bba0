/**
 * The policy editor end to end, in Chromium against the browser-mode host (real core, temp
 * workspace): add an own policy, build its condition visually and see the CEL, switch views
 * without changing a byte, break the CEL in Monaco and see the inline error, fix it, save,
 * add a test from a finding on the review screen, see a failing test block Save, save again
 * and diff against the previous revision.
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';
import { goto, monacoText, ok, stepper, typeInMonaco, waitForMonacoText, watchErrors } from './editor-steps';

const POLICY = 'no-default-namespace';
const BUILT = 'resource.namespace != "default"';
const KEY = { name: 'Alice Policy Author', passphrase: 'correct horse battery staple 9' };

describe('policy editor (browser mode, real core)', { timeout: 300_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let contract = '';
  let errors: string[] = [];
  const step = stepper();
  const policyHash = () => `#/contract/${encodeURIComponent(contract)}/${POLICY}`;
  const logic = () => page.getByRole('region', { name: `Logic of ${POLICY}` });
  const tests = () => page.getByRole('region', { name: `Tests of ${POLICY}` });

  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    ({ page } = await openApp(browser, app));
    page.setDefaultTimeout(20_000);
    errors = watchErrors(page);
    await ok(app.call('createKey', KEY));
    contract = (await ok(app.call('getContract', {}))).name;
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const save = async (comment: string) => {
    await page.getByRole('button', { name: 'Save draft as revision…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save revision' });
    await dialog.getByLabel('What changed and why').fill(comment);
    const button = dialog.getByRole('button', { name: 'Save revision' });
    try {
      await button.click({ timeout: 10_000 });
    } catch (err) {
      const blockers = await dialog.getByTestId('save-blockers').allTextContents();
      throw new Error(`Save stayed disabled: ${blockers.join(' | ')} (${String(err)})`);
    }
    await dialog.waitFor({ state: 'detached' });
  };

  step('a new own policy is added to the draft and opens in the editor', async () => {
    await goto(page, '#/contract');
    await page.getByRole('button', { name: 'New policy…' }).click();
    const form = page.getByRole('form', { name: 'New policy' });
    await form.getByLabel('Id').fill(POLICY);
    await form.getByLabel('Title').fill('No workloads in the default namespace');
    await form.getByRole('button', { name: 'Add policy' }).click();
    await logic().waitFor();
    assert.ok(decodeURIComponent(new URL(page.url()).hash).endsWith(`/${POLICY}`), page.url());
  });

  step('a condition built visually is shown as CEL beside the builder', async () => {
    const builder = logic().getByRole('group', { name: 'Condition builder' });
    await builder.getByRole('button', { name: '+ Condition' }).click();
    // The starting condition `true` is a raw chip: remove it, keep the new row.
    const raw = builder.getByRole('button', { name: 'Remove this CEL' });
    if (await raw.count()) await raw.first().click();
    const row = builder.getByTestId('builder-row').first();
    await row.getByLabel('Field').fill('resource.namespace');
    await row.getByLabel('Field').blur();
    await builder.getByTestId('builder-row').first().getByLabel('Operator').selectOption({ label: 'does not equal' });
    const value = builder.getByTestId('builder-row').first().getByLabel('Value', { exact: true });
    await value.fill('default');
    await value.press('Enter');
    await waitForMonacoText(page, 'cel-editor', BUILT);
    await logic().getByTestId('cel-status-condition').filter({ hasText: 'no problems' }).waitFor();
    await screenshot(page, 'policy-editor-built');
  });

  step('"Save them below" in the draft bar scrolls to Save and keeps the unsaved draft', async () => {
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save them below' }).click();
    await page.getByRole('button', { name: 'Save draft as revision…' }).waitFor();
    assert.ok(decodeURIComponent(new URL(page.url()).hash).endsWith(`/${POLICY}`), `still on the policy: ${page.url()}`);
    await waitForMonacoText(page, 'cel-editor', BUILT);
  });

  step('switching between builder and CEL changes no byte', async () => {
    const before = await monacoText(page, 'cel-editor');
    await logic().getByLabel('CEL only').check();
    await logic().getByRole('group', { name: 'Condition builder' }).waitFor({ state: 'detached' });
    await logic().getByLabel('Builder and CEL').check();
    await logic().getByRole('group', { name: 'Condition builder' }).waitFor();
    assert.equal(await monacoText(page, 'cel-editor'), before);
    const row = logic().getByTestId('builder-row').first();
    assert.equal(await row.getByLabel('Field').inputValue(), 'resource.namespace');
    assert.equal(await row.getByLabel('Value', { exact: true }).inputValue(), 'default');
  });

  step('Monaco completes the fields of a variable from the catalogue', async () => {
    await typeInMonaco(page, 'cel-editor', ' && resource', { append: true });
    await page.keyboard.type('.names');
    const suggest = page.locator('.suggest-widget');
    try {
      await suggest.getByText('namespace', { exact: true }).first().waitFor({ timeout: 10_000 });
    } catch (err) {
      await screenshot(page, 'policy-editor-completion-missing');
      throw new Error(`no completion: ${await page.locator('.suggest-widget').count()} widgets, text ${JSON.stringify(await monacoText(page, 'cel-editor'))} (${String(err)})`);
    }
    await page.keyboard.press('Escape');
    await typeInMonaco(page, 'cel-editor', BUILT);
    await logic().getByTestId('cel-status-condition').filter({ hasText: 'no problems' }).waitFor();
  });

  step('a typo typed in Monaco is shown inline at its position, and goes away once fixed', async () => {
    await typeInMonaco(page, 'cel-editor', ' && resorce.kind == "x"', { append: true });
    const problems = logic().getByRole('list', { name: 'Condition problems' });
    await problems.filter({ hasText: /resorce/ }).waitFor();
    await page.getByTestId('cel-editor').locator('.squiggly-error').first().waitFor();
    assert.match(await problems.textContent() ?? '', /Line 1, column \d+/);
    await screenshot(page, 'policy-editor-error');
    await typeInMonaco(page, 'cel-editor', BUILT);
    await logic().getByTestId('cel-status-condition').filter({ hasText: 'no problems' }).waitFor();
    assert.equal(await page.getByTestId('cel-editor').locator('.squiggly-error').count(), 0);
  });

  step('the draft is saved as revision 2', async () => {
    await save('No workloads in the default namespace');
    await page.getByTestId('revision-2').waitFor();
  });

  step('"Add as test" on a finding captures its resource into the own policy\'s tests', async () => {
    const inbox = await ok(app.call('listInbox', {}));
    const blocked = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!;
    const findings = await ok(app.call('listFindings', { digest: blocked.digest }));
    const finding = findings.find((f) => f.policy === 'k8s-resource-limits')!;
    await goto(page, `#/review/${encodeURIComponent(blocked.digest)}/${finding.id}`);
    const card = page.getByRole('article', { name: 'Finding k8s-resource-limits' });
    await card.getByRole('button', { name: 'Add as test' }).click();
    await page.waitForURL(/#\/contract/);
    await goto(page, policyHash());
    const offer = tests().getByRole('form', { name: 'Add as test' });
    await offer.getByText(finding.address).waitFor();
    await offer.getByLabel('Test name').fill('a workload in its own namespace passes');
    await offer.getByLabel('Expected outcome').selectOption('pass');
    await offer.getByRole('button', { name: 'Add test' }).click();
    await offer.waitFor({ state: 'detached' });
    await tests().getByTestId('test-summary').filter({ hasText: 'The test passes' }).waitFor();
    await screenshot(page, 'policy-editor-tests');
  });

  step('a failing test blocks Save with the reason; fixing the condition unblocks it', async () => {
    await typeInMonaco(page, 'cel-editor', 'resource.namespace == "nowhere"');
    await tests().getByTestId('test-result').filter({ hasText: 'fail' }).waitFor();
    await page.getByRole('button', { name: 'Save draft as revision…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save revision' });
    await dialog.getByTestId('save-blockers').filter({ hasText: 'a workload in its own namespace passes' }).waitFor();
    assert.ok(await dialog.getByRole('button', { name: 'Save revision' }).isDisabled());
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await typeInMonaco(page, 'cel-editor', BUILT);
    await tests().getByTestId('test-summary').filter({ hasText: 'The test passes' }).waitFor();
    await save('Test: a workload in its own namespace passes');
    await page.getByTestId('revision-3').waitFor();
  });

  step('revision 3 is compared with revision 2: structured changes and the two texts', async () => {
    const diff = page.getByRole('region', { name: 'Changes from revision 2 to 3' });
    await diff.waitFor();
    await diff.getByTestId('resource-diff').waitFor();
    await page.getByLabel('Compare from revision 1').check();
    const older = page.getByRole('region', { name: 'Changes from revision 1 to 3' });
    await older.getByRole('group', { name: 'Policies added' }).getByText(POLICY, { exact: true }).waitFor();
    await screenshot(page, 'revisions-diff');
  });

  step('reverting to revision 1 makes a new revision 4 with its content; history stays', async () => {
    await page.getByTestId('revision-1').getByRole('button', { name: 'Revert to this' }).click();
    const form = page.getByRole('dialog', { name: 'Revert to revision 1' });
    await form.getByRole('button', { name: 'Revert as a new revision' }).click();
    await page.getByTestId('revision-4').getByText('Revert to revision 1').waitFor();
    const revisions = await ok(app.call('listContractRevisions', { contract }));
    const byNumber = new Map(revisions.map((r) => [r.revision, r]));
    assert.equal(byNumber.get(4)?.digest, byNumber.get(1)?.digest, 'revision 4 has the content of revision 1');
    assert.ok(byNumber.get(3), 'revision 3 is kept');
  });

  step('a pack policy is shown read-only and forks into an own policy that opens with its condition', async () => {
    await goto(page, `#/contract/${encodeURIComponent(contract)}/k8s-no-privileged`);
    const pack = page.getByRole('region', { name: 'Logic of k8s-no-privileged' });
    await pack.getByText('comes from the pack').waitFor();
    await pack.getByRole('button', { name: 'Fork into an own policy' }).click();
    const fork = page.getByRole('region', { name: 'Logic of k8s-no-privileged-own' });
    await fork.getByRole('group', { name: 'Condition builder' }).waitFor();
    assert.match(await monacoText(page, 'cel-editor'), /resource\.podSpec == null/);
    await fork.getByTestId('cel-status-condition').filter({ hasText: 'no problems' }).waitFor();
  });

  step('no errors in the console', async () => {
    assert.deepEqual(errors, []);
  });
});
