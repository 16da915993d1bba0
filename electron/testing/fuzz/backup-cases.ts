/**
 * Workspace backups (issue 12): the base backup (backup-base.ts) damaged (bits flipped in the
 * magic, version, header, ciphertext or tag; cut; appended to; bytes edited anywhere), opened
 * with a wrong passphrase (and with the NFD spelling of the right one, which must open it), with
 * a header that asks for the costliest scrypt a reader accepts, and re-encrypted with the right
 * passphrase around an edited header, manifest, plaintext framing or database (SQL edits of the
 * audit log and schema, bytes of the SQLite file). Restored over an existing workspace (with
 * `force`) or into an empty folder.
 */
import { rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { currentAuditHead } from '../../core/store';
import { BACKUP_PASSPHRASE, backupBase, builtBackupBase, encryptBackup, FAST_KDF } from './backup-base';
import type { BackupBase } from './backup-base';
import { applyByteEdits, byteEdits } from './byte-mutations';
import type { FuzzCase, RestoreSpec } from './fuzz-case';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree, TreeEdit } from './tree-mutations';

export const BACKUP_FILE = 'laptop.csbackup';

/**
 * SQL an attacker with the passphrase (or a broken tool) runs on the copy before re-encrypting it.
 * The workspace's guard triggers (append-only audit log, immutable rows) are dropped for the edit
 * and put back after it, as such an attacker would, unless the edit is to leave them out.
 */
export const DATABASE_EDITS: readonly { readonly name: string; readonly sql: string; readonly keepGuards?: boolean }[] = [
  { name: 'last audit entry deleted', sql: 'DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)' },
  { name: 'first audit entry deleted', sql: 'DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log)' },
  { name: 'audit entry actor changed', sql: "UPDATE audit_log SET actor = 'mallory' WHERE seq = (SELECT min(seq) + 1 FROM audit_log)" },
  { name: 'audit log emptied', sql: 'DELETE FROM audit_log' },
  { name: 'change set approved without audit', sql: "UPDATE change_sets SET state = 'approved'" },
  { name: 'own key deleted', sql: 'DELETE FROM reviewer_keys' },
  { name: 'application_id cleared', sql: 'PRAGMA application_id = 0' },
  { name: 'schema version from the future', sql: 'PRAGMA user_version = 9999' },
  { name: 'schema version 0', sql: 'PRAGMA user_version = 0' },
  { name: 'audit_log dropped', sql: 'DROP TABLE audit_log' },
  { name: 'change_sets dropped', sql: 'DROP TABLE change_sets' },
  { name: 'append-only guards left out', sql: 'SELECT 1', keepGuards: false },
  { name: 'a trigger planted', sql: 'CREATE TRIGGER fuzz_t AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log; END' },
  { name: 'a quiet trigger planted', sql: "CREATE TRIGGER fuzz_q AFTER INSERT ON change_sets BEGIN SELECT 1; END" },
  { name: 'WAL journal', sql: 'PRAGMA journal_mode = WAL' },
];

function editedDatabase(b: BackupBase, edit: (typeof DATABASE_EDITS)[number], tag: string): { bytes: Buffer; head: ReturnType<typeof currentAuditHead> | null } {
  const file = join(b.dir, `edit-${process.pid}-${tag}.db`);
  writeFileSync(file, b.database);
  try {
    const db = new Database(file);
    let head: ReturnType<typeof currentAuditHead> | null = null;
    try {
      const guards = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'trigger'").all();
      db.pragma('foreign_keys = OFF');
      for (const name of db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all()) db.exec(`DROP TRIGGER "${name.name}"`);
      db.exec(edit.sql);
      if (edit.keepGuards !== false) {
        for (const g of guards) {
          try {
            db.exec(g.sql);
          } catch {
            // Its table was dropped by the edit.
          }
        }
      }
      db.pragma('journal_mode = DELETE');
      try {
        head = currentAuditHead(db);
      } catch {
        head = null;
      }
    } finally {
      db.close();
    }
    return { bytes: readFileSync(file), head };
  } finally {
    for (const s of ['', '-wal', '-shm', '-journal']) rmSync(file + s, { force: true });
  }
}

/** The header base64 fields and values a reader bounds; each set in turn. */
const COSTLY_KDF = [
  { N: 2 ** 20, r: 16, p: 4 }, { N: 2 ** 20, r: 8, p: 1 }, { N: 2 ** 16, r: 16, p: 4 }, { N: 2 ** 21, r: 8, p: 1 }, { N: 2 ** 14, r: 8, p: 1 },
  { N: 3 * 2 ** 15, r: 8, p: 1 }, { N: 2 ** 15, r: 7, p: 1 }, { N: 2 ** 15, r: 8, p: 0 }, { N: 2 ** 15, r: 8, p: 5 },
] as const;

