// Issue 11 (speed): a change set's files are stored whole (a 15k-resource plan is 57 MB); with
// SQLite's default 4 KiB pages that write costs about twice the CPU of 64 KiB pages. A new
// workspace is made with 64 KiB pages; one made by an older build (4 KiB) opens as before,
// keeps its pages, and stores and reads change sets the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { syntheticChangeSet } from '../testing/store-fixtures';
import { initWorkspace, openWorkspace } from './workspace';

const pageSize = (ws: { db: { pragma: (s: string, o: { simple: true }) => unknown } }) => ws.db.pragma('page_size', { simple: true });

test('a new workspace stores its pages as 64 KiB, and a big file round-trips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-page-size-'));
  try {
    const ws = initWorkspace(join(dir, 'ws.db'));
    assert.equal(pageSize(ws), 65536);
    assert.equal(ws.db.pragma('journal_mode', { simple: true }), 'wal');
    const { source, changeSet } = syntheticChangeSet(2, { bytes: 300_000 });
    ws.changeSets.importChangeSet(source, changeSet);
    ws.close();
    const again = openWorkspace(join(dir, 'ws.db'));
    assert.equal(pageSize(again), 65536);
    assert.deepEqual(again.changeSets.getChangeSetSource(changeSet.digest)!.files.map((f) => Buffer.from(f.bytes)), source.files.map((f) => Buffer.from(f.bytes)));
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a workspace made with 4 KiB pages (an older build) keeps them and works as before', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-page-size-'));
  try {
    const file = join(dir, 'ws.db');
    // An empty SQLite file with the default page size, as SQLite made it before this build.
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();
    const ws = openWorkspace(file, { create: true });
    assert.equal(pageSize(ws), 4096);
    const { source, changeSet } = syntheticChangeSet(2, { bytes: 300_000 });
    assert.equal(ws.changeSets.importChangeSet(source, changeSet).created, true);
    assert.deepEqual(ws.changeSets.getChangeSetSource(changeSet.digest)!.files.map((f) => Buffer.from(f.bytes)), source.files.map((f) => Buffer.from(f.bytes)));
    ws.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
