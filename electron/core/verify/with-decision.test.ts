// withDecision (issue 8: approving judges the release once) must give exactly what judging
// again with the new decision's attestation added gives, for any history of decisions and
// withdrawals: the issue-10 rule (standing decisions per person, conflicts fail closed,
// withdrawals only by the same person) and the failures it implies. (Until issue 10 this
// property held the "latest decision per key wins" rule.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { signApproval, signRejection, signWithdrawal } from '../signing/sign';
import { signContractPublication } from '../signing/publication';
import type { RosterEntry } from '../base/roster';
import type { LoadedAttestation } from '../signing/attestation-files';
import { signedDecision } from './count-decisions';
import { judgeRelease, withDecision } from './judge-release';
import type { ReleaseVerification } from './judge-release';
import { contractYaml, evaluationRef, loadContract, makeFixture, PLAN_TIME, reviewer, TEST_AUDIT_HEAD } from '../testing/release-fixture';
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
  conflicts: v.conflicts.map((d) => [d.keyId, d.digest]),
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

test('under a roster (two keys of one person), adding a just-signed decision equals judging again with it (property)', () => {
  const owner = reviewer('Owner');
  const alice2 = reviewer('Alice (second key)');
  const entry = (r: typeof owner, email: string, roles: RosterEntry['roles']): RosterEntry => ({ name: r.signer.name, email, fingerprint: r.keyId, publicKey: r.pem, roles });
  const roster = [entry(owner, 'o@x', ['contract-owner']), entry(f.alice, 'alice@x', ['approver']), entry(alice2, 'ALICE@x', ['approver']), entry(f.bob, 'bob@x', ['approver'])];
  const yaml = contractYaml({ quorum: 2 }).replace('countersign.dev/v1', 'countersign.dev/v3');
  const contract = loadContract(f.dir, `${yaml}roster: ${JSON.stringify(roster)}\n`);
  const publication = signContractPublication({
    contract: { name: contract.name, vendor: contract.vendor, install: '', digest: contract.digest, packs: contract.packs ?? [], roster },
    revision: 1, signers: [owner.signer], notAfter: new Date(PLAN_TIME.getTime() + 86_400_000 * 30), time: new Date(PLAN_TIME.getTime() - 86_400_000),
  });
  const keys = [f.alice, alice2, f.bob];
  const input = { changeSetDigest: f.changeSet.digest, contract, evaluation: f.evaluation, evaluationDigest: evaluationRef(f.evaluation).digest, trustedKeys: [{ pem: owner.pem }], now: new Date(PLAN_TIME.getTime() + 3_600_000), roster };
  const decision = fc.record({ who: fc.constantFrom(0, 1, 2), decision: fc.constantFrom('approve', 'reject'), withdrawnBy: fc.option(fc.constantFrom(0, 1, 2)) });
  fc.assert(fc.property(fc.array(decision, { maxLength: 4 }), decision, (history, last) => {
    const sign = (d: typeof last, i: number) => {
      const req = { auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract, evaluation: evaluationRef(f.evaluation), reviewer: keys[d.who]!.signer, time: new Date(PLAN_TIME.getTime() + i * 60_000), comment: `c${i}` };
      return d.decision === 'approve' ? signApproval(req) : signRejection(req);
    };
    const held: LoadedAttestation[] = [{ source: 'publication', envelope: publication.envelope }];
    history.forEach((d, i) => {
      const s = sign(d, i);
      held.push({ source: `d${i}`, envelope: s.envelope });
      if (d.withdrawnBy !== null) {
        const w = signWithdrawal({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, withdraws: s.digest, decision: d.decision as 'approve' | 'reject', reason: 'r', reviewer: keys[d.withdrawnBy]!.signer, time: new Date(PLAN_TIME.getTime() + 30 * 60_000) });
        held.push({ source: `w${i}`, envelope: w.envelope });
      }
    });
    const signed = sign(last, history.length);
    const source = `d${history.length}`;
    const again = judgeRelease({ ...input, attestations: [...held, { source, envelope: signed.envelope }] });
    const added = withDecision(judgeRelease({ ...input, attestations: held }), signedDecision(signed.statement.predicate, signed.digest, source, input.evaluationDigest), input);
    assert.deepEqual(shape(added), shape(again));
  }), { numRuns: 40 });
});
