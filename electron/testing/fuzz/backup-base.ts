/**
 * The workspace backup the backup fuzz cases start from (built once per process): a workspace
 * with a contract, a change set, a key and a signed exception (so it records audit heads),
 * backed up with the cheapest KDF a reader accepts; its decrypted manifest and database; and an
 * independent writer of the format from docs/backup.md, so a case can re-encrypt edited content
 * with the right passphrase (what an attacker who knows it, or a buggy tool, writes).
 */
import { createCipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupWorkspace, createKey, importChangeSet, importContract, requestException } from '../../core/app';
import { initWorkspace } from '../../core/store';
import type { BackupManifest } from '../../core/store';
import { readEncryptedBackup } from '../../core/store/backup-file';
import { repoRoot } from '../../core/testing/corpus';

/** NFC; its NFD spelling must open the backup too (docs: scrypt over the NFC form). */
export const BACKUP_PASSPHRASE = 'Ünïcödé backup passphrase 1';
export const FAST_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const AT = new Date('2026-03-02T10:00:00Z');

export interface BackupBase {
  /** The backup file as written by `workspace backup`. */
  readonly backup: Buffer;
  readonly manifest: BackupManifest;
  /** The decrypted SQLite file. */
  readonly database: Buffer;
  /** An existing workspace at the restore target (what `--force` must keep aside, never lose). */
  readonly existing: Buffer;
  /** Where the base files are (edits of the database work on copies here). */
  readonly dir: string;
}

let base: BackupBase | undefined;

export async function backupBase(): Promise<BackupBase> {
  if (base) return base;
  const dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-backup-'));
  const demo = join(repoRoot, 'electron/demo');
  const ws = initWorkspace(join(dir, 'source', 'countersign.db'), { actor: 'fuzz', now: () => AT });
  importContract(ws, join(demo, 'contract.yaml'), 'fuzz');
  const { digest } = await importChangeSet(ws, [join(demo, 'bundles/acme-2.14.0-blocked')]);
  const alice = await createKey(ws, { name: 'Alice', passphrase: 'a long enough key passphrase' });
  await requestException(ws, {
    digest, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }], justification: 'maintenance window',
    expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: 'a long enough key passphrase', outboxDir: join(dir, 'outbox'), layout: 'flat',
  });
  const out = join(dir, 'base.csbackup');
  await backupWorkspace(ws, { out, passphrase: BACKUP_PASSPHRASE, kdf: FAST_KDF, now: () => AT });
  ws.close();
  const plain = join(dir, 'base.db');
  const handle = await open(plain, 'wx');
  let manifest: BackupManifest;
  try {
    manifest = await readEncryptedBackup(out, BACKUP_PASSPHRASE, handle);
  } finally {
    await handle.close();
  }
  const existingPath = join(dir, 'existing', 'countersign.db');
  initWorkspace(existingPath, { actor: 'fuzz', now: () => AT }).close();
  base = { backup: readFileSync(out), manifest, database: readFileSync(plain), existing: readFileSync(existingPath), dir };
  return base;
}

/** The base, once backupBase() has built it (case generation is synchronous). */
export function builtBackupBase(): BackupBase {
  if (!base) throw new Error('backupBase() must be built before backup cases are generated');
  return base;
}

export interface Encryption {
  readonly kdf: { readonly N: number; readonly r: number; readonly p: number };
  /** Bytes that make the salt and nonce (fixed per case: replayable). */
  readonly seed: string;
  /** The header as written (tests of the header edit it before it is authenticated). */
  readonly header?: Record<string, unknown>;
  /** Plaintext as given (a manifest length that lies, …) instead of length + manifest + database. */
  readonly plaintext?: Buffer;
}

const keys = new Map<string, Buffer>();

/** Writes a backup per docs/backup.md (format version 1): magic, version, header length, header, AES-256-GCM over length + manifest + database. */
export function encryptBackup(passphrase: string, manifest: unknown, database: Buffer, e: Encryption): Buffer {
  // One salt (and so one scrypt run) per passphrase and cost in a process: the nonce alone varies by case.
  const salt = createHash('sha256').update('countersign fuzz backup salt').digest().subarray(0, 16);
  const nonce = createHash('sha256').update(e.seed).digest().subarray(0, 12);
  const cacheKey = `${passphrase}\u0000${e.kdf.N}/${e.kdf.r}/${e.kdf.p}`;
  let key = keys.get(cacheKey);
  if (!key) keys.set(cacheKey, (key = scryptSync(passphrase.normalize('NFC'), salt, 64, { ...e.kdf, maxmem: 128 * e.kdf.N * e.kdf.r + 16 * 1024 * 1024 })));
  const check = createHmac('sha256', key.subarray(32)).update('countersign backup passphrase check v1').digest();
  const header = Buffer.from(JSON.stringify(e.header ?? {
    kdf: { name: 'scrypt', ...e.kdf, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
    check: check.toString('base64'),
  }), 'utf8');
  const prefix = Buffer.alloc(12);
  prefix.write('CSBACKUP', 0, 'latin1');
  prefix.writeUInt16BE(1, 8);
  prefix.writeUInt16BE(header.length, 10);
  const aad = Buffer.concat([prefix, header]);
  const cipher = createCipheriv('aes-256-gcm', key.subarray(0, 32), nonce);
  cipher.setAAD(aad);
  const manifestBytes = Buffer.from(typeof manifest === 'string' ? manifest : JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const plaintext = e.plaintext ?? Buffer.concat([length, manifestBytes, database]);
  return Buffer.concat([aad, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}
