// The built CLI on a contract whose deny policy is in shadow mode (countersign.dev/v3): the
// finding is printed and written marked "shadow", and the change set passes; promoted, it blocks.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { corpusPath, repoRoot } from '../core/testing/corpus';
import { contractYaml, evaluate as evaluateIn, evaluationRef, loadContract, makeFixture, PLAN_TIME, TEST_AUDIT_HEAD } from '../core/testing/release-fixture';
import { attestationsFrom } from '../core/signing/attestation-files';
import { signApproval } from '../core/signing/sign';
import { verifyRelease } from '../core/verify';
import { verifyTextReport } from './commands/verify-text';

const RDS_PLAN = corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json');
const tmp = mkdtempSync(join(tmpdir(), 'countersign-cli-shadow-'));

function contract(shadow: boolean): string {
  const file = join(tmp, `contract-${shadow}.yaml`);
  writeFileSync(file, `apiVersion: countersign.dev/v3
kind: Contract
metadata: {name: acme}
spec:
  overrides: {rds-not-public: {shadow: ${shadow}}}
  policies:
    - id: rds-not-public
      title: Databases are not publicly accessible
      severity: critical
      enforcement: deny
      match: {types: [aws_db_instance]}
      condition: '!lookup(object, "publicly_accessible", false)'
      message: "{{ resource.address }} is publicly accessible"
`);
  return file;
}

function evaluate(file: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), 'evaluate', '--contract', file, ...args, RDS_PLAN], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => ensureCliBuilt());
after(() => rmSync(tmp, { recursive: true, force: true }));

test('evaluate: a shadow deny finding is listed under SHADOW, marked in JSON, and the verdict passes; promoted, it blocks', () => {
  const text = evaluate(contract(true));
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^Countersign evaluation: PASS/);
  assert.match(text.stdout, /SHADOW: policies on trial.*\(1\)\n.*aws_db_instance\.default {2}rds-not-public .*\[shadow, deny\]/);
  assert.match(text.stdout, /PASS: nothing blocks this change set \(1 shadow finding reported\)/);
  const json = JSON.parse(evaluate(contract(true), '--format', 'json').stdout) as { verdict: string; findings: { policy: string; shadow?: boolean }[] };
  assert.equal(json.verdict, 'pass');
  assert.deepEqual(json.findings.map((f) => [f.policy, f.shadow]), [['rds-not-public', true]]);

  const promoted = evaluate(contract(false));
  assert.notEqual(promoted.code, 0);
  assert.match(promoted.stdout, /^Countersign evaluation: BLOCKED/);
  assert.doesNotMatch(promoted.stdout, /shadow/i);
});

test('verify text: shadow findings are listed apart, marked, and the release verifies with the approval alone', async () => {
  const f = await makeFixture();
  try {
    const yaml = contractYaml({ quorum: 1, exceptionQuorum: 1 }).replace('countersign.dev/v1', 'countersign.dev/v3')
      .replace('  extends: []\n', '  extends: []\n  overrides: {rds-not-public: {shadow: true}, sg-rule-not-world: {shadow: true}, no-privileged: {shadow: true}}\n');
    const c = loadContract(f.dir, yaml);
    const approval = signApproval({
      auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract: c, evaluation: evaluationRef(evaluateIn(f.changeSet, c)),
      reviewer: f.alice.signer, comment: 'ok', time: new Date(PLAN_TIME.getTime() - 3600_000),
    });
    const r = verifyRelease({ changeSet: f.changeSet, contract: c, attestations: attestationsFrom([approval.envelope]), trustedKeys: [{ pem: f.alice.pem, name: 'Alice' }], now: PLAN_TIME });
    const text = verifyTextReport(r, f.changeSet.digest, c.name, c.digest);
    assert.match(text, /^Countersign verify: VERIFIED/);
    assert.match(text, /shadow {6}\d+ finding\(s\) of policies on trial \(never block, never need approval\):\n {4}\[shadow, deny\] rds-not-public on aws_db_instance\.default/);
  } finally {
    f.cleanup();
  }
});
