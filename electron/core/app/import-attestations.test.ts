// Signed files back from co-reviewers (issue 10): decisions by roster approvers, withdrawals
// and contract publications are verified and stored; anything forged, foreign or unknown is
// refused with the reason, and one bad file among several stores nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelopeFileText, generateReviewerKey, IN_TOTO_PAYLOAD_TYPE, STATEMENT_TYPE } from '../signing';
import { createEnvelope } from '../signing/dsse';
import { WITHDRAWAL_PREDICATE } from '../signing/predicates';
import { statementBytes, subjectFor } from '../signing/statement';
import { currentAuditHead, initWorkspace } from '../store';
import type { Workspace } from '../store';
import { COSIGN_PASS, twoWorkspaces } from '../testing/cosign-fixtures';
import type { TwoWorkspaces } from '../testing/cosign-fixtures';
import { importAttestations } from './import-attestations';
import { importContract, publishContract, rejectChangeSet } from './index';
import { unlockKey } from './key-service';
import { buildSigningRequest, receiveSigningRequest } from './signing-request';
import { inbox } from './review';

const dir = mkdtempSync(join(tmpdir(), 'countersign-attestations-'));
let w: TwoWorkspaces;
let rejection: { name: string; text: string };

before(async () => {
  w = await twoWorkspaces(dir);
  const built = buildSigningRequest(w.a, { digest: w.digest });
  receiveSigningRequest(w.b, { text: built.text, source: built.fileName });
  const r = await rejectChangeSet(w.b, { digest: w.digest, keyId: w.bob.id, passphrase: COSIGN_PASS, comment: 'the database replacement needs a window', outboxDir: w.outboxB });
  rejection = { name: r.file.name, text: r.file.text };
});
after(() => {
  w.a.close();
  w.b.close();
  rmSync(dir, { recursive: true, force: true });
});

const seq = (ws: Workspace): number => currentAuditHead(ws)?.seq ?? 0;
function refused(ws: Workspace, files: readonly { name: string; text: string }[], message: RegExp): void {
  const before = seq(ws);
  assert.throws(() => importAttestations(ws, files), (err: Error) => {
    assert.match(err.message, message);
    return true;
  });
  assert.equal(seq(ws), before, 'nothing stored');
}

function withdrawal(key: ReturnType<typeof generateReviewerKey>['privateKey'], keyId: string, withdraws: string): { name: string; text: string } {
  const statement = {
    _type: STATEMENT_TYPE, subject: [subjectFor('changeset', w.digest)], predicateType: WITHDRAWAL_PREDICATE,
    predicate: { withdraws, decision: 'reject', reason: 'window agreed', reviewer: { keyId, name: 'Bob' }, time: new Date().toISOString(), auditHead: currentAuditHead(w.b)! },
  };
  return { name: 'withdrawal.dsse.json', text: envelopeFileText(createEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement as never), key)) };
}

describe('importAttestations refuses, storing nothing', () => {
  test('a decision by a key the roster does not list', () => {
    const forged = JSON.parse(rejection.text) as { signatures: { keyid: string; sig: string }[] };
    const stranger = generateReviewerKey();
    forged.signatures = [{ keyid: stranger.keyId, sig: forged.signatures[0]!.sig }];
    refused(w.a, [{ name: 'x.dsse.json', text: JSON.stringify(forged) }], /x\.dsse\.json: refused, not signed: it carries a signature by sha256:[0-9a-f]+, a key this workspace does not trust/);
  });
  test('a forged decision signature', () => {
    const forged = JSON.parse(rejection.text) as { signatures: { sig: string }[] };
    forged.signatures[0]!.sig = Buffer.alloc(64, 1).toString('base64');
    refused(w.a, [{ name: 'x.dsse.json', text: JSON.stringify(forged) }], /the signature by Bob .* does not verify/);
  });
  test('one good file beside a bad one', () => {
    refused(w.a, [rejection, { name: 'bad.dsse.json', text: '{"payloadType": 1, "signatures": []}' }], /bad\.dsse\.json: malformed DSSE envelope/);
  });
  test('a signing request given as an attestation', () => {
    refused(w.a, [{ name: 'r.json', text: buildSigningRequest(w.a, { digest: w.digest }).text }], /is a signing request, not a signed attestation/);
  });
  test('bad JSON: its line', () => refused(w.a, [{ name: 'x.json', text: '{\n"payloadType":\n}' }], /^x\.json:3:\d+: malformed JSON/));
  test('a statement of another kind', async () => {
    const key = (await unlockKey(w.b, w.bob.id, COSIGN_PASS)).privateKey;
    const statement = { _type: STATEMENT_TYPE, subject: [subjectFor('changeset', w.digest)], predicateType: 'https://example.com/other/v1', predicate: {} };
    refused(w.a, [{ name: 'o.json', text: envelopeFileText(createEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement as never), key)) }], /of type https:\/\/example\.com\/other\/v1, which Countersign does not import/);
  });
  test('a withdrawal signed by a stranger', () => {
    const stranger = generateReviewerKey();
    refused(w.a, [withdrawal(stranger.privateKey, stranger.keyId, `sha256:${'1'.repeat(64)}`)], /refused, not signed/);
  });
});

