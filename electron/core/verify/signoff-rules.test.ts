// Issue 10 sign-off rules in verify: quorum counts people (a roster's same-email / same-name
// entries are one person), decisions are final (order-free; withdrawal/v1 is the only way
// back), separation of duties (countersign.dev/v4), and the vendor-signature rule.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedContract } from '../engine';
import type { RosterEntry, RosterRole } from '../base/roster';
import { attestationsFrom } from '../signing/attestation-files';
import type { DsseEnvelope } from '../signing/dsse';
import { signContractPublication } from '../signing/publication';
import { addSignature, createException, signApproval, signRejection, signWithdrawal } from '../signing/sign';
import type { SignedAttestation } from '../signing/sign';
import { contractYaml, evaluate, evaluationRef, loadContract, makeFixture, PLAN_TIME, reviewer, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import type { Fixture, Reviewer } from '../testing/release-fixture';
import { judgeRelease } from './judge-release';
import type { ReasonCode } from './reasons';
import { verifyRelease } from './verify-release';
import type { VendorSignatureStatus } from './vendor-signature-types';
import { evaluationDigest } from '../engine';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE } from '../signing/dsse';
import { WITHDRAWAL_PREDICATE } from '../signing/predicates';
import { CHANGESET_SUBJECT, STATEMENT_TYPE, statementBytes, subjectFor } from '../signing/statement';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number): Date => new Date(PLAN_TIME.getTime() + offsetMs);

let f: Fixture;
let owner: Reviewer;
/** Alice's second key: same email as Alice, so the same person. */
let alice2: Reviewer;
let dave: Reviewer;

before(async () => {
  f = await makeFixture();
  owner = reviewer('Olivia Owner');
  alice2 = reviewer('A. Example (laptop)');
  dave = reviewer('Dave');
});
after(() => f.cleanup());

const SIGNER: readonly RosterRole[] = ['approver', 'exception-signer'];
function entry(r: Reviewer, email: string, roles: readonly RosterRole[] = SIGNER, revoked?: string): RosterEntry {
  return { name: r.signer.name, email, fingerprint: r.keyId, publicKey: r.pem, roles: [...roles], ...(revoked ? { revoked } : {}) };
}

function roster(extra: readonly RosterEntry[] = []): RosterEntry[] {
  return [
    entry(owner, 'owner@example.com', ['contract-owner']),
    entry(f.alice, 'alice@example.com'),
    entry(alice2, ' Alice@Example.COM '),
    entry(f.bob, 'bob@example.com'),
    entry(f.carol, 'carol@example.com'),
    ...extra,
  ];
}

interface V4Options {
  readonly quorum?: number;
  readonly exceptionQuorum?: number;
  readonly requesterMayWaiveAlone?: boolean;
  readonly approverMaySignReliedExceptions?: boolean;
  readonly vendorSignature?: 'optional' | 'required';
  readonly roster?: readonly RosterEntry[];
}

/** The fixture's contract as countersign.dev/v4 (no-privileged waivable) with a roster. */
function v4(o: V4Options = {}): ResolvedContract {
  const sod = `{requesterMayWaiveAlone: ${o.requesterMayWaiveAlone ?? true}, approverMaySignReliedExceptions: ${o.approverMaySignReliedExceptions ?? true}}`;
  const yaml = contractYaml({ privileged: 'deny', quorum: o.quorum ?? 2, exceptionQuorum: o.exceptionQuorum ?? 2 })
    .replace('countersign.dev/v1', 'countersign.dev/v4')
    .replace(/maxExceptionDays: 30\}/, `maxExceptionDays: 30, separationOfDuties: ${sod}}\n  vendorSignature: ${o.vendorSignature ?? 'optional'}`);
  return loadContract(f.dir, `${yaml}roster: ${JSON.stringify(o.roster ?? roster())}\n`);
}

function publish(contract: ResolvedContract): SignedAttestation {
  return signContractPublication({
    contract: { name: contract.name, vendor: contract.vendor, install: contract.install ?? '', digest: contract.digest, packs: contract.packs ?? [], roster: contract.roster ?? [] },
    revision: 1, signers: [owner.signer], notAfter: at(30 * DAY), time: at(-DAY),
  });
}

