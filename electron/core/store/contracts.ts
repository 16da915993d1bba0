import { ConflictError, InputError } from '../model/errors';
import type { AuditLog } from './audit-log';
import type { Db } from './open-database';
import type { ContractRevision, WriteResult } from './types';
import { writeTransaction } from './write-transaction';

export interface SaveRevisionInput {
  /** The contract's name (one workspace may hold a contract per vendor/install). */
  readonly contract: string;
  /** Canonical YAML/JSON text. */
  readonly content: string;
  /** Its canonical digest, as the contract module computes it. */
  readonly digest: string;
  /** Who saved it, as shown ("Name <keyId>" when a reviewer key saved it). */
  readonly author: string;
  /** Why it was saved (may be empty). */
  readonly comment?: string;
  /** The reviewer key id that saved it, when one did. */
  readonly authorKeyId?: string | null;
  /** The audit entry's actor when not the session's (a key rotation names the reviewer). */
  readonly actor?: string;
}

interface RevisionRow {
  readonly id: number;
  readonly contract: string;
  readonly revision: number;
  readonly content: string;
  readonly digest: string;
  readonly author: string;
  readonly created_at: string;
  readonly published_envelope: string | null;
  readonly published_at: string | null;
  readonly comment: string;
  readonly author_key: string | null;
}

export interface ContractName {
  readonly contract: string;
  readonly revisions: number;
  readonly latestDigest: string;
}

/** Contract revisions: every saved edit is a new row; rows are never changed (triggers refuse it). */
export class ContractRepository {
  private readonly insertStmt;
  private readonly latestStmt;
  private readonly byIdStmt;
  private readonly byDigestStmt;
  private readonly listStmt;
  private readonly listAllStmt;
  private readonly namesStmt;
  private readonly publishStmt;

  constructor(private readonly db: Db, private readonly audit: AuditLog, private readonly now: () => Date) {
    this.insertStmt = db.prepare<[string, number, string, string, string, string, string, string | null]>(
      'INSERT INTO contract_revisions (contract, revision, content, digest, author, created_at, comment, author_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.latestStmt = db.prepare<[string], RevisionRow>('SELECT * FROM contract_revisions WHERE contract = ? ORDER BY revision DESC LIMIT 1');
    this.byIdStmt = db.prepare<[number], RevisionRow>('SELECT * FROM contract_revisions WHERE id = ?');
    this.byDigestStmt = db.prepare<[string], RevisionRow>('SELECT * FROM contract_revisions WHERE digest = ? ORDER BY id DESC LIMIT 1');
    this.listStmt = db.prepare<[string], RevisionRow>('SELECT * FROM contract_revisions WHERE contract = ? ORDER BY revision');
    this.listAllStmt = db.prepare<[], RevisionRow>('SELECT * FROM contract_revisions ORDER BY contract, revision');
    this.namesStmt = db.prepare<[], { contract: string; revisions: number; digest: string }>(
      `SELECT contract, max(revision) AS revisions, digest FROM contract_revisions GROUP BY contract ORDER BY contract`,
    );
    this.publishStmt = db.prepare<[string, string, number]>('UPDATE contract_revisions SET published_envelope = ?, published_at = ? WHERE id = ?');
  }

  /**
   * Saves a new revision; saving content identical to the latest revision stores nothing. The
   * text is compared, not only the digest: the reviewer roster sits outside the digest, and a
   * revocation (a roster change alone) must become a revision to be published.
   */
  saveRevision(input: SaveRevisionInput): WriteResult<ContractRevision> {
    if (input.contract.trim() === '') throw new InputError(input.contract, 'a contract needs a name');
    if (!/^sha256:[0-9a-f]{64}$/.test(input.digest)) throw new InputError(input.contract, `invalid contract digest "${input.digest}"`);
    return writeTransaction(this.db, () => {
      const latest = this.latestStmt.get(input.contract);
      if (latest && latest.digest === input.digest && latest.content === input.content) return { created: false, value: toRevision(latest) };
      const revision = (latest?.revision ?? 0) + 1;
      const comment = input.comment ?? '';
      const authorKey = input.authorKeyId ?? null;
      const { lastInsertRowid } = this.insertStmt.run(input.contract, revision, input.content, input.digest, input.author, this.now().toISOString(), comment, authorKey);
      const id = Number(lastInsertRowid);
      this.audit.append({
        action: 'contract.revision',
        subject: input.digest,
        details: { contract: input.contract, revision, revisionId: id, author: input.author, previous: latest?.digest ?? null, ...(comment ? { comment } : {}), ...(authorKey ? { authorKey } : {}) },
        ...(input.actor !== undefined ? { actor: input.actor } : {}),
      });
      return { created: true, value: toRevision(this.byIdStmt.get(id)!) };
    });
  }

  /** Records the signed envelope of a revision's publication (once). */
  publishRevision(id: number, envelope: string, actor?: string): ContractRevision {
    return writeTransaction(this.db, () => {
      const row = this.byIdStmt.get(id);
      if (!row) throw new InputError(`revision ${id}`, 'no such contract revision');
      if (row.published_envelope !== null) throw new ConflictError(`${row.contract} revision ${row.revision}`, 'is already published');
      this.publishStmt.run(envelope, this.now().toISOString(), id);
      this.audit.append({ action: 'contract.publish', subject: row.digest, details: { contract: row.contract, revision: row.revision, revisionId: id }, ...(actor !== undefined ? { actor } : {}) });
      return toRevision(this.byIdStmt.get(id)!);
    });
  }

  getRevision(id: number): ContractRevision | null {
    const row = this.byIdStmt.get(id);
    return row ? toRevision(row) : null;
  }

  /** The newest revision with this content digest. */
  getRevisionByDigest(digest: string): ContractRevision | null {
    const row = this.byDigestStmt.get(digest);
    return row ? toRevision(row) : null;
  }

  latestRevision(contract: string): ContractRevision | null {
    const row = this.latestStmt.get(contract);
    return row ? toRevision(row) : null;
  }

  /** Revisions oldest first, of one contract or of all. */
  listRevisions(contract?: string): readonly ContractRevision[] {
    return (contract === undefined ? this.listAllStmt.all() : this.listStmt.all(contract)).map(toRevision);
  }

  listContracts(): readonly ContractName[] {
    // SQLite returns the bare column of the max() row, i.e. the latest revision's digest.
    return this.namesStmt.all().map((r) => ({ contract: r.contract, revisions: r.revisions, latestDigest: r.digest }));
  }
}

function toRevision(r: RevisionRow): ContractRevision {
  return {
    id: r.id,
    contract: r.contract,
    revision: r.revision,
    content: r.content,
    digest: r.digest,
    author: r.author,
    authorKeyId: r.author_key,
    comment: r.comment,
    createdAt: r.created_at,
    publishedEnvelope: r.published_envelope,
    publishedAt: r.published_at,
  };
}
