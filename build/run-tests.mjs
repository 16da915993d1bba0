// Runs every *.test.ts (core, CLI, policies) with Node's own test runner through tsx.
// Usage: node build/run-tests.mjs [substring-filter...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, missingChromiumMessage } from './chromium-path.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['electron', 'build', 'e2e'];
const filters = process.argv.slice(2);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const selected = roots.flatMap((r) => walk(join(root, r), []))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
// Without Chromium the UI tests cannot run: say so once, run the rest, and still fail the run
// (unless the UI tests are skipped on purpose), instead of a wall of launch failures.
const isUiTest = (f) => f.startsWith('e2e/') || f.startsWith('e2e\\');
const skipRequested = process.env.COUNTERSIGN_SKIP_UI_TESTS === '1';
const uiSelected = selected.some(isUiTest);
const chromiumMissing = uiSelected && !skipRequested && findChromium() === null;
const files = skipRequested || chromiumMissing ? selected.filter((f) => !isUiTest(f)) : selected;
if (chromiumMissing) console.error(`countersign tests: ${missingChromiumMessage()}`);
else if (skipRequested && uiSelected) console.error('countersign tests: UI tests (e2e/) skipped: COUNTERSIGN_SKIP_UI_TESTS=1');
if (files.length === 0 && uiSelected) process.exit(chromiumMissing ? 1 : 0);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
if (chromiumMissing) {
  console.error(`countersign tests: the UI tests did not run. ${missingChromiumMessage()}`);
  process.exit(result.status || 1);
}
process.exit(result.status ?? 1);
