import { signApproval, signRejection } from '../signing';
import { requireRejectionComment } from '../model/rejection-comment';
import { currentAuditHead } from '../store';
import type { ChangeSetState, Workspace } from '../store';
import { evaluateStored } from './change-set-service';
import { currentContract } from './current-contract';
import { PolicyRefusal } from './errors';
import { unlockKey } from './key-service';
import { attestationFile, judgeInWorkspace } from './workspace-judgement';
import type { AttestationFile } from './workspace-judgement';

export interface DecisionInput {
  /** Change-set digest or unique prefix. */
  readonly digest: string;
  readonly keyId: string;
  readonly passphrase: string;
  readonly comment?: string;
  /** Signing time (default now). */
  readonly now?: Date;
}

export interface DecisionResult {
  readonly kind: 'approve' | 'reject';
  readonly changeSetDigest: string;
  readonly approvalId: number;
  /** Payload digest of the signed statement. */
  readonly attestationDigest: string;
  readonly contractDigest: string;
  readonly evaluationDigest: string;
  readonly verdict: string;
  /** Exceptions the approval relies on (their digests). */
  readonly exceptions: readonly string[];
  /** Distinct valid approvals under the current contract, this one included, and how many the contract needs. */
  readonly approvals: number;
  readonly quorum: number;
  readonly state: ChangeSetState;
  readonly file: AttestationFile;
}

/**
 * Signs an approval of a stored change set under the current contract revision. The change
 * set is re-evaluated from its stored files; an approval is refused (PolicyRefusal) while a
 * blocking finding is not waived by a valid exception, since `verify` could never pass then.
 * When the quorum is reached the change set becomes `approved`, in the same transaction.
 */
export function approveChangeSet(ws: Workspace, input: DecisionInput): Promise<DecisionResult> {
  return decide(ws, 'approve', input);
}

/** Signs a rejection (a comment saying why is required); the change set becomes `rejected`. */
export async function rejectChangeSet(ws: Workspace, input: DecisionInput & { readonly comment: string }): Promise<DecisionResult> {
  requireRejectionComment(input.comment);
  return decide(ws, 'reject', input);
}

async function decide(ws: Workspace, kind: 'approve' | 'reject', input: DecisionInput): Promise<DecisionResult> {
  const digest = ws.changeSets.resolveDigest(input.digest);
  const { key, privateKey } = await unlockKey(ws, input.keyId, input.passphrase);
  const now = input.now ?? new Date();
  const active = currentContract(ws);
  const { evaluation, stored } = evaluateStored(ws, digest, active);
  const judge = (extra: Parameters<typeof judgeInWorkspace>[1]['extra'] = []) =>
    judgeInWorkspace(ws, { changeSetDigest: digest, contract: active.contract, evaluation, evaluationDigest: stored.digest, now, extra });
  const before = judge();
  if (kind === 'approve') {
    const blocking = before.reasons.filter((r) => r.code === 'unwaived-finding' || r.code === 'mandatory-not-waivable');
    if (blocking.length > 0) {
      throw new PolicyRefusal(`cannot approve ${digest}: ${blocking.length} blocking finding(s) are not waived by a valid exception ` +
        `(request exceptions with 'countersign exception request' first):\n${blocking.map((r) => `  ${r.code}: ${r.message}`).join('\n')}`);
    }
  }
  const request = {
    changeSetDigest: digest,
    contract: { name: active.contract.name, digest: active.contract.digest },
    evaluation: { digest: stored.digest, verdict: evaluation.verdict, engineVersion: evaluation.engineVersion, at: evaluation.at },
    exceptions: before.exceptionsApplied.map((e) => e.digest),
    reviewer: { privateKey, name: key.name },
    comment: input.comment ?? '',
    time: now,
    auditHead: currentAuditHead(ws),
  };
  const signed = kind === 'approve' ? signApproval(request) : signRejection(request);
  const after = judge([signed.envelope]);
  const newState: ChangeSetState | undefined = kind === 'reject'
    ? 'rejected'
    : after.approvals.length >= after.quorum && after.rejections.length === 0 ? 'approved' : undefined;
  const recorded = ws.attestations.recordApproval({
    kind,
    changeSetDigest: digest,
    contractDigest: active.contract.digest,
    evaluationDigest: stored.digest,
    keyId: key.id,
    envelope: JSON.stringify(signed.envelope),
    ...(newState ? { newState } : {}),
  });
  return {
    kind,
    changeSetDigest: digest,
    approvalId: recorded.value.id,
    attestationDigest: signed.digest,
    contractDigest: active.contract.digest,
    evaluationDigest: stored.digest,
    verdict: evaluation.verdict,
    exceptions: request.exceptions,
    approvals: after.approvals.length,
    quorum: after.quorum,
    state: ws.changeSets.getChangeSet(digest)!.state,
    file: attestationFile(signed.fileName, signed.envelope),
  };
}
