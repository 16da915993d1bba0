import { InputError, NotFoundError } from '../model/errors';
import type { AuditLog } from './audit-log';
import type { ChangeSetRepository } from './change-sets';
import type { Db } from './open-database';
import type { ApprovalKind, ChangeSetState, StoredApproval, StoredException, StoredExceptionSignature, WriteResult } from './types';
import { writeTransaction } from './write-transaction';

export interface RecordApprovalInput {
  readonly kind: ApprovalKind;
  readonly changeSetDigest: string;
  readonly contractDigest: string;
  readonly evaluationDigest: string;
  readonly keyId: string;
  /** The signed DSSE envelope, as JSON text. */
  readonly envelope: string;
  /** Move the change set to this state in the same transaction (e.g. 'approved' once quorum is met). */
  readonly newState?: ChangeSetState;
  /** The audit entry's actor (the signing reviewer, see audit-actor.ts); the session's when absent. */
  readonly actor?: string;
}

export interface RecordExceptionInput {
  /** sha256 of the DSSE payload (the in-toto Statement): one exception however many sign it. */
  readonly statementDigest: string;
  /** The requester's signed envelope, as JSON text. */
  readonly envelope: string;
  readonly policy: string;
  readonly resourcePattern: string;
  readonly changeSetDigest: string | null;
  readonly expiresAt: string | null;
  readonly justification: string;
  readonly requester: string;
  /** The requester's key: its signature is the exception's first. */
  readonly keyId: string;
  /** The audit entry's actor (the signing reviewer); the session's when absent. */
  readonly actor?: string;
}

interface ApprovalRow {
  readonly id: number;
  readonly kind: ApprovalKind;
  readonly change_set_digest: string;
  readonly contract_digest: string;
  readonly evaluation_digest: string;
  readonly key_id: string;
  readonly envelope: string;
  readonly created_at: string;
}

interface ExceptionRow {
  readonly id: number;
  readonly statement_digest: string;
  readonly envelope: string;
  readonly policy: string;
  readonly resource_pattern: string;
  readonly change_set_digest: string | null;
  readonly expires_at: string | null;
  readonly justification: string;
  readonly requester: string;
  readonly created_at: string;
}