function decision(kind: 'approve' | 'reject', r: Reviewer, contract: ResolvedContract, opts: { time?: Date; exceptions?: readonly string[] } = {}): SignedAttestation {
  const req = {
    auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract, evaluation: evaluationRef(evaluate(f.changeSet, contract)),
    reviewer: r.signer, comment: kind === 'approve' ? 'ok' : 'no: public DB', time: opts.time ?? at(-HOUR), exceptions: opts.exceptions ?? [],
  };
  return kind === 'approve' ? signApproval(req) : signRejection(req);
}

function withdrawal(of: SignedAttestation, by: Reviewer, kind: 'approve' | 'reject' = of.kind === 'approval' ? 'approve' : 'reject'): SignedAttestation {
  return signWithdrawal({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, withdraws: of.digest, decision: kind, reason: 'changed my mind', reviewer: by.signer, time: at(-HOUR / 4) });
}

/** Every blocking finding waived in one exception (exception/v2), requested by `requester`, co-signed by `cosigners`. */
function waiveAll(contract: ResolvedContract, requester: Reviewer, cosigners: readonly Reviewer[], claimed?: Reviewer): { digest: string; envelope: DsseEnvelope } {
  const created = createException({
    auditHead: TEST_AUDIT_HEAD, contract, changeSetDigest: f.changeSet.digest, expires: at(7 * DAY), justification: 'agreed with the vendor',
    waives: [{ policy: 'rds-not-public', pattern: 'aws_db_instance.*' }, { policy: 'sg-rule-not-world', pattern: 'aws_security_group_rule.*' }, { policy: 'no-privileged', pattern: 'Pod/*' }],
    requester: (claimed ?? requester).signer, time: at(-2 * HOUR),
  });
  // `claimed`: the payload names someone outside the roster (their signature never counts); the real requester signs beside it.
  const signed = (claimed ? [requester, ...cosigners] : cosigners).reduce((env, s) => addSignature(env, s.privateKey), created.envelope);
  return { digest: created.digest, envelope: signed };
}

type Item = SignedAttestation | DsseEnvelope | { envelope: DsseEnvelope };
function verify(contract: ResolvedContract, xs: readonly Item[], vendorSignature?: VendorSignatureStatus) {
  const attestations = attestationsFrom(xs.map((x) => ('envelope' in x ? x.envelope : x)));
  if (vendorSignature === undefined) return verifyRelease({ changeSet: f.changeSet, contract, attestations, trustedKeys: [{ pem: owner.pem, name: 'owner' }], now: PLAN_TIME });
  const evaluation = evaluate(f.changeSet, contract);
  return judgeRelease({
    changeSetDigest: f.changeSet.digest, contract, evaluation, evaluationDigest: evaluationDigest(evaluation), attestations,
    trustedKeys: [{ pem: owner.pem, name: 'owner' }], now: PLAN_TIME, roster: contract.roster, vendorSignature,
  });
}

const codes = (list: readonly { code: ReasonCode }[]): ReasonCode[] => [...new Set(list.map((r) => r.code))].sort();

describe('quorum counts people, not keys', () => {
  test('one person with two keys (same email) approving never reaches a quorum of 2', () => {
    const c = v4();
    const r = verify(c, [publish(c), decision('approve', f.alice, c), decision('approve', alice2, c), waiveAll(c, f.alice, [f.bob])]);
    assert.equal(r.ok, false);
    assert.deepEqual(codes(r.reasons), ['quorum-not-met', 'same-person']);
    assert.equal(r.approvals.length, 1);
    assert.match(r.reasons.find((x) => x.code === 'same-person')!.message, /keys of one person/);
    // A second PERSON makes it.
    assert.equal(verify(c, [publish(c), decision('approve', f.alice, c), decision('approve', alice2, c), decision('approve', f.bob, c), waiveAll(c, f.alice, [f.bob])]).ok, true);
  });

  test('the same person by name (case, spacing, width and invisible characters differ) counts once', () => {
    const twin = reviewer('x');
    const c = v4({ roster: [...roster(), { ...entry(twin, ''), name: '  ＢＯＢ\u200b  ' }] });
    const r = verify(c, [publish(c), decision('approve', f.bob, c), decision('approve', twin, c), waiveAll(c, f.alice, [f.bob])]);
    assert.deepEqual(codes(r.reasons), ['quorum-not-met', 'same-person']);
  });

  test('one person with two keys signing an exception never reaches an exception quorum of 2', () => {
    const c = v4();
    const r = verify(c, [publish(c), decision('approve', f.bob, c), decision('approve', f.carol, c), waiveAll(c, f.alice, [alice2])]);
    assert.equal(r.ok, false);
    assert.ok(codes(r.reasons).includes('exception-quorum-not-met'));
    assert.ok(codes(r.reasons).includes('same-person'));
    assert.ok(r.reasons.some((x) => x.code === 'unwaived-finding'));
    assert.deepEqual(r.exceptions[0]!.persons.length, 1);
  });

  test('without a roster a person is a key (as before): two trusted keys are two approvals', () => {
    const c = loadContract(f.dir, contractYaml({ privileged: 'deny', quorum: 2, exceptionQuorum: 1 }));
    const ex = waiveAll(c, f.alice, []);
    const r = verifyRelease({
      changeSet: f.changeSet, contract: c, attestations: attestationsFrom([decision('approve', f.alice, c).envelope, decision('approve', f.bob, c).envelope, ex.envelope]),
      trustedKeys: [f.alice, f.bob].map((x) => ({ pem: x.pem })), now: PLAN_TIME,
    });
    assert.deepEqual(r.reasons, []);
  });
});

