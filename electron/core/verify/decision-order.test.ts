// Issue 10: the decision rule is order-free. Which files come first and which times the
// decisions claim must never change the judgement (the old "latest by time wins" rule let a
// reviewer flip the state by signing again, or by back- or forward-dating a statement).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attestationsFrom } from '../signing/attestation-files';
import { signApproval, signRejection, signWithdrawal } from '../signing/sign';
import type { SignedAttestation } from '../signing/sign';
import { evaluationRef, makeFixture, PLAN_TIME, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import type { Fixture } from '../testing/release-fixture';
import { judgeRelease } from './judge-release';
import type { ReleaseVerification } from './judge-release';

let f: Fixture;
before(async () => {
  f = await makeFixture();
});
after(() => f.cleanup());

interface DecisionSpec { readonly who: number; readonly decision: 'approve' | 'reject' }
interface WithdrawalSpec { readonly of: number; readonly by: number }

const outcome = (v: ReleaseVerification) => ({
  ok: v.ok,
  codes: [...new Set(v.reasons.map((r) => r.code))].sort(),
  approvals: v.approvals.map((d) => d.keyId).sort(),
  rejections: v.rejections.map((d) => d.keyId).sort(),
  conflicts: [...new Set(v.conflicts.map((d) => d.keyId))].sort(),
});

test('property: shuffling the attestations and the times they claim never changes the judgement', () => {
  const people = [f.alice, f.bob, f.carol];
  const trustedKeys = people.map((r) => ({ pem: r.pem, name: r.signer.name }));
  const input = { changeSetDigest: f.changeSet.digest, contract: { ...f.contract, approvals: { ...f.contract.approvals, quorum: 1 } }, evaluation: f.evaluation, evaluationDigest: evaluationRef(f.evaluation).digest, trustedKeys, now: new Date(PLAN_TIME.getTime() + 86_400_000) };
  const decisionArb = fc.record({ who: fc.integer({ min: 0, max: 2 }), decision: fc.constantFrom<'approve' | 'reject'>('approve', 'reject') });
  const scenario = fc.array(decisionArb, { minLength: 1, maxLength: 5 }).chain((decisions) => fc.record({
    decisions: fc.constant(decisions),
    withdrawals: fc.array(fc.record({ of: fc.integer({ min: 0, max: decisions.length - 1 }), by: fc.integer({ min: 0, max: 2 }) }), { maxLength: 3 }),
    minutes: fc.array(fc.integer({ min: 0, max: 600 }), { minLength: decisions.length + 3, maxLength: decisions.length + 3 }),
  }));

  const build = (decisions: readonly DecisionSpec[], withdrawals: readonly WithdrawalSpec[], minutes: readonly number[]): SignedAttestation[] => {
    const time = (i: number) => new Date(PLAN_TIME.getTime() + minutes[i]! * 60_000);
    const signed = decisions.map((d, i) => {
      const req = { auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract: input.contract, evaluation: evaluationRef(f.evaluation), reviewer: people[d.who]!.signer, time: time(i), comment: `decision ${i}` }; // distinct payloads: two identical ones are one decision
      return d.decision === 'approve' ? signApproval(req) : signRejection(req);
    });
    const back = withdrawals.map((w, j) => signWithdrawal({
      auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, withdraws: signed[w.of]!.digest, decision: decisions[w.of]!.decision,
      reason: 'taken back', reviewer: people[w.by]!.signer, time: time(decisions.length + j),
    }));
    return [...signed, ...back];
  };
  const judge = (xs: readonly SignedAttestation[]) => judgeRelease({ ...input, attestations: attestationsFrom(xs.map((x) => x.envelope)) });

  fc.assert(fc.property(scenario, fc.nat(), fc.nat(), ({ decisions, withdrawals, minutes }, timeSeed, orderSeed) => {
    const first = judge(build(decisions, withdrawals, minutes));
    // The same decisions and withdrawals, claiming the times in another order, read in another order.
    const otherTimes = rotate(minutes, timeSeed).map((m) => 600 - m);
    const second = judge(rotate(build(decisions, withdrawals, otherTimes), orderSeed).reverse());
    assert.deepEqual(outcome(second), outcome(first));
  }), { numRuns: 150 });
});

function rotate<T>(xs: readonly T[], seed: number): T[] {
  const k = xs.length === 0 ? 0 : seed % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}
