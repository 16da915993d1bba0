import type { Evaluation } from '../model/finding';
import type { LoadedAttestation } from '../signing/attestation-files';
import { CONTRACT_SUBJECT, hasSubject } from '../signing/statement';
import type { ContractRef } from '../signing/sign';
import { applyExceptions } from './apply-exceptions';
import type { AppliedException, ExceptionStatus } from './apply-exceptions';
import { checkAttestations, describe } from './check-attestations';
import { countDecisions } from './count-decisions';
import type { CountedDecision } from './count-decisions';
import type { Reason } from './reasons';
import { resolveTrustedKeys } from './trusted-keys';
import type { TrustedKeyInput } from './trusted-keys';

export interface ReleaseVerification {
  /** True only when a quorum approved this exact change set under this contract, nobody trusted rejected it, and every blocking finding is waived. */
  readonly ok: boolean;
  /** Why not ok: the release-level failures first, then the problems of the attestations that did not count. Empty when ok. */
  readonly reasons: readonly Reason[];
  /** Attestations that did not count (also when ok, e.g. a stale approval next to fresh ones). */
  readonly notes: readonly Reason[];
  readonly evaluation: Evaluation;
  readonly evaluationDigest: string;
  /** Distinct reviewers whose latest decision approves this change set under this contract. */
  readonly approvals: readonly CountedDecision[];
  readonly rejections: readonly CountedDecision[];
  readonly exceptionsApplied: readonly AppliedException[];
  /** Every exception read (valid or not), with its verified signers and the findings it covers. */
  readonly exceptions: readonly ExceptionStatus[];
  readonly quorum: number;
  readonly exceptionQuorum: number;
  /** Valid contract-revision attestations for this contract digest (informational: verify does not require one). */
  readonly contractPublications: readonly { readonly revision: number; readonly time: string; readonly signers: readonly string[]; readonly source: string }[];
}

export interface JudgeInput {
  readonly changeSetDigest: string;
  readonly contract: ContractRef;
  /** The evaluation of this change set under this contract (verifyRelease makes it). */
  readonly evaluation: Evaluation;
  readonly evaluationDigest: string;
  readonly attestations: readonly LoadedAttestation[];
  readonly trustedKeys: readonly TrustedKeyInput[];
  readonly now: Date;
}

/**
 * The verification rules, over an evaluation already made. Pure: no files, no clock.
 * Throws InputError only for a bad trusted key (the verifier's own input); a bad attestation
 * is a reason, never an exception.
 */
export function judgeRelease(input: JudgeInput): ReleaseVerification {
  const { contract, now } = input;
  const trusted = resolveTrustedKeys(input.trustedKeys);
  // A contract cannot switch verification off: at least one approval is always required.
  const quorum = Math.max(1, contract.approvals.quorum);
  const exceptionQuorum = Math.max(1, contract.approvals.exceptionQuorum);

  const checked = checkAttestations(input.attestations, trusted, now);
  const decisions = countDecisions(checked.verified, input.changeSetDigest, contract.digest, input.evaluationDigest, trusted);
  const exceptions = applyExceptions(checked.verified, input.evaluation.findings, {
    changeSetDigest: input.changeSetDigest,
    contractDigest: contract.digest,
    exceptionQuorum,
    maxExceptionDays: contract.approvals.maxExceptionDays,
    now,
  });

  const failures: Reason[] = [];
  for (const r of decisions.rejections) {
    failures.push({ code: 'rejected', message: `rejected by ${describe(r.keyId, trusted)}${r.reviewer ? ` [${r.reviewer}]` : ''} at ${r.time}: ${r.comment}`, source: r.source });
  }
  if (decisions.approvals.length < quorum) {
    failures.push({
      code: 'quorum-not-met',
      message: `${decisions.approvals.length} valid approval(s) from distinct trusted keys for change set ${input.changeSetDigest} under contract ${contract.digest}; the contract requires ${quorum}`,
    });
  }
  failures.push(...exceptions.reasons);

  const notes = [...checked.notes, ...decisions.notes, ...exceptions.notes];
  const ok = failures.length === 0;
  return {
    ok,
    reasons: ok ? [] : [...failures, ...notes],
    notes,
    evaluation: input.evaluation,
    evaluationDigest: input.evaluationDigest,
    approvals: decisions.approvals,
    rejections: decisions.rejections,
    exceptionsApplied: exceptions.applied,
    exceptions: exceptions.all,
    quorum,
    exceptionQuorum,
    contractPublications: checked.verified.flatMap((a) => (a.type === 'contract-revision' && a.signers.length > 0 && hasSubject(a.statement, CONTRACT_SUBJECT, contract.digest)
      ? [{ revision: a.predicate.revision, time: a.predicate.time, signers: a.signers, source: a.source }]
      : [])),
  };
}