describe('decisions are final: withdrawals', () => {
  test('a rejection stands until its reviewer withdraws it; a later approval alone conflicts', () => {
    const c = v4({ quorum: 1 });
    const no = decision('reject', f.bob, c);
    const yes = decision('approve', f.bob, c, { time: at(-HOUR / 2) });
    const base = [publish(c), waiveAll(c, f.alice, [f.carol])];
    assert.deepEqual(codes(verify(c, [...base, no]).reasons), ['quorum-not-met', 'rejected']);
    const conflict = verify(c, [...base, no, yes]);
    assert.deepEqual(codes(conflict.reasons), ['conflicting-decisions', 'quorum-not-met']);
    assert.match(conflict.reasons[0]!.message, /withdraw one/);
    assert.equal(verify(c, [...base, no, yes, withdrawal(no, f.bob)]).ok, true);
  });

  test("a withdrawal by the same person's other unrevoked key counts", () => {
    const c = v4({ quorum: 1 });
    const no = decision('reject', f.alice, c);
    const r = verify(c, [publish(c), waiveAll(c, f.bob, [f.carol]), no, decision('approve', f.bob, c), withdrawal(no, alice2)]);
    assert.deepEqual(r.reasons, []);
  });

  test('a withdrawal by another person does not count (withdrawal-not-own): the decision stands', () => {
    const c = v4({ quorum: 1 });
    const no = decision('reject', f.alice, c);
    const r = verify(c, [publish(c), waiveAll(c, f.bob, [f.carol]), no, decision('approve', f.bob, c), withdrawal(no, f.bob)]);
    assert.deepEqual(codes(r.reasons), ['rejected', 'withdrawal-not-own']);
  });

  test('a withdrawal by a revoked key of the same person does not count', () => {
    const c = v4({ quorum: 1, roster: roster().map((e) => (e.fingerprint === alice2.keyId ? { ...e, revoked: '2026-01-01T00:00:00Z' } : e)) });
    const no = decision('reject', f.alice, c);
    const r = verify(c, [publish(c), waiveAll(c, f.bob, [f.carol]), no, decision('approve', f.bob, c), withdrawal(no, alice2)]);
    assert.ok(codes(r.reasons).includes('rejected'));
    assert.ok(codes(r.reasons).includes('revoked-key'));
  });

  test("a withdrawal by the same person's key without the approver role does not count (role-missing)", () => {
    const c = v4({ quorum: 1, roster: roster().map((e) => (e.fingerprint === alice2.keyId ? { ...e, roles: ['exception-signer' as const] } : e)) });
    const no = decision('reject', f.alice, c);
    const r = verify(c, [publish(c), waiveAll(c, f.bob, [f.carol]), no, decision('approve', f.bob, c), withdrawal(no, alice2)]);
    assert.deepEqual(codes(r.reasons), ['rejected', 'role-missing']);
  });

  test('a withdrawal naming an unknown digest, or misstating the decision, is a note and changes nothing', () => {
    const c = v4({ quorum: 1 });
    const yes = decision('approve', f.bob, c);
    const unknown = signWithdrawal({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, withdraws: `sha256:${'e'.repeat(64)}`, decision: 'approve', reason: 'x', reviewer: f.bob.signer, time: at(0) });
    const r = verify(c, [publish(c), waiveAll(c, f.alice, [f.carol]), yes, unknown, withdrawal(yes, f.bob, 'reject')]);
    assert.equal(r.ok, true);
    assert.deepEqual(codes(r.notes), ['withdrawal-unknown']);
    assert.equal(r.notes.length, 2);
  });

  test('signWithdrawal refuses a bad digest or an empty reason (nothing is signed)', () => {
    const base = { auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, decision: 'approve' as const, reviewer: f.bob.signer };
    assert.throws(() => signWithdrawal({ ...base, withdraws: 'sha256:abc', reason: 'x' }), /sha256:<64 hex>/);
    assert.throws(() => signWithdrawal({ ...base, withdraws: `sha256:${'a'.repeat(64)}`, reason: '  ' }), /needs a reason/);
    const ok = signWithdrawal({ ...base, withdraws: `sha256:${'a'.repeat(64)}`, reason: 'r' });
    assert.match(ok.fileName, /^withdrawal-[0-9a-f]{12}\.dsse\.json$/);
  });

  // Hand-made withdrawals that must not take a decision back: each does not count, with its code.
  const forged: readonly [string, ReasonCode, (yes: SignedAttestation) => DsseEnvelope][] = [
    ['an unknown predicate field (the predicate is strict)', 'malformed-statement', (yes) => handMade({ withdraws: yes.digest, decision: 'approve', reason: 'r', reviewer: { keyId: f.bob.keyId, name: 'Bob' }, time: at(0).toISOString(), auditHead: TEST_AUDIT_HEAD, scope: 'all' })],
    ['for another change set', 'digest-mismatch', (yes) => handMade({ withdraws: yes.digest, decision: 'approve', reason: 'r', reviewer: { keyId: f.bob.keyId, name: 'Bob' }, time: at(0).toISOString(), auditHead: TEST_AUDIT_HEAD }, `sha256:${'0'.repeat(64)}`)],
    ["naming Bob but signed by Carol's key", 'signer-mismatch', (yes) => handMade({ withdraws: yes.digest, decision: 'approve', reason: 'r', reviewer: { keyId: f.bob.keyId, name: 'Bob' }, time: at(0).toISOString(), auditHead: TEST_AUDIT_HEAD }, f.changeSet.digest, f.carol)],
  ];
  for (const [label, code, make] of forged) {
    test(`a withdrawal ${label} does not count (${code})`, () => {
      const c = v4({ quorum: 2 });
      const yes = decision('approve', f.bob, c);
      const r = verify(c, [publish(c), waiveAll(c, f.alice, [f.carol]), decision('approve', f.alice, c), yes, make(yes)]);
      assert.equal(r.ok, true, JSON.stringify(r.reasons));
      assert.deepEqual(codes(r.notes), [code]);
    });
  }

  test('a withdrawn approval no longer counts toward the quorum', () => {
    const c = v4({ quorum: 2 });
    const yes = decision('approve', f.bob, c);
    const r = verify(c, [publish(c), waiveAll(c, f.alice, [f.carol]), decision('approve', f.alice, c), yes, withdrawal(yes, f.bob)]);
    assert.deepEqual(codes(r.reasons), ['quorum-not-met']);
  });

  test('an approval and a rejection by two keys of one person conflict', () => {
    const c = v4({ quorum: 1 });
    const r = verify(c, [publish(c), waiveAll(c, f.bob, [f.carol]), decision('approve', f.alice, c), decision('reject', alice2, c), decision('approve', f.bob, c)]);
    assert.deepEqual(codes(r.reasons), ['conflicting-decisions']);
    assert.equal(r.conflicts.length, 2);
  });
});

