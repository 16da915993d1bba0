// Hole 7 of issue 7: `exception sign` (and the app's listing) must never count a signature it
// did not verify. A forged, unknown or duplicated co-signature is refused with the reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPublicKey, generateReviewerKey } from '../signing';
import type { DsseEnvelope } from '../signing';
import { addSignature } from '../signing/sign';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../testing/legacy-keys';
import { createKey, importChangeSet, importContract, requestException, signException, trustKey } from './index';
import type { ExceptionResult } from './index';
import { exceptionList, ReviewSession } from './review';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-cosign-'));
let ws: Workspace;
let digest: string;
let alice: { id: string };
let carol: { id: string };
/** A co-reviewer in another workspace, trusted here. */
const bob = generateReviewerKey();
let request: ExceptionResult;

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
  carol = await addLegacyReviewerKey(ws, { name: 'Carol', passphrase: PASS });
  trustKey(ws, { pem: exportPublicKey(bob.publicKey).pem, source: 'bob.pem', name: 'Bob' });
  request = await requestException(ws, {
    digest, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }],
    justification: 'migration window', expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir: join(dir, 'outbox'),
  });
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const envelope = (): DsseEnvelope => JSON.parse(request.file.text) as DsseEnvelope;
const withSignature = (keyid: string, sig: string): string => JSON.stringify({ ...envelope(), signatures: [...envelope().signatures, { keyid, sig }] });
const signAs = (keyId: string, envelopeText: string) => signException(ws, { envelopeText, source: 'exception.dsse.json', keyId, passphrase: PASS, outboxDir: join(dir, 'outbox') });
const storedSignatures = (): number => ws.attestations.getExceptionByStatement(request.digest)!.signatures.length;

describe('exception sign verifies every signature a file carries before adding one', () => {
  test('a forged co-signature naming a trusted key is refused, and nothing is stored', async () => {
    const before = storedSignatures();
    await assert.rejects(signAs(carol.id, withSignature(bob.keyId, randomBytes(64).toString('base64'))),
      /refused, not signed: the signature by Bob \(sha256:[0-9a-f]{64}\) does not verify: it is forged/);
    assert.equal(storedSignatures(), before);
  });

  test('a real signature by a key this workspace does not trust is refused with how to fix it', async () => {
    const mallory = generateReviewerKey();
    await assert.rejects(signAs(carol.id, JSON.stringify(addSignature(envelope(), mallory.privateKey))), /a key this workspace does not trust: trust that reviewer's public key first/);
  });

  test('the same key twice, a signature that is not base64, or a missing requester signature is refused', async () => {
    const first = envelope().signatures[0]!;
    await assert.rejects(signAs(carol.id, withSignature(first.keyid, first.sig)), /signs it more than once/);
    await assert.rejects(signAs(carol.id, withSignature(bob.keyId, '***')), /not valid base64/);
    const bobOnly = addSignature(envelope(), bob.privateKey);
    await assert.rejects(signAs(carol.id, JSON.stringify({ ...bobOnly, signatures: bobOnly.signatures.slice(1) })), /whose signature it does not carry/);
  });

  test('genuine signatures are counted: Alice + Bob + Carol is 3 verified signatures', async () => {
    const r = await signAs(carol.id, JSON.stringify(addSignature(envelope(), bob.privateKey)));
    assert.deepEqual(r.signers, [alice.id, bob.keyId, carol.id].sort());
    assert.deepEqual(r.covers, [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }]);
  });

  test('the app lists only verified signatures: a forged row already in an old workspace is not counted', () => {
    const other = generateReviewerKey();
    trustKey(ws, { pem: exportPublicKey(other.publicKey).pem, source: 'dave.pem', name: 'Dave' });
    const e = ws.attestations.getExceptionByStatement(request.digest)!;
    ws.attestations.addExceptionSignature(e.id, other.keyId, withSignature(other.keyId, randomBytes(64).toString('base64')));
    const listed = exceptionList(new ReviewSession(ws), digest, '/outbox').find((x) => x.id === String(e.id))!;
    assert.ok(!listed.signatures.some((s) => s.keyId === other.keyId), 'the forged signature is not shown as a signer');
    assert.equal(listed.signatures.length, 3);
  });
});
