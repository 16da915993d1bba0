import { createHash } from 'node:crypto';
import { NotFoundError } from '../model/errors';
import type { ParsedSignatureFile as LoadedAttestation } from '../loaders/bundle';
import type { AuditLog } from './audit-log';
import type { Db } from './open-database';
import type { WriteResult } from './types';
import { writeTransaction } from './write-transaction';

/** A vendor release signature file as the workspace keeps it: exactly what was received, judged when read. */
export interface StoredReleaseSignature {
  readonly id: number;
  readonly changeSetDigest: string;
  /** sha256 of the DSSE payload, or of the stored text when the file was no envelope. */
  readonly payloadDigest: string;
  /** The file's bundle path (escaped), e.g. `signatures/0123….release.dsse.json`. */
  readonly source: string;
  readonly loaded: LoadedAttestation;
  readonly createdAt: string;
}

interface Row {
  readonly id: number;
  readonly change_set_digest: string;
  readonly payload_digest: string;
  readonly source: string;
  readonly envelope: string;
  readonly created_at: string;
}

/**
 * The release_signatures table (migration 5). A file that parsed as a JSON object is stored as
 * that object; any other file is stored as a JSON string holding why it could not be read, so
 * the two never read back as each other (an object is an envelope to check, a string a reason).
 * Rows are never changed; the same file imported twice is stored once.
 */
export class ReleaseSignatureRepository {
  private readonly insert;
  private readonly listFor;
  private readonly changeSetExists;
  private readonly anyFor;

  constructor(private readonly db: Db, private readonly audit: AuditLog, private readonly now: () => Date) {
    this.insert = db.prepare<[string, string, string, string, string]>(
      'INSERT OR IGNORE INTO release_signatures (change_set_digest, payload_digest, source, envelope, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.listFor = db.prepare<[string], Row>('SELECT * FROM release_signatures WHERE change_set_digest = ? ORDER BY id');
    this.anyFor = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM release_signatures WHERE change_set_digest = ? LIMIT 1');
    this.changeSetExists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM change_sets WHERE digest = ?');
  }

  /** Stores the signature files of a stored change set (those already held are skipped); one audit entry when any is new. */
  record(changeSetDigest: string, files: readonly LoadedAttestation[]): WriteResult<number> {
    return writeTransaction(this.db, () => {
      if (!this.changeSetExists.get(changeSetDigest)) throw new NotFoundError(changeSetDigest, 'no change set with this digest in the workspace');
      const at = this.now().toISOString();
      const added: string[] = [];
      for (const f of files) {
        const text = 'error' in f || typeof f.envelope !== 'object' || f.envelope === null || Array.isArray(f.envelope)
          ? JSON.stringify('error' in f ? f.error : 'not a JSON object (a DSSE envelope)')
          : JSON.stringify(f.envelope);
        const digest = payloadDigestOf(f, text);
        if (this.insert.run(changeSetDigest, digest, f.source, text, at).changes > 0) added.push(f.source);
      }
      if (added.length > 0) this.audit.append({ action: 'changeset.signatures', subject: changeSetDigest, details: { files: added } });
      return { created: added.length > 0, value: added.length };
    });
  }

  list(changeSetDigest: string): readonly StoredReleaseSignature[] {
    return this.listFor.all(changeSetDigest).map((r) => ({
      id: r.id,
      changeSetDigest: r.change_set_digest,
      payloadDigest: r.payload_digest,
      source: r.source,
      loaded: loadedOf(r),
      createdAt: r.created_at,
    }));
  }

  /** Whether any signature file came with this change set (the inbox's fast path). */
  holdsAny(changeSetDigest: string): boolean {
    return this.anyFor.get(changeSetDigest) !== undefined;
  }

  /** The stored files as verify reads them. */
  attestations(changeSetDigest: string): LoadedAttestation[] {
    return this.list(changeSetDigest).map((s) => s.loaded);
  }
}

function loadedOf(r: Row): LoadedAttestation {
  const value = JSON.parse(r.envelope) as unknown;
  return typeof value === 'string' ? { source: r.source, error: value } : { source: r.source, envelope: value };
}

const sha256 = (bytes: string | Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function payloadDigestOf(f: LoadedAttestation, stored: string): string {
  if ('envelope' in f && typeof f.envelope === 'object' && f.envelope !== null && typeof (f.envelope as { payload?: unknown }).payload === 'string') {
    return sha256(Buffer.from((f.envelope as { payload: string }).payload, 'base64'));
  }
  return sha256(stored);
}
