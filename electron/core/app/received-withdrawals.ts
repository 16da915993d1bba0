import type { Workspace } from '../store';
import { writeTransaction } from '../store/write-transaction';

export interface ReceivedWithdrawal {
  readonly changeSetDigest: string;
  readonly statementDigest: string;
  /** Payload digest of the decision withdrawn. */
  readonly withdraws: string;
  readonly keyId: string;
  readonly reason: string;
  /** The verified envelope, as JSON text. */
  readonly envelope: string;
}

/**
 * Stores a received, verified withdrawal/v1 in `withdrawals` (migration 5) with its audit
 * entry; the same statement twice is stored once. A minimal stand-in until the decisions
 * owner's repository (store/withdrawals.ts) lands: it writes the same table and columns.
 */
export function recordWithdrawal(ws: Workspace, w: ReceivedWithdrawal): boolean {
  return writeTransaction(ws.db, () => {
    const held = ws.db.prepare<[string], { id: number }>('SELECT id FROM withdrawals WHERE statement_digest = ?').get(w.statementDigest);
    if (held) return false;
    const { lastInsertRowid } = ws.db.prepare<[string, string, string, string, string, string, string]>(
      'INSERT INTO withdrawals (change_set_digest, statement_digest, withdraws, key_id, reason, envelope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(w.changeSetDigest, w.statementDigest, w.withdraws, w.keyId, w.reason, w.envelope, new Date().toISOString());
    ws.audit.append({ action: 'withdrawal.import', subject: w.changeSetDigest, details: { withdrawalId: Number(lastInsertRowid), withdraws: w.withdraws, keyId: w.keyId } });
    return true;
  });
}
