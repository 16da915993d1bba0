import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../model/errors';
import { APPLICATION_ID, SCHEMA_VERSION } from './open-database';
import { tempWorkspace } from '../testing/store-fixtures';
import { verifyAuditChain } from './verify-audit-chain';
import { initWorkspace, openWorkspace } from './workspace';
import { resolveWorkspacePath, WORKSPACE_FILE_NAME } from './workspace-path';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'countersign-ws-'));
}

describe('workspace file', () => {
  test('init migrates an empty file to the current schema, in WAL with foreign keys, and records its creation', () => {
    const t = tempWorkspace();
    try {
      const { ws } = t;
      assert.equal(ws.isNew, true);
      assert.equal(ws.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(ws.db.pragma('application_id', { simple: true }), APPLICATION_ID);
      assert.equal(ws.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(ws.db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(ws.db.pragma('synchronous', { simple: true }), 2); // FULL
      const entries = ws.audit.page(0, 10);
      assert.deepEqual(entries.map((e) => e.action), ['workspace.init']);
      assert.equal(entries[0]!.actor, 'tester');
    } finally {
      t.cleanup();
    }
  });

  test('reopening keeps the data and neither migrates nor logs again', () => {
    const t = tempWorkspace();
    try {
      t.ws.keys.trustKey({ fingerprint: 'sha256:' + 'a'.repeat(64), name: 'co-reviewer', role: 'reviewer', publicKeyPem: 'PEM' });
      const again = t.reopen();
      assert.equal(again.isNew, false);
      assert.equal(again.keys.listTrustedKeys().length, 1);
      assert.equal(again.audit.count(), 2);
      assert.deepEqual(verifyAuditChain(again), { ok: true, entries: 2 });
    } finally {
      t.cleanup();
    }
  });

  test('a zero-byte file is initialised like a missing one', () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'empty.db');
      writeFileSync(file, '');
      const ws = initWorkspace(file);
      assert.equal(ws.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      ws.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('opening a missing workspace without create is a clear error naming the path', () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'nope.db');
      assert.throws(() => openWorkspace(file), (e: unknown) => e instanceof InputError && e.file === file && /workspace init/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a workspace written by a newer schema is refused, not downgraded', () => {
    const t = tempWorkspace();
    try {
      t.ws.close();
      const raw = new Database(t.path);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      assert.throws(
        () => openWorkspace(t.path),
        (e: unknown) => e instanceof InputError && /newer Countersign/.test(e.message) && e.message.includes(`version ${SCHEMA_VERSION + 1}`),
      );
    } finally {
      t.cleanup();
    }
  });

  test('a file that is not SQLite, or an SQLite file of another program, is refused', () => {
    const dir = tempDir();
    try {
      const text = join(dir, 'notes.db');
      writeFileSync(text, 'hello, this is not a database at all');
      assert.throws(() => openWorkspace(text), (e: unknown) => e instanceof InputError && /not an SQLite database/.test(e.message));
      const other = join(dir, 'other.db');
      const raw = new Database(other);
      raw.exec('CREATE TABLE t (x)');
      raw.close();
      assert.throws(() => openWorkspace(other), (e: unknown) => e instanceof InputError && /not a Countersign workspace/.test(e.message));
      const folder = join(dir, 'folder');
      mkdirSync(folder);
      assert.throws(() => openWorkspace(folder), (e: unknown) => e instanceof InputError && /folder/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('read-only open reads but cannot write', () => {
    const t = tempWorkspace();
    try {
      t.ws.close();
      const ro = openWorkspace(t.path, { readonly: true });
      assert.equal(ro.audit.count(), 1);
      assert.throws(() => ro.keys.trustKey({ fingerprint: 'x', name: 'n', role: 'vendor', publicKeyPem: 'p' }), /readonly/);
      ro.close();
    } finally {
      t.cleanup();
    }
  });
});

describe('resolveWorkspacePath', () => {
  const defaultDir = '/home/u/.config/Countersign';

  test('explicit path wins over the environment, which wins over the user-data default', () => {
    const env = { COUNTERSIGN_WORKSPACE: '/srv/ws-env.db' };
    assert.deepEqual(resolveWorkspacePath({ explicit: '/srv/ws.db', env, defaultDir }), { path: '/srv/ws.db', from: 'option' });
    assert.deepEqual(resolveWorkspacePath({ env, defaultDir }), { path: '/srv/ws-env.db', from: 'env' });
    assert.deepEqual(resolveWorkspacePath({ env: {}, defaultDir }), { path: join(defaultDir, WORKSPACE_FILE_NAME), from: 'default' });
    assert.equal(resolveWorkspacePath({ explicit: '', env: {}, defaultDir }).from, 'default');
  });

  test('a path naming an existing folder means the workspace file inside it', () => {
    const dir = tempDir();
    try {
      assert.equal(resolveWorkspacePath({ explicit: dir, env: {}, defaultDir }).path, join(dir, WORKSPACE_FILE_NAME));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
