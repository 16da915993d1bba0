import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { base64Field } from '../hashing/base64';
import { InputError, WrongPassphrase } from '../model/errors';
import type { RecordedAuditHead } from './audit-heads';
import { derivePassphraseKeys, passphraseCheckValue } from '../hashing/passphrase-keys';
import { scryptCostSchema } from '../hashing/scrypt-cost';

/**
 * The encrypted backup file (docs/backup.md is the public description):
 *
 *   0   8 bytes  magic "CSBACKUP"
 *   8   2 bytes  format version, big-endian (1)
 *   10  2 bytes  header length n, big-endian
 *   12  n bytes  header: JSON {kdf: {name: "scrypt", N, r, p, salt}, cipher: {name: "aes-256-gcm", nonce}, check}
 *   12+n …       AES-256-GCM ciphertext, AAD = bytes [0, 12+n): the header cannot be changed unseen
 *   last 16      GCM tag
 *
 * Plaintext: 4-byte big-endian length m, m bytes of manifest JSON, then the SQLite file. Nothing
 * about the workspace (size of the log, its head, dates) is in the clear: a thief without the
 * passphrase learns the file's length and the KDF parameters, nothing else.
 */
export const BACKUP_MAGIC = 'CSBACKUP';
export const BACKUP_FORMAT_VERSION = 1;
/** scrypt N = 2^17, r = 8, p = 1: 128 MiB and ~0.5 s per guess; the file is long-lived and travels. */
export const BACKUP_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
export type BackupKdf = { readonly N: number; readonly r: number; readonly p: number };

const PREFIX = 12;
const TAG = 16;
const MAX_HEADER = 4096;
const MAX_MANIFEST = 64 * 1024;
const CHUNK = 1024 * 1024;
const CHECK_LABEL = 'countersign backup passphrase check v1';
const MANIFEST_FORMAT = 'countersign-workspace-backup/v1';

/** What the backup says about the workspace inside it; encrypted, and authenticated with it. */
export interface BackupManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly createdAt: string;
  /** user_version of the copied database. */
  readonly schemaVersion: number;
  /** The copy's audit head: the restored log must end exactly here. */
  readonly auditHead: RecordedAuditHead;
  readonly databaseBytes: number;
}

/**
 * Twice what this version writes (N = 2^17, r = 8, p = 1): 256 MiB of scrypt memory, about 1 s
 * of work idle. A forged header is found only after the key is derived (4x the work took over
 * 10 s on a loaded machine in the fuzz pass).
 */
const BACKUP_SCRYPT_LIMITS = { maxNR: 2 * BACKUP_KDF.N * BACKUP_KDF.r, maxNRP: 2 * BACKUP_KDF.N * BACKUP_KDF.r * BACKUP_KDF.p } as const;

const b64 = base64Field();
// Bounds keep a hostile header from asking for gigabytes of scrypt memory before anything is authenticated.
const headerSchema = z.object({
  kdf: scryptCostSchema(b64.refine((s) => Buffer.from(s, 'base64').length === 16, 'salt must be 16 bytes'), BACKUP_SCRYPT_LIMITS, { strict: true }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), nonce: b64.refine((s) => Buffer.from(s, 'base64').length === 12, 'nonce must be 12 bytes') }).strict(),
  check: b64,
}).strict();

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  createdAt: z.string(),
  schemaVersion: z.number().int().min(1),
  auditHead: z.object({ seq: z.number().int().min(0), hash: hex64, genesis: hex64 }).strict(),
  databaseBytes: z.number().int().min(0),
}).strict();

export function backupManifest(fields: Omit<BackupManifest, 'format'>): BackupManifest {
  return { format: MANIFEST_FORMAT, ...fields };
}

/**
 * Encrypts `manifest` + the database file `plainFile` into `out`, an open owner-only file the
 * caller created (and renames into place). Streams in 1 MiB chunks: memory stays flat.
 */
export async function writeEncryptedBackup(out: FileHandle, plainFile: string, manifest: BackupManifest, passphrase: string, kdf: BackupKdf = BACKUP_KDF): Promise<void> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const { aesKey, checkKey } = await derivePassphraseKeys(passphrase, salt, kdf);
  try {
    const header = Buffer.from(JSON.stringify({
      kdf: { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
      check: passphraseCheck(checkKey).toString('base64'),
    }), 'utf8');
    const prefix = Buffer.alloc(PREFIX);
    prefix.write(BACKUP_MAGIC, 0, 'latin1');
    prefix.writeUInt16BE(BACKUP_FORMAT_VERSION, 8);
    prefix.writeUInt16BE(header.length, 10);
    const aad = Buffer.concat([prefix, header]);
    const cipher = createCipheriv('aes-256-gcm', aesKey, nonce);
    cipher.setAAD(aad);
    await out.write(aad);
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(manifestBytes.length);
    await out.write(cipher.update(Buffer.concat([length, manifestBytes])));
    const src = await open(plainFile, 'r');
    try {
      const buf = Buffer.alloc(CHUNK);
      for (;;) {
        const { bytesRead } = await src.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) break;
        await out.write(cipher.update(buf.subarray(0, bytesRead)));
      }
      buf.fill(0);
    } finally {
      await src.close();
    }
    await out.write(cipher.final());
    await out.write(cipher.getAuthTag());
    await out.sync();
  } finally {
    aesKey.fill(0);
    checkKey.fill(0);
  }
}

/**
 * Decrypts the backup `file` into `dest`, an open owner-only file the caller created (and
 * deletes on failure: until the tag is checked at the end, what was written is unauthenticated).
 * Every refusal is an InputError naming the file; a wrong passphrase is WrongPassphrase.
 */
