// Hole 12 of issue 7: deleting the newest audit rows went undetected (the chain has no later
// entry to notice). Signed attestations now record the audit head; `audit verify
// --attestations` fails when a recorded head is no longer in the chain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPublicKey, generateReviewerKey } from '../signing';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE } from '../signing/dsse';
import { createException } from '../signing/sign';
import { currentAuditHead, initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { createKey, importChangeSet, importContract, requestException, trustKey, verifyAudit, verifyAuditHeads, writeAttestationFile } from './index';
import { unlockKey } from './key-service';
import { attestationFile } from './workspace-judgement';
import { contractFor } from './current-contract';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-heads-'));
const outbox = join(dir, 'outbox');
let ws: Workspace;
let digest: string;
let alice: { id: string };

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exceptionFor(address: string): Promise<number> {
  const r = await requestException(ws, {
    digest, waives: [{ policy: 'db-no-replace', address }], justification: 'window', expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir: outbox, layout: 'flat',
  });
  const payload = JSON.parse(Buffer.from((JSON.parse(r.file.text) as { payload: string }).payload, 'base64').toString('utf8')) as { predicate: { auditHead: { seq: number } } };
  return payload.predicate.auditHead.seq;
}

describe('audit verify --attestations: recorded heads must still be in the chain', () => {
  test('an intact log holds every head its attestations recorded', async () => {
    const head = await exceptionFor('module.database.aws_db_instance.main');
    assert.equal(head, currentAuditHead(ws).seq - 1, 'the head before the exception was recorded');
    await exceptionFor('module.database.aws_db_instance.replica');
    const r = verifyAuditHeads(ws, outbox);
    assert.deepEqual([r.matched, r.problems.length, r.foreign.length], [2, 0, 0]);
  });

  test('the newest rows deleted: the chain alone still verifies, the recorded head does not', async () => {
    const head = await exceptionFor('module.database.aws_db_instance.other');
    // A thief with the database file removes the tail (the triggers are no obstacle to them).
    ws.db.exec('DROP TRIGGER audit_log_append_only; DROP TRIGGER audit_log_no_delete;');
    ws.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(head);
    assert.equal(verifyAudit(ws).ok, true, 'the hash chain cannot see a deleted tail');
    const r = verifyAuditHeads(ws, outbox);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.problem, 'tail-deleted');
    assert.match(r.problems[0]!.detail, new RegExp(`recorded audit entry ${head}, but the log ends at entry ${head - 1}`));
  });

  test("another workspace's head is reported as foreign, unless one of this workspace's keys signed it (then the log was replaced)", async () => {
    const contract = contractFor(ws, ws.changeSets.getChangeSet(digest)!.metadata).contract;
    const foreignHead = { seq: 3, hash: 'e'.repeat(64), genesis: 'f'.repeat(64) };
    const stranger = generateReviewerKey();
    const theirs = createException({ contract, changeSetDigest: digest, waives: [{ policy: 'db-no-replace', address: 'x' }], expires: new Date(Date.now() + 86_400_000), justification: 'j', requester: { privateKey: stranger.privateKey, name: 'S' }, auditHead: foreignHead });
    const folder = join(dir, 'foreign');
    writeAttestationFile(folder, attestationFile(theirs.fileName, theirs.envelope));
    // Not signed by a key this workspace holds or trusts: skipped, never an alarm.
    assert.deepEqual([verifyAuditHeads(ws, folder).unverified, verifyAuditHeads(ws, folder).problems.length], [1, 0]);
    // A trusted co-reviewer's exception carries their workspace's head: foreign, not checkable here.
    trustKey(ws, { pem: exportPublicKey(stranger.publicKey).pem, source: 's.pem', name: 'S' });
    assert.deepEqual(verifyAuditHeads(ws, folder).foreign, [join(folder, theirs.fileName)]);
    // Signed with this workspace's own key over another chain: this log was replaced.
    const { privateKey } = await unlockKey(ws, alice.id, PASS);
    const ours = createException({ contract, changeSetDigest: digest, waives: [{ policy: 'db-no-replace', address: 'y' }], expires: new Date(Date.now() + 86_400_000), justification: 'j', requester: { privateKey, name: 'Alice' }, auditHead: foreignHead });
    writeAttestationFile(folder, attestationFile(ours.fileName, ours.envelope));
    assert.deepEqual(verifyAuditHeads(ws, folder).problems.map((p) => p.problem), ['chain-replaced']);
  });

  test('a head claimed for one of our keys counts only if that key signed it: a co-reviewer cannot raise a false alarm', async () => {
    const contract = contractFor(ws, ws.changeSets.getChangeSet(digest)!.metadata).contract;
    const mallory = generateReviewerKey();
    trustKey(ws, { pem: exportPublicKey(mallory.publicKey).pem, source: 'm.pem', name: 'Mallory (co-reviewer)' });
    // Signed ONLY by Mallory, but naming Alice (this workspace's key) as requester, over another chain.
    const forged = createException({ contract, changeSetDigest: digest, waives: [{ policy: 'db-no-replace', address: 'z' }], expires: new Date(Date.now() + 86_400_000), justification: 'j', requester: { privateKey: mallory.privateKey, name: 'Alice' }, auditHead: { seq: 1, hash: 'e'.repeat(64), genesis: 'f'.repeat(64) } });
    const statement = JSON.parse(Buffer.from(forged.envelope.payload, 'base64').toString('utf8')) as { predicate: { requester: { keyId: string } } };
    statement.predicate.requester.keyId = alice.id;
    const envelope = createEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement)), mallory.privateKey);
    const folder = join(dir, 'forged-author');
    writeAttestationFile(folder, attestationFile('forged.dsse.json', envelope));
    const r = verifyAuditHeads(ws, folder);
    assert.deepEqual(r.problems, [], 'no chain-replaced alarm from a file our key never signed');
    assert.equal(r.withoutHead, 1);
  });
});
