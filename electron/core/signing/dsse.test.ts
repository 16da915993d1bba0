import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from 'node:crypto';
import { UsageError } from '../model/errors';
import { attestationFileName, readAttestations } from './attestation-files';
import { decodeBase64Strict } from '../hashing/base64';
import { checkSignatures, decodeEnvelope, IN_TOTO_PAYLOAD_TYPE } from './dsse';
import { generateReviewerKey } from './keys';
import { CONTRACT_REVISION_PREDICATE_V1, DECISION_PREDICATE, EXCEPTION_PREDICATE } from './predicates';
import { addSignature, createException, readExceptionRequest, signApproval, signContractRevision, signRejection } from './sign';
import { payloadDigest, STATEMENT_TYPE } from './statement';

const CS = `sha256:${'1'.repeat(64)}`;
const contract = {
  name: 'acme-production', vendor: 'acme', digest: `sha256:${'2'.repeat(64)}`,
  approvals: { quorum: 2, exceptionQuorum: 2, maxExceptionDays: 30 },
  policies: [{ id: 'rds-not-public', enforcement: 'deny' as const }, { id: 'no-privileged', enforcement: 'mandatory' as const }],
};
const evaluation = { digest: `sha256:${'3'.repeat(64)}`, verdict: 'blocked' as const, engineVersion: 'countersign-engine/1', at: '2026-03-02T10:00:00.000Z' };
const T = new Date('2026-03-02T09:00:00Z');
/** A workspace's audit head as v2 attestations record it. */
const TEST_AUDIT_HEAD = { seq: 3, hash: 'a'.repeat(64), genesis: 'b'.repeat(64) };

