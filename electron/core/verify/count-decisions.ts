import { CHANGESET_SUBJECT, hasSubject } from '../signing/statement';
import type { DecisionPredicate } from '../signing/predicates';
import type { VerifiedAttestation } from './check-attestations';
import { describe } from './check-attestations';
import type { PersonId, PersonOf } from './people';
import type { Reason } from './reasons';
import type { TrustedKey } from './trusted-keys';

/** A reviewer's decision that counts for this change set (it stands: valid, and not withdrawn). */
export interface CountedDecision {
  readonly keyId: string;
  /** The person who made it (roster: the lowest fingerprint of their keys; no roster: the key). */
  readonly person: PersonId;
  readonly reviewer: string;
  readonly decision: 'approve' | 'reject';
  readonly time: string;
  readonly comment: string;
  /** The attestation's payload digest and where it was read from. */
  readonly digest: string;
  readonly source: string;
  /** Exception digests the reviewer relied on. */
  readonly exceptions: readonly string[];
  /** The evaluation the reviewer saw; `evaluationMatches` says whether verify's re-evaluation has the same digest. */
  readonly evaluation: DecisionPredicate['evaluation'];
  readonly evaluationMatches: boolean;
}

/**
 * The decisions that stand for this exact change set. A decision counts when it is about this
 * change set, is signed by the reviewer it names, and (an approval) was made under this
 * contract digest; a rejection of this change set counts under any contract revision (the
 * reviewer said no to the release itself). A decision stands until a withdrawal/v1 by the
 * same person names its payload digest. Nothing here compares `time`: the result does not
 * depend on the order of the files or on the times they claim (docs/attestations.md).
 */
export function countDecisions(
  attestations: readonly VerifiedAttestation[],
  changeSetDigest: string,
  contractDigest: string,
  evaluationDigest: string,
  trusted: ReadonlyMap<string, TrustedKey>,
  personOf: PersonOf,
): { standing: CountedDecision[]; notes: Reason[] } {
  const notes: Reason[] = [];
  const counted: CountedDecision[] = [];
  const decisions = new Map<string, DecisionPredicate>();
  for (const a of attestations) {
    if (a.type !== 'decision') continue;
    const p = a.predicate;
    decisions.set(a.digest, p);
    const what = p.decision === 'approve' ? 'approval' : 'rejection';
    const note = (code: Reason['code'], message: string): void => {
      notes.push({ code, message: `${a.source}: ${what} by ${describe(p.reviewer.keyId, trusted)} ${message}`, source: a.source });
    };
    if (a.signers.length === 0) continue; // every signer revoked: already reported
    if (!hasSubject(a.statement, CHANGESET_SUBJECT, changeSetDigest)) {
      note('digest-mismatch', `is for ${subjects(a)}, not this change set (${changeSetDigest}); the change set was altered, or the attestation belongs to another release`);
      continue;
    }
    if (!a.signers.includes(p.reviewer.keyId)) {
      note('signer-mismatch', `is not signed by that reviewer's key (signed by ${a.signers.join(', ')})`);
      continue;
    }
    if (p.decision === 'approve' && p.contract.digest !== contractDigest) {
      note('contract-mismatch', `was made under contract ${p.contract.name} ${p.contract.digest}, not the contract given (${contractDigest})`);
      continue;
    }
    const person = personOf(p.reviewer.keyId);
    if (person === null) continue; // not reachable: a signer is a key the judgement knows
    counted.push({ ...signedDecision(p, a.digest, a.source, evaluationDigest), person });
  }
  const withdrawn = withdrawals(attestations, changeSetDigest, decisions, counted, trusted, personOf, notes);
  // One entry per decision (copies of one file count once), in a fixed order.
  const standing = new Map<string, CountedDecision>();
  for (const d of counted) if (!withdrawn.has(d.digest) && !standing.has(d.digest)) standing.set(d.digest, d);
  return { standing: [...standing.values()].sort((a, b) => a.digest.localeCompare(b.digest)), notes };
}

/** Payload digests of the counted decisions a valid withdrawal takes back; notes for the withdrawals that do not count. */
function withdrawals(
  attestations: readonly VerifiedAttestation[],
  changeSetDigest: string,
  decisions: ReadonlyMap<string, DecisionPredicate>,
  counted: readonly CountedDecision[],
  trusted: ReadonlyMap<string, TrustedKey>,
  personOf: PersonOf,
  notes: Reason[],
): Set<string> {
  const withdrawn = new Set<string>();
  for (const a of attestations) {
    if (a.type !== 'withdrawal' || a.signers.length === 0) continue;
    const p = a.predicate;
    const note = (code: Reason['code'], message: string): void => {
      notes.push({ code, message: `${a.source}: withdrawal by ${describe(p.reviewer.keyId, trusted)} of decision ${p.withdraws} ${message}`, source: a.source });
    };
    if (!hasSubject(a.statement, CHANGESET_SUBJECT, changeSetDigest)) {
      note('digest-mismatch', `is for ${subjects(a)}, not this change set (${changeSetDigest}); it does not count`);
      continue;
    }
    if (!a.signers.includes(p.reviewer.keyId)) {
      note('signer-mismatch', `is not signed by that reviewer's key (signed by ${a.signers.join(', ')}); it does not count`);
      continue;
    }
    const target = decisions.get(p.withdraws);
    if (target === undefined) {
      note('withdrawal-unknown', 'names no decision held for this change set; it does not count');
      continue;
    }
    if (target.decision !== p.decision) {
      note('withdrawal-unknown', `says it withdraws ${article(p.decision)}, but that decision is ${article(target.decision)}; it does not count`);
      continue;
    }
    const own = personOf(target.reviewer.keyId);
    if (own === null || personOf(p.reviewer.keyId) !== own) {
      note('withdrawal-not-own', `withdraws a decision by ${describe(target.reviewer.keyId, trusted)}, another person; only its reviewer (any of their unrevoked keys) can withdraw it, so it still stands`);
      continue;
    }
    // A withdrawal of a decision that did not count (another contract, …) changes nothing.
    if (counted.some((d) => d.digest === p.withdraws)) withdrawn.add(p.withdraws);
  }
  return withdrawn;
}

function article(decision: 'approve' | 'reject'): string {
  return decision === 'approve' ? 'an approval' : 'a rejection';
}

function subjects(a: VerifiedAttestation): string {
  return a.statement.subject.map((s) => `${s.name} sha256:${s.digest.sha256 ?? '?'}`).join(', ');
}

/**
 * A decision as `countDecisions` counts it, from its signed statement: for a caller that has
 * just signed it (for this change set, with a trusted key of its own) and adds it to a
 * judgement with `withDecision`, which sets its person from the judgement's roster. Until
 * then its person is its key.
 */
export function signedDecision(predicate: DecisionPredicate, digest: string, source: string, evaluationDigest: string): CountedDecision {
  return {
    keyId: predicate.reviewer.keyId,
    person: predicate.reviewer.keyId,
    reviewer: predicate.reviewer.name,
    decision: predicate.decision,
    time: predicate.time,
    comment: predicate.comment,
    digest,
    source,
    exceptions: predicate.exceptions,
    evaluation: predicate.evaluation,
    evaluationMatches: predicate.evaluation.digest === evaluationDigest,
  };
}