/** Signed approvals, rejections and exceptions: stored as signed, never changed. */
export class AttestationRepository {
  private readonly insertApproval;
  private readonly approvalById;
  private readonly approvalsFor;
  private readonly insertException;
  private readonly exceptionById;
  private readonly exceptionByStatement;
  private readonly exceptionsFor;
  private readonly insertSignature;
  private readonly signaturesOf;
  private readonly signatureExists;
  private readonly envelopesWithPayload;
  private readonly outboxRows;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly changeSets: ChangeSetRepository,
    private readonly now: () => Date,
  ) {
    this.insertApproval = db.prepare<[string, string, string, string, string, string, string]>(
      'INSERT INTO approvals (kind, change_set_digest, contract_digest, evaluation_digest, key_id, envelope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.approvalById = db.prepare<[number], ApprovalRow>('SELECT * FROM approvals WHERE id = ?');
    this.approvalsFor = db.prepare<[string], ApprovalRow>('SELECT * FROM approvals WHERE change_set_digest = ? ORDER BY id');
    this.insertException = db.prepare(`INSERT INTO exceptions (statement_digest, envelope, policy, resource_pattern, change_set_digest,
      expires_at, justification, requester, created_at) VALUES (@statement_digest, @envelope, @policy, @resource_pattern,
      @change_set_digest, @expires_at, @justification, @requester, @created_at)`);
    this.exceptionById = db.prepare<[number], ExceptionRow>('SELECT * FROM exceptions WHERE id = ?');
    this.exceptionByStatement = db.prepare<[string], ExceptionRow>('SELECT * FROM exceptions WHERE statement_digest = ?');
    // Exceptions bound to this change set, and those bound only by expiry (they may apply to any).
    this.exceptionsFor = db.prepare<[string], ExceptionRow>(
      'SELECT * FROM exceptions WHERE change_set_digest = ? UNION ALL SELECT * FROM exceptions WHERE change_set_digest IS NULL ORDER BY id',
    );
    this.insertSignature = db.prepare<[number, string, string, string]>(
      'INSERT INTO exception_signatures (exception_id, key_id, envelope, created_at) VALUES (?, ?, ?, ?)',
    );
    this.signaturesOf = db.prepare<[number], { key_id: string; envelope: string; created_at: string }>(
      'SELECT key_id, envelope, created_at FROM exception_signatures WHERE exception_id = ? ORDER BY id',
    );
    this.signatureExists = db.prepare<[number, string], { n: number }>('SELECT 1 AS n FROM exception_signatures WHERE exception_id = ? AND key_id = ?');
    this.envelopesWithPayload = db.prepare<[string, string], { envelope: string }>(`SELECT envelope FROM approvals WHERE json_extract(envelope, '$.payload') = ?
      UNION ALL SELECT envelope FROM exception_signatures WHERE json_extract(envelope, '$.payload') = ?`);
    // Per exception its newest signed copy (it carries every signature so far).
    this.outboxRows = db.prepare<[], { kind: ApprovalKind | 'exception'; digest: string | null; change_set_digest: string | null; envelope: string }>(`SELECT kind, NULL AS digest, change_set_digest, envelope FROM approvals
      UNION ALL SELECT 'exception', e.statement_digest, e.change_set_digest, s.envelope FROM exceptions e
      JOIN exception_signatures s ON s.id = (SELECT max(id) FROM exception_signatures WHERE exception_id = e.id)`);
  }

  /**
   * Stores a signed approval or rejection with its audit entry (and, when asked, the change
   * set's new state and that entry) in one transaction. The same envelope twice is stored once.
   */
  recordApproval(input: RecordApprovalInput): WriteResult<StoredApproval> {
    if (input.kind !== 'approve' && input.kind !== 'reject') throw new InputError(input.changeSetDigest, `unknown approval kind "${String(input.kind)}"`);
    checkJson(input.envelope, input.changeSetDigest);
    return writeTransaction(this.db, () => {
      if (!this.changeSets.getChangeSet(input.changeSetDigest)) {
        throw new NotFoundError(input.changeSetDigest, 'no change set with this digest in the workspace');
      }
      const same = this.approvalsFor.all(input.changeSetDigest).find((a) => a.envelope === input.envelope);
      if (same) return { created: false, value: toApproval(same) };
      const { lastInsertRowid } = this.insertApproval.run(
        input.kind, input.changeSetDigest, input.contractDigest, input.evaluationDigest, input.keyId, input.envelope, this.now().toISOString(),
      );
      const id = Number(lastInsertRowid);
      this.audit.append({
        action: input.kind === 'approve' ? 'approval.approve' : 'approval.reject',
        subject: input.changeSetDigest,
        details: { approvalId: id, keyId: input.keyId, contract: input.contractDigest, evaluation: input.evaluationDigest },
        ...actorOf(input.actor),
      });
      if (input.newState !== undefined) this.changeSets.setChangeSetState(input.changeSetDigest, input.newState, { reason: `${input.kind} ${id}` });
      return { created: true, value: toApproval(this.approvalById.get(id)!) };
    });
  }

  listApprovals(changeSetDigest: string): readonly StoredApproval[] {
    return this.approvalsFor.all(changeSetDigest).map(toApproval);
  }

  /** Stores a requested exception and its requester's signature; the same statement twice is stored once. */
  recordException(input: RecordExceptionInput): WriteResult<StoredException> {
    const where = input.policy || input.statementDigest;
    if (input.justification.trim() === '') throw new InputError(where, 'an exception needs a justification');
    if (input.changeSetDigest === null && input.expiresAt === null) throw new InputError(where, 'an exception needs a change-set digest or an expiry');
    checkJson(input.envelope, where);
    return writeTransaction(this.db, () => {
      const existing = this.exceptionByStatement.get(input.statementDigest);
      if (existing) return { created: false, value: this.toException(existing) };
      const { lastInsertRowid } = this.insertException.run({
        statement_digest: input.statementDigest,
        envelope: input.envelope,
        policy: input.policy,
        resource_pattern: input.resourcePattern,
        change_set_digest: input.changeSetDigest,
        expires_at: input.expiresAt,
        justification: input.justification,
        requester: input.requester,
        created_at: this.now().toISOString(),
      });
      const id = Number(lastInsertRowid);
      this.insertSignature.run(id, input.keyId, input.envelope, this.now().toISOString());
      this.audit.append({
        action: 'exception.request',
        subject: input.statementDigest,
        details: {
          exceptionId: id, policy: input.policy, resource: input.resourcePattern, changeSet: input.changeSetDigest,
          expiresAt: input.expiresAt, requester: input.requester, keyId: input.keyId,
        },
        ...actorOf(input.actor),
      });
      return { created: true, value: this.toException(this.exceptionById.get(id)!) };
    });
  }

  /** Adds a co-signer's signature (an envelope over the same statement); the same key twice is stored once. */
  addExceptionSignature(exceptionId: number, keyId: string, envelope: string, actor?: string): WriteResult<StoredException> {
    checkJson(envelope, `exception ${exceptionId}`);
    return writeTransaction(this.db, () => {
      const row = this.exceptionById.get(exceptionId);
      if (!row) throw new InputError(`exception ${exceptionId}`, 'no such exception in the workspace');
      if (this.signatureExists.get(exceptionId, keyId)) return { created: false, value: this.toException(row) };
      this.insertSignature.run(exceptionId, keyId, envelope, this.now().toISOString());
      this.audit.append({ action: 'exception.sign', subject: row.statement_digest, details: { exceptionId, keyId }, ...actorOf(actor) });
      return { created: true, value: this.toException(row) };
    });
  }

  getException(id: number): StoredException | null {
    const row = this.exceptionById.get(id);
    return row ? this.toException(row) : null;
  }

  getExceptionByStatement(statementDigest: string): StoredException | null {
    const row = this.exceptionByStatement.get(statementDigest);
    return row ? this.toException(row) : null;
  }

  /** Exceptions that may apply to a change set: bound to it, or bound only by an expiry. */
  listExceptions(changeSetDigest: string): readonly StoredException[] {
    return this.exceptionsFor.all(changeSetDigest).map((r) => this.toException(r));
  }

  /**
   * Whether this exact envelope (same payload, same signatures) is stored: as an approval or
   * rejection, or as a signed copy of an exception. Reads the text of an outbox file.
   */
  holdsEnvelope(text: string): boolean {
    const fields = envelopeFields(text);
    if (!fields) return false;
    return this.envelopesWithPayload.all(fields.payload, fields.payload).some((r) => envelopeFields(r.envelope)?.signatures === fields.signatures);
  }

  /**
   * What the outbox holds, one envelope per file: every decision, and each exception's newest
   * signed copy, with the change set it belongs to (null: a contract-wide exception).
   */
  listOutboxEnvelopes(): readonly { readonly kind: ApprovalKind | 'exception'; readonly statementDigest: string | null; readonly changeSetDigest: string | null; readonly envelope: string }[] {
    return this.outboxRows.all().map((r) => ({ kind: r.kind, statementDigest: r.digest, changeSetDigest: r.change_set_digest, envelope: r.envelope }));
  }

  private toException(r: ExceptionRow): StoredException {
    const signatures: StoredExceptionSignature[] = this.signaturesOf.all(r.id).map((s) => ({ keyId: s.key_id, envelope: s.envelope, createdAt: s.created_at }));
    return {
      id: r.id,
      statementDigest: r.statement_digest,
      envelope: r.envelope,
      policy: r.policy,
      resourcePattern: r.resource_pattern,
      changeSetDigest: r.change_set_digest,
      expiresAt: r.expires_at,
      justification: r.justification,
      requester: r.requester,
      createdAt: r.created_at,
      signatures,
    };
  }
}

function actorOf(actor: string | undefined): { readonly actor?: string } {
  return actor === undefined ? {} : { actor };
}

function checkJson(text: string, where: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new InputError(where, 'the envelope is not valid JSON');
  }
}

/** The payload and the signatures (as canonical text) of an envelope's JSON text; null when it is not one. */
export function envelopeFields(text: string): { payload: string; signatures: string } | null {
  try {
    const e = JSON.parse(text) as { payload?: unknown; signatures?: unknown };
    if (typeof e.payload !== 'string' || !Array.isArray(e.signatures)) return null;
    // Compared by what a signature is (key id and bytes), not by how its object was spelled.
    const signatures = (e.signatures as { keyid?: unknown; sig?: unknown }[]).map((x) => [x?.keyid ?? null, x?.sig ?? null]);
    return { payload: e.payload, signatures: JSON.stringify(signatures) };
  } catch {
    return null;
  }
}

function toApproval(r: ApprovalRow): StoredApproval {
  return {
    id: r.id,
    kind: r.kind,
    changeSetDigest: r.change_set_digest,
    contractDigest: r.contract_digest,
    evaluationDigest: r.evaluation_digest,
    keyId: r.key_id,
    envelope: r.envelope,
    createdAt: r.created_at,
  };
}
