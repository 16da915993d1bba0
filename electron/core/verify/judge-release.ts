import type { RosterEntry } from '../base/roster';
import type { Evaluation } from '../model/finding';
import type { LoadedAttestation } from '../signing/attestation-files';
import { CONTRACT_SUBJECT, hasSubject } from '../signing/statement';
import { LEGACY_SEPARATION_OF_DUTIES } from '../signing/sign';
import type { ContractRef, SeparationOfDuties } from '../signing/sign';
import { applyExceptions } from './apply-exceptions';
import type { AppliedException, ExceptionStatus } from './apply-exceptions';
import { checkAttestations, describe } from './check-attestations';
import { countDecisions } from './count-decisions';
import type { CountedDecision } from './count-decisions';
import type { VerifiedAttestation } from './check-attestations';
import { decisionOutcome } from './decision-outcome';
import { personMap, personOf, personOfMap } from './people';
import type { PersonId } from './people';
import type { Reason } from './reasons';
import { judgeUnderRoster } from './roster-judgement';
import type { RosterAuthority, RosterRule } from './roster-judgement';
import { resolveTrustedKeys } from './trusted-keys';
import type { TrustedKeyInput } from './trusted-keys';
import { vendorSignatureFailures } from './vendor-signature-rule';
import type { VendorSignatureRule, VendorSignatureStatus } from './vendor-signature-types';

export interface ReleaseVerification {
  /** True only when a quorum approved this exact change set under this contract, nobody trusted rejected it, and every blocking finding is waived. */
  readonly ok: boolean;
  /** Why not ok: the release-level failures first, then the problems of the attestations that did not count. Empty when ok. */
  readonly reasons: readonly Reason[];
  /** Attestations that did not count (also when ok, e.g. a stale approval next to fresh ones). */
  readonly notes: readonly Reason[];
  readonly evaluation: Evaluation;
  readonly evaluationDigest: string;
  /** One standing approval per person that counts (distinct persons: what the quorum counts). */
  readonly approvals: readonly CountedDecision[];
  /** One standing rejection per person (each fails the release). */
  readonly rejections: readonly CountedDecision[];
  /** Standing decisions of persons who both approve and reject (`conflicting-decisions`). */
  readonly conflicts: readonly CountedDecision[];
  /** Every decision that stands (valid for this change set, not withdrawn), before they are read per person. */
  readonly standing: readonly CountedDecision[];
  /** Under a roster: the person of every roster key (a key not listed is its own person without a roster). */
  readonly persons: Readonly<Record<string, PersonId>>;
  readonly separationOfDuties: SeparationOfDuties;
  /** The contract's vendor-signature rule, and the status the caller checked (null: none given). */
  readonly vendorSignatureRule: VendorSignatureRule;
  readonly vendorSignature: VendorSignatureStatus | null;
  /**
   * What withDecision needs to count one more decision without verifying again: the failures
   * before and after the decisions' own, the notes before theirs, and key names for messages.
   */
  readonly basis: {
    readonly failuresBefore: readonly Reason[];
    readonly failuresAfter: readonly Reason[];
    readonly notesBefore: readonly Reason[];
    readonly keyNames: Readonly<Record<string, string>>;
  };
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
  /** The change set's vendor release signature status (vendor-signature.ts); absent: not checked (unsigned, if the contract requires one). */
  readonly vendorSignature?: VendorSignatureStatus | undefined;
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
  const separationOfDuties = contract.approvals.separationOfDuties ?? LEGACY_SEPARATION_OF_DUTIES;
  const vendorSignatureRule = contract.vendorSignature ?? 'optional';

