// withDecision (issue 8: approving judges the release once) must give exactly what judging
// again with the new decision's attestation added gives, for any history of decisions: the
// "latest decision per key wins, a rejection wins a tie" rule and the failures it implies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { signApproval, signRejection } from '../signing/sign';
import type { LoadedAttestation } from '../signing/attestation-files';
import { signedDecision } from './count-decisions';
import { judgeRelease, withDecision } from './judge-release';
import type { ReleaseVerification } from './judge-release';
import { evaluationRef, makeFixture, PLAN_TIME, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import type { Fixture } from '../testing/release-fixture';

let f: Fixture;
before(async () => {
  f = await makeFixture();
});
after(() => f.cleanup());

const shape = (v: ReleaseVerification) => ({
  ok: v.ok,
  reasons: v.reasons.map((r) => [r.code, r.message, r.source]),
  approvals: v.approvals.map((d) => [d.keyId, d.digest, d.source]),
  rejections: v.rejections.map((d) => [d.keyId, d.digest, d.source, d.comment]),
});

test('adding a just-signed decision equals judging again with it (property)', () => {
  const decision = fc.record({
    who: fc.constantFrom(0, 1, 2), // alice, bob (trusted), carol (not trusted: a note)
    decision: fc.constantFrom('approve', 'reject'),
    minute: fc.integer({ min: 0, max: 3 }), // ties happen
  });
  const trustedKeys = [{ pem: f.alice.pem, source: 'alice.pem' }, { pem: f.bob.pem, source: 'bob.pem' }];
  const input = { changeSetDigest: f.changeSet.digest, contract: f.contract, evaluation: f.evaluation, evaluationDigest: evaluationRef(f.evaluation).digest, trustedKeys, now: new Date(PLAN_TIME.getTime() + 3_600_000) };
  fc.assert(fc.property(fc.array(decision, { maxLength: 5 }), decision.filter((d) => d.who !== 2), (history, last) => {
    const sign = (d: typeof last, i: number) => {
      const reviewer = [f.alice, f.bob, f.carol][d.who]!.signer;
      const req = { auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract: f.contract, evaluation: evaluationRef(f.evaluation), reviewer, time: new Date(PLAN_TIME.getTime() + d.minute * 60_000), comment: `c${i}` };
      return d.decision === 'approve' ? signApproval(req) : signRejection(req);
    };
    const held: LoadedAttestation[] = history.map((d, i) => ({ source: `d${i}`, envelope: sign(d, i).envelope }));
    const signed = sign(last, history.length);
    const source = `d${history.length}`;
    const again = judgeRelease({ ...input, attestations: [...held, { source, envelope: signed.envelope }] });
    const added = withDecision(judgeRelease({ ...input, attestations: held }), signedDecision(signed.statement.predicate, signed.digest, source, input.evaluationDigest), input);
    assert.deepEqual(shape(added), shape(again));
  }), { numRuns: 60 });
});
