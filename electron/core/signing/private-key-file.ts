import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../model/errors';

const MAX_PEM_CHARS = 64 * 1024;

/** Is this PEM an encrypted PKCS#8 key (it needs a passphrase)? */
export function isEncryptedPrivateKeyPem(text: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text);
}

/**
 * A vendor's signing key from a file (`changeset sign --key-file`): exactly one PKCS#8 PEM
 * block (`PRIVATE KEY`, or `ENCRYPTED PRIVATE KEY` with its passphrase) holding an Ed25519
 * key, as `openssl genpkey -algorithm ed25519` writes it. Anything else is an InputError
 * naming `source`, never a stack.
 */
export function importPrivateKeyPem(text: string, source: string, passphrase?: string): KeyObject {
  if (text.length > MAX_PEM_CHARS) throw new InputError(source, `too large for a private key (${text.length} characters)`);
  const blocks = text.match(/-----BEGIN [A-Z0-9 ]+-----/g) ?? [];
  if (blocks.length !== 1 || !/^-----BEGIN (ENCRYPTED )?PRIVATE KEY-----$/.test(blocks[0]!)) {
    throw new InputError(source, 'not one PKCS#8 PEM private key (expected a single "-----BEGIN PRIVATE KEY-----" or "-----BEGIN ENCRYPTED PRIVATE KEY-----" block)');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(isEncryptedPrivateKeyPem(text) ? { key: text, format: 'pem', passphrase: passphrase ?? '' } : { key: text, format: 'pem' });
  } catch (err) {
    const why = isEncryptedPrivateKeyPem(text) ? 'cannot be decrypted (wrong passphrase?)' : 'cannot be read as a private key';
    throw new InputError(source, `${why}: ${(err as Error).message.slice(0, 200)}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError(source, `is a ${key.asymmetricKeyType ?? 'unknown'} key; Countersign signs with Ed25519 keys only`);
  return key;
}
