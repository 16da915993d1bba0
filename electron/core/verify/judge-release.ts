import type { RosterEntry } from '../base/roster';
import type { Evaluation } from '../model/finding';
import type { LoadedAttestation } from '../signing/attestation-files';
import { CONTRACT_SUBJECT, hasSubject } from '../signing/statement';
import type { ContractRef } from '../signing/sign';
import { applyExceptions } from './apply-exceptions';
import type { AppliedException, ExceptionStatus } from './apply-exceptions';
import { checkAttestations, describe } from './check-attestations';
import { countDecisions, latestDecisions } from './count-decisions';
import type { CountedDecision } from './count-decisions';
import type { VerifiedAttestation } from './check-attestations';
import type { Reason } from './reasons';
import { judgeUnderRoster } from './roster-judgement';
import type { RosterAuthority, RosterRule } from './roster-judgement';
import { resolveTrustedKeys } from './trusted-keys';
import type { TrustedKey, TrustedKeyInput } from './trusted-keys';
import type { VendorSignatureStatus } from './vendor-signature-types';

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
  /** Valid contract-revision attestations for this contract digest, v1 and v2, by trusted keys (informational; see `roster`). */
  readonly contractPublications: readonly { readonly revision: number; readonly time: string; readonly signers: readonly string[]; readonly source: string }[];
  /** The roster rule applied (a v3 contract with a roster), or null: every trusted key counts, as before v3. */
  readonly roster: RosterRule | null;
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
  /**
   * The contract's reviewer roster (countersign.dev/v3). When non-empty, the trusted keys are
   * only the root of trust for its publication, and every other signature counts only from a
   * roster key with the role. Absent or empty: the trusted keys sign everything, as before.
   */
  readonly roster?: readonly RosterEntry[] | undefined;
  /** Where the roster's authority comes from (default `publication`: what countersign verify demands). */
  readonly rosterAuthority?: RosterAuthority;
  /** The vendor's release signatures, checked by the caller (checkVendorSignatures) under this contract's vendor keys. */
  readonly vendorSignature?: VendorSignatureStatus;
}

/** What judgeRelease needs of a contract with a roster, besides ContractRef (a ResolvedContract fits). */
type RosterContract = JudgeInput['contract'] & { readonly install?: string | undefined; readonly source?: string };

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

  const roster = input.roster !== undefined && input.roster.length > 0 ? input.roster : null;
  const c = contract as RosterContract;
  const underRoster = roster === null ? null : judgeUnderRoster(
    input.attestations,
    { name: c.name, vendor: c.vendor ?? '', install: c.install, digest: c.digest, roster, source: c.source ?? `contract ${c.name}` },
    input.rosterAuthority ?? 'publication', trusted, now,
  );
  const checked = underRoster ?? checkAttestations(input.attestations, trusted, now);
  const names = underRoster?.names ?? trusted;
  const decisions = countDecisions(checked.verified, input.changeSetDigest, contract.digest, input.evaluationDigest, names);
  const exceptions = applyExceptions(checked.verified, input.evaluation.findings, {
    changeSetDigest: input.changeSetDigest,
    contractDigest: contract.digest,
    exceptionQuorum,
    maxExceptionDays: contract.approvals.maxExceptionDays,
    now,
  });

  const failures = [...(underRoster?.failures ?? []), ...strippedRoster(roster, checked.verified, contract.digest), ...decisionFailures(decisions, input.changeSetDigest, contract.digest, quorum, names), ...exceptions.reasons];

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
    contractPublications: checked.verified.flatMap((a) => ((a.type === 'contract-revision' || a.type === 'publication') && a.signers.length > 0 && hasSubject(a.statement, CONTRACT_SUBJECT, contract.digest)
      ? [{ revision: a.predicate.revision, time: a.predicate.time, signers: a.signers, source: a.source }]
      : [])),
    roster: underRoster?.rule ?? null,
  };
}

/**
 * The roster is outside the digest, so a file can lose it and keep its digest. A file without a
 * roster beside a trusted publication of a roster for this very digest must not fall back to
 * "every trusted key signs everything" (a revoked reviewer still in a --trust list would count).
 */
function strippedRoster(roster: readonly RosterEntry[] | null, verified: readonly VerifiedAttestation[], contractDigest: string): Reason[] {
  if (roster !== null) return [];
  const published = verified.find((a) => a.type === 'publication' && a.signers.length > 0 && a.predicate.roster.length > 0 && hasSubject(a.statement, CONTRACT_SUBJECT, contractDigest));
  if (!published) return [];
  return [{ code: 'roster-mismatch', message: `${published.source}: a trusted publication of this contract (${contractDigest}) carries a reviewer roster, but the contract file given has none; use the contract file that was published`, source: published.source }];
}

/** Release-level failures from the decisions: every counted rejection, and a quorum not met. */
function decisionFailures(
  decisions: { readonly approvals: readonly CountedDecision[]; readonly rejections: readonly CountedDecision[] },
  changeSetDigest: string, contractDigest: string, quorum: number, trusted: ReadonlyMap<string, TrustedKey>,
): Reason[] {
  const failures: Reason[] = [];
  for (const r of decisions.rejections) {
    failures.push({ code: 'rejected', message: `rejected by ${describe(r.keyId, trusted)}${r.reviewer ? ` [${r.reviewer}]` : ''} at ${r.time}: ${r.comment}`, source: r.source });
  }
  if (decisions.approvals.length < quorum) {
    failures.push({
      code: 'quorum-not-met',
      message: `${decisions.approvals.length} valid approval(s) from distinct trusted keys for change set ${changeSetDigest} under contract ${contractDigest}; the contract requires ${quorum}`,
    });
  }
  return failures;
}

/**
 * `before` with one more decision counted, as judging again with its attestation added would
 * make it, without verifying every signature again. Only for a decision the caller has just
 * signed itself, for this change set (and, approving, this contract) with an unrevoked trusted
 * key: one `countDecisions` would accept. Exceptions do not depend on decisions, so they stay.
 */
export function withDecision(before: ReleaseVerification, decision: CountedDecision, input: Pick<JudgeInput, 'changeSetDigest' | 'contract' | 'trustedKeys'>): ReleaseVerification {
  // Under a roster only an approver's decision counts (as judging again would find).
  if (before.roster !== null && !before.roster.approvers.includes(decision.keyId)) return before;
  const decisions = latestDecisions([...before.approvals, ...before.rejections, decision]);
  // before.reasons = its failures, then its notes (when not ok); the exceptions' failures are the rest.
  const earlierFailures = before.reasons.slice(0, before.reasons.length - before.notes.length);
  const exceptionFailures = earlierFailures.filter((r) => r.code !== 'rejected' && r.code !== 'quorum-not-met');
  const failures = [...decisionFailures(decisions, input.changeSetDigest, input.contract.digest, before.quorum, resolveTrustedKeys(input.trustedKeys)), ...exceptionFailures];
  const ok = failures.length === 0;
  return { ...before, ok, reasons: ok ? [] : [...failures, ...before.notes], approvals: decisions.approvals, rejections: decisions.rejections };
}
