import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../model/errors';

/** A reviewer's Ed25519 key pair, with its id (the fingerprint of the public key). */
export interface ReviewerKeyPair {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

/** A public key a verifier trusts (or a reviewer shares): SPKI PEM plus fingerprint. */
export interface PublicKeyInfo {
  readonly keyId: string;
  readonly pem: string;
  readonly publicKey: KeyObject;
}

export const MIN_PASSPHRASE_LENGTH = 12;

/** Makes a new Ed25519 key pair. The private key should be encrypted at once (encryptPrivateKey). */
export function generateReviewerKey(): ReviewerKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/**
 * Key id = fingerprint = `sha256:<hex>` of the SubjectPublicKeyInfo DER. Accepts a private
 * key too (its public half is fingerprinted), so a signer never needs the public key separately.
 */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const der = pub.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** The public half as SPKI PEM with its fingerprint: what `keys export` prints. */
export function exportPublicKey(key: KeyObject): PublicKeyInfo {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  assertEd25519(publicKey, 'key');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: keyIdOf(publicKey), pem, publicKey };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const MAX_PEM_CHARS = 64 * 1024;

/**
 * Reads a public key someone gave us to trust. It must be exactly one `PUBLIC KEY` PEM block
 * holding an Ed25519 key: a private key is refused outright (node would happily derive a
 * public key from it, and trusting a file means it was passed around), as are RSA/EC keys,
 * certificates and garbage. `source` names the file in errors.
 */
export function importPublicKeyPem(text: string, source = 'public key'): PublicKeyInfo {
  const known = importedKeys.get(text);
  if (known) return known;
  const info = Object.freeze(importUncached(text, source));
  // An Ed25519 PEM is ~110 characters: a longer text (comments around it) is read, not kept.
  if (text.length > MAX_KEPT_PEM_CHARS) return info;
  if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
  importedKeys.set(text, info);
  return info;
}

// Keys read, by their exact PEM text: a fleet's 500 contracts name the same owners' keys, and
// each contract's roster was read twice over (its key check, then its trusted keys), at ~0.3 ms
// a read (issue 13). A text that reads gives the same key whatever file it came from; one that
// does not is never kept, so each file still gets its own error. Bounded for long-lived hosts:
// at most 4,096 texts of at most 1 KiB each (4 MiB).
const importedKeys = new Map<string, PublicKeyInfo>();
const MAX_IMPORTED_KEYS = 4096;
const MAX_KEPT_PEM_CHARS = 1024;

function importUncached(text: string, source: string): PublicKeyInfo {
  if (text.length > MAX_PEM_CHARS) throw new InputError(source, `too large for a public key (${text.length} characters)`);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new InputError(source, 'this is a PRIVATE key; share and trust only the public key (countersign keys export KEYID)');
  }
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) throw new InputError(source, 'not a PEM public key (expected a "-----BEGIN PUBLIC KEY-----" block)');
  if (blocks.length > 1) throw new InputError(source, `holds ${blocks.length} PEM blocks; expected exactly one public key`);
  const [block] = blocks;
  if (block![1] !== 'PUBLIC KEY') {
    throw new InputError(source, `holds a "${block![1]}" block; expected an Ed25519 "PUBLIC KEY" (SubjectPublicKeyInfo)`);
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: block![0], format: 'pem' });
  } catch {
    throw new InputError(source, 'the PUBLIC KEY block is not a valid key (corrupted base64 or DER)');
  }
  assertEd25519(publicKey, source);
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: keyIdOf(publicKey), pem, publicKey };
}

function assertEd25519(key: KeyObject, source: string): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InputError(source, `is a ${key.asymmetricKeyType ?? 'unknown'} key; Countersign keys are Ed25519`);
  }
}

/**
 * Minimum strength for a new key's passphrase: the encrypted key may be copied off the
 * machine, so the passphrase is what stands between a copy and a forged approval.
 * Returns the problem in words, or null when acceptable.
 */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    return `the passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long (it has ${length})`;
  }
  if (new Set(passphrase).size < 4) return 'the passphrase must use at least 4 different characters';
  return null;
}
