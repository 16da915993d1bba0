import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedContract } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import { attestationsFrom, envelopeFileText, jsonLinesText, readAttestations } from '../signing/attestation-files';
import type { LoadedAttestation } from '../signing/attestation-files';
import type { DsseEnvelope } from '../signing/dsse';
import { addSignature, createException, signApproval, signContractRevision, signRejection, signWithdrawal } from '../signing/sign';
import type { SignedAttestation } from '../signing/sign';
import { contractYaml, evaluate, evaluationRef, loadContract, makeFixture, PLAN_TIME, reviewer, TEST_AUDIT_HEAD, writeBundle } from '../testing/release-fixture';
import type { Fixture, Reviewer } from '../testing/release-fixture';
import type { ReasonCode } from './reasons';
import type { TrustedKeyInput } from './trusted-keys';
import { verifyRelease } from './verify-release';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number): Date => new Date(PLAN_TIME.getTime() + offsetMs);

let f: Fixture;
/** The same policies, but no-privileged is `deny` (waivable), so the release can pass. */
let waivable: ResolvedContract;

before(async () => {
  f = await makeFixture();
  waivable = loadContract(f.dir, contractYaml({ privileged: 'deny' }));
});
after(() => f.cleanup());

function approval(r: Reviewer, changeSet: ChangeSet = f.changeSet, contract: ResolvedContract = waivable, time = at(-HOUR)): SignedAttestation {
  return signApproval({
    auditHead: TEST_AUDIT_HEAD,
    changeSetDigest: changeSet.digest,
    contract,
    evaluation: evaluationRef(evaluate(changeSet, contract)),
    reviewer: r.signer,
    comment: 'reviewed with the DBA team',
    time,
  });
}

/** Every blocking finding of the fixture waived: a scoped exception, a glob one (unscoped), and the privileged pod. */
function exceptions(contract: ResolvedContract = waivable, signers: readonly Reviewer[] = [f.alice, f.bob], expires = at(7 * DAY)): DsseEnvelope[] {
  const make = (policy: string, target: { address: string } | { pattern: string }, scoped: boolean): DsseEnvelope => {
    const created = createException({
      auditHead: TEST_AUDIT_HEAD, contract, changeSetDigest: scoped ? f.changeSet.digest : null, waives: [{ policy, ...target }], expires,
      justification: 'temporary: migration window agreed with the vendor', requester: signers[0]!.signer, time: at(-2 * HOUR),
    });
    return signers.slice(1).reduce((env, s) => addSignature(env, s.privateKey), created.envelope);
  };
  return [
    make('rds-not-public', { address: 'aws_db_instance.default' }, true),
    make('sg-rule-not-world', { pattern: 'aws_security_group_rule.*' }, false),
    make('no-privileged', { pattern: 'Pod/nginx-*' }, true),
  ];
}

function trust(...rs: Reviewer[]): TrustedKeyInput[] {
  return rs.map((r) => ({ pem: r.pem, name: r.signer.name }));
}

function verify(attestations: readonly LoadedAttestation[], opts: { changeSet?: ChangeSet; contract?: ResolvedContract; trusted?: TrustedKeyInput[]; now?: Date } = {}) {
  return verifyRelease({
    changeSet: opts.changeSet ?? f.changeSet,
    contract: opts.contract ?? waivable,
    attestations,
    trustedKeys: opts.trusted ?? trust(f.alice, f.bob, f.carol),
    now: opts.now ?? PLAN_TIME,
  });
}

const envs = (...xs: (SignedAttestation | DsseEnvelope)[]): LoadedAttestation[] =>
  attestationsFrom(xs.map((x) => ('envelope' in x ? x.envelope : x)));

function codes(result: { reasons: readonly { code: ReasonCode }[] }): ReasonCode[] {
  return [...new Set(result.reasons.map((r) => r.code))].sort();
}

