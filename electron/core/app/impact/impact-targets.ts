import { printable } from '../../model/printable-text';
import type { ChangeSetState, InboxItem, StoredEvaluation, Workspace } from '../../store';
import { listChangeSets } from '../change-set-service';
import { contractHeads, selectContract } from '../contract-selection';
import type { ContractHead } from '../contract-selection';

/** One stored change set the replay evaluates. */
export interface ImpactTarget {
  readonly digest: string;
  /** vendor/app/release as the vendor wrote them, made safe to print (printable-text.ts). */
  readonly label: string;
  readonly state: ChangeSetState;
  readonly plannedApplyAt: string;
}

/**
 * Whether contract `contract` judges this change set: the contract its vendor and install
 * select (contract-selection.ts) is that one. A contract not stored yet (a first draft) is
 * replayed over every change set; a change set whose selector only looks like a contract's
 * is judged by none (it is refused when judged).
 */
export function contractApplies(ws: Workspace, contract: string, item: InboxItem, heads: readonly ContractHead[] = contractHeads(ws)): boolean {
  if (!heads.some((h) => h.revision.contract === contract)) return true;
  try {
    return selectContract(heads, item)?.revision.contract === contract;
  } catch {
    return false;
  }
}

/** Every stored change set (every state) the contract judges: pending first, then newest first. */
export function impactTargets(ws: Workspace, contract: string): readonly ImpactTarget[] {
  const rank = (s: ChangeSetState): number => (s === 'pending' ? 0 : 1);
  const heads = contractHeads(ws);
  return listChangeSets(ws)
    .filter((item) => contractApplies(ws, contract, item, heads))
    .sort((a, b) => rank(a.state) - rank(b.state))
    .map((item) => ({ digest: item.digest, label: changeSetLabel(item), state: item.state, plannedApplyAt: item.plannedApplyAt }));
}

export function changeSetLabel(m: Pick<InboxItem, 'vendor' | 'app' | 'release'>): string {
  return printable([m.vendor, m.app, m.release].map((s) => (s === '' ? '-' : s)).join('/'));
}

/**
 * The evaluation a change set is shown with now, which the replay compares against: the
 * latest one under the contract's latest revision, else its latest under any contract (made
 * before this contract judged it), else none.
 */
export function baselineEvaluation(ws: Workspace, contract: string, digest: string): StoredEvaluation | null {
  const revision = ws.contracts.latestRevision(contract);
  return (revision ? ws.evaluations.latestEvaluation(digest, revision.digest) : null) ?? ws.evaluations.latestEvaluation(digest);
}
