/**
 * What the decisions held make of a change set under the contract revision that judges it
 * now: approved or rejected (final: the forms close and new decisions are refused until one is
 * withdrawn) or pending. Read from the judgement (verify's rule), never from the stored state
 * column alone, so a contract edit shows at once.
 */
import type { RosterEntry } from '../base/roster';
import { checkSignatures, decodeEnvelope } from '../signing/dsse';
import { WITHDRAWAL_PREDICATE, withdrawalPredicateSchema } from '../signing/predicates';
import { CHANGESET_SUBJECT, hasSubject, parseStatement } from '../signing/statement';
import type { ChangeSetState, Workspace } from '../store';
import { resolveTrustedKeys } from '../verify';
import type { CountedDecision, ReleaseVerification } from '../verify';
import { personOf } from '../verify';
import { workspaceTrust } from './workspace-judgement';

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
 * Payload digests of decisions withdrawn by a stored withdrawal/v1 that verifies with a key the
 * workspace trusts and belongs to the decision's own person: for labelling stored decisions
 * that do not stand. What stands is verify's reading (the judgement), never this one.
 */
export function withdrawnDecisions(ws: Workspace, changeSetDigest: string, roster: readonly RosterEntry[] | null | undefined, decisions: readonly { readonly digest: string; readonly keyId: string }[]): ReadonlySet<string> {
  const stored = ws.withdrawals.list(changeSetDigest);
  if (stored.length === 0 || decisions.length === 0) return new Set();
  const trusted = resolveTrustedKeys(workspaceTrust(ws));
  const keys = new Map([...trusted].map(([id, k]) => [id, k.publicKey]));
  const person = personOf(roster);
  const withdrawn = new Set<string>();
  for (const w of stored) {
    let decoded;
    try {
      decoded = decodeEnvelope(JSON.parse(w.envelope));
    } catch {
      continue;
    }
    const verified = checkSignatures(decoded, keys).verifiedKeyIds;
    if (verified.length === 0) continue;
    const parsed = parseStatement(decoded.payload);
    if ('problem' in parsed || parsed.statement.predicateType !== WITHDRAWAL_PREDICATE) continue;
    if (!hasSubject(parsed.statement, CHANGESET_SUBJECT, changeSetDigest)) continue;
    const predicate = withdrawalPredicateSchema.safeParse(parsed.statement.predicate);
    if (!predicate.success) continue;
    // As for decisions: a key counts for what it signed before its revocation.
    const at = Date.parse(predicate.data.time);
    const signers = verified.filter((k) => {
      const revokedAt = trusted.get(k)?.revokedAt ?? null;
      return revokedAt === null || at < revokedAt;
    });
    const target = decisions.find((d) => d.digest === predicate.data.withdraws);
    if (!target) continue;
    const owner = person(target.keyId);
    if (signers.some((k) => k === target.keyId || (owner !== null && person(k) === owner))) withdrawn.add(target.digest);
  }
  return withdrawn;
}

/**
 * A person's approval and rejection both standing: verify (issue 10) reads them apart from the
 * approvals and rejections; a judgement made before that rule has none.
 */
function conflictsOf(v: ReleaseVerification): readonly CountedDecision[] {
  return (v as { readonly conflicts?: readonly CountedDecision[] }).conflicts ?? [];
}

/**
 * The decisions that stand, one approval per person. Verify already removed the withdrawn ones
 * (the judgement reads every stored withdrawal by its rule): removing more here, by a looser
 * check, would show a rejection gone that verify still counts.
 */
export function standingDecisions(v: ReleaseVerification, roster: readonly RosterEntry[] | null | undefined): { approvals: CountedDecision[]; rejections: CountedDecision[]; conflicts: CountedDecision[] } {
  const person = personOf(roster);
  const seen = new Set<string>();
  const approvals = v.approvals.filter((d) => {
    const p = person(d.keyId) ?? d.keyId;
    if (seen.has(p)) return false;
    seen.add(p);
    return true;
  });
  return { approvals, rejections: [...v.rejections], conflicts: [...conflictsOf(v)] };
}

/** The outcome under the contract the judgement was made with (`contractDigest`). */
export function decisionOutcome(ws: Workspace, v: ReleaseVerification, contract: { readonly digest: string; readonly roster?: readonly RosterEntry[] | undefined }, _changeSetDigest: string): DecisionOutcome {
  const { approvals, rejections, conflicts } = standingDecisions(v, contract.roster);
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
