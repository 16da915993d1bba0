// Issue 12 (BK): a backup restores to the same workspace, is one consistent snapshot while
// another connection writes, and a restore checks the audit trail before it replaces anything.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { open } from 'node:fs/promises';
import { currentAuditHead, initWorkspace, openWorkspace, SCHEMA_VERSION, verifyAuditChain, writeWorkspaceBackup } from '../store';
import { backupManifest, writeEncryptedBackup } from '../store/backup-file';
import { InputError } from '../model/errors';
import type { Db, Workspace } from '../store';
import { writeTransaction } from '../store/write-transaction';
import { repoRoot } from '../testing/corpus';
import { backupWorkspace, createKey, importChangeSet, importContract, requestException, restoreWorkspace, RestoredAuditError } from './index';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const BACKUP_PASS = 'another long backup passphrase';
const FAST_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const dir = mkdtempSync(join(tmpdir(), 'countersign-restore-'));
let ws: Workspace;
let digest: string;
let alice: { id: string };

before(async () => {
  ws = initWorkspace(join(dir, 'source', 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
  await requestException(ws, {
    digest, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }], justification: 'maintenance window',
    expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir: join(dir, 'outbox'), layout: 'flat',
  });
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
function fresh(name: string): string {
  return join(dir, `${name}-${++counter}`);
}

async function backupOf(source: Workspace): Promise<string> {
  const out = `${fresh('backup')}.csbackup`;
  await backupWorkspace(source, { out, passphrase: BACKUP_PASS, kdf: FAST_KDF });
  return out;
}

/** Every row of every table, as comparable text (blobs included). */
function tables(db: Db): Map<string, string[]> {
  const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  return new Map(names.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r, (_k, v: unknown) => (
    v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? `blob:${Buffer.from((v as { data: number[] }).data).toString('hex')}` : v
  ))).sort()]));
}

