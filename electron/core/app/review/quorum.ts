import { join } from 'node:path';
import type { ExceptionDto, QuorumStatus, WaiverDto } from '../../../shared/api-types';
import { attestationFileName } from '../../signing';
import type { Workspace } from '../../store';
import type { CountedDecision, ReleaseVerification } from '../../verify';
import { outboxFolderFor } from '../outbox-layout';
import type { ReviewSession } from './review-session';

/** Approvals so far (distinct trusted keys whose latest decision counts) against the contract's quorum. */
export function quorumStatus(session: ReviewSession, digest: string, now = new Date()): QuorumStatus {
  const judged = session.judge(digest, now);
  return quorumOf(session.ws, judged.verification, judged.active.contract.approvals.maxExceptionDays);
}

/** The quorum state a judgement shows (e.g. the one a decision returns: no need to judge again). */
export function quorumOf(ws: Workspace, v: ReleaseVerification, maxExceptionDays: number): QuorumStatus {
  const approver = (d: CountedDecision) => ({ keyId: d.keyId, name: keyName(ws, d.keyId) ?? d.reviewer, at: d.time, decision: d.decision });
  return {
    approvals: v.approvals.length,
    approvalsRequired: v.quorum,
    rejections: v.rejections.length,
    approvers: [...v.approvals, ...v.rejections].map(approver).sort((a, b) => a.at.localeCompare(b.at)),
    exceptionQuorum: v.exceptionQuorum,
    maxExceptionDays,
  };
}

/**
 * The exceptions held for a change set. `valid` means it waives the findings it names now:
 * enough distinct trusted signatures, not expired, under this contract (what verify decides).
 * `file` is where its latest signed copy was exported (its change set's folder in the outbox).
 */
export function exceptionList(session: ReviewSession, digest: string, outboxDir: string, now = new Date()): ExceptionDto[] {
  const judged = session.judge(digest, now);
  const applied = new Set(judged.verification.exceptionsApplied.map((e) => e.digest));
  const read = new Map(judged.verification.exceptions.map((e) => [e.digest, e]));
  return session.ws.attestations.listExceptions(digest).map((e) => {
    // Only signatures verify accepted are shown and counted (never a stored row's key id).
    const status = read.get(e.statementDigest);
    const signers = status?.signers ?? [];
    const waives = status?.waives ?? [];
    return {
      id: String(e.id),
      policy: [...new Set(waives.map((w) => w.policy))].join(', ') || e.policy,
      resource: waives.map(waiverTarget).join('; ') || e.resourcePattern,
      waives,
      covers: status?.covers ?? [],
      changeSetDigest: e.changeSetDigest,
      expires: e.expiresAt ?? '',
      justification: e.justification,
      requester: e.requester,
      signatures: signers.map((keyId) => ({ keyId, name: keyName(session.ws, keyId) ?? keyId.slice(0, 19) })),
      required: judged.verification.exceptionQuorum,
      valid: applied.has(e.statementDigest),
      file: join(outboxFolderFor(session.ws, outboxDir, e.changeSetDigest), attestationFileName('exception', e.statementDigest)),
    };
  });
}

/** What a waiver names, without its policy: the address, `pattern GLOB`, or `v1 resource R`. */
function waiverTarget(w: WaiverDto): string {
  if ('address' in w) return w.address;
  return 'pattern' in w ? `pattern ${w.pattern}` : `v1 resource ${w.v1Resource}`;
}

function keyName(ws: Workspace, keyId: string): string | undefined {
  return ws.keys.getReviewerKey(keyId)?.name ?? ws.keys.getTrustedKey(keyId)?.name;
}