describe('verifyRelease: happy path', () => {
  test('two approvals and exceptions with quorum 2, read back from files, verify ok', () => {
    const out = join(f.dir, 'attestations-ok');
    mkdirSync(out);
    const a = approval(f.alice), b = approval(f.bob);
    writeFileSync(join(out, a.fileName), envelopeFileText(a.envelope));
    writeFileSync(join(out, b.fileName), envelopeFileText(b.envelope));
    // Exceptions as one JSON-lines file, the way a vendor may receive a batch.
    writeFileSync(join(out, 'exceptions.intoto.jsonl'), jsonLinesText(exceptions()));
    writeFileSync(join(out, 'README.txt'), 'not an attestation; ignored');

    const result = verify(readAttestations(out));
    assert.deepEqual(result.reasons, []);
    assert.equal(result.ok, true);
    assert.equal(result.evaluation.verdict, 'blocked');
    assert.deepEqual(result.approvals.map((x) => x.reviewer).sort(), ['Alice', 'Bob']);
    assert.equal(result.exceptionsApplied.length, 3);
    const sg = result.exceptionsApplied.find((e) => e.waives[0]!.policy === 'sg-rule-not-world')!;
    assert.deepEqual(sg.waived.map((w) => w.address).sort(), ['aws_security_group_rule.example_rule', 'aws_security_group_rule.example_rule_22', 'aws_security_group_rule.example_rule_3389']);
    assert.equal(sg.changeSetDigest, null);
    assert.equal(sg.signers.length, 2);
    // Evaluated at `now` = the planned time here, so the reviewer saw the same evaluation.
    assert.ok(result.approvals.every((x) => x.evaluationMatches));
  });

  test('a published contract revision signed by a trusted key is reported (untrusted ones are not)', () => {
    const published = signContractRevision({ contract: waivable, revision: 3, signer: f.carol.signer, time: at(-DAY) });
    const stale = signContractRevision({ contract: f.contract, revision: 2, signer: f.carol.signer, time: at(-2 * DAY) });
    const byStranger = signContractRevision({ contract: waivable, revision: 4, signer: reviewer('Eve').signer, time: at(-DAY) });
    const result = verify(envs(approval(f.alice), approval(f.bob), ...exceptions(), published, stale, byStranger));
    assert.equal(result.ok, true);
    assert.deepEqual(result.contractPublications.map((p) => [p.revision, p.signers]), [[3, [f.carol.keyId]]]);
  });

  test('copies of one exception signed separately pool their signatures', () => {
    const created = createException({
      auditHead: TEST_AUDIT_HEAD, contract: waivable, changeSetDigest: f.changeSet.digest, waives: [{ policy: 'rds-not-public', address: 'aws_db_instance.default' }],
      expires: at(DAY), justification: 'agreed', requester: f.alice.signer, time: at(-HOUR),
    });
    // Bob's copy carries only his signature; Alice's only hers. Neither alone meets exceptionQuorum 2.
    const cosigned = addSignature(created.envelope, f.bob.privateKey);
    const onlyBob: DsseEnvelope = { ...cosigned, signatures: cosigned.signatures.filter((s) => s.keyid === f.bob.keyId) };
    const [, sg, priv] = exceptions();
    const result = verify(envs(approval(f.alice), approval(f.bob), created.envelope, onlyBob, sg!, priv!));
    assert.equal(result.ok, true, JSON.stringify(result.reasons));
    assert.equal(result.exceptionsApplied.find((e) => e.waives[0]!.policy === 'rds-not-public')!.sources.length, 2);
    assert.equal(verify(envs(approval(f.alice), approval(f.bob), onlyBob, sg!, priv!)).ok, false);
  });

  test('a needs-approval-only finding is covered by the approvals themselves', () => {
    // Every deny finding waived leaves only new-database (approval): quorum alone makes it ok.
    const result = verify(envs(approval(f.alice), approval(f.bob), ...exceptions()));
    assert.ok(result.evaluation.findings.some((x) => x.enforcement === 'approval'));
    assert.equal(result.ok, true);
  });
});