const REGIONS = ['magic', 'version', 'length', 'header', 'ciphertext', 'tag'] as const;

function regionRange(b: Buffer, region: (typeof REGIONS)[number]): [number, number] {
  const n = b.readUInt16BE(10);
  return { magic: [0, 8], version: [8, 10], length: [10, 12], header: [12, 12 + n], ciphertext: [12 + n, b.length - 16], tag: [b.length - 16, b.length] }[region] as [number, number];
}

type Variant =
  | { readonly v: 'untouched'; readonly nfd: boolean }
  | { readonly v: 'bytes'; readonly edits: Parameters<typeof applyByteEdits>[1] }
  | { readonly v: 'flip'; readonly region: (typeof REGIONS)[number]; readonly at: number; readonly bit: number }
  | { readonly v: 'truncate'; readonly keep: number }
  | { readonly v: 'append'; readonly bytes: Uint8Array }
  | { readonly v: 'passphrase'; readonly pick: number }
  | { readonly v: 'costly-kdf'; readonly pick: number }
  | { readonly v: 'header'; readonly edits: readonly TreeEdit[] }
  | { readonly v: 'manifest'; readonly edits: readonly TreeEdit[] }
  | { readonly v: 'framing'; readonly length: number }
  | { readonly v: 'sql'; readonly pick: number; readonly recordHead: boolean }
  | { readonly v: 'database-bytes'; readonly edits: Parameters<typeof applyByteEdits>[1] };

const WRONG_PASSPHRASES = ['the wrong passphrase!', `${BACKUP_PASSPHRASE} `, '', BACKUP_PASSPHRASE.toUpperCase(), 'Unicode backup passphrase 1', BACKUP_PASSPHRASE.slice(0, -1)];

