import { InputError } from '../model/errors';
import { outboxFolderFor } from './outbox-layout';
import type { OutboxLayout } from './outbox-layout';
import { signingActor } from './signing-actor';
import { signWithdrawal } from '../signing';
import { commitWithFile, currentAuditHead } from '../store';
import type { ChangeSetState, OutboxStep, Workspace } from '../store';
import type { ReleaseVerification } from '../verify';
import { decisionOutcome, decisionsOfPerson, keyName } from './decision-state';
import { PolicyRefusal } from './errors';
import { unlockKey } from './key-service';
import { judgeForSigning, workspaceContext } from './review-context';
import type { ReviewContext } from './review-context';
import { attestationFile } from './workspace-judgement';
import type { AttestationFile } from './workspace-judgement';

export interface WithdrawInput {
  /** Change-set digest or unique prefix. */
  readonly digest: string;
  readonly keyId: string;
  readonly passphrase: string;
  /** Why (required): the vendor and the co-reviewers read it. */
  readonly reason: string;
  /** The decision to withdraw (its payload digest); needed only when the person has more than one standing. */
  readonly decision?: string;
  readonly outboxDir: string;
  /** `per-change-set` (default): the change set's folder in the outbox; `flat`: straight into it (the CLI's --out). */
  readonly layout?: OutboxLayout;
  readonly now?: Date;
  readonly onStep?: (step: OutboxStep) => void;
}

export interface WithdrawResult {
  readonly changeSetDigest: string;
  readonly withdrawalId: number;
  /** Payload digest of the withdrawal statement. */
  readonly attestationDigest: string;
  /** Payload digest of the decision withdrawn, and what it said. */
  readonly withdraws: string;
  readonly decision: 'approve' | 'reject';
  readonly state: ChangeSetState;
  readonly verification: ReleaseVerification;
  readonly maxExceptionDays: number;
  readonly file: AttestationFile;
  readonly path: string;
}

/**
 * Signs withdrawal/v1 of the signing person's own standing decision on a change set (under
 * the revision that judges it). Refused (PolicyRefusal) when the person has none, or names a
 * decision someone else made. When the change set is no longer approved or rejected it goes
 * back to pending, in the same transaction as the stored withdrawal.
 */
export async function withdrawDecision(ws: Workspace, input: WithdrawInput, context: ReviewContext = workspaceContext(ws)): Promise<WithdrawResult> {
  // Checked before the key is unlocked (the CLI and the UI check the same first).
  if (input.reason.trim() === '') throw new InputError('--reason', 'a withdrawal needs a reason: say why the decision no longer stands');
  const digest = ws.changeSets.resolveDigest(input.digest);
  const { key, privateKey } = await unlockKey(ws, input.keyId, input.passphrase);
  const now = input.now ?? new Date();
  const { active, judgement, before } = judgeForSigning(ws, context, digest, now);
  const outcome = decisionOutcome(ws, before, active.contract);
  const standing = [...outcome.approvals, ...outcome.rejections, ...outcome.conflicts];
  const mine = decisionsOfPerson(outcome, active.contract.roster, key.id);
  let target = input.decision === undefined ? mine[0] : mine.find((d) => d.digest === input.decision);
  if (input.decision !== undefined && !target) {
    const other = standing.find((d) => d.digest === input.decision);
    if (other) throw new PolicyRefusal(`cannot withdraw: that ${other.decision === 'approve' ? 'approval' : 'rejection'} was made by ${keyName(ws, other.keyId, other.reviewer)}: only they can withdraw it`);
    throw new PolicyRefusal(`cannot withdraw: no standing decision ${input.decision} on ${digest}`);
  }
  if (!target) throw new PolicyRefusal(`cannot withdraw: you (${key.name}) have no standing approval or rejection on ${digest}`);
  if (input.decision === undefined && mine.length > 1) {
    throw new PolicyRefusal(`cannot withdraw: you have ${mine.length} standing decisions on ${digest}; name the one to withdraw (${mine.map((d) => d.digest).join(', ')})`);
  }
  target = target!;
  const signed = signWithdrawal({
    changeSetDigest: digest,
    withdraws: target.digest,
    decision: target.decision,
    reason: input.reason,
    reviewer: { privateKey, name: key.name },
    time: now,
    auditHead: currentAuditHead(ws),
  });
  const withdrawn = target.digest;
  // The outcome without it (a conflict it was part of ends: the person's other decision stands alone).
  const others = standing.filter((d) => d.digest !== withdrawn);
  const after = decisionOutcome(ws, {
    ...before,
    approvals: others.filter((d) => d.decision === 'approve'),
    rejections: others.filter((d) => d.decision === 'reject'),
    conflicts: [],
  } as ReleaseVerification, active.contract);
  const current = ws.changeSets.getChangeSet(digest)!.state;
  const newState: ChangeSetState | undefined = current !== 'superseded' && current !== after.state ? after.state : undefined;
  const file = attestationFile(signed.fileName, signed.envelope);
  const { value: recorded, path } = commitWithFile(outboxFolderFor(ws, input.outboxDir, digest, input.layout), file, () => ws.withdrawals.record({
    actor: signingActor(ws, key.id, active.contract),
    changeSetDigest: digest,
    statementDigest: signed.digest,
    withdraws: withdrawn,
    keyId: key.id,
    reason: input.reason,
    envelope: JSON.stringify(signed.envelope),
    ...(newState ? { newState } : {}),
  }), input.onStep);
  // The held signatures changed: judged again (the cache keys on what is held).
  const verification = context.judgements.judge(ws, judgement);
  return {
    changeSetDigest: digest,
    withdrawalId: recorded.value.id,
    attestationDigest: signed.digest,
    withdraws: withdrawn,
    decision: target.decision,
    state: ws.changeSets.getChangeSet(digest)!.state,
    verification,
    maxExceptionDays: active.contract.approvals.maxExceptionDays,
    file,
    path,
  };
}