  const roster = input.roster !== undefined && input.roster.length > 0 ? input.roster : null;
  const c = contract as RosterContract;
  const underRoster = roster === null ? null : judgeUnderRoster(
    input.attestations,
    { name: c.name, vendor: c.vendor ?? '', install: c.install, digest: c.digest, roster, source: c.source ?? `contract ${c.name}` },
    input.rosterAuthority ?? 'publication', trusted, now,
  );
  const checked = underRoster ?? checkAttestations(input.attestations, trusted, now);
  const names = underRoster?.names ?? trusted;
  const describeKey = (k: string): string => describe(k, names);
  // Quorum counts people: under a roster, keys of one person (same email or name) count once.
  const people = personOf(roster);
  const decisions = countDecisions(checked.verified, input.changeSetDigest, contract.digest, input.evaluationDigest, names, people);
  const exceptions = applyExceptions(checked.verified, input.evaluation.findings, {
    changeSetDigest: input.changeSetDigest,
    contractDigest: contract.digest,
    exceptionQuorum,
    maxExceptionDays: contract.approvals.maxExceptionDays,
    now,
    ...(roster !== null ? { personOf: people } : {}),
    requesterMayWaiveAlone: separationOfDuties.requesterMayWaiveAlone,
    describeKey,
  });
  const outcome = decisionOutcome(decisions.standing, {
    changeSetDigest: input.changeSetDigest, contractDigest: contract.digest, quorum, exceptionQuorum, separationOfDuties,
    exceptions: exceptions.all, describeKey, roster: roster !== null,
  });

  const failuresBefore = [
    ...(underRoster?.failures ?? []),
    ...strippedRoster(roster, checked.verified, contract.digest),
    ...vendorSignatureFailures(vendorSignatureRule, input.vendorSignature),
  ];
  const failures = [...failuresBefore, ...outcome.failures, ...exceptions.reasons];
  const notesBefore = [...checked.notes, ...decisions.notes, ...exceptions.notes];
  const notes = [...notesBefore, ...outcome.notes];
  const ok = failures.length === 0;
  return {
    ok,
    reasons: ok ? [] : [...failures, ...notes],
    notes,
    evaluation: input.evaluation,
    evaluationDigest: input.evaluationDigest,
    approvals: outcome.approvals,
    rejections: outcome.rejections,
    conflicts: outcome.conflicts,
    standing: decisions.standing,
    persons: roster === null ? {} : Object.fromEntries(personMap(roster)),
    separationOfDuties,
    vendorSignatureRule,
    vendorSignature: input.vendorSignature ?? null,
    basis: { failuresBefore, failuresAfter: exceptions.reasons, notesBefore, keyNames: Object.fromEntries([...names].map(([k, v]) => [k, v.name])) },
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

/**
 * `before` with one more decision counted, as judging again with its attestation added would
 * make it, without verifying every signature again. Only for a decision the caller has just
 * signed itself, for this change set (and, approving, this contract) with an unrevoked key
 * `countDecisions` would accept (under a roster: an approver's). Exceptions do not depend on
 * decisions, so they stay; the decisions are read per person again (decisionOutcome).
 */
export function withDecision(before: ReleaseVerification, decision: CountedDecision, input: Pick<JudgeInput, 'changeSetDigest' | 'contract' | 'trustedKeys'>): ReleaseVerification {
  // Under a roster only an approver's decision counts (as judging again would find).
  if (before.roster !== null && !before.roster.approvers.includes(decision.keyId)) return before;
  const person = personOfMap(before.persons, before.roster === null)(decision.keyId) ?? decision.keyId;
  const standing = before.standing.some((d) => d.digest === decision.digest)
    ? [...before.standing]
    : [...before.standing, { ...decision, person }].sort((a, b) => a.digest.localeCompare(b.digest));
  const names = before.basis.keyNames;
  const describeKey = (k: string): string => (names[k] ? `${names[k]} (${k})` : k);
  const outcome = decisionOutcome(standing, {
    changeSetDigest: input.changeSetDigest, contractDigest: input.contract.digest, quorum: before.quorum, exceptionQuorum: before.exceptionQuorum,
    separationOfDuties: before.separationOfDuties, exceptions: before.exceptions, describeKey, roster: before.roster !== null,
  });
  const failures = [...before.basis.failuresBefore, ...outcome.failures, ...before.basis.failuresAfter];
  const notes = [...before.basis.notesBefore, ...outcome.notes];
  const ok = failures.length === 0;
  return { ...before, ok, reasons: ok ? [] : [...failures, ...notes], notes, approvals: outcome.approvals, rejections: outcome.rejections, conflicts: outcome.conflicts, standing };
}