describe('verifyRelease: tamper suite', () => {
  test('a byte changed in an artifact after approval: digest-mismatch', async () => {
    const atts = envs(approval(f.alice), approval(f.bob), ...exceptions());
    assert.equal(verify(atts).ok, true);
    const bundle = writeBundle(f.dir, 'tampered');
    // The manifest must match the approved one, so rewrite it with the original release.
    writeFileSync(join(bundle, 'changeset.yaml'), readFileSync(join(f.bundle, 'changeset.yaml')));
    const file = join(bundle, 'infra', 'db.json');
    const bytes = readFileSync(file);
    const i = bytes.indexOf('"mydb"') + 4;
    bytes[i] = bytes[i]! ^ 0x01; // "mydb" -> "myde"
    writeFileSync(file, bytes);
    const changed = await loadChangeSet([bundle]);
    assert.notEqual(changed.digest, f.changeSet.digest);

    const result = verify(atts, { changeSet: changed });
    assert.equal(result.ok, false);
    assert.ok(codes(result).includes('digest-mismatch'));
    assert.ok(codes(result).includes('quorum-not-met'));
    assert.equal(result.approvals.length, 0);
  });

  test('a changed contract: contract-mismatch', () => {
    const atts = envs(approval(f.alice), approval(f.bob), ...exceptions());
    const edited = loadContract(f.dir, contractYaml({ privileged: 'deny', maxExceptionDays: 31 }));
    assert.notEqual(edited.digest, waivable.digest);
    const result = verify(atts, { contract: edited });
    assert.equal(result.ok, false);
    assert.ok(codes(result).includes('contract-mismatch'));
    assert.ok(result.reasons.some((r) => r.code === 'contract-mismatch' && r.message.includes('approval by Alice')));
    // The unscoped exception was made under the old revision too.
    assert.ok(result.reasons.some((r) => r.code === 'contract-mismatch' && r.message.includes('exception')));
  });

  test('an approval replayed on another change set: digest-mismatch', async () => {
    const other = await loadChangeSet([writeBundle(f.dir, '2.15.0')]);
    assert.notEqual(other.digest, f.changeSet.digest);
    const result = verify(envs(approval(f.alice), approval(f.bob), ...exceptions()), { changeSet: other });
    assert.equal(result.ok, false);
    assert.ok(result.reasons.some((r) => r.code === 'digest-mismatch' && r.message.includes(f.changeSet.digest.slice(7))));
    // Scoped exceptions do not follow the approval either.
    assert.ok(result.reasons.some((r) => r.code === 'unwaived-finding' && r.message.includes('rds-not-public')));
  });

  test('an expired exception: exception-expired, and the finding is unwaived', () => {
    const result = verify(envs(approval(f.alice), approval(f.bob), ...exceptions(waivable, [f.alice, f.bob], at(DAY))), { now: at(DAY + 1) });
    assert.equal(result.ok, false);
    assert.deepEqual(codes(result), ['exception-expired', 'unwaived-finding']);
    // Expiry is exact: one millisecond before, it still counts.
    assert.equal(verify(envs(approval(f.alice), approval(f.bob), ...exceptions(waivable, [f.alice, f.bob], at(DAY))), { now: at(DAY - 1) }).ok, true);
  });

  test('a signature by an untrusted key: untrusted-key', () => {
    const mallory = reviewer('Mallory');
    const result = verify(envs(approval(f.alice), approval(mallory), ...exceptions()));
    assert.equal(result.ok, false);
    assert.deepEqual(codes(result), ['quorum-not-met', 'untrusted-key']);
    // Mallory naming herself "Bob" changes nothing: trust is by key.
    const fake = signApproval({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract: waivable, evaluation: evaluationRef(f.evaluation), reviewer: { privateKey: mallory.privateKey, name: 'Bob' }, time: at(-HOUR) });
    assert.equal(verify(envs(approval(f.alice), fake, ...exceptions())).ok, false);
  });

  test('a signature by a revoked key: revoked-key from the revocation time on', () => {
    const atts = envs(approval(f.alice), approval(f.bob, f.changeSet, waivable, at(-HOUR)), ...exceptions());
    const revokedBefore = [...trust(f.alice, f.carol), { pem: f.bob.pem, name: 'Bob', revokedAt: at(-3 * HOUR) }];
    const result = verify(atts, { trusted: revokedBefore });
    assert.equal(result.ok, false);
    assert.ok(codes(result).includes('revoked-key'));
    assert.ok(codes(result).includes('quorum-not-met'));
    assert.ok(codes(result).includes('exception-quorum-not-met'), 'exceptions co-signed by Bob lose his signature too');
    // Revoked after he signed: his signatures made before still count.
    const revokedAfter = [...trust(f.alice, f.carol), { pem: f.bob.pem, name: 'Bob', revokedAt: at(-30 * 60_000).toISOString() }];
    assert.equal(verify(atts, { trusted: revokedAfter }).ok, true);
  });

  test('too few distinct signers: the same key twice counts once', () => {
    const once = approval(f.alice, f.changeSet, waivable, at(-2 * HOUR));
    const again = approval(f.alice, f.changeSet, waivable, at(-HOUR));
    const doubled: DsseEnvelope = { ...once.envelope, signatures: [once.envelope.signatures[0]!, once.envelope.signatures[0]!] };
    const result = verify(envs(once, again, doubled, ...exceptions()));
    assert.equal(result.ok, false);
    assert.deepEqual(codes(result), ['quorum-not-met']);
    assert.equal(result.approvals.length, 1);

    // An exception signed twice by its requester has one signer, under an exceptionQuorum of 2.
    const ex = createException({ auditHead: TEST_AUDIT_HEAD, contract: waivable, changeSetDigest: f.changeSet.digest, waives: [{ policy: 'rds-not-public', address: 'aws_db_instance.default' }], expires: at(DAY), justification: 'x', requester: f.alice.signer, time: at(-HOUR) });
    const twice: DsseEnvelope = { ...ex.envelope, signatures: [ex.envelope.signatures[0]!, ex.envelope.signatures[0]!] };
    const [, sg, priv] = exceptions();
    const r2 = verify(envs(approval(f.alice), approval(f.bob), twice, sg!, priv!));
    assert.deepEqual(codes(r2), ['exception-quorum-not-met', 'unwaived-finding']);
  });

  test('a mandatory finding "waived": mandatory-not-waivable', () => {
    // createException refuses outright; a hand-made exception (from the waivable contract) must not work either.
    assert.throws(() => createException({ auditHead: TEST_AUDIT_HEAD, contract: f.contract, changeSetDigest: f.changeSet.digest, waives: [{ policy: 'no-privileged', pattern: '*' }], expires: at(DAY), justification: 'x', requester: f.alice.signer }), /mandatory/);
    const atts = envs(approval(f.alice, f.changeSet, f.contract), approval(f.bob, f.changeSet, f.contract), ...exceptions(waivable));
    const result = verify(atts, { contract: f.contract });
    assert.equal(result.ok, false);
    assert.ok(codes(result).includes('mandatory-not-waivable'));
    assert.ok(result.reasons.some((r) => r.code === 'mandatory-not-waivable' && r.message.includes('Pod/nginx-privileged-disallowed')));
    assert.ok(result.exceptionsApplied.every((e) => e.waives.every((w) => w.policy !== 'no-privileged')));
  });

  // Issue 10: decisions are final. This test used to say "until that reviewer approves later"
  // (the latest decision by time won); now a later approval next to the rejection conflicts,
  // and only a withdrawal of the rejection lets the approval count.
  test('a rejection by a trusted reviewer blocks; a later approval conflicts; withdrawing the rejection lets it count', () => {
    const no = signRejection({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract: waivable, evaluation: evaluationRef(f.evaluation), reviewer: f.carol.signer, comment: 'public DB is not acceptable', time: at(-HOUR) });
    const result = verify(envs(approval(f.alice), approval(f.bob), no, ...exceptions()));
    assert.deepEqual(codes(result), ['rejected']);
    assert.match(result.reasons[0]!.message, /public DB is not acceptable/);
    const later = approval(f.carol, f.changeSet, waivable, at(-HOUR / 2));
    const flipped = verify(envs(approval(f.alice), approval(f.bob), no, later, ...exceptions()));
    assert.deepEqual(codes(flipped), ['conflicting-decisions']);
    const back = signWithdrawal({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, withdraws: no.digest, decision: 'reject', reason: 'the DB is private now', reviewer: f.carol.signer, time: at(-HOUR / 4) });
    assert.equal(verify(envs(approval(f.alice), approval(f.bob), no, later, back, ...exceptions())).ok, true);
  });
});

