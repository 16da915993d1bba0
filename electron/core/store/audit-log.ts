import { canonicalJson } from '../base/canonical-json';
import { auditEntryHash, GENESIS_HASH } from './audit-hash';
import type { Db } from './open-database';
import type { JsonObject } from './types';

/** Every kind of state change the log records. */
export type AuditAction =
  | 'workspace.init'
  | 'changeset.import'
  | 'changeset.state'
  | 'changeset.signatures'
  | 'changeset.labels'
  | 'evaluation.record'
  | 'contract.revision'
  | 'contract.publish'
  | 'key.create'
  | 'key.revoke'
  | 'trust.add'
  | 'trust.revoke'
  | 'approval.approve'
  | 'approval.reject'
  | 'exception.request'
  | 'exception.sign'
  | 'key.rotate'
  | 'approval.withdraw'
  | 'settings.update'
  // issue 12 (drift review)
  | 'drift.import'
  | 'drift.acknowledge'
  // issue 12 (BK): a workspace restored from a backup (written into the restored chain)
  | 'workspace.restore';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: JsonObject;
  readonly prevHash: string;
  readonly hash: string;
}

/** A row as stored (details as canonical JSON text). */
export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
  readonly prev_hash: string;
  readonly hash: string;
}

export interface AppendAudit {
  readonly action: AuditAction;
  readonly subject: string;
  readonly details: JsonObject;
  /**
   * Who did it, when not the session's actor: signing actions name the reviewer whose key
   * signed (see audit-actor.ts), inside the same transaction as the change they record.
   */
  readonly actor?: string;
}

/** Who and when, fixed per workspace (the clock is injectable for tests). */
export interface AuditContext {
  readonly actor: string;
  readonly now: () => Date;
}

/** The hash-chained, append-only audit log. */
export class AuditLog {
  private readonly headStmt;
  private readonly insertStmt;
  private readonly pageStmt;
  private readonly countStmt;

  constructor(private readonly db: Db, private readonly context: AuditContext) {
    this.headStmt = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare<AuditRow>(
      'INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash)',
    );
    this.pageStmt = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');
  }

  /**
   * Appends one entry. Must run inside the caller's write transaction (IMMEDIATE), so the
   * entry commits or rolls back with the change it records and no other writer can slip in
   * between reading the head and appending.
   */
  append(entry: AppendAudit): AuditEntry {
    if (!this.db.inTransaction) throw new Error('audit entries are appended inside the write transaction they record');
    const head = this.head();
    const fields = {
      seq: (head?.seq ?? 0) + 1,
      at: this.context.now().toISOString(),
      actor: entry.actor ?? this.context.actor,
      action: entry.action,
      subject: entry.subject,
      details: entry.details,
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    const hash = auditEntryHash(fields);
    this.insertStmt.run({ ...fields, details: canonicalJson(entry.details), hash });
    const { prev_hash: prevHash, ...rest } = fields;
    return { ...rest, prevHash, hash };
  }

  /** Entries after `afterSeq`, in order (keyset paging: bounded memory, no long-held cursor). */
  page(afterSeq: number, limit: number): readonly AuditEntry[] {
    return this.pageStmt.all(afterSeq, limit).map(toAuditEntry);
  }

  /** The last entry's seq and hash, or null for an empty log. */
  head(): { readonly seq: number; readonly hash: string } | null {
    return this.headStmt.get() ?? null;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as JsonObject,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
