// A change set's import commits its files to the WAL and leaves copying them into the main file
// to a later commit: as durable as any commit (a copy of the files taken right after the import,
// as a crash would leave them, opens with the change set in it), and the automatic checkpoint is
// back on afterwards, whatever the import did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildChangeSet, readChangeSetSource } from '../loaders/bundle';
import { repoRoot } from '../testing/corpus';
import { tempWorkspace } from '../testing/store-fixtures';
import { openWorkspace } from './workspace';
import { withDeferredCheckpoint } from './write-transaction';

const autoCheckpoint = (db: { pragma: (s: string, o: { simple: true }) => unknown }) => db.pragma('wal_autocheckpoint', { simple: true });

test('the automatic checkpoint is off inside (nested calls too) and back as it was after, also when the write throws', () => {
  const t = tempWorkspace();
  try {
    const before = autoCheckpoint(t.ws.db);
    assert.notEqual(before, 0);
    withDeferredCheckpoint(t.ws.db, () => {
      assert.equal(autoCheckpoint(t.ws.db), 0);
      withDeferredCheckpoint(t.ws.db, () => assert.equal(autoCheckpoint(t.ws.db), 0));
      assert.equal(autoCheckpoint(t.ws.db), 0, 'still off after the nested call');
    });
    assert.equal(autoCheckpoint(t.ws.db), before);
    assert.throws(() => withDeferredCheckpoint(t.ws.db, () => { throw new Error('refused'); }), /refused/);
    assert.equal(autoCheckpoint(t.ws.db), before);
  } finally {
    t.cleanup();
  }
});

test('a change set imported so is in the files a crash right after the import would leave', async () => {
  const t = tempWorkspace();
  try {
    const source = await readChangeSetSource([join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked')]);
    const built = buildChangeSet(source);
    withDeferredCheckpoint(t.ws.db, () => t.ws.changeSets.importChangeSet(source, built));
    assert.ok(existsSync(`${t.path}-wal`) && statSync(`${t.path}-wal`).size > 0, 'the pages are in the WAL');
    // The files as they are now, before any checkpoint or close: what a crash leaves.
    const copy = join(t.dir, 'crashed.db');
    copyFileSync(t.path, copy);
    copyFileSync(`${t.path}-wal`, `${copy}-wal`);
    const crashed = openWorkspace(copy);
    try {
      const stored = crashed.changeSets.getChangeSetSource(built.digest);
      assert.ok(stored, 'the change set survived');
      assert.equal(buildChangeSet(stored).digest, built.digest);
    } finally {
      crashed.close();
    }
  } finally {
    t.cleanup();
  }
});
