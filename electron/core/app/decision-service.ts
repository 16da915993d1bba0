import { requireRejectionComment } from '../model/rejection-comment';
import { signApproval, signRejection } from '../signing';
import { commitWithFile, currentAuditHead } from '../store';
import type { ChangeSetState, OutboxStep, Workspace } from '../store';
import { signedDecision, withDecision } from '../verify';
import type { ReleaseVerification } from '../verify';
import { decisionOutcome, decisionsOfPerson, revisionNumberOf, revisionText } from './decision-state';
import { PolicyRefusal } from './errors';
import { unlockKey } from './key-service';
import { outboxFolderFor } from './outbox-layout';
import type { OutboxLayout } from './outbox-layout';
import { rosterSigningProblem } from './roster-signing';
import { signingActor } from './signing-actor';
import { judgeForSigning, workspaceContext } from './review-context';
import type { ReviewContext } from './review-context';
import { attestationFile, workspaceTrust } from './workspace-judgement';
import type { AttestationFile } from './workspace-judgement';

export interface DecisionInput {
  /** Change-set digest or unique prefix. */
  readonly digest: string;
  readonly keyId: string;
  readonly passphrase: string;
  readonly comment?: string;
  /** The outbox: the signed file is written to the change set's folder there (outbox-layout.ts; `flat`: straight into it) together with the database commit. */
  readonly outboxDir: string;
  readonly layout?: OutboxLayout;
  /** Signing time (default now). */
  readonly now?: Date;
  /** Observes the outbox write's steps (the crash tests stop there). */
  readonly onStep?: (step: OutboxStep) => void;
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
  /** The judgement with this decision counted: the new quorum state, so the caller need not ask again. */
  readonly verification: ReleaseVerification;
  readonly maxExceptionDays: number;
  readonly file: AttestationFile;
  /** Where the file was written (in the outbox). */
  readonly path: string;
}

/**
 * Signs an approval of a stored change set under the contract revision that judges it (its
 * vendor's and install's contract, else the default). The change set is evaluated now (under that contract, from the context's change set); an
 * approval is refused (PolicyRefusal) while a blocking finding is not waived by a valid
 * exception, since `verify` could never pass then. When the quorum is reached the change set
 * becomes `approved`, in the same transaction. `context`: the caller's review session, whose
 * contract, change set and judgements are reused (a fresh one when absent).
 */
export function approveChangeSet(ws: Workspace, input: DecisionInput, context?: ReviewContext): Promise<DecisionResult> {
  return decide(ws, 'approve', input, context ?? workspaceContext(ws));
}

/** Signs a rejection (a comment saying why is required); the change set becomes `rejected`. */
export function rejectChangeSet(ws: Workspace, input: DecisionInput, context?: ReviewContext): Promise<DecisionResult> {
  return decide(ws, 'reject', input, context ?? workspaceContext(ws));
}

/**
 * Decisions are final (issue 10): once the standing decisions under the judging revision
 * approve or reject the change set, no new decision is signed until one is withdrawn; and a
 * person with a standing decision withdraws it before deciding again (so nobody flips a state
 * by signing the opposite).
 */
function refuseWhenDecided(ws: Workspace, before: ReleaseVerification, contract: { readonly digest: string; readonly roster?: Parameters<typeof decisionsOfPerson>[1] }, digest: string, keyId: string): void {
  const outcome = decisionOutcome(ws, before, contract);
  if (outcome.final) throw new PolicyRefusal(`cannot decide ${digest}: ${outcome.reason!}`);
  const own = decisionsOfPerson(outcome, contract.roster, keyId)[0];
  if (own) {
    const what = own.decision === 'approve' ? 'approval' : 'rejection';
    const under = own.decision === 'approve' ? ` under ${revisionText(revisionNumberOf(ws, contract.digest))}` : '';
    throw new PolicyRefusal(`cannot decide ${digest}: you already ${own.decision === 'approve' ? 'approved' : 'rejected'} it${under} on ${own.time}: withdraw your ${what} first to decide again`);
  }
}

/** One use case, one judgement: the release is judged once, and this decision is counted into that judgement. */
async function decide(ws: Workspace, kind: 'approve' | 'reject', input: DecisionInput, context: ReviewContext): Promise<DecisionResult> {
  // The one rule, checked before the key is unlocked (the CLI and the UI check the same first).
  if (kind === 'reject') requireRejectionComment(input.comment);
  const digest = ws.changeSets.resolveDigest(input.digest);
  const { key, privateKey } = await unlockKey(ws, input.keyId, input.passphrase);
  const now = input.now ?? new Date();
  const { active, evaluation, stored, judgement, before } = judgeForSigning(ws, context, digest, now);
  // Under a reviewer roster only an approver's decision counts: refuse rather than sign one that never could.
  const notApprover = rosterSigningProblem(active.contract, key.id, 'approver');
  if (notApprover !== null) throw new PolicyRefusal(`cannot ${kind} ${digest}: ${notApprover}`);
  refuseWhenDecided(ws, before, active.contract, digest, key.id);
  if (kind === 'approve') {
    // A contract that requires a vendor release signature blocks an unsigned or badly signed change set: no approval until it is signed.
    const unsigned = before.reasons.find((r) => r.code === 'vendor-signature-missing' || r.code === 'vendor-signature-invalid');
    if (unsigned) throw new PolicyRefusal(`cannot approve ${digest}: ${unsigned.message}; import the change set again with its signatures/ folder once the vendor has signed it`);
    const blocking = before.reasons.filter((r) => r.code === 'unwaived-finding' || r.code === 'mandatory-not-waivable');
    if (blocking.length > 0) {
      // Worded for the app and the CLI alike: each has its own way to request an exception.
      throw new PolicyRefusal(`cannot approve ${digest}: ${blocking.length} blocking finding(s) are not waived by a valid exception ` +
        `(request an exception for them, and have it signed, first):\n${blocking.map((r) => `  ${r.code}: ${r.message}`).join('\n')}`);
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
  const trust = workspaceTrust(ws);
  // Our own key (unlocked above, so not revoked) just signed it for this change set and contract.
  const counted = (source: string) => withDecision(before, signedDecision(signed.statement.predicate, signed.digest, source, stored.digest), { changeSetDigest: digest, contract: active.contract, trustedKeys: trust });
  const expected = counted('new signature');
  // The stored state follows the outcome under the judging revision (a pending change set stays pending).
  const outcome = decisionOutcome(ws, expected, active.contract).state;
  const newState: ChangeSetState | undefined = outcome !== 'pending' ? outcome : undefined;
  const file = attestationFile(signed.fileName, signed.envelope);
  const { value: recorded, path } = commitWithFile(outboxFolderFor(ws, input.outboxDir, digest, input.layout), file, () => ws.attestations.recordApproval({
    kind,
    changeSetDigest: digest,
    contractDigest: active.contract.digest,
    evaluationDigest: stored.digest,
    keyId: key.id,
    envelope: JSON.stringify(signed.envelope),
    ...(newState ? { newState } : {}),
    actor: signingActor(ws, key.id, active.contract),
  }), input.onStep);
  // Named as the workspace names its stored decisions, so it is the judgement of what is held now.
  const after = counted(`${kind} ${recorded.value.id}`);
  context.judgements.remember(ws, judgement, after);
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
    verification: after,
    maxExceptionDays: active.contract.approvals.maxExceptionDays,
    file,
    path,
  };
}
