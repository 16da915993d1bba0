// Two valid exceptions that waive the same finding: verify applies the first it meets, and the
// second would waive it alone. The review must list both as in force, and say why the second
// is not the one applied, instead of "does not count" (which reads as broken or forged).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPublicKey, generateReviewerKey } from '../signing';
import type { DsseEnvelope } from '../signing';
import { addSignature } from '../signing/sign';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { createKey, importAttestations, importChangeSet, importContract, requestException, trustKey } from './index';
import { exceptionList, ReviewSession } from './review';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const WAIVER = { policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' };
const dir = mkdtempSync(join(tmpdir(), 'countersign-redundant-'));
const bob = generateReviewerKey();
let ws: Workspace;
let digest: string;
let alice: { id: string };

/** An exception Alice requests and Bob co-signs: the demo contract's quorum of two persons. */
async function signedException(justification: string, waives = [WAIVER]): Promise<string> {
  const request = await requestException(ws, {
    digest, waives, justification, expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir: join(dir, 'outbox'),
  });
  const envelope = JSON.parse(request.file.text) as DsseEnvelope;
  // Bob's co-signed copy comes back as a file, as from a co-reviewer.
  importAttestations(ws, [{ name: 'bob.dsse.json', text: JSON.stringify(addSignature(envelope, bob.privateKey)) }]);
  return String(ws.attestations.getExceptionByStatement(request.digest)!.id);
}

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
  trustKey(ws, { pem: exportPublicKey(bob.publicKey).pem, source: 'bob.pem', name: 'Bob' });
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a second valid exception for the same finding', () => {
  test('both are listed in force; the one verify did not apply says another already waives its findings', async () => {
    const first = await signedException('migration window');
    const second = await signedException('migration window, second request');
    const listed = exceptionList(new ReviewSession(ws), digest, '/outbox');
    const one = listed.find((x) => x.id === first)!;
    const two = listed.find((x) => x.id === second)!;
    assert.equal(one.persons, 2);
    assert.equal(two.persons, 2);
    const states = [one, two].map((x) => [x.valid, x.state]);
    assert.deepEqual(states, [[true, 'in-force'], [true, 'in-force']]);
    const details = [one.stateDetail, two.stateDetail].sort();
    assert.deepEqual(details, ['in force', 'in force (another exception also waives these)']);
  });

  test('a valid exception whose finding is not in the change set is in force with nothing left to waive', async () => {
    const id = await signedException('a resource this release does not hold', [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.other' }]);
    const listed = exceptionList(new ReviewSession(ws), digest, '/outbox').find((x) => x.id === id)!;
    assert.deepEqual([listed.valid, listed.state, listed.stateDetail, listed.covers], [true, 'in-force', 'in force (nothing left to waive)', []]);
  });

  test('an exception still short of its quorum stays awaiting signatures beside them', async () => {
    const request = await requestException(ws, {
      digest, waives: [WAIVER], justification: 'only Alice', expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir: join(dir, 'outbox'),
    });
    const id = String(ws.attestations.getExceptionByStatement(request.digest)!.id);
    const listed = exceptionList(new ReviewSession(ws), digest, '/outbox').find((x) => x.id === id)!;
    assert.equal(listed.valid, false);
    assert.equal(listed.state, 'awaiting-signatures');
  });
});
