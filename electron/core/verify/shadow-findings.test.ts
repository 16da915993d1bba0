// Shadow mode (countersign.dev/v3): a policy on trial is evaluated, reported, stored and
// digested, but weighs nothing: it never blocks and never needs approval; promoting it blocks again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluationDigest } from '../hashing/canonical-digest';
import type { ResolvedContract } from '../engine';
import { renderJsonReport } from '../reports/json-report';
import { renderTextReport } from '../reports/text-report';
import { attestationsFrom } from '../signing/attestation-files';
import { signApproval } from '../signing/sign';
import { contractYaml, evaluate, evaluationRef, loadContract, makeFixture, PLAN_TIME, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import type { Fixture } from '../testing/release-fixture';
import { verifyRelease } from './verify-release';

const BLOCKING = ['rds-not-public', 'sg-rule-not-world', 'no-privileged'];

/** The release fixture's contract as v3, quorum 1, with the blocking policies' shadow set as given. */
function v3(shadow: boolean | undefined): string {
  const overrides = shadow === undefined ? '{}' : `{${BLOCKING.map((id) => `${id}: {shadow: ${shadow}}`).join(', ')}}`;
  return contractYaml({ quorum: 1, exceptionQuorum: 1 })
    .replace('countersign.dev/v1', 'countersign.dev/v3')
    .replace('  extends: []\n', `  extends: []\n  overrides: ${overrides}\n`);
}

let f: Fixture;
let shadowed: ResolvedContract;
let promoted: ResolvedContract;
before(async () => {
  f = await makeFixture();
  shadowed = loadContract(f.dir, v3(true));
  promoted = loadContract(f.dir, v3(false));
});
after(() => f.cleanup());

function verifyWithApproval(contract: ResolvedContract) {
  const signed = signApproval({
    auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract,
    evaluation: evaluationRef(evaluate(f.changeSet, contract)), reviewer: f.alice.signer, comment: 'ok', time: new Date(PLAN_TIME.getTime() - 3600_000),
  });
  return verifyRelease({
    changeSet: f.changeSet, contract, attestations: attestationsFrom([signed.envelope]),
    trustedKeys: [{ pem: f.alice.pem, name: 'Alice' }], now: PLAN_TIME,
  });
}

describe('shadow policies', () => {
  test('a deny/mandatory policy in shadow reports its findings marked shadow, and the verdict does not count them', () => {
    const e = evaluate(f.changeSet, shadowed);
    const shadowFindings = e.findings.filter((x) => x.shadow === true);
    assert.deepEqual([...new Set(shadowFindings.map((x) => x.policy))].sort(), [...BLOCKING].sort());
    // new-database (approval, not shadow) still needs approval: shadow removes only its own weight.
    assert.equal(e.verdict, 'needs-approval');
    assert.ok(e.findings.filter((x) => x.policy === 'new-database').every((x) => !('shadow' in x)), 'only shadow findings carry the member');

    const text = renderTextReport({ changeSet: f.changeSet, contract: shadowed, evaluation: e });
    assert.match(text, /SHADOW: policies on trial/);
    assert.match(text, /aws_db_instance\.default {2}rds-not-public .*\[shadow, deny\]/);
    assert.doesNotMatch(text, /^DENY:|^MANDATORY:/m);
    const json = JSON.parse(renderJsonReport({ changeSet: f.changeSet, contract: shadowed, evaluation: e })) as { findings: { policy: string; shadow?: boolean }[] };
    assert.ok(json.findings.filter((x) => BLOCKING.includes(x.policy)).every((x) => x.shadow === true));
    assert.ok(json.findings.filter((x) => x.policy === 'new-database').every((x) => x.shadow === undefined));
  });

  test('verify passes with the approval alone (no exception for the shadow deny/mandatory findings); promoted, it blocks again', () => {
    const ok = verifyWithApproval(shadowed);
    assert.equal(ok.ok, true, JSON.stringify(ok.reasons));
    const blocked = verifyWithApproval(promoted);
    assert.equal(blocked.ok, false);
    assert.ok(blocked.reasons.some((r) => r.code === 'unwaived-finding' && r.message.startsWith('rds-not-public')));
    assert.ok(blocked.reasons.some((r) => r.code === 'unwaived-finding' && r.message.startsWith('no-privileged')));
  });

  test('a shadow flip changes the contract digest and the evaluation digest; shadow: false digests like no override', () => {
    const none = loadContract(f.dir, v3(undefined));
    assert.equal(promoted.digest, none.digest);
    assert.notEqual(shadowed.digest, promoted.digest);
    assert.notEqual(evaluationDigest(evaluate(f.changeSet, shadowed)), evaluationDigest(evaluate(f.changeSet, promoted)));
  });
});
