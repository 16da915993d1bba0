// A clone on a machine without Chromium gets one clear message, not a wall of launch failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium, missingChromiumMessage } from './chromium-path.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

test('a CHROMIUM_PATH that is not an executable is reported, never guessed around', () => {
  assert.equal(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' }), null);
  assert.match(missingChromiumMessage({ CHROMIUM_PATH: '/nonexistent/chromium' }), /CHROMIUM_PATH=\/nonexistent\/chromium is not an executable.*apt-get install -y chromium/);
});

test('without Chromium the test runner prints one message, runs no UI test and fails', () => {
  const r = spawnSync(process.execPath, ['build/run-tests.mjs', 'e2e/boundary'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', COUNTERSIGN_SKIP_UI_TESTS: '' },
  });
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^countersign tests: .*never download one/);
  assert.doesNotMatch(r.stdout, /# tests/, 'no test ran');
});

test('COUNTERSIGN_SKIP_UI_TESTS=1 skips the UI tests on purpose and passes', () => {
  const r = spawnSync(process.execPath, ['build/run-tests.mjs', 'e2e/boundary'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', COUNTERSIGN_SKIP_UI_TESTS: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
});