describe('importAttestations stores', () => {
  test("Bob's rejection: recorded under the roster, the change set becomes rejected; the same file again adds nothing", () => {
    const r = importAttestations(w.a, [rejection]);
    assert.equal(r.statements[0]!.kind, 'reject');
    assert.equal(r.statements[0]!.added, 1);
    assert.match(r.statements[0]!.summary, /^1 signature recorded: rejection by Bob, now 0 of 2 approvals$/);
    assert.equal(w.a.changeSets.getChangeSet(w.digest)!.state, 'rejected');
    assert.equal(importAttestations(w.a, [rejection]).statements[0]!.added, 0);
  });

  test("Bob's withdrawal: stored in withdrawals", async () => {
    const key = (await unlockKey(w.b, w.bob.id, COSIGN_PASS)).privateKey;
    const withdrawn = w.a.attestations.listApprovals(w.digest).find((a) => a.kind === 'reject')!;
    const payload = JSON.parse(withdrawn.envelope) as { payload: string };
    const digest = `sha256:${createHash('sha256').update(Buffer.from(payload.payload, 'base64')).digest('hex')}`;
    const r = importAttestations(w.a, [withdrawal(key, w.bob.id, digest)]);
    assert.equal(r.statements[0]!.kind, 'withdrawal');
    const rows = w.a.db.prepare<[], { withdraws: string; key_id: string }>('SELECT withdraws, key_id FROM withdrawals').all();
    assert.deepEqual(rows, [{ withdraws: digest, key_id: w.bob.id }]);
    // The rejection no longer stands: the change set is pending again, in the inbox too (no stale "rejected").
    assert.equal(w.a.changeSets.getChangeSet(w.digest)!.state, 'pending');
    assert.equal(inbox(w.a).groups.flatMap((g) => g.items).find((i) => i.digest === w.digest)!.state, 'pending');
  });

  test("a withdrawal of Bob's rejection signed by Alice (another person) is refused, storing nothing", async () => {
    const key = (await unlockKey(w.a, w.alice.id, COSIGN_PASS)).privateKey;
    const rejected = w.a.attestations.listApprovals(w.digest).find((a) => a.kind === 'reject')!;
    const payload = JSON.parse(rejected.envelope) as { payload: string };
    const digest = `sha256:${createHash('sha256').update(Buffer.from(payload.payload, 'base64')).digest('hex')}`;
    refused(w.a, [withdrawal(key, w.alice.id, digest)], /withdraws a decision by Bob .*another person/);
  });

  test("Alice's publication of a revision Bob saved: recorded on Bob's revision (a stranger's is refused)", async () => {
    writeFileSync(join(dir, 'r4.yaml'), w.contractText('# revision 4\n'));
    importContract(w.a, join(dir, 'r4.yaml'), 'test');
    const published = await publishContract(w.a, { contract: 'acme-prod-eu', revision: 4, signers: [{ keyId: w.alice.id, passphrase: COSIGN_PASS }], notAfter: new Date(Date.now() + 86_400_000) });
    const file = published.files.find((f) => f.name.endsWith('.publication.json'))!;
    // Bob's revision 1 has the same digest (a comment differs) and is published already (the request's publication).
    refused(w.b, [file], /refused: revision 1 of contract acme-prod-eu is already published/);
    importContract(w.b, join(dir, 'r4.yaml'), 'test');
    const r = importAttestations(w.b, [file]);
    assert.equal(r.statements[0]!.kind, 'publication');
    assert.equal(w.b.contracts.latestRevision('acme-prod-eu')!.publishedEnvelope, JSON.stringify(JSON.parse(file.text)));
    const other = initWorkspace(join(dir, 'other.db'));
    try {
      importContract(other, join(dir, 'r4.yaml'), 'test');
      refused(other, [file], /refused: .*signed only by untrusted key/);
    } finally {
      other.close();
    }
  });
});
