// `countersign test CONTRACT` on a countersign.dev/v3 contract: inline resource tests run, with
// the contract's own parameter values (as the app's editor runs them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { repoRoot } from '../core/testing/corpus';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-cli-contract-tests-'));
before(() => ensureCliBuilt());
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(apiVersion: string): { code: number | null; stdout: string; stderr: string } {
  const file = join(tmp, `${apiVersion.replace(/\W/g, '-')}.yaml`);
  writeFileSync(file, `apiVersion: ${apiVersion}
kind: Contract
metadata: {name: acme}
spec:
  parameters: {min-replicas: {min: 3}}
  policies:
    - id: min-replicas
      title: Enough replicas
      severity: low
      enforcement: deny
      match: {types: [Deployment]}
      parameters: {min: {description: fewest, default: 1}}
      condition: "object.spec.replicas >= params.min"
      tests:
        - name: two replicas are too few for this contract
          expect: fail
          resource: {source: kubernetes, type: Deployment, address: Deployment/shop/web, action: create, after: {spec: {replicas: 2}}}
`);
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), 'test', file], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("a v3 contract's inline test runs with the contract's parameter values and passes", () => {
  const r = run('countersign.dev/v3');
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^PASS min-replicas: two replicas are too few for this contract$/m);
  assert.match(r.stdout, /1 passed, 0 failed/);
});

test('a v2 contract cannot hold an inline test: refused with its line, naming v3', () => {
  const v2 = run('countersign.dev/v2');
  assert.equal(v2.code, 2);
  assert.match(v2.stderr, /countersign-dev-v2\.yaml:17:\d+: inline test resources are countersign\.dev\/v3/);
});

// Issue 14: `countersign test` runs every pack's tests, and --pack / --own-only select them.
function runArgs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), 'test', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function contractExtending(extendsLine: string): string {
  const file = join(tmp, `extends-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `apiVersion: countersign.dev/v2
kind: Contract
metadata: {name: acme}
spec:
  extends: ${extendsLine}
  policies:
    - id: own-db-public
      title: Databases are private
      severity: high
      enforcement: deny
      match: {types: [aws_db_instance]}
      condition: lookup(object, "publicly_accessible", false) != true
      tests:
        - {name: a plan without a public database passes, input: ${JSON.stringify(join(repoRoot, 'policies/baseline/no-public-ingress/tests/private.tfplan.json'))}, expectFail: []}
`);
  return file;
}

test("a contract's test runs its own policies, then the tests of the packs it extends at the pinned version", () => {
  const r = runArgs(contractExtending('[{pack: baseline, version: 5}]'));
  assert.match(r.stdout, /^== contract acme: own policies$/m);
  assert.match(r.stdout, /^== pack baseline \(version 5\)$/m);
  assert.match(r.stdout, /^PASS k8s-no-privileged: /m, 'the baseline pack\'s own tests ran');
});

test('a pinned version older than the build: a NOTE says its tests were not run, never a pass', () => {
  const r = runArgs(contractExtending('[{pack: baseline, version: 4}]'), '--pack', 'baseline');
  assert.match(r.stdout, /^NOTE pack baseline version 4: this build ships the tests of version \d+ only; version 4's tests were not run$/m);
  assert.doesNotMatch(r.stdout, /^PASS k8s-no-privileged/m);
});

test('--own-only leaves the packs out; --pack picks built-in packs; an unknown --pack is bad input', () => {
  const own = runArgs(contractExtending('[{pack: baseline, version: 5}]'), '--own-only');
  assert.doesNotMatch(own.stdout, /== pack baseline/);
  const picked = runArgs('--pack', 'baseline');
  assert.equal(picked.code, 0, picked.stdout + picked.stderr);
  assert.match(picked.stdout, /^PASS iam-no-admin: /m);
  const unknown = runArgs('--pack', 'no-such-pack');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--pack no-such-pack: no built-in pack of that name \(available: baseline/);
  const notExtended = runArgs(contractExtending('[]'), '--pack', 'baseline');
  assert.equal(notExtended.code, 2);
  assert.match(notExtended.stderr, /the contract does not extend it/);
});
