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