describe('separation of duties (countersign.dev/v4)', () => {
  test('requesterMayWaiveAlone: false — the requester alone never waives, even at exceptionQuorum 1', () => {
    const c = v4({ quorum: 1, exceptionQuorum: 1, requesterMayWaiveAlone: false });
    const base = [publish(c), decision('approve', f.bob, c)];
    const alone = verify(c, [...base, waiveAll(c, f.alice, [])]);
    assert.ok(codes(alone.reasons).includes('separation-of-duties'));
    assert.match(alone.reasons.find((r) => r.code === 'separation-of-duties')!.message, /requesterMayWaiveAlone: false: only its requester Alice/);
    // The requester's own second key is the same person: still alone.
    assert.ok(codes(verify(c, [...base, waiveAll(c, f.alice, [alice2])]).reasons).includes('separation-of-duties'));
    assert.equal(verify(c, [...base, waiveAll(c, f.alice, [f.carol])]).ok, true);
  });

  test('requesterMayWaiveAlone: false — a requester named in the payload who did not sign proves nothing: two people must sign', () => {
    const c = v4({ quorum: 1, exceptionQuorum: 1, requesterMayWaiveAlone: false });
    const base = [publish(c), decision('approve', f.bob, c)];
    assert.ok(codes(verify(c, [...base, waiveAll(c, f.alice, [], dave)]).reasons).includes('separation-of-duties'));
    assert.equal(verify(c, [...base, waiveAll(c, f.alice, [f.carol], dave)]).ok, true);
  });

  test('requesterMayWaiveAlone: true (v1–v3 meaning) lets the requester waive alone at exceptionQuorum 1', () => {
    const c = v4({ quorum: 1, exceptionQuorum: 1, requesterMayWaiveAlone: true });
    assert.equal(verify(c, [publish(c), decision('approve', f.bob, c), waiveAll(c, f.alice, [])]).ok, true);
  });

  test('approverMaySignReliedExceptions: false — an approval counts only if its exceptions reach quorum without the approver', () => {
    const c = v4({ quorum: 2, exceptionQuorum: 2, approverMaySignReliedExceptions: false });
    const ex = waiveAll(c, f.alice, [f.bob]);
    const relying = (r: Reviewer) => decision('approve', r, c, { exceptions: [ex.digest] });
    const r = verify(c, [publish(c), ex, relying(f.alice), relying(f.carol)]);
    assert.deepEqual(codes(r.reasons), ['quorum-not-met', 'separation-of-duties']);
    assert.match(r.reasons.find((x) => x.code === 'separation-of-duties')!.message, /approval by Alice .*approverMaySignReliedExceptions: false.*1 signer\(s\) besides the approver/);
    assert.deepEqual(r.approvals.map((a) => a.keyId), [f.carol.keyId]);
    // Signed by three people, the exception reaches 2 without Alice too.
    const wider = waiveAll(c, f.alice, [f.bob, f.carol]);
    const ok = verify(c, [publish(c), wider, decision('approve', f.alice, c, { exceptions: [wider.digest] }), decision('approve', f.carol, c, { exceptions: [wider.digest] })]);
    assert.deepEqual(ok.reasons, []);
  });

  test('approverMaySignReliedExceptions: false — an approval that leaves out the exceptions waiving its findings relies on them all the same', () => {
    const c = v4({ quorum: 2, exceptionQuorum: 2, approverMaySignReliedExceptions: false });
    const ex = waiveAll(c, f.alice, [f.bob]);
    // Alice signed the exception, then approves listing no exception (a hand-made approval): the exception still waives the findings.
    const r = verify(c, [publish(c), ex, decision('approve', f.alice, c, { exceptions: [] }), decision('approve', f.carol, c, { exceptions: [ex.digest] })]);
    assert.equal(r.ok, false);
    assert.deepEqual(codes(r.reasons), ['quorum-not-met', 'separation-of-duties']);
    assert.deepEqual(r.approvals.map((a) => a.keyId), [f.carol.keyId]);
  });

  test('approverMaySignReliedExceptions: true lets an approver sign what they rely on', () => {
    const c = v4({ quorum: 2, exceptionQuorum: 2, approverMaySignReliedExceptions: true });
    const ex = waiveAll(c, f.alice, [f.bob]);
    assert.equal(verify(c, [publish(c), ex, decision('approve', f.alice, c, { exceptions: [ex.digest] }), decision('approve', f.bob, c, { exceptions: [ex.digest] })]).ok, true);
  });
});

