// The application services over a real workspace file: what the CLI and the desktop API call.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../testing/corpus';
import { InputError } from '../model/errors';
import {
  approveChangeSet, createKey, exportContract, exportKey, importChangeSet, importContract, initWorkspaceAt, listContractRevisions,
  listKeys, openWorkspaceAt, rejectChangeSet, requestException, revokeKey, showChangeSet, signException, trustKey, workspacePathFrom,
} from './index';

const PEERING = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const BLOCKED = join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-app-'));
const outboxDir = join(dir, 'outbox');
after(() => rmSync(dir, { recursive: true, force: true }));

function fresh(name: string) {
  initWorkspaceAt(join(dir, name));
  return openWorkspaceAt(join(dir, name));
}

describe('application services', () => {
  test('workspace location: --workspace, else the variable, else a usage error', () => {
    assert.equal(workspacePathFrom(join(dir, 'a.db'), {}), join(dir, 'a.db'));
    assert.equal(workspacePathFrom(undefined, { COUNTERSIGN_WORKSPACE: join(dir, 'b.db') }), join(dir, 'b.db'));
    assert.throws(() => workspacePathFrom(undefined, {}), /no workspace: pass --workspace PATH or set COUNTERSIGN_WORKSPACE/);
    assert.throws(() => openWorkspaceAt(join(dir, 'missing.db')), (e: unknown) => e instanceof InputError && /workspace init/.test(e.message));
  });

  test('a workspace without a contract evaluates under the baseline default and saves it as revision 1', async () => {
    const ws = fresh('default.db');
    try {
      assert.match(exportContract(ws).content, /apiVersion: countersign\.dev\/v2\n[\s\S]*extends: \[\{pack: baseline, version: \d+, digest: "sha256:[0-9a-f]{64}"\}\]/, 'the default pins the baseline version');
      const r = await importChangeSet(ws, [BLOCKED]);
      assert.equal(r.created, true);
      assert.equal(r.evaluation.verdict, 'blocked');
      const revisions = listContractRevisions(ws);
      assert.deepEqual(revisions.map((x) => [x.contract, x.revision, x.current]), [['default', 1, true]]);
      assert.equal(r.evaluation.contractDigest, revisions[0]!.digest);

      // A new contract revision: re-import adds its evaluation, the change set stays as stored.
      const file = join(dir, 'strict.yaml');
      writeFileSync(file, 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: default}\nspec:\n  extends: [baseline]\n  overrides: {k8s-resource-limits: {enforcement: advisory}}\n');
      const saved = importContract(ws, file, 'tester');
      assert.equal(saved.created, true);
      assert.equal(saved.revision.revision, 2);
      assert.equal(importContract(ws, file, 'tester').created, false, 'the same content is not a new revision');
      const again = await importChangeSet(ws, [BLOCKED]);
      assert.equal(again.created, false);
      assert.equal(again.evaluated, true);
      assert.equal(again.evaluation.contractDigest, saved.revision.digest);
      assert.equal(showChangeSet(ws, r.digest.slice(7, 13)).evaluationIsCurrent, true);
      assert.match(exportContract(ws, 1).content, /extends: \[\{pack: baseline, version: \d+, /);
      assert.throws(() => exportContract(ws, 9), /has no revision 9 \(it has 1\.\.2\)/);
    } finally {
      ws.close();
    }
  });

  test('a rejection needs a comment, moves the change set to rejected and is audited', async () => {
    const ws = fresh('reject.db');
    try {
      const key = await createKey(ws, { name: 'alice', passphrase: PASS });
      const { digest } = await importChangeSet(ws, [PEERING]);
      await assert.rejects(rejectChangeSet(ws, { digest, keyId: key.id, passphrase: PASS, comment: ' ', outboxDir }), /needs a comment/);
      const r = await rejectChangeSet(ws, { digest, keyId: key.id.slice(0, 14), passphrase: PASS, comment: 'peering to an unknown VPC', outboxDir });
      assert.equal(r.state, 'rejected');
      assert.match(r.file.name, /^rejection-[0-9a-f]{12}\.dsse\.json$/);
      const actions = ws.audit.page(0, 100).map((e) => e.action);
      assert.deepEqual(actions.slice(-2), ['approval.reject', 'changeset.state']);
    } finally {
      ws.close();
    }
  });

  test('revoked keys: an own revoked key cannot sign; a trusted key cannot be trusted again once revoked', async () => {
    const ws = fresh('revoke.db');
    const other = fresh('other.db');
    try {
      const alice = await createKey(ws, { name: 'alice', passphrase: PASS });
      const bob = await createKey(other, { name: 'bob', passphrase: PASS });
      const pem = exportKey(other, bob.id).pem;
      assert.equal(trustKey(ws, { pem, source: 'bob.pem', name: 'bob' }).created, true);
      assert.equal(trustKey(ws, { pem, source: 'bob.pem' }).created, false);
      assert.throws(() => trustKey(ws, { pem: exportKey(ws, alice.id).pem, source: 'alice.pem' }), /own key/);
      assert.deepEqual(listKeys(ws).trusted.map((k) => k.name), ['bob']);
      const { digest } = await importChangeSet(ws, [PEERING]);
      // Only the key's owner can sign with it.
      await assert.rejects(approveChangeSet(ws, { digest, keyId: bob.id, passphrase: PASS, outboxDir }), /only its owner can sign/);
      revokeKey(ws, bob.id.slice(7, 15));
      assert.throws(() => trustKey(ws, { pem, source: 'bob.pem' }), /cannot be trusted again/);
      revokeKey(ws, alice.id);
      await assert.rejects(approveChangeSet(ws, { digest, keyId: alice.id, passphrase: PASS, outboxDir }), /revoked .* can no longer sign/);
      await assert.rejects(createKey(ws, { name: 'carol', passphrase: 'short' }), /at least 12 characters/);
    } finally {
      ws.close();
      other.close();
    }
  });

  test('co-signing an exception from another workspace: needs the change set there, then pools both signatures', async () => {
    const a = fresh('a.db');
    const b = fresh('b.db');
    try {
      const alice = await createKey(a, { name: 'alice', passphrase: PASS });
      const bob = await createKey(b, { name: 'bob', passphrase: PASS });
      const { digest } = await importChangeSet(a, [BLOCKED]);
      const req = await requestException(a, {
        digest, waives: [{ policy: 'k8s-resource-limits', pattern: 'Deployment/acme-analytics/*' }], justification: 'limits come in 2.14.1',
        expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir,
      });
      assert.deepEqual(req.signers, [alice.id]);
      await assert.rejects(requestException(a, {
        digest, waives: [{ policy: 'k8s-resource-limits', pattern: '*' }], justification: 'too long', expires: new Date(Date.now() + 90 * 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir,
      }), /more than 30 days/);
      const input = { envelopeText: req.file.text, source: req.file.name, keyId: bob.id, passphrase: PASS, outboxDir: join(dir, 'outbox-b') };
      // Alice's signature cannot be checked in b until b trusts her key: refused, not counted.
      await assert.rejects(signException(b, input), /a key this workspace does not trust/);
      trustKey(b, { pem: exportKey(a, alice.id).pem, source: 'alice.pem', name: 'alice' });
      await assert.rejects(signException(b, input), /not in this workspace: import and review it first/);
      await importChangeSet(b, [BLOCKED]);
      await assert.rejects(signException(b, { ...input, passphrase: 'wrong passphrase!' }), /wrong passphrase/);
      const signed = await signException(b, input);
      assert.equal(signed.digest, req.digest);
      assert.equal(signed.file.name, req.file.name);
      assert.deepEqual([...signed.signers].sort(), [alice.id, bob.id].sort());
      await assert.rejects(signException(b, { envelopeText: signed.file.text, source: 'x', keyId: bob.id, passphrase: PASS, outboxDir }), /already signed/);
      assert.deepEqual(showChangeSet(b, digest).exceptions.map((e) => e.signers.length), [2]);
    } finally {
      a.close();
      b.close();
    }
  });
});
