// The withdrawals table (issue 10): stored as signed, once per statement, with its audit entry
// and the change set's new state in the same transaction; never changed or deleted; a bad
// input stores nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, NotFoundError } from '../model/errors';
import { syntheticChangeSet, tempWorkspace } from '../testing/store-fixtures';

const KEY = 'sha256:' + '1'.repeat(64);
const DECISION = 'sha256:' + 'd'.repeat(64);
const STATEMENT = 'sha256:' + 'f'.repeat(64);
const envelope = (sig: string): string => JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: 'e30=', signatures: [{ keyid: KEY, sig }] });

describe('withdrawals', () => {
  test('recorded once with its audit entry and the new state; immutable; bad inputs store nothing', () => {
    const t = tempWorkspace();
    try {
      const { source, changeSet } = syntheticChangeSet(1);
      t.ws.changeSets.importChangeSet(source, changeSet);
      const digest = changeSet.digest;
      t.ws.changeSets.setChangeSetState(digest, 'approved');
      const input = { changeSetDigest: digest, statementDigest: STATEMENT, withdraws: DECISION, keyId: KEY, reason: 'wrong target', envelope: envelope('AA==') };
      assert.throws(() => t.ws.withdrawals.record({ ...input, reason: ' \n' }), InputError);
      assert.throws(() => t.ws.withdrawals.record({ ...input, envelope: '{not json' }), InputError);
      assert.throws(() => t.ws.withdrawals.record({ ...input, changeSetDigest: 'sha256:' + '0'.repeat(64) }), NotFoundError);
      assert.equal(t.ws.withdrawals.list(digest).length, 0);
      const first = t.ws.withdrawals.record({ ...input, newState: 'pending' });
      assert.equal(first.created, true);
      assert.equal(t.ws.withdrawals.record(input).created, false, 'the same statement twice is stored once');
      assert.equal(t.ws.changeSets.getChangeSet(digest)!.state, 'pending');
      assert.deepEqual(t.ws.audit.page(0, 100).map((e) => e.action).slice(-3), ['changeset.state', 'approval.withdraw', 'changeset.state']);
      assert.equal(t.ws.withdrawals.holdsEnvelope(envelope('AA==')), true);
      assert.equal(t.ws.withdrawals.holdsEnvelope(envelope('AB==')), false, 'another signature is another file');
      assert.throws(() => t.ws.db.prepare("UPDATE withdrawals SET reason = 'x'").run(), /immutable/);
      assert.throws(() => t.ws.db.prepare('DELETE FROM withdrawals').run(), /never deleted/);
    } finally {
      t.cleanup();
    }
  });
});
