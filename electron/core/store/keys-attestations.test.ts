import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../model/errors';
import { syntheticChangeSet, tempWorkspace } from '../testing/store-fixtures';
import type { TempWorkspace } from '../testing/store-fixtures';
import { verifyAuditChain } from './verify-audit-chain';

const KEY = 'sha256:' + '1'.repeat(64);
const CO_KEY = 'sha256:' + '2'.repeat(64);
const CONTRACT = 'sha256:' + 'c'.repeat(64);
const EVALUATION = 'sha256:' + 'e'.repeat(64);
const envelope = (sig: string): string => JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: 'e30=', signatures: [{ keyid: sig, sig: 'AA==' }] });

function withChangeSet(): { t: TempWorkspace; digest: string } {
  const t = tempWorkspace();
  const { source, changeSet } = syntheticChangeSet(1);
  t.ws.changeSets.importChangeSet(source, changeSet);
  return { t, digest: changeSet.digest };
}

describe('keys', () => {
  test('a reviewer key keeps only the encrypted private key, and is revoked once', () => {
    const t = tempWorkspace();
    try {
      const cipher = new Uint8Array([1, 2, 3, 250]);
      const key = t.ws.keys.createReviewerKey({ id: KEY, name: 'alice', publicKeyPem: 'PUBLIC', encryptedPrivateKey: cipher, kdf: { name: 'scrypt', N: 32768 } });
      assert.deepEqual(key, { id: KEY, name: 'alice', publicKeyPem: 'PUBLIC', createdAt: key.createdAt, revokedAt: null });
      assert.equal('encryptedPrivateKey' in t.ws.keys.listReviewerKeys()[0]!, false);
      assert.deepEqual(t.ws.keys.getReviewerKeySecret(KEY), { id: KEY, encryptedPrivateKey: cipher, kdf: { name: 'scrypt', N: 32768 } });
      assert.throws(() => t.ws.keys.createReviewerKey({ id: KEY, name: 'again', publicKeyPem: 'P', encryptedPrivateKey: cipher, kdf: {} }), /already exists/);
      const revoked = t.ws.keys.revokeReviewerKey(KEY);
      assert.notEqual(revoked.revokedAt, null);
      assert.equal(t.ws.keys.revokeReviewerKey(KEY).revokedAt, revoked.revokedAt);
      assert.throws(() => t.ws.db.prepare("UPDATE reviewer_keys SET revoked_at = NULL").run(), /already revoked/);
      assert.throws(() => t.ws.db.prepare("UPDATE reviewer_keys SET public_pem = 'X'").run(), /immutable/);
      assert.deepEqual(t.ws.audit.page(0, 10).map((e) => e.action), ['workspace.init', 'key.create', 'key.revoke']);
    } finally {
      t.cleanup();
    }
  });

  test('trusting a key twice is a no-op; a revoked key cannot be trusted again', () => {
    const t = tempWorkspace();
    try {
      const input = { fingerprint: CO_KEY, name: 'bob', role: 'reviewer' as const, publicKeyPem: 'PEM' };
      assert.equal(t.ws.keys.trustKey(input).created, true);
      assert.equal(t.ws.keys.trustKey(input).created, false);
      t.ws.keys.trustKey({ fingerprint: KEY, name: 'acme ci', role: 'vendor', publicKeyPem: 'PEM2' });
      assert.deepEqual(t.ws.keys.listTrustedKeys('vendor').map((k) => k.name), ['acme ci']);
      assert.notEqual(t.ws.keys.revokeTrustedKey(CO_KEY).revokedAt, null);
      assert.throws(() => t.ws.keys.trustKey(input), (e: unknown) => e instanceof InputError && /cannot be trusted again/.test(e.message));
      assert.throws(() => t.ws.db.prepare('DELETE FROM trusted_keys').run(), /never deleted/);
    } finally {
      t.cleanup();
    }
  });
});

