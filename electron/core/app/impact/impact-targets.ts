import { printable } from '../../model/printable-text';
import type { ChangeSetState, InboxItem, StoredEvaluation, Workspace } from '../../store';
import { listChangeSets } from '../change-set-service';

/** One stored change set the replay evaluates. */
export interface ImpactTarget {
  readonly digest: string;
  /** vendor/app/release as the vendor wrote them, made safe to print (printable-text.ts). */
  readonly label: string;
  readonly state: ChangeSetState;
  readonly plannedApplyAt: string;
}

/**
 * Whether contract `contract` judges this change set. Until per-vendor selection lands
 * (plan section 5: contractFor(ws, changeSet)), one contract judges every change set; this is
 * the one place that decides it, e.g. `contractFor(ws, item).name === contract`.
 */
export function contractApplies(_ws: Workspace, _contract: string, _item: InboxItem): boolean {
  return true;
}

/** Every stored change set (every state) the contract judges: pending first, then newest first. */
export function impactTargets(ws: Workspace, contract: string): readonly ImpactTarget[] {
  const rank = (s: ChangeSetState): number => (s === 'pending' ? 0 : 1);
  return listChangeSets(ws)
    .filter((item) => contractApplies(ws, contract, item))
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