describe('reviewer keys and revisions', () => {
  test("a revoked reviewer's approval fails: it never counts, whatever time it claims", () => {
    const c = v4({ roster: roster().map((e) => (e.fingerprint === f.bob.keyId ? { ...e, revoked: '2026-12-01T00:00:00Z' } : e)) });
    const r = verify(c, [publish(c), waiveAll(c, f.alice, [f.carol]), decision('approve', f.alice, c), decision('approve', f.bob, c, { time: at(-DAY) })]);
    assert.deepEqual(codes(r.reasons), ['quorum-not-met', 'revoked-key']);
  });

  test('an approval verifies only under the contract revision (digest) it was signed for', () => {
    const c = v4();
    const other = v4({ exceptionQuorum: 1 });
    assert.notEqual(c.digest, other.digest);
    const xs = [decision('approve', f.alice, c), decision('approve', f.bob, c)];
    assert.equal(verify(c, [publish(c), waiveAll(c, f.alice, [f.carol]), ...xs]).ok, true);
    const r = verify(other, [publish(other), waiveAll(other, f.alice, [f.carol]), ...xs]);
    assert.deepEqual(codes(r.reasons), ['contract-mismatch', 'quorum-not-met']);
  });
});

describe('vendorSignature: required', () => {
  const signer = { keyId: `sha256:${'a'.repeat(64)}`, name: 'Acme CI' };
  const rows: readonly [string, VendorSignatureStatus | 'absent', ReasonCode | null, RegExp | null][] = [
    ['no status given', 'absent', 'vendor-signature-missing', /unsigned/],
    ['unsigned', { state: 'unsigned', signers: [], reasons: [] }, 'vendor-signature-missing', /unsigned/],
    ['invalid', { state: 'invalid', signers: [signer], reasons: [{ code: 'bad-signature', message: 'payload altered' }] }, 'vendor-signature-invalid', /invalid: signed by Acme CI \(sha256:a{64}\) \(payload altered\)/],
    ['untrusted', { state: 'untrusted', signers: [signer], reasons: [] }, 'vendor-signature-invalid', /untrusted: signed by Acme CI/],
    ['verified', { state: 'verified', signers: [signer], reasons: [] }, null, null],
  ];
  for (const [name, status, code, message] of rows) {
    test(`${name}: ${code ?? 'ok'}`, () => {
      const c = v4({ vendorSignature: 'required' });
      const xs = [publish(c), waiveAll(c, f.alice, [f.carol]), decision('approve', f.alice, c), decision('approve', f.bob, c)];
      const r = status === 'absent' ? verify(c, xs) : verify(c, xs, status);
      if (code === null) {
        assert.deepEqual(r.reasons, []);
        return;
      }
      assert.deepEqual(codes(r.reasons), [code]);
      assert.match(r.reasons[0]!.message, message!);
      // The same file set under `optional` verifies: the rule is the contract's.
      const optional = v4({ vendorSignature: 'optional' });
      const ys = [publish(optional), waiveAll(optional, f.alice, [f.carol]), decision('approve', f.alice, optional), decision('approve', f.bob, optional)];
      assert.equal((status === 'absent' ? verify(optional, ys) : verify(optional, ys, status)).ok, true);
    });
  }
});

