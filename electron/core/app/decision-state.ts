/**
 * What the decisions held make of a change set under the contract revision that judges it
 * now: approved or rejected (final: the forms close and new decisions are refused until one is
 * withdrawn) or pending. Read from the judgement (verify's rule), never from the stored state
 * column alone, so a contract edit shows at once.
 */
import type { RosterEntry } from '../base/roster';
import type { ChangeSetState, Workspace } from '../store';
import type { CountedDecision, ReleaseVerification } from '../verify';
import { personOf } from '../verify';

export interface DecisionOutcome {
  readonly state: Exclude<ChangeSetState, 'superseded'>;
  /** Approved or rejected: the forms close; a decision must be withdrawn before another counts. */
  readonly final: boolean;
  /** Standing decisions under the current revision, one approval per person. */
  readonly approvals: readonly CountedDecision[];
  readonly rejections: readonly CountedDecision[];
  /** Decisions of persons who both approve and reject (verify fails closed: conflicting-decisions). */
  readonly conflicts: readonly CountedDecision[];
  readonly quorum: number;
  /** The judging revision's number in this workspace (null when the workspace does not hold it). */
  readonly revision: number | null;
  /** Why no new decision is taken, in the UI's words (null while pending). */
  readonly reason: string | null;
}

/** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
export function namesText(names: readonly string[]): string {
  const unique = [...new Set(names)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)!}`;
}

/** The name the workspace knows a key by (own or trusted), else the name the decision carries. */
export function keyName(ws: Workspace, keyId: string, fallback = keyId.slice(0, 19)): string {
  return ws.keys.getReviewerKey(keyId)?.name ?? ws.keys.getTrustedKey(keyId)?.name ?? fallback;
}

/** A contract digest's revision number in this workspace, or null when it holds no such revision. */
export function revisionNumberOf(ws: Workspace, contractDigest: string): number | null {
  return ws.contracts.getRevisionByDigest(contractDigest)?.revision ?? null;
}

export const revisionText = (n: number | null): string => (n === null ? 'an unknown revision' : `revision ${n}`);

/**
 * Payload digests of the held decisions that a stored withdrawal names and that the judgement
 * no longer counts as standing: verify applied the withdrawal (its signature, its person), so
 * a withdrawal that did not count leaves its decision standing and is not reported here.
 */
export function withdrawnDecisions(ws: Workspace, changeSetDigest: string, v: Pick<ReleaseVerification, 'standing'>): ReadonlySet<string> {
  const standing = new Set(v.standing.map((d) => d.digest));
  return new Set(ws.withdrawals.list(changeSetDigest).map((w) => w.withdraws).filter((d) => !standing.has(d)));
}

/** The outcome under the contract the judgement was made with (`contractDigest`). */
export function decisionOutcome(ws: Workspace, v: ReleaseVerification, contract: { readonly digest: string }): DecisionOutcome {
  // The judgement already read the decisions as verify does: withdrawn ones removed, one per person.
  const { approvals, rejections, conflicts } = v;
  const revision = revisionNumberOf(ws, contract.digest);
  const under = revisionText(revision);
  // In the order they decided.
  const names = (ds: readonly CountedDecision[]) => namesText([...ds].sort((a, b) => a.time.localeCompare(b.time)).map((d) => keyName(ws, d.keyId, d.reviewer)));
  if (rejections.length > 0) {
    return {
      state: 'rejected', final: true, approvals, rejections, conflicts, quorum: v.quorum, revision,
      reason: `already rejected by ${names(rejections)} (judged under ${under}): withdraw the rejection first to change it`,
    };
  }
  if (conflicts.length > 0) {
    // Fail closed, as verify does: nothing is approved while a person says both.
    return {
      state: 'rejected', final: true, approvals, rejections, conflicts, quorum: v.quorum, revision,
      reason: `${names(conflicts)} both approved and rejected it (conflicting decisions): withdraw one of them first`,
    };
  }
  if (approvals.length >= v.quorum) {
    return {
      state: 'approved', final: true, approvals, rejections, conflicts, quorum: v.quorum, revision,
      reason: `already approved under ${under} by ${names(approvals)}: withdraw an approval first to change it`,
    };
  }
  return { state: 'pending', final: false, approvals, rejections, conflicts, quorum: v.quorum, revision, reason: null };
}

/** The standing decision(s) of the person holding `keyId` (their own, or another key of theirs). */
export function decisionsOfPerson(outcome: Pick<DecisionOutcome, 'approvals' | 'rejections' | 'conflicts'>, roster: readonly RosterEntry[] | null | undefined, keyId: string): CountedDecision[] {
  const person = personOf(roster);
  const mine = person(keyId);
  return [...outcome.approvals, ...outcome.rejections, ...outcome.conflicts].filter((d) => d.keyId === keyId || (mine !== null && person(d.keyId) === mine));
}
