import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildChangeSet, readChangeSetSource } from '../loaders/bundle';
import { InputError } from '../model/errors';
import { repoRoot } from '../testing/corpus';
import { syntheticChangeSet, tempWorkspace } from '../testing/store-fixtures';
import { verifyAuditChain } from './verify-audit-chain';

const demo = (name: string): string => join(repoRoot, 'electron', 'demo', 'bundles', name);

function rowCount(db: { prepare: (sql: string) => { get: () => unknown } }, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('change sets', () => {
  test('a real bundle is stored whole and rebuilds to the same digest from the workspace alone', async () => {
    const t = tempWorkspace();
    try {
      const source = await readChangeSetSource([demo('acme-2.14.0-blocked')]);
      const built = buildChangeSet(source);
      const { created, value } = t.ws.changeSets.importChangeSet(source, built);
      assert.equal(created, true);
      assert.equal(value.digest, built.digest);
      assert.equal(value.state, 'pending');
      assert.equal(value.metadata.vendor, 'Acme Analytics');
      assert.equal(value.metadata.release, '2.14.0');
      assert.equal(value.resourceCount, built.resources.length);
      assert.deepEqual(value.files, built.files);
      assert.deepEqual(value.artifacts, built.artifacts);

      const ws = t.reopen();
      const stored = ws.changeSets.getChangeSetSource(built.digest)!;
      assert.deepEqual(stored.manifest, source.manifest);
      assert.deepEqual(stored.files.map((f) => f.path), source.files.map((f) => f.path));
      for (const [i, f] of stored.files.entries()) assert.deepEqual(Buffer.from(f.bytes), Buffer.from(source.files[i]!.bytes));
      const rebuilt = buildChangeSet(stored);
      assert.equal(rebuilt.digest, built.digest);
      assert.equal(rebuilt.resources.length, built.resources.length);
      assert.deepEqual(ws.vendors.listInstalls().map((i) => [i.vendor, i.app, i.name]), [['Acme Analytics', 'acme-analytics', 'prod-eu']]);
    } finally {
      t.cleanup();
    }
  });

  test('importing the same digest twice stores one change set and one audit entry', async () => {
    const t = tempWorkspace();
    try {
      const source = await readChangeSetSource([demo('acme-2.13.3-peering')]);
      const built = buildChangeSet(source);
      assert.equal(t.ws.changeSets.importChangeSet(source, built).created, true);
      const again = t.ws.changeSets.importChangeSet(await readChangeSetSource([demo('acme-2.13.3-peering')]), built);
      assert.equal(again.created, false);
      assert.equal(again.value.digest, built.digest);
      assert.equal(rowCount(t.ws.db, 'change_sets'), 1);
      assert.equal(rowCount(t.ws.db, 'change_set_files'), source.files.length);
      assert.deepEqual(t.ws.audit.page(0, 10).map((e) => e.action), ['workspace.init', 'changeset.import']);
    } finally {
      t.cleanup();
    }
  });

  test('files that do not match the digest are refused and nothing is stored', () => {
    const t = tempWorkspace();
    try {
      const a = syntheticChangeSet(1);
      const b = syntheticChangeSet(2);
      assert.throws(() => t.ws.changeSets.importChangeSet(a.source, b.changeSet), (e: unknown) => e instanceof InputError && /do not match/.test(e.message));
      assert.equal(rowCount(t.ws.db, 'change_sets'), 0);
      assert.equal(t.ws.audit.count(), 1);
    } finally {
      t.cleanup();
    }
  });

  test('a failure mid-write (the audit append) rolls back the change set, its files and its vendor', () => {
    const t = tempWorkspace();
    try {
      // Inject a failure at the last step of the transaction: after the change set, vendor and files rows are written.
      t.ws.db.exec(`CREATE TEMP TRIGGER fail_import BEFORE INSERT ON audit_log WHEN NEW.action = 'changeset.import'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      const { source, changeSet } = syntheticChangeSet(3, { files: 4 });
      assert.throws(() => t.ws.changeSets.importChangeSet(source, changeSet), /injected failure/);
      for (const table of ['change_sets', 'change_set_files', 'vendors', 'installs']) assert.equal(rowCount(t.ws.db, table), 0, table);
      assert.equal(t.ws.audit.count(), 1);

      t.ws.db.exec('DROP TRIGGER temp.fail_import');
      assert.equal(t.ws.changeSets.importChangeSet(source, changeSet).created, true);
      assert.equal(rowCount(t.ws.db, 'change_set_files'), 4);
      assert.equal(verifyAuditChain(t.ws).ok, true);
    } finally {
      t.cleanup();
    }
  });

  test('stored files and change-set content cannot be changed or deleted; only the state moves, with an audit entry', () => {
    const t = tempWorkspace();
    try {
      const { source, changeSet } = syntheticChangeSet(4);
      t.ws.changeSets.importChangeSet(source, changeSet);
      assert.throws(() => t.ws.db.prepare("UPDATE change_set_files SET bytes = x'00'").run(), /immutable/);
      assert.throws(() => t.ws.db.prepare('DELETE FROM change_set_files').run(), /never deleted/);
      assert.throws(() => t.ws.db.prepare("UPDATE change_sets SET release = '9.9.9'").run(), /immutable/);
      assert.throws(() => t.ws.db.prepare('DELETE FROM change_sets').run(), /never deleted/);

      const moved = t.ws.changeSets.setChangeSetState(changeSet.digest, 'superseded', { reason: 'newer release' });
      assert.equal(moved.created, true);
      assert.equal(moved.value.state, 'superseded');
      assert.equal(t.ws.changeSets.setChangeSetState(changeSet.digest, 'superseded').created, false);
      const last = t.ws.audit.page(0, 10).at(-1)!;
      assert.equal(last.action, 'changeset.state');
      assert.deepEqual(last.details, { from: 'pending', to: 'superseded', reason: 'newer release' });
      assert.throws(() => t.ws.changeSets.setChangeSetState('sha256:' + '0'.repeat(64), 'approved'), InputError);
    } finally {
      t.cleanup();
    }
  });

  test('a unique digest prefix resolves to the full digest; unknown and malformed ones are clear errors', () => {
    const t = tempWorkspace();
    try {
      const { source, changeSet } = syntheticChangeSet(5);
      t.ws.changeSets.importChangeSet(source, changeSet);
      const hex = changeSet.digest.slice('sha256:'.length);
      assert.equal(t.ws.changeSets.resolveDigest(hex.slice(0, 10)), changeSet.digest);
      assert.equal(t.ws.changeSets.resolveDigest(changeSet.digest), changeSet.digest);
      const other = hex[0] === 'f' ? '0000' : 'ffff';
      assert.throws(() => t.ws.changeSets.resolveDigest(other), /no change set/);
      assert.throws(() => t.ws.changeSets.resolveDigest('xyz'), /not a change-set digest/);
      assert.equal(t.ws.changeSets.getChangeSet('sha256:' + other.repeat(16)), null);
    } finally {
      t.cleanup();
    }
  });
});
