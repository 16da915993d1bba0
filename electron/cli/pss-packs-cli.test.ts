// The built CLI ships the Pod Security Standards packs (prebuilt in out/cli/packs.json): a
// countersign.dev/v5 contract extending pss-restricted at a pinned standard version evaluates
// with that version's rules, and a version the pack does not know is bad input (exit 2) with
// the contract's file and line, never a stack trace.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCli, ensureCliBuilt } from '../core/testing/built-cli';
import { repoRoot } from '../core/testing/corpus';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-pss-cli-'));
const POD = join(tmp, 'pod.yaml');
before(() => {
  ensureCliBuilt();
  // Restricted-clean except for one sysctl that is safe from v1.32 only.
  writeFileSync(POD, `apiVersion: v1
kind: Pod
metadata: {name: tuned, namespace: shop}
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
    sysctls: [{name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}]
  containers:
    - name: app
      image: registry.example.com/shop/app:1.0.0
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`);
});

function evaluate(standard: string) {
  const contract = join(tmp, `contract-${standard}.yaml`);
  writeFileSync(contract, `apiVersion: countersign.dev/v5\nkind: Contract\nmetadata: {name: acme}\nspec:\n  extends:\n    - {pack: pss-restricted, version: 1, standard: ${standard}}\n`);
  const r = spawnSync(process.execPath, [builtCli, 'evaluate', '--format', 'json', '--contract', contract, POD], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, contract };
}

test('latest and v1.32 pass the pod; v1.31 blocks it on the sysctl, at its line', () => {
  for (const standard of ['latest', 'v1.32']) assert.equal(evaluate(standard).code, 0, standard);
  const r = evaluate('v1.31');
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { policy: string; location: { line: number } }[] };
  assert.deepEqual(report.findings.map((f) => [f.policy, f.location.line]), [['pss-baseline-sysctls', 8]]);
});

test('a standard version the pack does not know is bad input, with the contract file and line', () => {
  const r = evaluate('v1.37');
  assert.equal(r.code, 2);
  assert.ok(r.stderr.includes(`${r.contract}:6:`), r.stderr);
  assert.match(r.stderr, /standard "v1\.37" is not a Pod Security Standards version pss-restricted version 1 follows/);
});
