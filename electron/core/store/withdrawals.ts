import { InputError, NotFoundError } from '../model/errors';
import { envelopeFields } from './attestations';
import type { AuditLog } from './audit-log';
import type { ChangeSetRepository } from './change-sets';
import type { Db } from './open-database';
import type { ChangeSetState, WriteResult } from './types';
import { writeTransaction } from './write-transaction';

/** A signed withdrawal (withdrawal/v1) of one decision, as stored. */
export interface StoredWithdrawal {
  readonly id: number;
  readonly changeSetDigest: string;
  /** Payload digest of the withdrawal statement. */
  readonly statementDigest: string;
  /** Payload digest of the decision it withdraws. */
  readonly withdraws: string;
  readonly keyId: string;
  readonly reason: string;
  /** The signed DSSE envelope, as JSON text. */
  readonly envelope: string;
  readonly createdAt: string;
}

export interface RecordWithdrawalInput {
  /** The audit entry's actor (the signing reviewer); the session's when absent. */
  readonly actor?: string;
  readonly changeSetDigest: string;
  readonly statementDigest: string;
  readonly withdraws: string;
  readonly keyId: string;
  readonly reason: string;
  readonly envelope: string;
  /** Move the change set to this state in the same transaction (back to pending when no longer final). */
  readonly newState?: ChangeSetState;
}

interface WithdrawalRow {
  readonly id: number;
  readonly change_set_digest: string;
  readonly statement_digest: string;
  readonly withdraws: string;
  readonly key_id: string;
  readonly reason: string;
  readonly envelope: string;
  readonly created_at: string;
}

/** Signed withdrawals of decisions: stored as signed, never changed or deleted (the schema's triggers). */
export class WithdrawalRepository {
  private readonly insert;
  private readonly byId;
  private readonly byStatement;
  private readonly forChangeSet;
  private readonly all;
  private readonly withPayload;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly changeSets: ChangeSetRepository,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(`INSERT INTO withdrawals (change_set_digest, statement_digest, withdraws, key_id, reason, envelope, created_at)
      VALUES (@change_set_digest, @statement_digest, @withdraws, @key_id, @reason, @envelope, @created_at)`);
    this.byId = db.prepare<[number], WithdrawalRow>('SELECT * FROM withdrawals WHERE id = ?');
    this.byStatement = db.prepare<[string], WithdrawalRow>('SELECT * FROM withdrawals WHERE statement_digest = ?');
    this.forChangeSet = db.prepare<[string], WithdrawalRow>('SELECT * FROM withdrawals WHERE change_set_digest = ? ORDER BY id');
    this.all = db.prepare<[], WithdrawalRow>('SELECT * FROM withdrawals ORDER BY id');
    this.withPayload = db.prepare<[string], { envelope: string }>(`SELECT envelope FROM withdrawals WHERE json_extract(envelope, '$.payload') = ?`);
  }

  /**
   * Stores a withdrawal with its audit entry (and, when asked, the change set's new state) in
   * one transaction. The same statement twice is stored once.
   */
  record(input: RecordWithdrawalInput): WriteResult<StoredWithdrawal> {
    if (input.reason.trim() === '') throw new InputError(input.changeSetDigest, 'a withdrawal needs a reason');
    try {
      JSON.parse(input.envelope);
    } catch {
      throw new InputError(input.changeSetDigest, 'the envelope is not valid JSON');
    }
    return writeTransaction(this.db, () => {
      if (!this.changeSets.getChangeSet(input.changeSetDigest)) {
        throw new NotFoundError(input.changeSetDigest, 'no change set with this digest in the workspace');
      }
      const same = this.byStatement.get(input.statementDigest);
      if (same) return { created: false, value: toWithdrawal(same) };
      const { lastInsertRowid } = this.insert.run({
        change_set_digest: input.changeSetDigest,
        statement_digest: input.statementDigest,
        withdraws: input.withdraws,
        key_id: input.keyId,
        reason: input.reason,
        envelope: input.envelope,
        created_at: this.now().toISOString(),
      });
      const id = Number(lastInsertRowid);
      this.audit.append({
        action: 'approval.withdraw',
        subject: input.changeSetDigest,
        details: { withdrawalId: id, keyId: input.keyId, withdraws: input.withdraws, reason: input.reason },
        ...(input.actor === undefined ? {} : { actor: input.actor }),
      });
      if (input.newState !== undefined) this.changeSets.setChangeSetState(input.changeSetDigest, input.newState, { reason: `withdrawal ${id}` });
      return { created: true, value: toWithdrawal(this.byId.get(id)!) };
    });
  }

  list(changeSetDigest: string): readonly StoredWithdrawal[] {
    return this.forChangeSet.all(changeSetDigest).map(toWithdrawal);
  }

  /** Every withdrawal held (the outbox holds one file each). */
  listAll(): readonly StoredWithdrawal[] {
    return this.all.all().map(toWithdrawal);
  }

  /** Whether this exact envelope (same payload, same signatures) is stored: reads the text of an outbox file. */
  holdsEnvelope(text: string): boolean {
    const fields = envelopeFields(text);
    if (!fields) return false;
    return this.withPayload.all(fields.payload).some((r) => envelopeFields(r.envelope)?.signatures === fields.signatures);
  }
}

function toWithdrawal(r: WithdrawalRow): StoredWithdrawal {
  return {
    id: r.id,
    changeSetDigest: r.change_set_digest,
    statementDigest: r.statement_digest,
    withdraws: r.withdraws,
    keyId: r.key_id,
    reason: r.reason,
    envelope: r.envelope,
    createdAt: r.created_at,
  };
}
