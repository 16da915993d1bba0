/**
 * The inbox's state of each change set under the contract revision that judges it NOW (issue
 * 10): a contract edit shows at once, without a stale "Approved". Judging every change set
 * would verify every signature of a big inbox on each refresh, so the stored state column is
 * trusted where it cannot be stale, and the judgement is asked only where it may be:
 * - approved, every approval made under the judging revision: approved (the column was written
 *   by a judgement at the decision, and withdrawals rewrite it);
 * - approved, no approval under the judging revision: pending (an approval counts only under
 *   the contract it names: verify's rule), no judgement needed;
 * - approved with approvals under both: judged.
 * A rejection counts under any revision, so rejected and pending are the column's.
 */
import type { ChangeSetState, ExpiryWarningDto } from '../../../shared/api-types';
import { decisionSummaries, exceptionExpiries } from '../../store';
import type { DecisionSummaryRow, InboxItem, Workspace } from '../../store';
import { judgingRevision } from '../current-contract';
import { decisionOutcome } from '../decision-state';
import { judgeCurrent } from '../review-context';
import type { ReviewContext } from '../review-context';
import { readDecision } from './stored-decision';

const DAY_MS = 24 * 3600_000;

export interface InboxStates {
  /** The state to show, and how many approvals were signed under another revision (to re-sign). */
  stateOf(item: InboxItem): { readonly state: ChangeSetState; readonly staleDecisions: number };
  /** Exceptions expiring within the warning period: per change set, and all of them. */
  readonly warnings: readonly ExpiryWarningDto[];
  warningsOf(digest: string): readonly ExpiryWarningDto[];
  readonly warningDays: number;
}

export function inboxStates(ws: Workspace, context: ReviewContext, now: Date): InboxStates {
  const decisions = new Map<string, DecisionSummaryRow[]>();
  for (const d of decisionSummaries(ws.db)) decisions.set(d.changeSetDigest, [...(decisions.get(d.changeSetDigest) ?? []), d]);
  const withdrawnIn = new Set(ws.withdrawals.listAll().map((w) => w.changeSetDigest));
  const judgingDigest = new Map<string, string | null>();
  const digestFor = (item: InboxItem): string | null => {
    const key = `${item.vendor}\u0000${item.install}`;
    if (!judgingDigest.has(key)) judgingDigest.set(key, judgingRevision(ws, { vendor: item.vendor, install: item.install })?.digest ?? defaultDigest(context, item.digest));
    return judgingDigest.get(key)!;
  };
  const { warningDays, warnings } = expiryWarnings(ws, now);
  const byChangeSet = new Map<string, ExpiryWarningDto[]>();
  for (const w of warnings) if (w.changeSetDigest !== null) byChangeSet.set(w.changeSetDigest, [...(byChangeSet.get(w.changeSetDigest) ?? []), w]);

  return {
    warnings,
    warningDays,
    warningsOf: (digest) => byChangeSet.get(digest) ?? [],
    stateOf: (item) => {
      const rows = decisions.get(item.digest) ?? [];
      if (rows.length === 0) return { state: item.state, staleDecisions: 0 };
      const current = digestFor(item);
      // Withdrawn approvals are neither counted nor stale (read only where a withdrawal exists).
      const withdrawn = withdrawnIn.has(item.digest) ? withdrawnIds(ws, item.digest) : new Set<number>();
      const approvals = rows.filter((r) => r.kind === 'approve' && !withdrawn.has(r.id));
      const underCurrent = approvals.filter((r) => r.contractDigest === current);
      const freshKeys = new Set(underCurrent.map((r) => r.keyId));
      const staleDecisions = new Set(approvals.filter((r) => r.contractDigest !== current && !freshKeys.has(r.keyId)).map((r) => r.keyId)).size;
      if (item.state !== 'approved' || underCurrent.length === approvals.length) return { state: item.state, staleDecisions };
      if (underCurrent.length === 0) return { state: 'pending', staleDecisions };
      return { state: judgedState(ws, context, item.digest, now), staleDecisions };
    },
  };
}

/** The default contract's digest when no vendor contract selects the change set (saved once if none is stored). */
function defaultDigest(context: ReviewContext, digest: string): string | null {
  try {
    return context.contractFor(digest).contract.digest;
  } catch {
    return null;
  }
}

function withdrawnIds(ws: Workspace, digest: string): Set<number> {
  const named = new Set(ws.withdrawals.list(digest).map((w) => w.withdraws));
  return new Set(ws.attestations.listApprovals(digest).filter((a) => named.has(readDecision(a.envelope)?.digest ?? '')).map((a) => a.id));
}

function judgedState(ws: Workspace, context: ReviewContext, digest: string, now: Date): ChangeSetState {
  const judged = judgeCurrent(ws, context, digest, now);
  return decisionOutcome(ws, judged.verification, judged.active.contract).state;
}

/** Exceptions not yet expired whose expiry falls within the workspace's warning period, soonest first. */
export function expiryWarnings(ws: Workspace, now: Date): { warningDays: number; warnings: ExpiryWarningDto[] } {
  const warningDays = ws.settings.get().exceptionExpiryWarningDays;
  const until = now.getTime() + warningDays * DAY_MS;
  const warnings = exceptionExpiries(ws.db).flatMap((e) => {
    const at = Date.parse(e.expiresAt);
    if (Number.isNaN(at) || at <= now.getTime() || at > until) return [];
    return [{ exceptionId: String(e.id), changeSetDigest: e.changeSetDigest, policy: e.policy, expires: e.expiresAt, daysLeft: Math.floor((at - now.getTime()) / DAY_MS) }];
  });
  return { warningDays, warnings: warnings.sort((a, b) => Date.parse(a.expires) - Date.parse(b.expires)) };
}