describe('approvals and exceptions', () => {
  test('an approval and the state change it triggers commit together, once', () => {
    const { t, digest } = withChangeSet();
    try {
      const input = { kind: 'approve' as const, changeSetDigest: digest, contractDigest: CONTRACT, evaluationDigest: EVALUATION, keyId: KEY, envelope: envelope(KEY), newState: 'approved' as const };
      const first = t.ws.attestations.recordApproval(input);
      assert.equal(first.created, true);
      assert.equal(t.ws.changeSets.getChangeSet(digest)!.state, 'approved');
      assert.equal(t.ws.attestations.recordApproval(input).created, false);
      assert.equal(t.ws.attestations.listApprovals(digest).length, 1);
      assert.deepEqual(t.ws.audit.page(0, 10).map((e) => e.action).slice(-2), ['approval.approve', 'changeset.state']);
      assert.throws(() => t.ws.db.prepare("UPDATE approvals SET envelope = '{}'").run(), /immutable/);
    } finally {
      t.cleanup();
    }
  });

  test('an approval whose state change fails leaves neither the approval nor its audit entry', () => {
    const { t, digest } = withChangeSet();
    try {
      t.ws.db.exec(`CREATE TEMP TRIGGER fail_state BEFORE INSERT ON audit_log WHEN NEW.action = 'changeset.state'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      const before = t.ws.audit.count();
      assert.throws(() => t.ws.attestations.recordApproval({
        kind: 'reject', changeSetDigest: digest, contractDigest: CONTRACT, evaluationDigest: EVALUATION, keyId: KEY, envelope: envelope(KEY), newState: 'rejected',
      }), /injected failure/);
      assert.equal(t.ws.attestations.listApprovals(digest).length, 0);
      assert.equal(t.ws.changeSets.getChangeSet(digest)!.state, 'pending');
      assert.equal(t.ws.audit.count(), before);
    } finally {
      t.cleanup();
    }
  });

  test('bad approval input is refused before anything is written', () => {
    const { t, digest } = withChangeSet();
    try {
      const base = { kind: 'approve' as const, changeSetDigest: digest, contractDigest: CONTRACT, evaluationDigest: EVALUATION, keyId: KEY, envelope: envelope(KEY) };
      assert.throws(() => t.ws.attestations.recordApproval({ ...base, envelope: '{not json' }), /not valid JSON/);
      assert.throws(() => t.ws.attestations.recordApproval({ ...base, changeSetDigest: 'sha256:' + '9'.repeat(64) }), /no change set/);
      assert.equal(t.ws.attestations.listApprovals(digest).length, 0);
    } finally {
      t.cleanup();
    }
  });

  test('an exception collects one signature per distinct key and is listed for the change sets it may cover', () => {
    const { t, digest } = withChangeSet();
    try {
      const request = {
        statementDigest: 'sha256:' + '5'.repeat(64), envelope: envelope(KEY), policy: 'no-public-ingress', resourcePattern: 'Ingress/prod/*',
        changeSetDigest: digest, expiresAt: '2026-12-01T00:00:00Z', justification: 'launch week', requester: 'alice', keyId: KEY,
      };
      const { value } = t.ws.attestations.recordException(request);
      assert.deepEqual(value.signatures.map((s) => s.keyId), [KEY]);
      assert.equal(t.ws.attestations.recordException(request).created, false);
      assert.equal(t.ws.attestations.addExceptionSignature(value.id, CO_KEY, envelope(CO_KEY)).created, true);
      assert.equal(t.ws.attestations.addExceptionSignature(value.id, CO_KEY, envelope(CO_KEY)).created, false);
      assert.deepEqual(t.ws.attestations.getException(value.id)!.signatures.map((s) => s.keyId), [KEY, CO_KEY]);

      const standing = t.ws.attestations.recordException({ ...request, statementDigest: 'sha256:' + '6'.repeat(64), changeSetDigest: null });
      const other = syntheticChangeSet(2);
      t.ws.changeSets.importChangeSet(other.source, other.changeSet);
      assert.deepEqual(t.ws.attestations.listExceptions(digest).map((e) => e.id), [value.id, standing.value.id]);
      assert.deepEqual(t.ws.attestations.listExceptions(other.changeSet.digest).map((e) => e.id), [standing.value.id]);
      assert.deepEqual(
        t.ws.audit.page(0, 20).map((e) => e.action).filter((a) => a.startsWith('exception')),
        ['exception.request', 'exception.sign', 'exception.request'],
      );
      assert.equal(verifyAuditChain(t.ws).ok, true);
    } finally {
      t.cleanup();
    }
  });

  test('an exception without a justification, or with neither change set nor expiry, is refused', () => {
    const { t } = withChangeSet();
    try {
      const request = {
        statementDigest: 'sha256:' + '5'.repeat(64), envelope: envelope(KEY), policy: 'p', resourcePattern: '*',
        changeSetDigest: null, expiresAt: '2026-12-01T00:00:00Z', justification: 'why', requester: 'alice', keyId: KEY,
      };
      assert.throws(() => t.ws.attestations.recordException({ ...request, justification: '  ' }), /justification/);
      assert.throws(() => t.ws.attestations.recordException({ ...request, expiresAt: null }), /change-set digest or an expiry/);
      assert.equal(t.ws.attestations.getExceptionByStatement(request.statementDigest), null);
    } finally {
      t.cleanup();
    }
  });
});