describe('DSSE envelopes with in-toto statements', () => {
  test('an approval is an in-toto Statement v1 over the change set, signed over the DSSE PAE', () => {
    const k = generateReviewerKey();
    const a = signApproval({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: CS, contract, evaluation, exceptions: [`sha256:${'4'.repeat(64)}`], reviewer: { privateKey: k.privateKey, name: 'Alice' }, comment: 'ok', time: T });
    assert.equal(a.envelope.payloadType, IN_TOTO_PAYLOAD_TYPE);
    assert.deepEqual(a.envelope.signatures.map((s) => s.keyid), [k.keyId]);
    const payload = Buffer.from(a.envelope.payload, 'base64');
    const statement = JSON.parse(payload.toString('utf8'));
    assert.equal(statement._type, STATEMENT_TYPE);
    assert.deepEqual(statement.subject, [{ name: 'changeset', digest: { sha256: '1'.repeat(64) } }]);
    assert.equal(statement.predicateType, DECISION_PREDICATE);
    assert.deepEqual(statement.predicate, {
      decision: 'approve', contract: { name: 'acme-production', digest: contract.digest }, evaluation,
      exceptions: [`sha256:${'4'.repeat(64)}`], reviewer: { keyId: k.keyId, name: 'Alice' }, time: T.toISOString(), comment: 'ok', auditHead: TEST_AUDIT_HEAD,
    });
    // The signature is over the PAE the DSSE spec defines, written out by hand here as an independent check.
    const pae = Buffer.concat([Buffer.from(`DSSEv1 ${IN_TOTO_PAYLOAD_TYPE.length} ${IN_TOTO_PAYLOAD_TYPE} ${payload.length} `), payload]);
    assert.ok(verify(null, pae, k.publicKey, Buffer.from(a.envelope.signatures[0]!.sig, 'base64')));
    assert.equal(a.digest, payloadDigest(payload));
    assert.equal(a.fileName, `approval-${a.digest.slice(7, 19)}.dsse.json`);
  });

  test('rejections need a comment; contract revisions have the contract as subject', () => {
    const k = generateReviewerKey();
    const signer = { privateKey: k.privateKey, name: 'Alice' };
    assert.throws(() => signRejection({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: CS, contract, evaluation, reviewer: signer, comment: ' ' }), UsageError);
    const r = signRejection({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: CS, contract, evaluation, reviewer: signer, comment: 'no' });
    assert.match(r.fileName, /^rejection-[0-9a-f]{12}\.dsse\.json$/);
    const rev = signContractRevision({ contract, revision: 7, signer, time: T });
    assert.deepEqual(rev.statement.subject, [{ name: 'contract', digest: { sha256: '2'.repeat(64) } }]);
    assert.equal(rev.statement.predicateType, CONTRACT_REVISION_PREDICATE_V1);
    assert.deepEqual(rev.statement.predicate, { name: 'acme-production', vendor: 'acme', revision: 7, time: T.toISOString() });
    assert.throws(() => signApproval({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: 'abc', contract, evaluation, reviewer: signer }), /not a sha256 digest/);
  });

  test('an exception collects signatures in one envelope; its digest and file name do not change', () => {
    const alice = generateReviewerKey(), bob = generateReviewerKey();
    const ex = createException({ auditHead: TEST_AUDIT_HEAD, contract, changeSetDigest: null, waives: [{ policy: 'rds-not-public', pattern: 'aws_db_instance.*' }], expires: new Date('2026-03-20T00:00:00Z'), justification: 'migration', requester: { privateKey: alice.privateKey, name: 'Alice' }, time: T });
    assert.equal(ex.statement.predicateType, EXCEPTION_PREDICATE);
    assert.deepEqual(ex.statement.subject, [{ name: 'contract', digest: { sha256: '2'.repeat(64) } }]);
    const signed = addSignature(ex.envelope, bob.privateKey);
    assert.equal(signed.payload, ex.envelope.payload);
    assert.deepEqual(signed.signatures.map((s) => s.keyid), [alice.keyId, bob.keyId]);
    const read = readExceptionRequest(signed);
    assert.equal(read.digest, ex.digest);
    assert.equal(attestationFileName('exception', read.digest), ex.fileName);
    assert.equal(read.predicate.requester.name, 'Alice');
    const trusted = new Map([[alice.keyId, alice.publicKey], [bob.keyId, bob.publicKey]]);
    assert.deepEqual(checkSignatures(decodeEnvelope(signed), trusted).verifiedKeyIds, [alice.keyId, bob.keyId].sort());
    assert.throws(() => addSignature(signed, bob.privateKey), /already signed/);
    assert.throws(() => addSignature({ ...signed, payloadType: 'text/plain' }, bob.privateKey), /payloadType/);
  });

  test('createException enforces the contract: known, waivable policy, justification, expiry within maxExceptionDays', () => {
    const k = generateReviewerKey();
    const base = { auditHead: TEST_AUDIT_HEAD, contract, changeSetDigest: CS, waives: [{ policy: 'rds-not-public', address: 'aws_db_instance.default' }], expires: new Date('2026-03-20T00:00:00Z'), justification: 'j', requester: { privateKey: k.privateKey, name: 'A' }, time: T };
    assert.throws(() => createException({ ...base, waives: [{ policy: 'nope', address: 'x' }] }), /not in contract/);
    assert.throws(() => createException({ ...base, waives: [{ policy: 'no-privileged', address: 'x' }] }), /mandatory/);
    assert.throws(() => createException({ ...base, justification: '  ' }), /justification/);
    assert.throws(() => createException({ ...base, expires: new Date('2026-03-01T00:00:00Z') }), /must expire after/);
    assert.throws(() => createException({ ...base, expires: new Date(T.getTime() + 30 * 86_400_000 + 1) }), /more than 30 days/);
    assert.equal(createException({ ...base, expires: new Date(T.getTime() + 30 * 86_400_000) }).statement.subject[0]!.name, 'changeset');
  });

  test('signature checks: unknown keyids ignored, a key twice counts once, a bad signature is reported', () => {
    const alice = generateReviewerKey(), mallory = generateReviewerKey();
    const a = signApproval({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: CS, contract, evaluation, reviewer: { privateKey: alice.privateKey, name: 'A' }, time: T }).envelope;
    const byMallory = addSignature(a, mallory.privateKey);
    const trusted = new Map([[alice.keyId, alice.publicKey]]);
    const dup = { ...byMallory, signatures: [...byMallory.signatures, a.signatures[0]!] };
    assert.deepEqual(checkSignatures(decodeEnvelope(dup), trusted), { verifiedKeyIds: [alice.keyId], badSignatureKeyIds: [], malformedSignatures: [], unknownKeyIds: [mallory.keyId] });
    // Mallory's signature presented under Alice's keyid does not verify with Alice's key.
    const forged = { ...a, signatures: [{ keyid: alice.keyId, sig: byMallory.signatures[1]!.sig }] };
    assert.deepEqual(checkSignatures(decodeEnvelope(forged), trusted).badSignatureKeyIds, [alice.keyId]);
  });

  test('malformed envelopes are refused with the reason', () => {
    const k = generateReviewerKey();
    const a = signApproval({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: CS, contract, evaluation, reviewer: { privateKey: k.privateKey, name: 'A' }, time: T }).envelope;
    assert.throws(() => decodeEnvelope([]), /not a JSON object/);
    assert.throws(() => decodeEnvelope({ ...a, payload: 42 }), /payload is missing/);
    assert.throws(() => decodeEnvelope({ ...a, signatures: [] }), /no signatures/);
    assert.throws(() => decodeEnvelope({ ...a, payload: 'a*b=' }), /not valid base64/);
    assert.throws(() => decodeEnvelope({ ...a, signatures: [{ keyid: 'x' }] }), /no sig string/);
    assert.deepEqual(decodeEnvelope({ ...a, signatures: [{ keyid: k.keyId, sig: '%%%' }] }).malformedSignatures, [k.keyId]);
  });

  test('strict base64: standard or URL-safe, padded or not; junk and non-canonical spellings refused', () => {
    assert.equal(decodeBase64Strict('aGVsbG8=')?.toString(), 'hello');
    assert.equal(decodeBase64Strict('aGVsbG8')?.toString(), 'hello');
    assert.equal(decodeBase64Strict('-_8')?.toString('hex'), 'fbff');
    assert.equal(decodeBase64Strict('+/8=')?.toString('hex'), 'fbff');
    for (const bad of ['aGVs bG8=', 'aGVsbG8==', 'a', '+_8=', 'aGVsbG9=', 'aGVsbG8=x']) assert.equal(decodeBase64Strict(bad), null, bad);
  });
});

describe('attestation files', () => {
  test('a folder yields its .dsse.json files and each line of its .intoto.jsonl files; other files are skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-att-'));
    try {
      writeFileSync(join(dir, 'approval-aaa.dsse.json'), '{"payload":"","payloadType":"x","signatures":[]}\n');
      writeFileSync(join(dir, 'batch.intoto.jsonl'), '{"n":1}\r\n\n{"n":2}\n');
      writeFileSync(join(dir, 'notes.json'), '{}');
      const got = readAttestations(dir);
      assert.deepEqual(got.map((g) => g.source), [join(dir, 'approval-aaa.dsse.json'), join(dir, 'batch.intoto.jsonl:1'), join(dir, 'batch.intoto.jsonl:3')]);
      // A file named directly is read whatever its name.
      assert.equal(readAttestations(join(dir, 'notes.json')).length, 1);
      assert.throws(() => readAttestations(join(dir, 'missing')), /no such file or folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
