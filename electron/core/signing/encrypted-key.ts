import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { base64Field } from '../hashing/base64';
import { keyIdOf } from './keys';
import { derivePassphraseKeys, passphraseCheckValue } from '../hashing/passphrase-keys';
import { scryptCostSchema } from '../hashing/scrypt-cost';

/**
 * A private key at rest: the PKCS#8 DER encrypted with AES-256-GCM under a key derived from
 * the passphrase with scrypt. The KDF parameters travel with the blob so they can be raised
 * later without breaking old keys. Plain JSON data: the store keeps it as-is.
 */
export interface EncryptedPrivateKey {
  readonly format: typeof BLOB_FORMAT;
  readonly keyId: string;
  readonly kdf: { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string };
  readonly cipher: { readonly name: 'aes-256-gcm'; readonly nonce: string; readonly tag: string };
  /**
   * HMAC of a constant under a second derived key: tells a wrong passphrase apart from a
   * tampered ciphertext. It gives an attacker nothing the GCM tag would not (one scrypt per guess).
   */
  readonly check: string;
  readonly ciphertext: string;
}

const BLOB_FORMAT = 'countersign-encrypted-key/v1';
/** scrypt cost: N = 2^15, r = 8 (32 MiB, ~0.1 s); stronger values in a blob are accepted up to the bounds below. */
const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const CHECK_LABEL = 'countersign passphrase check v1';

export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor(readonly keyId: string) {
    super(`wrong passphrase for key ${keyId}`);
  }
}

/** The blob is not one we wrote, or was altered after: it will never decrypt. */
export class TamperedKeyError extends Error {
  override readonly name = 'TamperedKeyError';
  constructor(readonly keyId: string, reason: string) {
    super(`encrypted key ${keyId || '(unknown id)'} is damaged or was tampered with: ${reason}`);
  }
}

/**
 * Every version has written N = 2^15, r = 8, p = 1 (work N·r·p = 2^18, 32 MiB): a blob may ask
 * for twice that, no more (a thief's edited workspace copy could otherwise ask for 2 GiB and a
 * minute of scrypt before the check value tells it forged).
 */
const KEY_SCRYPT_LIMITS = { maxNR: 2 * DEFAULT_KDF.N * DEFAULT_KDF.r, maxNRP: 2 * DEFAULT_KDF.N * DEFAULT_KDF.r * DEFAULT_KDF.p } as const;

const b64 = base64Field();
// Bounds keep a hostile blob from asking for gigabytes of scrypt memory or hours of CPU.
const blobSchema = z.object({
  format: z.literal(BLOB_FORMAT),
  keyId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  kdf: scryptCostSchema(b64, KEY_SCRYPT_LIMITS, { strict: false }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), nonce: b64, tag: b64 }),
  check: b64,
  ciphertext: b64,
});

/**
 * Encrypts a private key with a passphrase; the key id is bound as AAD so a blob cannot be
 * relabelled as another key. Async because scrypt is deliberately slow: it runs on the
 * thread pool instead of freezing the app's main process. Check `passphraseProblem` first
 * when creating a key.
 */
export async function encryptPrivateKey(privateKey: KeyObject, passphrase: string): Promise<EncryptedPrivateKey> {
  if (privateKey.type !== 'private') throw new TypeError('encryptPrivateKey needs a private key');
  const keyId = keyIdOf(privateKey);
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const { aesKey, checkKey } = await derivePassphraseKeys(passphrase, salt, DEFAULT_KDF);
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  try {
    const cipher = createCipheriv('aes-256-gcm', aesKey, nonce);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
    return {
      format: BLOB_FORMAT,
      keyId,
      kdf: { name: 'scrypt', ...DEFAULT_KDF, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
      check: passphraseCheck(checkKey).toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  } finally {
    // Best effort: do not leave the clear key bytes lying in the heap longer than needed.
    der.fill(0);
    aesKey.fill(0);
    checkKey.fill(0);
  }
}

/**
 * Decrypts a blob read from the store. Throws WrongPassphraseError for a wrong passphrase and
 * TamperedKeyError for anything altered (ciphertext, tag, key id, parameters). The returned
 * KeyObject should be used for one signing call and dropped.
 */
export async function decryptPrivateKey(blob: unknown, passphrase: string): Promise<KeyObject> {
  const parsed = blobSchema.safeParse(blob);
  const claimedId = typeof (blob as { keyId?: unknown } | null)?.keyId === 'string' ? (blob as { keyId: string }).keyId : '';
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TamperedKeyError(claimedId, `${issue.path.join('.') || 'blob'} ${issue.message}`);
  }
  const b = parsed.data;
  const { aesKey, checkKey } = await derivePassphraseKeys(passphrase, Buffer.from(b.kdf.salt, 'base64'), b.kdf);
  try {
    const expected = Buffer.from(b.check, 'base64');
    const actual = passphraseCheck(checkKey);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new WrongPassphraseError(b.keyId);
    let der: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(b.cipher.nonce, 'base64'));
      decipher.setAAD(Buffer.from(b.keyId, 'utf8'));
      decipher.setAuthTag(Buffer.from(b.cipher.tag, 'base64'));
      der = Buffer.concat([decipher.update(Buffer.from(b.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw new TamperedKeyError(b.keyId, 'authentication failed (ciphertext, tag, nonce or key id changed)');
    }
    try {
      const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      if (key.asymmetricKeyType !== 'ed25519') throw new TamperedKeyError(b.keyId, 'not an Ed25519 key');
      if (keyIdOf(key) !== b.keyId) throw new TamperedKeyError(b.keyId, 'the key inside does not match the key id');
      return key;
    } finally {
      der.fill(0);
    }
  } finally {
    aesKey.fill(0);
    checkKey.fill(0);
  }
}

function passphraseCheck(checkKey: Buffer): Buffer {
  return passphraseCheckValue(checkKey, CHECK_LABEL);
}
