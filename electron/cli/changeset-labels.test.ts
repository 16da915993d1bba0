// Issue 11: `changeset import --label-*` and `changeset label` set display labels: audited, never
// the digest or the contract that judges it; a refused label stores nothing of the import.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';

const BUNDLE = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const RELEASE = join(repoRoot, 'electron/demo/bundles/acme-2.13.2-chart-bump/k8s/release.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'countersign-labels-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');

function cli(args: readonly string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

before(() => {
  ensureCliBuilt();
  assert.equal(cli(['workspace', 'init']).code, 0);
});

describe('CLI display labels', () => {
  test('import with labels: same digest as without, labels shown and audited', () => {
    const r = cli(['changeset', 'import', RELEASE, '--label-app', 'Billing', '--label-release', '2.0', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const digest = (JSON.parse(r.stdout) as { digest: string }).digest;
    assert.equal(cli(['changeset', 'import', RELEASE]).stdout, digest, 'the digest does not depend on labels');
    const shown = cli(['changeset', 'label', digest.slice(7, 19), '--label-vendor', 'Acme']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, 'vendor: Acme (label)\napp: Billing (label)\ninstall: -\nrelease: 2.0 (label)');
    // list names it as the app does (labels marked); show keeps the vendor's metadata and adds the labels.
    assert.match(cli(['changeset', 'list']).stdout, / Acme Billing 2\.0 \(labelled\)  received /);
    const show = cli(['changeset', 'show', digest]).stdout;
    assert.match(show, /^vendor {9}app {3}install $/m);
    assert.match(show, /^labels {7}vendor Acme {2}app Billing {2}release 2\.0 \(display only\)$/m);
    const audit = cli(['audit', 'export']);
    assert.equal(audit.code, 0, audit.stderr);
    assert.equal(audit.stdout.match(/"changeset\.labels"/g)?.length, 2, 'one entry per edit (import, then label)');
  });

  test('a bare file without labels is listed by its file name', () => {
    const other = join(tmp, 'hotfix.yaml');
    writeFileSync(other, readFileSync(RELEASE, 'utf8').replace('replicas: 3', 'replicas: 7'));
    const r = cli(['changeset', 'import', other]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(cli(['changeset', 'list']).stdout, / hotfix\.yaml  received /);
  });

  test("a label over what the changeset.yaml states is refused (exit 2) and nothing is stored", () => {
    const r = cli(['changeset', 'import', BUNDLE, '--label-vendor', 'someone-else']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /changeset\.yaml states vendor 'Acme Analytics'/);
    const list = cli(['changeset', 'list', '--format', 'json']);
    assert.equal((JSON.parse(list.stdout) as unknown[]).length, 2, 'only the bare change sets of the tests before');
  });

  test('hostile label text is refused, escaped in the message', () => {
    const r = cli(['changeset', 'import', RELEASE, '--label-app', 'x\u001b]0;pwned\u0007']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /U\+001B/);
    assert.ok(!r.stderr.includes('\u001b'));
  });
});