/** A withdrawal statement signed as given (by Bob unless `by`), bypassing signWithdrawal's checks. */
function handMade(predicate: object, changeSetDigest = f.changeSet.digest, by: Reviewer = f.bob): DsseEnvelope {
  const statement = { _type: STATEMENT_TYPE as typeof STATEMENT_TYPE, subject: [subjectFor(CHANGESET_SUBJECT, changeSetDigest)], predicateType: WITHDRAWAL_PREDICATE, predicate };
  return createEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), by.privateKey);
}

describe('a rotated key keeps its rejection', () => {
  // Bob rotates: his old entry is revoked, a new key (Dave's key pair, Bob's email) is his. The
  // roster is not in the contract digest, so the others' approvals still count.
  const rotated = () => v4({ roster: roster([entry(dave, 'bob@example.com')]).map((e) => (e.fingerprint === f.bob.keyId ? { ...e, revoked: '2026-12-01T00:00:00Z' } : e)) });

  test("the person's rejection still stands after the rotation (revoking a key never turns a no into a pass)", () => {
    const c = v4();
    const r = rotated();
    assert.equal(r.digest, c.digest);
    const rejection = decision('reject', f.bob, c);
    const xs = [waiveAll(c, f.alice, [f.carol]), decision('approve', f.alice, c), decision('approve', f.carol, c), rejection];
    assert.deepEqual(codes(verify(c, [publish(c), ...xs]).reasons), ['rejected']);
    const after = verify(r, [publish(r), ...xs]);
    assert.equal(after.ok, false);
    assert.ok(codes(after.reasons).includes('rejected'), codes(after.reasons).join(', '));
    // Their unrevoked key withdraws it; then the release passes.
    assert.equal(verify(r, [publish(r), ...xs, withdrawal(rejection, dave)]).ok, true);
  });

  test('an entry revoked with no other key of the person: its rejection no longer counts (the owner removed the reviewer)', () => {
    const c = v4();
    const r = v4({ roster: roster().map((e) => (e.fingerprint === f.bob.keyId ? { ...e, revoked: '2026-12-01T00:00:00Z' } : e)) });
    const xs = [waiveAll(c, f.alice, [f.carol]), decision('approve', f.alice, c), decision('approve', f.carol, c), decision('reject', f.bob, c)];
    assert.equal(verify(r, [publish(r), ...xs]).ok, true);
  });
});
