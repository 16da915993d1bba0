// Issue 12 (BK): the encrypted backup file refuses every damaged, foreign or wrongly opened
// file with a clear error, and a refused file leaves nothing behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { otherBase64Spelling } from '../testing/base64-spelling';
import { BACKUP_FORMAT_VERSION, BACKUP_MAGIC } from './backup-file';
import { withDecryptedBackup, writeWorkspaceBackup } from './backup';
import { initWorkspace } from './workspace';
import type { Workspace } from './workspace';
import { writeTransaction } from './write-transaction';

const PASS = 'correct horse battery staple';
/** The lowest cost the reader accepts: keeps the many decryptions below fast. */
const FAST_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const dir = mkdtempSync(join(tmpdir(), 'countersign-backup-file-'));
const wsDir = join(dir, 'ws');
const restoreDir = join(dir, 'restore');
let ws: Workspace;
let backup: Buffer;
const backupFile = join(dir, 'ws.csbackup');

before(async () => {
  mkdirSync(restoreDir);
  ws = initWorkspace(join(wsDir, 'countersign.db'));
  writeTransaction(ws.db, () => ws.audit.append({ action: 'settings.update', subject: 'PLANTED-MARKER-7f3a', details: {} }));
  await writeWorkspaceBackup(ws.db, ws.path, { out: backupFile, passphrase: PASS, now: () => new Date('2026-12-01T00:00:00Z'), kdf: FAST_KDF });
  backup = readFileSync(backupFile);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Restores `bytes` into restoreDir; returns the manifest or the error message. */
async function open(bytes: Buffer, passphrase = PASS): Promise<{ ok: true } | { ok: false; message: string; code: string }> {
  const f = join(dir, 'candidate.csbackup');
  writeFileSync(f, bytes);
  try {
    await withDecryptedBackup(f, passphrase, restoreDir, () => undefined);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: (e as Error).message, code: (e as { code?: string }).code ?? '' };
  } finally {
    rmSync(f, { force: true });
  }
}

describe('backup file: format', () => {
  test('starts with the magic and format version; owner-only; nothing of the workspace in the clear', () => {
    assert.equal(backup.subarray(0, 8).toString('latin1'), BACKUP_MAGIC);
    assert.equal(backup.readUInt16BE(8), BACKUP_FORMAT_VERSION);
    const header = JSON.parse(backup.subarray(12, 12 + backup.readUInt16BE(10)).toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(header).sort(), ['check', 'cipher', 'kdf']);
    if (process.platform !== 'win32') assert.equal(statSync(backupFile).mode & 0o777, 0o600);
    for (const clear of ['PLANTED-MARKER-7f3a', 'SQLite format 3', 'audit_log', 'workspace.init']) {
      assert.equal(backup.includes(Buffer.from(clear)), false, `${clear} is not readable in the file`);
    }
  });

  test('the right passphrase opens it', async () => {
    assert.deepEqual(await open(backup), { ok: true });
    assert.deepEqual(readdirSync(restoreDir), [], 'the clear copy is deleted after use');
  });
});

describe('backup file: every refusal class, nothing left behind', () => {
  const cases: readonly { name: string; bytes: () => Buffer; passphrase?: string; message: RegExp; code?: string }[] = [
    { name: 'wrong passphrase', bytes: () => backup, passphrase: 'not the passphrase at all', message: /wrong passphrase/, code: 'wrong-passphrase' },
    { name: 'a flipped ciphertext byte', bytes: () => flip(backup, backup.length - 100), message: /changed or truncated .*authentication failed/ },
    { name: 'a flipped tag byte', bytes: () => flip(backup, backup.length - 1), message: /changed or truncated/ },
    { name: 'truncated by one byte', bytes: () => backup.subarray(0, backup.length - 1), message: /changed or truncated/ },
    { name: 'truncated inside the header', bytes: () => backup.subarray(0, 40), message: /truncated/ },
    { name: 'bytes appended', bytes: () => Buffer.concat([backup, Buffer.from('x')]), message: /changed or truncated/ },
    { name: 'a newer format version', bytes: () => withVersion(2), message: /newer Countersign \(backup format version 2; this version reads version 1\)/ },
    { name: 'format version 0', bytes: () => withVersion(0), message: /unknown backup format version 0/ },
    { name: 'an SQLite file', bytes: () => readFileSync(ws.path), message: /not a Countersign workspace backup/ },
    { name: 'an empty file', bytes: () => Buffer.alloc(0), message: /not a Countersign workspace backup/ },
    { name: 'a text file', bytes: () => Buffer.from('hello\n'), message: /not a Countersign workspace backup/ },
    { name: 'a header asking for 1 GiB of scrypt memory', bytes: () => withHeader((h) => ({ ...h, kdf: { ...(h.kdf as object), N: 2 ** 23 } })), message: /damaged header \(kdf\.N/ },
    // Found by the backup fuzz target (issue 12): within each bound, but 1–2 GiB and 10–60 s of scrypt before the check value speaks.
    { name: 'a header asking for N = 2^20 with r = 8 (1 GiB)', bytes: () => withHeader((h) => ({ ...h, kdf: { ...(h.kdf as object), N: 2 ** 20, r: 8 } })), message: /damaged header \(kdf: scrypt memory 128·N·r must be at most 256 MiB/ },
    { name: 'a header asking for N = 2^20, r = 16, p = 4 (2 GiB)', bytes: () => withHeader((h) => ({ ...h, kdf: { ...(h.kdf as object), N: 2 ** 20, r: 16, p: 4 } })), message: /damaged header \(kdf: scrypt memory/ },
    { name: 'a header asking for N = 2^18, r = 8, p = 4 (8 times the work)', bytes: () => withHeader((h) => ({ ...h, kdf: { ...(h.kdf as object), N: 2 ** 18, r: 8, p: 4 } })), message: /damaged header \(kdf: scrypt work N·r·p must be at most 2\^21/ },
    { name: 'a header with an extra field', bytes: () => withHeader((h) => ({ ...h, extra: 1 })), message: /damaged header/ },
    // One spelling per value: the same salt bytes spelled another way, or without its padding.
    { name: 'a header whose salt is another spelling of its bytes', bytes: () => withHeader((h) => ({ ...h, kdf: { ...(h.kdf as { salt: string }), salt: otherBase64Spelling((h.kdf as { salt: string }).salt) } })), message: /damaged header \(kdf\.salt: must be base64/ },
    { name: 'a header whose salt is unpadded', bytes: () => withHeader((h) => ({ ...h, kdf: { ...(h.kdf as { salt: string }), salt: (h.kdf as { salt: string }).salt.replace(/=+$/, '') } })), message: /damaged header \(kdf\.salt: must be base64/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const r = await open(c.bytes(), c.passphrase);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.match(r.message, c.message);
      assert.match(r.message, /candidate\.csbackup/, 'the error names the file');
      if (c.code) assert.equal(r.code, c.code);
      assert.deepEqual(readdirSync(restoreDir), [], 'no clear copy stays');
    });
  }

  test('property: any single flipped bit anywhere in the file is refused', async () => {
    await fc.assert(fc.asyncProperty(fc.nat({ max: backup.length - 1 }), fc.nat({ max: 7 }), async (at, bit) => {
      const r = await open(flip(backup, at, 1 << bit));
      assert.equal(r.ok, false, `flipping bit ${bit} of byte ${at} was accepted`);
      assert.deepEqual(readdirSync(restoreDir), []);
    }), { numRuns: 40 });
  });

  test('property: any truncation is refused', async () => {
    await fc.assert(fc.asyncProperty(fc.nat({ max: backup.length - 1 }), async (length) => {
      assert.equal((await open(backup.subarray(0, length))).ok, false, `truncated to ${length} bytes was accepted`);
    }), { numRuns: 20 });
  });
});

describe('backup: no clear copy stays on disk', () => {
  test('after a backup, only the workspace files and the backup exist', async () => {
    const out = join(dir, 'second.csbackup');
    await writeWorkspaceBackup(ws.db, ws.path, { out, passphrase: PASS, now: () => new Date(), kdf: FAST_KDF });
    assert.deepEqual(readdirSync(wsDir).filter((n) => !n.startsWith('countersign.db')), []);
    assert.equal(readdirSync(dir).some((n) => n.endsWith('.tmp')), false);
  });

  test('a backup that fails (the target folder is missing) deletes its clear copy', async () => {
    await assert.rejects(writeWorkspaceBackup(ws.db, ws.path, { out: join(dir, 'missing', 'x.csbackup'), passphrase: PASS, now: () => new Date(), kdf: FAST_KDF }), /cannot write the backup here/);
    assert.deepEqual(readdirSync(wsDir).filter((n) => !n.startsWith('countersign.db')), []);
  });

  test("a clear copy left by a killed backup is deleted by the next one", async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const stale = join(wsDir, `.countersign-snapshot-${dead}-0123456789abcdef.db`);
    writeFileSync(stale, 'clear workspace bytes');
    await writeWorkspaceBackup(ws.db, ws.path, { out: join(dir, 'third.csbackup'), passphrase: PASS, now: () => new Date(), kdf: FAST_KDF });
    assert.deepEqual(readdirSync(wsDir).filter((n) => !n.startsWith('countersign.db')), []);
  });

  test('the workspace itself (or its WAL) is never the backup target, even with overwrite', async () => {
    const before = readFileSync(ws.path);
    for (const out of [ws.path, `${ws.path}-wal`]) {
      await assert.rejects(writeWorkspaceBackup(ws.db, ws.path, { out, passphrase: PASS, overwrite: true, now: () => new Date(), kdf: FAST_KDF }), /is the workspace itself/);
    }
    assert.deepEqual(readFileSync(ws.path), before);
  });

  test('an existing backup file is not replaced unless told', async () => {
    await assert.rejects(writeWorkspaceBackup(ws.db, ws.path, { out: backupFile, passphrase: PASS, now: () => new Date(), kdf: FAST_KDF }), /already exists \(pass --force/);
    assert.deepEqual(readFileSync(backupFile), backup);
  });
});

function flip(bytes: Buffer, at: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ mask;
  return copy;
}

function withVersion(version: number): Buffer {
  const copy = Buffer.from(backup);
  copy.writeUInt16BE(version, 8);
  return copy;
}

/** The same file with its clear header rewritten (the tag then fails too, but the header is judged first). */
function withHeader(change: (h: Record<string, unknown>) => Record<string, unknown>): Buffer {
  const length = backup.readUInt16BE(10);
  const header = Buffer.from(JSON.stringify(change(JSON.parse(backup.subarray(12, 12 + length).toString('utf8')) as Record<string, unknown>)));
  const prefix = Buffer.from(backup.subarray(0, 12));
  prefix.writeUInt16BE(header.length, 10);
  return Buffer.concat([prefix, header, backup.subarray(12 + length)]);
}
