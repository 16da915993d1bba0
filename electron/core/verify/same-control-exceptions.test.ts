// Issue 14: a finding reported once for a control two packs share (alsoPolicies) is waived only
// by an exception that names its primary policy, the one whose enforcement it carries. An
// exception naming another of its ids waives nothing (fail closed; docs/policies.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Evaluation, Finding } from '../model/finding';
import { attestationsFrom } from '../signing/attestation-files';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE } from '../signing/dsse';
import { keyIdOf } from '../signing/keys';
import { EXCEPTION_PREDICATE } from '../signing/predicates';
import type { Waiver } from '../signing/predicates';
import { STATEMENT_TYPE, statementBytes, subjectFor } from '../signing/statement';
import type { Statement } from '../signing/statement';
import { contractYaml, loadContract, PLAN_TIME, reviewer, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import { judgeRelease } from './judge-release';

const CHANGESET = `sha256:${'ab'.repeat(32)}`;
const ADDRESS = 'aws_db_instance.main';
const alice = reviewer('Alice');
const dir = mkdtempSync(join(tmpdir(), 'countersign-same-control-'));
const contract = loadContract(dir, contractYaml({ privileged: 'deny', exceptionQuorum: 1 }));
rmSync(dir, { recursive: true, force: true });

/** The merged finding: rds-not-public (deny) kept, pack-b's rds-private named beside it. */
const merged: Finding = {
  policy: 'rds-not-public', title: 'RDS not public', status: 'fail', enforcement: 'deny', severity: 'critical', message: `${ADDRESS} is public`, remediation: '',
  resource: { address: ADDRESS, source: 'terraform', type: 'aws_db_instance', action: 'create', drift: false },
  location: { file: 'plan.json', line: 1, column: 1 }, alsoPolicies: ['rds-private'],
};

function exception(waives: readonly Waiver[]): unknown {
  const statement: Statement = {
    _type: STATEMENT_TYPE, subject: [subjectFor('changeset', CHANGESET)], predicateType: EXCEPTION_PREDICATE,
    predicate: {
      waives, changeSetDigest: CHANGESET, auditHead: TEST_AUDIT_HEAD,
      expires: new Date(PLAN_TIME.getTime() + 86_400_000).toISOString(), justification: 'agreed',
      requester: { keyId: keyIdOf(alice.privateKey), name: 'Alice' }, time: new Date(PLAN_TIME.getTime() - 3_600_000).toISOString(),
    },
  };
  return createEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), alice.privateKey);
}

function judge(envelopes: readonly unknown[]) {
  const evaluation: Evaluation = {
    verdict: 'blocked', findings: [merged], at: PLAN_TIME.toISOString(), engineVersion: 'countersign-engine/5',
    summary: { resources: 1, byAction: {}, findings: 1, byEnforcement: { deny: 1 }, bySeverity: { critical: 1 }, errors: 0, checks: 2, evaluations: 2 },
  };
  return judgeRelease({
    changeSetDigest: CHANGESET, contract, evaluation, evaluationDigest: `sha256:${'cd'.repeat(32)}`,
    attestations: attestationsFrom(envelopes), trustedKeys: [{ pem: alice.pem }], now: PLAN_TIME,
  });
}

const waivedIds = (r: ReturnType<typeof judge>) => r.exceptionsApplied.flatMap((e) => e.waived.map((w) => w.policy));
const unwaived = (r: ReturnType<typeof judge>) => r.reasons.filter((x) => x.code === 'unwaived-finding').length;

describe('exceptions on a finding that names several policies (same control)', () => {
  test('an exception naming only an id in alsoPolicies waives nothing', () => {
    const r = judge([exception([{ policy: 'rds-private', address: ADDRESS }])]);
    assert.deepEqual(waivedIds(r), []);
    assert.equal(unwaived(r), 1);
    // The reason says which id an exception must name.
    assert.match(r.reasons.find((x) => x.code === 'unwaived-finding')?.message ?? '', /rds-not-public on aws_db_instance\.main \(same control as rds-private: an exception must name rds-not-public\)/);
  });

  test('an exception naming the primary policy waives the finding', () => {
    const r = judge([exception([{ policy: 'rds-not-public', address: ADDRESS }])]);
    assert.deepEqual(waivedIds(r), ['rds-not-public']);
    assert.equal(unwaived(r), 0);
  });
});
