/**
 * Shared steps of the contract editor e2e tests (policy editor, revisions) and the screenshot
 * script: ordered steps that skip after a failure, Monaco's text, and the app's own errors.
 */
import { test } from 'node:test';
import type { Page } from 'playwright-core';

export async function ok<T>(r: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`API call failed: ${res.message}`);
  return res.value;
}

/** Steps run in order and share one app: after a failure the rest are skipped, not timed out. */
export function stepper() {
  let failed: string | null = null;
  return (name: string, fn: () => Promise<void>) => test(name, async (t) => {
    if (failed) return t.skip(`needs the failed step "${failed}"`);
    try {
      await fn();
    } catch (err) {
      failed = name;
      throw err;
    }
  });
}

/** Console errors and page errors of the app (not the browser's favicon probe). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Same-document navigation, as the app's own links do (the launch token stays in the tab). */
export async function goto(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** The text a Monaco editor (inside `testId`) shows: its rendered lines, spaces normalised. */
export async function monacoText(page: Page, testId: string): Promise<string> {
  const lines = page.getByTestId(testId).locator('.view-lines').first();
  await lines.waitFor();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** Replaces the whole text of a Monaco editor by typing (as a user would). */
export async function typeInMonaco(page: Page, testId: string, text: string, options: { readonly append?: boolean } = {}): Promise<void> {
  await page.getByTestId(testId).locator('.view-lines').first().click();
  const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
  if (options.append) await page.keyboard.press(`${mod}+End`);
  else await page.keyboard.press(`${mod}+A`);
  // insertText, not type(): Monaco would auto-close brackets and quotes typed one by one.
  await page.keyboard.insertText(text);
}

export async function waitForMonacoText(page: Page, testId: string, expected: string, timeoutMs = 20_000): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    const text = await monacoText(page, testId);
    if (text.trim() === expected) return;
    if (waited > timeoutMs) throw new Error(`${testId} shows ${JSON.stringify(text)}, expected ${JSON.stringify(expected)}`);
    await page.waitForTimeout(200);
  }
}