export async function readEncryptedBackup(file: string, passphrase: string, dest: FileHandle): Promise<BackupManifest> {
  let src: FileHandle;
  try {
    src = await open(file, 'r');
  } catch (e) {
    throw new InputError(file, `cannot read the backup (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const size = (await src.stat()).size;
    const { aad, header } = await readHeader(src, file, size);
    const { aesKey, checkKey } = await derivePassphraseKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
    try {
      const expected = Buffer.from(header.check, 'base64');
      const actual = passphraseCheck(checkKey);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        throw new WrongPassphrase(file, 'wrong passphrase for this backup (or its header was changed); nothing was restored');
      }
      const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(header.cipher.nonce, 'base64'));
      decipher.setAAD(aad);
      const tag = Buffer.alloc(TAG);
      await src.read(tag, 0, TAG, size - TAG);
      decipher.setAuthTag(tag);
      const sink = new PlaintextSink(dest);
      const buf = Buffer.alloc(CHUNK);
      for (let at = aad.length; at < size - TAG;) {
        const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, size - TAG - at), at);
        if (bytesRead === 0) throw new InputError(file, 'is truncated (it changed while being read); nothing was restored');
        await sink.push(decipher.update(buf.subarray(0, bytesRead)));
        at += bytesRead;
      }
      try {
        await sink.push(decipher.final());
      } catch {
        throw new InputError(file, 'was changed or truncated after it was written (authentication failed); nothing was restored');
      }
      await dest.sync();
      return sink.manifest(file);
    } finally {
      aesKey.fill(0);
      checkKey.fill(0);
    }
  } finally {
    await src.close();
  }
}

async function readHeader(src: FileHandle, file: string, size: number): Promise<{ aad: Buffer; header: z.infer<typeof headerSchema> }> {
  const head = Buffer.alloc(Math.min(size, PREFIX + MAX_HEADER));
  await src.read(head, 0, head.length, 0);
  if (size < BACKUP_MAGIC.length || head.subarray(0, BACKUP_MAGIC.length).toString('latin1') !== BACKUP_MAGIC) {
    throw new InputError(file, 'is not a Countersign workspace backup (no CSBACKUP magic at its start)');
  }
  if (size < PREFIX) throw new InputError(file, 'is truncated (shorter than a backup header); nothing was restored');
  const version = head.readUInt16BE(8);
  if (version !== BACKUP_FORMAT_VERSION) {
    throw new InputError(file, version > BACKUP_FORMAT_VERSION
      ? `was written by a newer Countersign (backup format version ${version}; this version reads version ${BACKUP_FORMAT_VERSION}): update Countersign to restore it`
      : `has an unknown backup format version ${version} (this version reads version ${BACKUP_FORMAT_VERSION})`);
  }
  const length = head.readUInt16BE(10);
  if (length > MAX_HEADER) throw new InputError(file, `has a damaged header (length ${length} is over ${MAX_HEADER} bytes)`);
  if (size < PREFIX + length + 4 + TAG) throw new InputError(file, 'is truncated (shorter than its header says); nothing was restored');
  let json: unknown;
  try {
    json = JSON.parse(head.subarray(PREFIX, PREFIX + length).toString('utf8'));
  } catch {
    throw new InputError(file, 'has a damaged header (not JSON)');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(file, `has a damaged header (${issue.path.join('.') || 'header'}: ${issue.message})`);
  }
  return { aad: Buffer.from(head.subarray(0, PREFIX + length)), header: parsed.data };
}

/** Splits the plaintext into the manifest (kept in memory) and the database bytes (written to dest). */
class PlaintextSink {
  private head = Buffer.alloc(0);
  private manifestLength: number | null = null;
  private manifestText: Buffer | null = null;
  private written = 0;

  constructor(private readonly dest: FileHandle) {}

  async push(chunk: Buffer): Promise<void> {
    let rest = chunk;
    if (this.manifestText === null) {
      this.head = Buffer.concat([this.head, rest]);
      if (this.manifestLength === null && this.head.length >= 4) {
        // Unauthenticated until the tag is checked: a bad length only means "damaged" (judged after final()).
        this.manifestLength = Math.min(this.head.readUInt32BE(0), MAX_MANIFEST);
      }
      if (this.manifestLength === null || this.head.length < 4 + this.manifestLength) return;
      this.manifestText = this.head.subarray(4, 4 + this.manifestLength);
      rest = this.head.subarray(4 + this.manifestLength);
      this.head = Buffer.alloc(0);
    }
    if (rest.length > 0) {
      await this.dest.write(rest);
      this.written += rest.length;
    }
  }

  manifest(file: string): BackupManifest {
    let json: unknown;
    try {
      json = JSON.parse((this.manifestText ?? Buffer.alloc(0)).toString('utf8'));
    } catch {
      throw new InputError(file, 'has a damaged manifest (not JSON)');
    }
    const parsed = manifestSchema.safeParse(json);
    if (!parsed.success) throw new InputError(file, `has a damaged manifest (${parsed.error.issues[0]!.path.join('.') || 'manifest'}: ${parsed.error.issues[0]!.message})`);
    if (parsed.data.databaseBytes !== this.written) {
      throw new InputError(file, `holds ${this.written} database bytes but its manifest says ${parsed.data.databaseBytes}`);
    }
    return parsed.data;
  }
}

function passphraseCheck(checkKey: Buffer): Buffer {
  return passphraseCheckValue(checkKey, CHECK_LABEL);
}
