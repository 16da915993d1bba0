import { CHANGESET_SUBJECT, hasSubject } from '../signing/statement';
import type { DecisionPredicate } from '../signing/predicates';
import type { VerifiedAttestation } from './check-attestations';
import { describe } from './check-attestations';
import type { Reason } from './reasons';
import type { TrustedKey } from './trusted-keys';

/** A reviewer's decision that counts for this change set (their latest one). */
export interface CountedDecision {
  readonly keyId: string;
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
 * Which reviewers approved or rejected this exact change set. An approval counts only for
 * this change-set digest AND this contract digest, and only for the reviewer it names, who
 * must be one of its valid signers. A rejection of this change set counts under any contract
 * revision (the reviewer said no to the release itself). Per reviewer key the latest decision
 * wins (a rejection wins a tie), so a reviewer can change their mind either way.
 */
export function countDecisions(
  attestations: readonly VerifiedAttestation[],
  changeSetDigest: string,
  contractDigest: string,
  evaluationDigest: string,
  trusted: ReadonlyMap<string, TrustedKey>,
): { approvals: CountedDecision[]; rejections: CountedDecision[]; notes: Reason[] } {
  const notes: Reason[] = [];
  const counted: CountedDecision[] = [];
  for (const a of attestations) {
    if (a.type !== 'decision') continue;
    const p = a.predicate;
    const what = p.decision === 'approve' ? 'approval' : 'rejection';
    const note = (code: Reason['code'], message: string): void => {
      notes.push({ code, message: `${a.source}: ${what} by ${describe(p.reviewer.keyId, trusted)} ${message}`, source: a.source });
    };
    if (a.signers.length === 0) continue; // every signer revoked: already reported
    if (!hasSubject(a.statement, CHANGESET_SUBJECT, changeSetDigest)) {
      const named = a.statement.subject.map((s) => `${s.name} sha256:${s.digest.sha256 ?? '?'}`).join(', ');
      note('digest-mismatch', `is for ${named}, not this change set (${changeSetDigest}); the change set was altered, or the attestation belongs to another release`);
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
    const decision: CountedDecision = {
      keyId: p.reviewer.keyId,
      reviewer: p.reviewer.name,
      decision: p.decision,
      time: p.time,
      comment: p.comment,
      digest: a.digest,
      source: a.source,
      exceptions: p.exceptions,
      evaluation: p.evaluation,
      evaluationMatches: p.evaluation.digest === evaluationDigest,
    };
    counted.push(decision);
  }
  return { ...latestDecisions(counted), notes };
}

/**
 * A decision as `countDecisions` counts it, from its signed statement: for a caller that has
 * just signed it (for this change set, with a trusted key of its own) and adds it to a judgement.
 */
export function signedDecision(predicate: DecisionPredicate, digest: string, source: string, evaluationDigest: string): CountedDecision {
  return {
    keyId: predicate.reviewer.keyId,
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

/** Per reviewer key its latest decision (a rejection wins a tie), split into approvals and rejections, by key id. */
export function latestDecisions(decisions: readonly CountedDecision[]): { approvals: CountedDecision[]; rejections: CountedDecision[] } {
  const latest = new Map<string, CountedDecision>();
  for (const d of decisions) {
    const earlier = latest.get(d.keyId);
    if (!earlier || isLater(d, earlier)) latest.set(d.keyId, d);
  }
  const all = [...latest.values()].sort((a, b) => a.keyId.localeCompare(b.keyId));
  return { approvals: all.filter((d) => d.decision === 'approve'), rejections: all.filter((d) => d.decision === 'reject') };
}

function isLater(a: CountedDecision, b: CountedDecision): boolean {
  const ta = Date.parse(a.time), tb = Date.parse(b.time);
  return ta > tb || (ta === tb && a.decision === 'reject' && b.decision !== 'reject');
}
