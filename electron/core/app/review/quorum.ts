import { join } from 'node:path';
import type { ExceptionDto, QuorumStatus } from '../../../shared/api-types';
import { attestationFileName } from '../../signing';
import type { Workspace } from '../../store';
import type { CountedDecision } from '../../verify';
import type { ReviewSession } from './review-session';

/** Approvals so far (distinct trusted keys whose latest decision counts) against the contract's quorum. */
export function quorumStatus(session: ReviewSession, digest: string, now = new Date()): QuorumStatus {
  const judged = session.judge(digest, now);
  const v = judged.verification;
  const approver = (d: CountedDecision) => ({ keyId: d.keyId, name: keyName(session.ws, d.keyId) ?? d.reviewer, at: d.time, decision: d.decision });
  return {
    approvals: v.approvals.length,
    approvalsRequired: v.quorum,
    rejections: v.rejections.length,
    approvers: [...v.approvals, ...v.rejections].map(approver).sort((a, b) => a.at.localeCompare(b.at)),
    exceptionQuorum: v.exceptionQuorum,
    maxExceptionDays: judged.active.contract.approvals.maxExceptionDays,
  };
}

/**
 * The exceptions held for a change set. `valid` means it waives the findings it names now:
 * enough distinct trusted signatures, not expired, under this contract (what verify decides).
 * `file` is where its latest signed copy was exported (the outbox).
 */
export function exceptionList(session: ReviewSession, digest: string, outboxDir: string, now = new Date()): ExceptionDto[] {
  const judged = session.judge(digest, now);
  const applied = new Set(judged.verification.exceptionsApplied.map((e) => e.digest));
  return session.ws.attestations.listExceptions(digest).map((e) => {
    const signers = [...new Set(e.signatures.map((s) => s.keyId))];
    return {
      id: String(e.id),
      policy: e.policy,
      resource: e.resourcePattern,
      changeSetDigest: e.changeSetDigest,
      expires: e.expiresAt ?? '',
      justification: e.justification,
      requester: e.requester,
      signatures: signers.map((keyId) => ({ keyId, name: keyName(session.ws, keyId) ?? keyId.slice(0, 19) })),
      required: judged.verification.exceptionQuorum,
      valid: applied.has(e.statementDigest),
      file: join(outboxDir, attestationFileName('exception', e.statementDigest)),
    };
  });
}

function keyName(ws: Workspace, keyId: string): string | undefined {
  return ws.keys.getReviewerKey(keyId)?.name ?? ws.keys.getTrustedKey(keyId)?.name;
}
