// Issue 9 with the BUILT CLI: contracts per vendor (list), revisions (diff, revert) and
// Kubernetes ValidatingAdmissionPolicy import/export, on a real workspace file.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { repoRoot } from '../core/testing/corpus';
import { selectorContract, vendorBundle } from '../core/testing/vendor-fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-contract-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');
const VAP = join(repoRoot, 'electron/testing/fixtures/vap');

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: 'correct horse battery staple' },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: readonly string[]): string {
  const r = cli(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function refused(args: readonly string[], mention: RegExp): void {
  const r = cli(args);
  assert.equal(r.code, 2, `exit code (stdout ${r.stdout}, stderr ${r.stderr})`);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
  assert.match(r.stderr, mention);
}

let key = '';

before(() => {
  ensureCliBuilt();
  ok(['workspace', 'init']);
  const file = join(tmp, 'acme.yaml');
  writeFileSync(file, selectorContract('acme', 'acme', '', 'advisory'));
  ok(['contract', 'import', file]);
  key = ok(['keys', 'create', '--name', 'alice']).trim();
});

describe('countersign contract (issue 9)', () => {
  test('list names each contract with its vendor and how many stored change sets it judges', () => {
    const imported = cli(['changeset', 'import', vendorBundle(tmp, 'acme-bundle', 'acme', 'prod')]);
    assert.match(imported.stderr, /\(pass, 3 finding\(s\), state pending\) under contract acme revision 1\ncountersign: vendor signature unsigned\n$/);
    assert.match(ok(['contract', 'list']), /^acme {2}vendor acme {2}revision 1 {2}sha256:[0-9a-f]{64} {2}1 change set\(s\)\n$/);
    const [json] = JSON.parse(ok(['contract', 'list', '--format', 'json'])) as { name: string; changeSets: number }[];
    assert.deepEqual([json!.name, json!.changeSets], ['acme', 1]);
  });

  test('import-vap prints the contract with the policy, or saves it as a revision by --key; diff names it; export-vap gives it back', () => {
    const printed = ok(['contract', 'import-vap', join(VAP, 'replica-limit.yaml')]);
    assert.ok((parse(printed) as { spec: { policies: { id: string }[] } }).spec.policies.some((p) => p.id === 'demo-policy-example-com'));
    assert.match(ok(['contract', 'list']), /revision 1 /, 'printing saves nothing');
    assert.match(ok(['contract', 'import-vap', join(VAP, 'replica-limit.yaml'), '--key', key]), /^saved contract acme revision 2 sha256:/);
    assert.match(ok(['contract', 'diff', '1', '2']), /\n\+ policy demo-policy-example-com\n/);
    const exported = parse(ok(['contract', 'export-vap', 'demo-policy-example-com'])) as { kind: string; spec: { validations: { expression: string }[] } };
    assert.deepEqual([exported.kind, exported.spec.validations[0]!.expression], ['ValidatingAdmissionPolicy', 'object.spec.replicas <= 5']);
  });

  test('a VAP that needs the admission request, or a policy not in the contract, is refused on one line saying why', () => {
    refused(['contract', 'import-vap', join(VAP, 'namespace-object.yaml')], /:18:\d+: uses `namespaceObject`.*no meaning before apply/);
    // Every Kubernetes object: an admission rule over every resource.
    const all = parse(ok(['contract', 'export-vap', 'acme-says-no'])) as { spec: { matchConstraints: { resourceRules: { resources: string[] }[] } } };
    assert.deepEqual(all.spec.matchConstraints.resourceRules[0]!.resources, ['*']);
    refused(['contract', 'export-vap', 'nope'], /policy nope: is not in contract acme/);
  });

  test('revert saves an old revision as a new one; reverting to the latest says there is nothing to do', () => {
    assert.match(ok(['contract', 'revert', '1', '--key', key, '--comment', 'no VAP after all']), /^saved contract acme revision 3 sha256:.*\(revert to revision 1: no VAP after all\)\n$/);
    assert.match(ok(['contract', 'revert', '3', '--key', key]), /revision 3 is already the latest revision of contract acme: nothing to revert/);
    assert.match(ok(['contract', 'diff', '2', '3']), /\n- policy demo-policy-example-com\n/);
    refused(['contract', 'revert', '1'], /needs --key/);
    refused(['contract', 'diff', '1', '9'], /has no revision 9 \(it has 1\.\.3\)/);
  });

  test('with several contracts, a command that needs one asks which (--contract)', () => {
    const file = join(tmp, 'beta.yaml');
    writeFileSync(file, selectorContract('beta', 'beta', '', null));
    ok(['contract', 'import', file]);
    refused(['contract', 'diff', '1', '2'], /holds 2 contracts \(acme, beta\): name one with --contract NAME/);
    assert.match(ok(['contract', 'diff', '1', '3', '--contract', 'acme']), /revision 1 .* → 3/);
    refused(['contract', 'diff', '1', '1', '--contract', 'gamma'], /no contract with this name in the workspace \(it has: acme, beta\)/);
    // Each vendor gets its own contract file.
    assert.match(ok(['contract', 'export', '--contract', 'acme']), /name: acme\n {2}vendor: "acme"/);
    assert.match(ok(['contract', 'export', '--contract', 'acme', '--revision', '2']), /demo-policy-example-com/);
    refused(['contract', 'export', '--contract', 'gamma'], /contract gamma: no contract with this name/);
  });
});
