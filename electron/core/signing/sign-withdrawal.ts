/**
 * withdrawal/v1 signing (issue 10). A minimal version for the app's "withdraw my decision";
 * helper V adds `signWithdrawal` to sign.ts with the same signature, and the lead keeps one.
 */
import { UsageError } from '../model/errors';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE } from './dsse';
import type { DsseEnvelope } from './dsse';
import { ENVELOPE_FILE_SUFFIX } from './attestation-files';
import { keyIdOf } from './keys';
import { WITHDRAWAL_PREDICATE, withdrawalPredicateSchema } from './predicates';
import type { AuditHead, WithdrawalPredicate } from './predicates';
import type { Signer } from './sign';
import { CHANGESET_SUBJECT, payloadDigest, STATEMENT_TYPE, statementBytes, subjectFor } from './statement';
import type { Statement } from './statement';

export interface WithdrawalRequest {
  readonly changeSetDigest: string;
  /** Payload digest of the decision withdrawn. */
  readonly withdraws: string;
  /** What that decision said. */
  readonly decision: 'approve' | 'reject';
  readonly reason: string;
  readonly reviewer: Signer;
  readonly time?: Date;
  readonly auditHead: AuditHead;
}

export interface SignedWithdrawal {
  readonly envelope: DsseEnvelope;
  readonly digest: string;
  /** `withdrawal-<short digest>.dsse.json` */
  readonly fileName: string;
  readonly statement: Statement<WithdrawalPredicate>;
}

/** Signs a withdrawal of one decision over the change set it decided; the reason is required. */
export function signWithdrawal(req: WithdrawalRequest): SignedWithdrawal {
  const time = req.time ?? new Date();
  if (Number.isNaN(time.getTime())) throw new UsageError('invalid time');
  const candidate = {
    withdraws: req.withdraws,
    decision: req.decision,
    reason: req.reason,
    reviewer: { keyId: keyIdOf(req.reviewer.privateKey), name: req.reviewer.name },
    time: time.toISOString(),
    auditHead: { ...req.auditHead },
  };
  // The same schema verify reads it with: what we sign is what will be read.
  const parsed = withdrawalPredicateSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(issue.path[0] === 'reason' ? 'a withdrawal needs a reason' : `cannot sign the withdrawal: ${issue.path.join('.')} ${issue.message}`);
  }
  const key = req.reviewer.privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw new TypeError('signing needs an Ed25519 private key');
  const statement: Statement<WithdrawalPredicate> = {
    _type: STATEMENT_TYPE,
    subject: [subjectFor(CHANGESET_SUBJECT, req.changeSetDigest)],
    predicateType: WITHDRAWAL_PREDICATE,
    predicate: parsed.data,
  };
  const payload = statementBytes(statement);
  const digest = payloadDigest(payload);
  return { envelope: createEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, key), digest, statement, fileName: withdrawalFileName(digest) };
}

export function withdrawalFileName(digest: string): string {
  return `withdrawal-${digest.replace(/^sha256:/, '').slice(0, 12)}${ENVELOPE_FILE_SUFFIX}`;
}
