import { createHmac, scrypt } from 'node:crypto';

/** scrypt cost parameters, as a file's header states them (bounded by its reader before this runs). */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The AES-256 key and the passphrase-check key of a passphrase-encrypted file (a private key
 * file, a workspace backup): 64 bytes of scrypt over the NFC form of the passphrase, so the
 * same passphrase typed on another keyboard layout or OS opens it.
 */
export async function derivePassphraseKeys(passphrase: string, salt: Buffer, kdf: ScryptCost): Promise<{ aesKey: Buffer; checkKey: Buffer }> {
  const maxmem = 128 * kdf.N * kdf.r * kdf.p + 16 * 1024 * 1024;
  const out = await new Promise<Buffer>((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
  return { aesKey: out.subarray(0, 32), checkKey: out.subarray(32, 64) };
}

/** The stored check value: a wrong passphrase is told apart from a damaged file before decrypting. */
export function passphraseCheckValue(checkKey: Buffer, label: string): Buffer {
  return createHmac('sha256', checkKey).update(label).digest();
}
