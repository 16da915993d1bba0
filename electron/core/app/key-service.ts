import type { KeyObject } from 'node:crypto';
import { ConflictError, InputError, NotFoundError, WrongPassphrase } from '../model/errors';
import { printable } from '../model/printable-text';
import { decryptPrivateKey, encryptPrivateKey, generateReviewerKey, importPublicKeyPem, passphraseProblem, TamperedKeyError, WrongPassphraseError } from '../signing';
import { reviewerActor, TRUSTED_KEY_ROLES } from '../store';
import type { CreateReviewerKeyInput, JsonObject, ReviewerKey, TrustedKey, TrustedKeyRole, Workspace } from '../store';

export interface KeyList {
  /** This workspace's own signing keys (public parts only). */
  readonly reviewer: readonly ReviewerKey[];
  /** Co-reviewers' and vendors' public keys. */
  readonly trusted: readonly TrustedKey[];
}

export interface PublicKeyExport {
  readonly keyId: string;
  readonly name: string;
  readonly pem: string;
}

/**
 * Makes this workspace's personal Ed25519 key and stores it with its private half encrypted
 * under the passphrase (scrypt + AES-256-GCM). The clear private key never reaches the store.
 * One person, one key: while an unrevoked own key exists a second is refused (ConflictError),
 * before the passphrase is even stretched; rotateKey replaces the key.
 */
export async function createKey(ws: Workspace, input: { readonly name: string; readonly passphrase: string }): Promise<ReviewerKey> {
  assertNoPersonalKey(ws);
  return ws.keys.createReviewerKey(await newKeyMaterial(input.name, input.passphrase, '--name'));
}

/** Refuses (ConflictError) while the workspace holds an unrevoked own key, worded for the CLI and the Keys screen. */
export function assertNoPersonalKey(ws: Workspace): void {
  const held = personalKeys(ws)[0];
  if (held) throw new ConflictError('new key', `this workspace already holds your personal key ${printable(held.name)} (${held.id}); rotate it to replace it`);
}

/** The workspace's own unrevoked keys, oldest first: one, or several in a workspace made before the one-key rule. */
export function personalKeys(ws: Workspace): readonly ReviewerKey[] {
  return ws.keys.listReviewerKeys().filter((k) => k.revokedAt === null);
}

/** A fresh key pair as the store keeps it (private half encrypted), its audit actor naming it. */
export async function newKeyMaterial(rawName: string, passphrase: string, nameField: string): Promise<CreateReviewerKeyInput> {
  const name = rawName.trim();
  if (name === '') throw new InputError(nameField, 'a key needs a name (who signs with it)');
  const problem = passphraseProblem(passphrase);
  if (problem) throw new InputError('passphrase', problem);
  const pair = generateReviewerKey();
  const blob = await encryptPrivateKey(pair.privateKey, passphrase);
  const { ciphertext, ...params } = blob;
  return {
    id: pair.keyId,
    name,
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    encryptedPrivateKey: Buffer.from(ciphertext, 'base64'),
    kdf: params as unknown as JsonObject,
    actor: reviewerActor(name, pair.keyId),
  };
}

export function listKeys(ws: Workspace): KeyList {
  return { reviewer: ws.keys.listReviewerKeys(), trusted: ws.keys.listTrustedKeys() };
}

/** The public key PEM of an own or trusted key (id or unique prefix). */
export function exportKey(ws: Workspace, keyIdOrPrefix: string): PublicKeyExport {
  const id = resolveKeyId(ws, keyIdOrPrefix, 'any');
  const own = ws.keys.getReviewerKey(id);
  if (own) return { keyId: id, name: own.name, pem: own.publicKeyPem };
  const trusted = ws.keys.getTrustedKey(id)!;
  return { keyId: id, name: trusted.name, pem: trusted.publicKeyPem };
}

/** Trusts a public key (PEM text; `source` names the file in errors). */
export function trustKey(ws: Workspace, input: { readonly pem: string; readonly source: string; readonly name?: string; readonly role?: TrustedKeyRole }): { readonly created: boolean; readonly key: TrustedKey } {
  const role = input.role ?? 'reviewer';
  if (!TRUSTED_KEY_ROLES.includes(role)) throw new InputError('--role', `unknown role '${printable(String(role))}' (expected reviewer, vendor or contract-owner)`);
  const info = importPublicKeyPem(input.pem, input.source);
  if (ws.keys.getReviewerKey(info.keyId)) throw new ConflictError(input.source, `this is the workspace's own key ${info.keyId}; it is trusted already`);
  const result = ws.keys.trustKey({ fingerprint: info.keyId, name: input.name?.trim() || info.keyId.slice(0, 19), role, publicKeyPem: info.pem });
  return { created: result.created, key: result.value };
}

/** Revokes an own or trusted key from now on: its signatures stop counting. */
export function revokeKey(ws: Workspace, keyIdOrPrefix: string): { readonly keyId: string; readonly revokedAt: string } {
  const id = resolveKeyId(ws, keyIdOrPrefix, 'any');
  const key = ws.keys.getReviewerKey(id) ? ws.keys.revokeReviewerKey(id) : ws.keys.revokeTrustedKey(id);
  return { keyId: id, revokedAt: key.revokedAt! };
}

/**
 * A key id from its full form or a unique prefix (`sha256:ab12…` or the hex alone, at least
 * 4 hex digits), among the workspace's own keys ('own') or own and trusted keys ('any').
 */
export function resolveKeyId(ws: Workspace, text: string, among: 'own' | 'any'): string {
  const p = text.startsWith('sha256:') ? text : `sha256:${text}`;
  if (!/^sha256:[0-9a-f]{4,64}$/.test(p)) throw new InputError(text, 'is not a key id (sha256:<hex>, at least 4 hex digits)');
  const ids = [...ws.keys.listReviewerKeys().map((k) => k.id), ...(among === 'any' ? ws.keys.listTrustedKeys().map((k) => k.fingerprint) : [])];
  const hits = [...new Set(ids.filter((id) => id.startsWith(p)))];
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new InputError(text, 'names more than one key: give more digits');
  const trustedOnly = among === 'own' && ws.keys.listTrustedKeys().some((k) => k.fingerprint.startsWith(p));
  if (trustedOnly) throw new InputError(text, "is a trusted key, not one of this workspace's own keys: only its owner can sign with it");
  throw new NotFoundError(text, "no key with this id in the workspace (see 'countersign keys list')");
}

/**
 * Opens an own, unrevoked key with its passphrase for one signature. A wrong passphrase is an
 * InputError ("wrong passphrase for key …"), never a stack.
 */
export async function unlockKey(ws: Workspace, keyIdOrPrefix: string, passphrase: string): Promise<{ readonly key: ReviewerKey; readonly privateKey: KeyObject }> {
  const id = resolveKeyId(ws, keyIdOrPrefix, 'own');
  const key = ws.keys.getReviewerKey(id)!;
  if (key.revokedAt !== null) throw new InputError(id, `this key was revoked on ${key.revokedAt} and can no longer sign`);
  const secret = ws.keys.getReviewerKeySecret(id)!;
  const blob = { ...secret.kdf, ciphertext: Buffer.from(secret.encryptedPrivateKey).toString('base64') };
  try {
    return { key, privateKey: await decryptPrivateKey(blob, passphrase) };
  } catch (err) {
    if (err instanceof WrongPassphraseError) throw new WrongPassphrase(`key ${id}`, 'wrong passphrase');
    if (err instanceof TamperedKeyError) throw new InputError(`key ${id}`, err.message);
    throw err;
  }
}