describe('workspace backup and restore', () => {
  test('round trip: every table equal; the restore is recorded in the audit log; owner-only', async () => {
    const file = await backupOf(ws);
    const target = join(fresh('new-machine'), 'countersign.db');
    const r = await restoreWorkspace({ file, target, passphrase: BACKUP_PASS });
    assert.equal(r.previous, null);
    assert.equal(r.headsMatched, 1, "the exception's recorded head is in the restored chain");
    const before = tables(ws.db);
    const restored = openWorkspace(target, { readonly: true });
    try {
      const after = tables(restored.db);
      assert.deepEqual([...after.keys()], [...before.keys()]);
      for (const [name, rows] of before) {
        if (name === 'audit_log') continue;
        assert.deepEqual(after.get(name), rows, `table ${name}`);
      }
      const head = currentAuditHead(ws).seq;
      const auditRows = restored.db.prepare<[], { seq: number; action: string }>('SELECT seq, action FROM audit_log ORDER BY seq').all();
      assert.equal(auditRows.length, head + 1);
      const keptRows = restored.db.prepare('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq').all(head);
      assert.deepEqual(keptRows, ws.db.prepare('SELECT * FROM audit_log ORDER BY seq').all(), 'the copied log is unchanged');
      assert.equal(auditRows.at(-1)!.action, 'workspace.restore');
      assert.equal(verifyAuditChain(restored).ok, true);
      assert.notEqual(restored.keys.getReviewerKey(alice.id), null, 'the own key (encrypted) travels with the backup');
    } finally {
      restored.close();
    }
    if (process.platform !== 'win32') assert.equal(statSync(target).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(target, '..')), ['countersign.db'], 'no clear copy or side file stays');
  });

  test('a backup taken while another connection writes is one consistent snapshot', async () => {
    const source = initWorkspace(join(fresh('busy'), 'countersign.db'));
    // A second connection, as the desktop app would hold while the CLI backs up.
    const writer = openWorkspace(source.path);
    try {
      source.db.exec('CREATE TABLE probe (n INTEGER PRIMARY KEY, filler BLOB)');
      // ~8 MiB, so the copy takes many steps and the writer runs between them.
      const fill = source.db.prepare('INSERT INTO probe (filler) VALUES (randomblob(4000))');
      source.db.transaction(() => { for (let i = 0; i < 2000; i++) fill.run(); })();
      const base = (source.db.prepare('SELECT count(*) AS n FROM probe').get() as { n: number }).n;
      // Each write: a probe row and its audit entry, in one transaction (the invariant checked below).
      const insert = writer.db.prepare('INSERT INTO probe (filler) VALUES (NULL)');
      let running = true;
      let duringBackup = 0;
      const write = (): void => {
        if (!running) return;
        writeTransaction(writer.db, () => {
          insert.run();
          writer.audit.append({ action: 'settings.update', subject: 'probe', details: {} });
        });
        duringBackup++;
        setImmediate(write);
      };
      setImmediate(write);
      const out = `${fresh('busy')}.csbackup`;
      await backupWorkspace(source, { out, passphrase: BACKUP_PASS, kdf: FAST_KDF }).finally(() => { running = false; });
      assert.ok(duringBackup > 0, 'the other connection wrote while the backup ran');
      const target = join(fresh('busy-restored'), 'countersign.db');
      await restoreWorkspace({ file: out, target, passphrase: BACKUP_PASS });
      const db = new Database(target, { readonly: true });
      try {
        const probes = (db.prepare('SELECT count(*) AS n FROM probe').get() as { n: number }).n - base;
        const entries = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE subject = 'probe'").get() as { n: number }).n;
        assert.equal(probes, entries, 'every copied write has its audit entry and no more');
        assert.equal(db.pragma('quick_check', { simple: true }), 'ok');
      } finally {
        db.close();
      }
    } finally {
      writer.close();
      source.close();
    }
  });

  test('an existing workspace is refused unless --force, which keeps it aside', async () => {
    const file = await backupOf(ws);
    const folder = fresh('existing');
    const target = join(folder, 'countersign.db');
    const other = initWorkspace(target);
    other.close();
    const old = readFileSync(target);
    await assert.rejects(restoreWorkspace({ file, target, passphrase: BACKUP_PASS }), /a workspace exists here: pass --force/);
    assert.deepEqual(readFileSync(target), old);
    const r = await restoreWorkspace({ file, target, passphrase: BACKUP_PASS, force: true });
    assert.ok(r.previous && existsSync(r.previous));
    assert.deepEqual(readFileSync(r.previous), old, 'the old workspace is kept, byte for byte');
  });

  test('a refused backup replaces nothing, even with --force', async () => {
    const file = await backupOf(ws);
    const target = join(fresh('kept'), 'countersign.db');
    initWorkspace(target).close();
    const listing = readdirSync(join(target, '..')).sort();
    const old = readFileSync(target);
    await assert.rejects(restoreWorkspace({ file, target, passphrase: 'the wrong passphrase!', force: true }), /wrong passphrase/);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x80;
    const damaged = `${file}.damaged`;
    writeFileSync(damaged, bytes);
    await assert.rejects(restoreWorkspace({ file: damaged, target, passphrase: BACKUP_PASS, force: true }), /changed or truncated/);
    assert.deepEqual(readFileSync(target), old);
    assert.deepEqual(readdirSync(join(target, '..')).sort(), listing);
  });

  test('a workspace whose audit chain is broken is refused (authentic backup, edited log)', async () => {
    const source = initWorkspace(join(fresh('edited'), 'countersign.db'));
    try {
      importContract(source, join(DEMO, 'contract.yaml'), 'test');
      // Someone with the database file rewrote an entry (the triggers are no obstacle to them).
      source.db.exec('DROP TRIGGER audit_log_append_only');
      source.db.prepare("UPDATE audit_log SET actor = 'os:mallory' WHERE seq = 2").run();
      const file = await backupOf(source);
      const target = join(fresh('edited-restored'), 'countersign.db');
      await assert.rejects(restoreWorkspace({ file, target, passphrase: BACKUP_PASS }), (e: unknown) => {
        assert.ok(e instanceof RestoredAuditError);
        assert.match((e as Error).message, /audit log is broken at entry 2 \(edited\).*nothing was restored/);
        return true;
      });
      assert.deepEqual(readdirSync(join(target, '..')), [], 'nothing restored, no clear copy left');
    } finally {
      source.close();
    }
  });

  test('a backup of an older schema (the 0.1.0 fixture) restores and is migrated, its chain verified first', async () => {
    const folder = fresh('old');
    mkdirSync(folder);
    cpSync(join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0/countersign.db'), join(folder, 'countersign.db'), { recursive: true });
    // Opened raw: the copy keeps the old schema, as a backup made by 0.1.0-era data would.
    const raw = new Database(join(folder, 'countersign.db'));
    const oldVersion = raw.pragma('user_version', { simple: true }) as number;
    assert.ok(oldVersion < SCHEMA_VERSION);
    const out = `${fresh('old')}.csbackup`;
    try {
      await writeWorkspaceBackup(raw, join(folder, 'countersign.db'), { out, passphrase: BACKUP_PASS, now: () => new Date(), kdf: FAST_KDF });
    } finally {
      raw.close();
    }
    const target = join(fresh('old-restored'), 'countersign.db');
    const r = await restoreWorkspace({ file: out, target, passphrase: BACKUP_PASS });
    assert.ok(r.auditEntries > 0);
    const restored = openWorkspace(target, { readonly: true });
    try {
      assert.equal(restored.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.ok((restored.db.prepare('SELECT count(*) AS n FROM change_sets').get() as { n: number }).n > 0, 'the change sets came back');
      assert.equal(verifyAuditChain(restored).ok, true);
    } finally {
      restored.close();
    }
  });

  // Found by the backup fuzz target: such copies were restored, and kept running without their guards (or with the planted trigger).
  test('a workspace whose guard triggers were dropped, changed or added to is refused (authentic backup, edited schema)', async () => {
    const edits = [
      ['DROP TRIGGER audit_log_no_delete', /missing or changed: audit_log_no_delete/],
      ['DROP TRIGGER audit_log_append_only; CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log BEGIN SELECT 1; END', /missing or changed: audit_log_append_only/],
      ["CREATE TRIGGER \"x\u001b[2J\" AFTER INSERT ON change_sets BEGIN SELECT 1; END", /unknown: x\\x1b\[2J\)/],
    ] as const;
    for (const [sql, message] of edits) {
      const source = initWorkspace(join(fresh('guards'), 'countersign.db'));
      try {
        source.db.exec(sql);
        const file = await backupOf(source);
        const target = join(fresh('guards-restored'), 'countersign.db');
        await assert.rejects(restoreWorkspace({ file, target, passphrase: BACKUP_PASS }), (err: unknown) => {
          assert.ok(err instanceof InputError, String(err));
          assert.match(err.message, /guard triggers were edited outside Countersign/);
          assert.match(err.message, message);
          return true;
        }, sql);
        assert.equal(existsSync(target), false);
        assert.deepEqual(readdirSync(join(target, '..')), [], 'no clear copy left');
      } finally {
        source.close();
      }
    }
  });

  test('a backup whose database SQLite refuses is bad input naming the file, not an internal error', async () => {
    // Encrypted with the right passphrase around bytes that are no database (found by the backup fuzz target: SqliteError, exit 3).
    const plain = `${fresh('not-a-db')}.db`;
    writeFileSync(plain, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080, 0x5a)]));
    const file = `${fresh('not-a-db')}.csbackup`;
    const out = await open(file, 'wx');
    try {
      const manifest = backupManifest({ createdAt: new Date().toISOString(), schemaVersion: SCHEMA_VERSION, auditHead: currentAuditHead(ws.db), databaseBytes: 4096 });
      await writeEncryptedBackup(out, plain, manifest, BACKUP_PASS, FAST_KDF);
    } finally {
      await out.close();
    }
    const target = join(fresh('sqlite-refused'), 'countersign.db');
    await assert.rejects(restoreWorkspace({ file, target, passphrase: BACKUP_PASS }), (err: unknown) => {
      assert.ok(err instanceof InputError, String(err));
      assert.equal(err.file, file);
      assert.match(err.message, /holds a damaged or foreign database \(SQLite: .+\); nothing was restored/);
      return true;
    });
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(join(target, '..')), [], 'no clear copy left');
  });

  test("a workspace whose log lost entries its own attestations recorded is refused", async () => {
    const source = initWorkspace(join(fresh('cut'), 'countersign.db'));
    try {
      importContract(source, join(DEMO, 'contract.yaml'), 'test');
      const d = (await importChangeSet(source, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
      const key = await createKey(source, { name: 'Bob', passphrase: PASS });
      await requestException(source, {
        digest: d, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }], justification: 'w',
        expires: new Date(Date.now() + 86_400_000), keyId: key.id, passphrase: PASS, outboxDir: join(dir, 'outbox-cut'), layout: 'flat',
      });
      // The tail cut: the chain alone still verifies; the exception remembers the head. The guard
      // is put back after the cut (a restore refuses a workspace without it).
      const head = currentAuditHead(source).seq;
      const guard = source.db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_delete'").get()!.sql;
      source.db.exec('DROP TRIGGER audit_log_no_delete');
      source.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(head - 1);
      source.db.exec(guard);
      assert.equal(verifyAuditChain(source).ok, true);
      const file = await backupOf(source);
      const target = join(fresh('cut-restored'), 'countersign.db');
      await assert.rejects(restoreWorkspace({ file, target, passphrase: BACKUP_PASS }), /lost entries its own attestations recorded/);
      assert.equal(existsSync(target), false);
    } finally {
      source.close();
    }
  });
});
