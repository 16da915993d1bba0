/**
 * Small bulk reads for the inbox (issue 10): every decision's change set, kind, contract and
 * key (no envelopes), and every exception's expiry. One statement each, so a big inbox costs
 * two scans, not a query per change set.
 */
import type { Db } from './open-database';
import type { ApprovalKind } from './types';

export interface DecisionSummaryRow {
  readonly changeSetDigest: string;
  readonly id: number;
  readonly kind: ApprovalKind;
  readonly contractDigest: string;
  readonly keyId: string;
}

export interface ExceptionExpiryRow {
  readonly id: number;
  readonly changeSetDigest: string | null;
  readonly policy: string;
  readonly expiresAt: string;
}

export function decisionSummaries(db: Db): readonly DecisionSummaryRow[] {
  return db.prepare<[], [string, number, ApprovalKind, string, string]>('SELECT change_set_digest, id, kind, contract_digest, key_id FROM approvals ORDER BY id')
    .raw(true).all().map((r) => ({ changeSetDigest: r[0], id: r[1], kind: r[2], contractDigest: r[3], keyId: r[4] }));
}

export function exceptionExpiries(db: Db): readonly ExceptionExpiryRow[] {
  return db.prepare<[], [number, string | null, string, string]>('SELECT id, change_set_digest, policy, expires_at FROM exceptions WHERE expires_at IS NOT NULL ORDER BY id')
    .raw(true).all().map((r) => ({ id: r[0], changeSetDigest: r[1], policy: r[2], expiresAt: r[3] }));
}
