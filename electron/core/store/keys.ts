import { ConflictError, InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import type { AuditLog } from './audit-log';
import type { Db } from './open-database';
import type { JsonObject, ReviewerKey, ReviewerKeySecret, TrustedKey, TrustedKeyRole, WriteResult } from './types';
import { TRUSTED_KEY_ROLES } from './types';
import { writeTransaction } from './write-transaction';

export interface CreateReviewerKeyInput {
  /** Fingerprint: sha256 of the SubjectPublicKeyInfo. */
  readonly id: string;
  readonly name: string;
  readonly publicKeyPem: string;
  /** Only ever the AEAD ciphertext: the store never sees the private key in the clear. */
  readonly encryptedPrivateKey: Uint8Array;
  /** KDF and cipher parameters needed to open it (salt, N, r, p, nonce…). */
  readonly kdf: JsonObject;
  /** The audit entry's actor (the reviewer the new key names); the session's when absent. */
  readonly actor?: string;
}

export interface RotateReviewerKeyInput {
  /** The key rotated away from: own, unrevoked. */
  readonly oldId: string;
  readonly newKey: CreateReviewerKeyInput;
  /** Other own keys revoked with it (extra keys of a workspace made before the one-key rule). */
  readonly retire?: readonly string[];
}

export interface TrustKeyInput {
  readonly fingerprint: string;
  readonly name: string;
  readonly role: TrustedKeyRole;
  readonly publicKeyPem: string;
}

interface ReviewerKeyRow {
  readonly id: string;
  readonly name: string;
  readonly public_pem: string;
  readonly created_at: string;
  readonly revoked_at: string | null;
}

interface TrustedKeyRow {
  readonly fingerprint: string;
  readonly name: string;
  readonly role: TrustedKeyRole;
  readonly public_pem: string;
  readonly added_at: string;
  readonly revoked_at: string | null;
}

/** The reviewer's own keys (private part encrypted) and the public keys it trusts. */
export class KeyRepository {
  private readonly insertReviewer;
  private readonly getReviewer;
  private readonly listReviewers;
  private readonly unrevokedReviewers;
  private readonly secretStmt;
  private readonly revokeReviewer;
  private readonly insertTrusted;
  private readonly getTrusted;
  private readonly listTrustedStmt;
  private readonly revokeTrusted;

  constructor(private readonly db: Db, private readonly audit: AuditLog, private readonly now: () => Date) {
    this.insertReviewer = db.prepare<[string, string, string, Uint8Array, string, string]>(
      'INSERT INTO reviewer_keys (id, name, public_pem, encrypted_private_key, kdf, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.getReviewer = db.prepare<[string], ReviewerKeyRow>('SELECT id, name, public_pem, created_at, revoked_at FROM reviewer_keys WHERE id = ?');
    this.listReviewers = db.prepare<[], ReviewerKeyRow>('SELECT id, name, public_pem, created_at, revoked_at FROM reviewer_keys ORDER BY created_at, id');
    this.unrevokedReviewers = db.prepare<[], ReviewerKeyRow>('SELECT id, name, public_pem, created_at, revoked_at FROM reviewer_keys WHERE revoked_at IS NULL ORDER BY created_at, id');
    this.secretStmt = db.prepare<[string], { id: string; encrypted_private_key: Buffer; kdf: string }>(
      'SELECT id, encrypted_private_key, kdf FROM reviewer_keys WHERE id = ?',
    );
    this.revokeReviewer = db.prepare<[string, string]>('UPDATE reviewer_keys SET revoked_at = ? WHERE id = ?');
    this.insertTrusted = db.prepare<[string, string, string, string, string]>(
      'INSERT INTO trusted_keys (fingerprint, name, role, public_pem, added_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.getTrusted = db.prepare<[string], TrustedKeyRow>('SELECT * FROM trusted_keys WHERE fingerprint = ?');
    this.listTrustedStmt = db.prepare<[], TrustedKeyRow>('SELECT * FROM trusted_keys ORDER BY added_at, fingerprint');
    this.revokeTrusted = db.prepare<[string, string]>('UPDATE trusted_keys SET revoked_at = ? WHERE fingerprint = ?');
  }

  /**
   * Stores this workspace's personal key. One person, one unrevoked key: a second is refused
   * (checked inside the write transaction, so two windows cannot both create one); a new key
   * replaces the old only through rotateReviewerKey.
   */
  createReviewerKey(input: CreateReviewerKeyInput): ReviewerKey {
    if (input.id === '') throw new InputError(input.name, 'a key needs its fingerprint as id');
    return writeTransaction(this.db, () => {
      if (this.getReviewer.get(input.id)) throw new ConflictError(input.id, 'a reviewer key with this id already exists');
      const held = this.unrevokedReviewers.all()[0];
      if (held) throw personalKeyHeld(held);
      this.insertReviewer.run(input.id, input.name, input.publicKeyPem, input.encryptedPrivateKey, JSON.stringify(input.kdf), this.now().toISOString());
      this.audit.append({ action: 'key.create', subject: input.id, details: { name: input.name }, ...actorOf(input.actor) });
      return toReviewerKey(this.getReviewer.get(input.id)!);
    });
  }

  /**
   * Replaces the personal key `oldId` by a new one in one transaction: the new key is stored,
   * the old one revoked (and, in a workspace made before the one-key rule, every other
   * unrevoked own key too: `retire`), with one `key.rotate` entry naming both. A crash
   * leaves either the old key alone or the new key alone in force.
   */
  rotateReviewerKey(input: RotateReviewerKeyInput): { readonly created: ReviewerKey; readonly revoked: readonly ReviewerKey[] } {
    const n = input.newKey;
    return writeTransaction(this.db, () => {
      const old = this.getReviewer.get(input.oldId);
      if (!old) throw new InputError(input.oldId, 'no reviewer key with this id');
      if (old.revoked_at !== null) throw new ConflictError(input.oldId, `this key was revoked on ${old.revoked_at}: only the key in force is rotated`);
      if (this.getReviewer.get(n.id)) throw new ConflictError(n.id, 'a reviewer key with this id already exists');
      const retire = [input.oldId, ...(input.retire ?? []).filter((id) => id !== input.oldId)];
      const at = this.now().toISOString();
      const revoked: ReviewerKey[] = [];
      for (const id of retire) {
        const row = this.getReviewer.get(id);
        if (!row) throw new InputError(id, 'no reviewer key with this id');
        if (row.revoked_at !== null) continue;
        this.revokeReviewer.run(at, id);
        revoked.push(toReviewerKey(this.getReviewer.get(id)!));
      }
      const left = this.unrevokedReviewers.all()[0];
      if (left) throw personalKeyHeld(left);
      this.insertReviewer.run(n.id, n.name, n.publicKeyPem, n.encryptedPrivateKey, JSON.stringify(n.kdf), at);
      this.audit.append({
        action: 'key.rotate',
        subject: n.id,
        details: { name: n.name, from: input.oldId, revoked: revoked.map((k) => k.id) },
        ...actorOf(n.actor),
      });
      return { created: toReviewerKey(this.getReviewer.get(n.id)!), revoked };
    });
  }

  revokeReviewerKey(id: string): ReviewerKey {
    return writeTransaction(this.db, () => {
      const row = this.getReviewer.get(id);
      if (!row) throw new InputError(id, 'no reviewer key with this id');
      if (row.revoked_at !== null) return toReviewerKey(row);
      this.revokeReviewer.run(this.now().toISOString(), id);
      this.audit.append({ action: 'key.revoke', subject: id, details: { name: row.name, kind: 'reviewer' } });
      return toReviewerKey(this.getReviewer.get(id)!);
    });
  }

  getReviewerKey(id: string): ReviewerKey | null {
    const row = this.getReviewer.get(id);
    return row ? toReviewerKey(row) : null;
  }

  listReviewerKeys(): readonly ReviewerKey[] {
    return this.listReviewers.all().map(toReviewerKey);
  }

  /** The encrypted private key, for the signing module to open with the passphrase. */
  getReviewerKeySecret(id: string): ReviewerKeySecret | null {
    const row = this.secretStmt.get(id);
    return row ? { id: row.id, encryptedPrivateKey: new Uint8Array(row.encrypted_private_key), kdf: JSON.parse(row.kdf) as JsonObject } : null;
  }

  /** Trusts a public key; trusting it again is a no-op. A revoked key stays revoked. */
  trustKey(input: TrustKeyInput): WriteResult<TrustedKey> {
    if (!TRUSTED_KEY_ROLES.includes(input.role)) throw new InputError(input.fingerprint, `unknown key role "${String(input.role)}"`);
    return writeTransaction(this.db, () => {
      const existing = this.getTrusted.get(input.fingerprint);
      if (existing) {
        if (existing.revoked_at !== null) throw new InputError(input.fingerprint, `this key was revoked on ${existing.revoked_at} and cannot be trusted again`);
        return { created: false, value: toTrustedKey(existing) };
      }
      this.insertTrusted.run(input.fingerprint, input.name, input.role, input.publicKeyPem, this.now().toISOString());
      this.audit.append({ action: 'trust.add', subject: input.fingerprint, details: { name: input.name, role: input.role } });
      return { created: true, value: toTrustedKey(this.getTrusted.get(input.fingerprint)!) };
    });
  }

  /** From now on the key's signatures stop counting (the time is recorded, not the row removed). */
  revokeTrustedKey(fingerprint: string): TrustedKey {
    return writeTransaction(this.db, () => {
      const row = this.getTrusted.get(fingerprint);
      if (!row) throw new InputError(fingerprint, 'no trusted key with this fingerprint');
      if (row.revoked_at !== null) return toTrustedKey(row);
      this.revokeTrusted.run(this.now().toISOString(), fingerprint);
      this.audit.append({ action: 'trust.revoke', subject: fingerprint, details: { name: row.name, role: row.role } });
      return toTrustedKey(this.getTrusted.get(fingerprint)!);
    });
  }

  getTrustedKey(fingerprint: string): TrustedKey | null {
    const row = this.getTrusted.get(fingerprint);
    return row ? toTrustedKey(row) : null;
  }

  listTrustedKeys(role?: TrustedKeyRole): readonly TrustedKey[] {
    return this.listTrustedStmt.all().filter((r) => role === undefined || r.role === role).map(toTrustedKey);
  }
}

/** The refusal of a second personal key, worded for the CLI and the Keys screen alike. */
function personalKeyHeld(held: ReviewerKeyRow): ConflictError {
  return new ConflictError('new key', `this workspace already holds your personal key ${printable(held.name)} (${held.id}); rotate it to replace it`);
}

function actorOf(actor: string | undefined): { readonly actor?: string } {
  return actor === undefined ? {} : { actor };
}

function toReviewerKey(r: ReviewerKeyRow): ReviewerKey {
  return { id: r.id, name: r.name, publicKeyPem: r.public_pem, createdAt: r.created_at, revokedAt: r.revoked_at };
}

function toTrustedKey(r: TrustedKeyRow): TrustedKey {
  return { fingerprint: r.fingerprint, name: r.name, role: r.role, publicKeyPem: r.public_pem, addedAt: r.added_at, revokedAt: r.revoked_at };
}