describe('verifyRelease: corrupted envelopes', () => {
  const good = (): DsseEnvelope => approval(f.bob).envelope;

  test('bad base64 in the payload: malformed-envelope', () => {
    const g = good();
    const env = { ...g, payload: `${g.payload.slice(0, 10)}!!${g.payload.slice(12)}` };
    const result = verify(envs(approval(f.alice), env, ...exceptions()));
    assert.deepEqual(codes(result), ['malformed-envelope', 'quorum-not-met']);
  });

  test('a flipped payload byte: bad-signature', () => {
    const env = good();
    const payload = Buffer.from(env.payload, 'base64');
    const i = payload.indexOf('reviewed');
    payload[i] = payload[i]! ^ 0x20;
    const result = verify(envs(approval(f.alice), { ...env, payload: payload.toString('base64') }, ...exceptions()));
    assert.deepEqual(codes(result), ['bad-signature', 'quorum-not-met']);
  });

  test('a flipped signature byte: bad-signature', () => {
    const env = good();
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    sig[5] = sig[5]! ^ 0xff;
    const tampered = { ...env, signatures: [{ keyid: env.signatures[0]!.keyid, sig: sig.toString('base64') }] };
    assert.deepEqual(codes(verify(envs(approval(f.alice), tampered, ...exceptions()))), ['bad-signature', 'quorum-not-met']);
  });

  test('a wrong payloadType: wrong-payload-type', () => {
    const result = verify(envs(approval(f.alice), { ...good(), payloadType: 'application/json' }, ...exceptions()));
    assert.deepEqual(codes(result), ['quorum-not-met', 'wrong-payload-type']);
  });

  test('garbage files and lines are reported, not thrown, and do not hide the good ones', () => {
    const out = join(f.dir, 'attestations-garbage');
    mkdirSync(out);
    writeFileSync(join(out, 'a.dsse.json'), envelopeFileText(approval(f.alice).envelope));
    writeFileSync(join(out, 'b.dsse.json'), '{"payload": "unterminated');
    writeFileSync(join(out, 'c.intoto.jsonl'), `${jsonLinesText([approval(f.bob).envelope])}not json\n${JSON.stringify({ payload: 'e30=', payloadType: 'application/vnd.in-toto+json', signatures: [] })}\n`);
    writeFileSync(join(out, 'd.intoto.jsonl'), jsonLinesText(exceptions()));
    const result = verify(readAttestations(out));
    assert.equal(result.ok, true, JSON.stringify(result.reasons));
    const notes = result.notes.filter((n) => n.code === 'malformed-envelope').map((n) => n.source);
    assert.deepEqual(notes, [join(out, 'b.dsse.json'), join(out, 'c.intoto.jsonl:2'), join(out, 'c.intoto.jsonl:3')]);
  });
});