const variant: fc.Arbitrary<Variant> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ v: fc.constant('untouched' as const), nfd: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ v: fc.constant('bytes' as const), edits: byteEdits }) },
  { weight: 4, arbitrary: fc.record({ v: fc.constant('flip' as const), region: fc.constantFrom(...REGIONS), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ v: fc.constant('truncate' as const), keep: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
  { weight: 2, arbitrary: fc.record({ v: fc.constant('passphrase' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('costly-kdf' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ v: fc.constant('header' as const), edits: treeEdits(2) }) },
  { weight: 2, arbitrary: fc.record({ v: fc.constant('manifest' as const), edits: treeEdits(2) }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('framing' as const), length: fc.oneof(fc.nat({ max: 400 }), fc.constantFrom(0xffffffff, 65_536, 65_537)) }) },
  { weight: 3, arbitrary: fc.record({ v: fc.constant('sql' as const), pick: fc.nat(), recordHead: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ v: fc.constant('database-bytes' as const), edits: byteEdits }) },
);

function treeEdited(value: unknown, edits: readonly TreeEdit[]): { text: string; done: string[] } {
  const tree = structuredClone(value) as Tree;
  const ph = new Placeholders();
  const done = applyTreeEdits(tree, edits, ph, JSON_RAW);
  return { text: fillPlaceholders(JSON.stringify(tree), ph, '\\u0001', (k) => JSON.stringify(k)), done };
}

/** The backup file's bytes, the passphrase typed, what is expected and a label. */
function build(b: BackupBase, x: Variant, seed: string): { bytes: Buffer; passphrase: string; expect: RestoreSpec['expect']; label: string } {
  const pass = BACKUP_PASSPHRASE;
  const reencrypt = (manifest: unknown, database: Buffer, extra: { header?: Record<string, unknown>; plaintext?: Buffer } = {}): Buffer =>
    encryptBackup(pass, manifest, database, { kdf: FAST_KDF, seed, ...extra });
  const damaged = (bytes: Buffer, label: string) => ({ bytes, passphrase: pass, expect: bytes.equals(b.backup) ? 'succeed' as const : 'fail' as const, label });
  switch (x.v) {
    case 'untouched':
      return { bytes: b.backup, passphrase: x.nfd ? pass.normalize('NFD') : pass, expect: 'succeed', label: `untouched, passphrase ${x.nfd ? 'NFD' : 'NFC'}` };
    case 'bytes': {
      const r = applyByteEdits(b.backup, x.edits);
      return damaged(Buffer.from(r.bytes), `bytes ${r.done.join(', ')}`);
    }
    case 'flip': {
      const [from, to] = regionRange(b.backup, x.region);
      const out = Buffer.from(b.backup);
      const at = from + (x.at % Math.max(1, to - from));
      out[at] = out[at]! ^ (1 << x.bit);
      return damaged(out, `${x.region}: bit ${x.bit} flipped at ${at}`);
    }
    case 'truncate': {
      const keep = [0, 7, 11, 12, 13, 100, b.backup.length - 17, b.backup.length - 16, b.backup.length - 1][x.keep % 9]!;
      return damaged(b.backup.subarray(0, keep), `cut to ${keep} bytes`);
    }
    case 'append':
      return damaged(Buffer.concat([b.backup, x.bytes]), `${x.bytes.length} bytes appended`);
    case 'passphrase':
      return { bytes: b.backup, passphrase: WRONG_PASSPHRASES[x.pick % WRONG_PASSPHRASES.length]!, expect: 'fail', label: `wrong passphrase #${x.pick % WRONG_PASSPHRASES.length}` };
    case 'costly-kdf': {
      // The header claims other scrypt costs; it is only authenticated after the key is derived with them.
      const kdf = COSTLY_KDF[x.pick % COSTLY_KDF.length]!;
      const header = JSON.parse(b.backup.subarray(12, 12 + b.backup.readUInt16BE(10)).toString('utf8')) as { kdf: Record<string, unknown> };
      header.kdf = { ...header.kdf, ...kdf };
      return { bytes: reencrypt(b.manifest, b.database, { header }), passphrase: pass, expect: 'fail', label: `header asks scrypt N=${kdf.N} r=${kdf.r} p=${kdf.p}` };
    }
    case 'header': {
      const original = JSON.parse(b.backup.subarray(12, 12 + b.backup.readUInt16BE(10)).toString('utf8')) as Record<string, unknown>;
      const r = treeEdited(original, x.edits);
      let header: Record<string, unknown>;
      try {
        header = JSON.parse(r.text) as Record<string, unknown>;
      } catch {
        header = { unparsable: r.text };
      }
      return { bytes: reencrypt(b.manifest, b.database, { header }), passphrase: pass, expect: 'either', label: `re-encrypted, header ${r.done.join(', ')}` };
    }
    case 'manifest': {
      const r = treeEdited(b.manifest, x.edits);
      return { bytes: reencrypt(r.text, b.database), passphrase: pass, expect: 'either', label: `re-encrypted, manifest ${r.done.join(', ')}` };
    }
    case 'framing': {
      const manifest = Buffer.from(JSON.stringify(b.manifest));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(x.length);
      const plaintext = Buffer.concat([length, manifest, b.database]);
      return { bytes: reencrypt(b.manifest, b.database, { plaintext }), passphrase: pass, expect: x.length === manifest.length ? 'succeed' : 'fail', label: `re-encrypted, manifest length ${x.length} (is ${manifest.length})` };
    }
    case 'sql': {
      const edit = DATABASE_EDITS[x.pick % DATABASE_EDITS.length]!;
      const db = editedDatabase(b, edit, seed.replace(/\W/g, ''));
      // With the head re-recorded the manifest agrees with the edited log: only the restore's own checks stand in the way.
      const manifest = { ...b.manifest, databaseBytes: db.bytes.length, ...(x.recordHead && db.head ? { auditHead: db.head } : {}) };
      return { bytes: reencrypt(manifest, db.bytes), passphrase: pass, expect: 'either', label: `re-encrypted, database: ${edit.name}${x.recordHead ? ', head re-recorded' : ''}` };
    }
    case 'database-bytes': {
      const r = applyByteEdits(b.database, x.edits);
      const database = Buffer.from(r.bytes);
      return { bytes: reencrypt({ ...b.manifest, databaseBytes: database.length }, database), passphrase: pass, expect: 'either', label: `re-encrypted, database bytes ${r.done.join(', ')}` };
    }
  }
}

export function backupCase(): fc.Arbitrary<FuzzCase> {
  return fc.record({ x: variant, target: fc.constantFrom('force-over-existing', 'force-over-existing', 'empty-folder', 'existing-no-force'), seed: fc.nat() })
    .map(({ x, target, seed }): FuzzCase => {
      const base = builtBackupBase();
      const built = build(base, x, `fuzz-${seed}`);
      const existing = target !== 'empty-folder';
      const force = target === 'force-over-existing';
      // Without --force an existing workspace is refused before the backup is even read.
      const expect = existing && !force ? 'fail' : built.expect;
      const files = [{ path: BACKUP_FILE, data: built.bytes }, ...(existing ? [{ path: 'target/countersign.db', data: base.existing }] : [{ path: 'target/.keep', data: '' }])];
      return {
        label: `${built.label}; ${target}`, kind: x.v === 'bytes' || x.v === 'flip' || x.v === 'truncate' || x.v === 'append' ? 'bytes' : 'structure',
        files, input: BACKUP_FILE, secrets: [], restore: { passphrase: built.passphrase, force, expect },
      };
    });
}

export { backupBase };
