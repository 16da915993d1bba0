import type { Inbox, InboxGroup, InboxItemDto } from '../../../shared/api-types';
import type { InboxItem as StoredInboxItem, Workspace } from '../../store';
import { listChangeSets } from '../change-set-service';
import { workspaceContext } from '../review-context';
import type { ReviewContext } from '../review-context';
import { severityCounts } from './change-set-detail';
import { vendorSignatureForList, vendorSignatureRequiredFor } from '../vendor-signature-status';
import { inboxStates } from './inbox-state';
import { driftInbox } from '../drift/list-reports';
import type { InboxStates } from './inbox-state';
import { changeSetDisplay, labelStore, NO_LABELS } from '../change-set-labels';
import type { ChangeSetDisplay, ChangeSetLabels } from '../change-set-labels';

const EMPTY_COUNTS = { bySeverity: {}, byEnforcement: {}, errors: 0, total: 0 } as const;

/**
 * The inbox: change sets grouped by vendor and install (groups in name order, newest first
 * inside). Pending, approved and rejected ones are listed (a reviewer comes back to what they
 * just signed); superseded releases are left out. Each state is the one under the contract
 * revision that judges the change set now (inbox-state.ts), with the exceptions expiring within
 * the warning period. `context`: the review session, whose judgements are reused.
 */
export function inbox(ws: Workspace, context: ReviewContext = workspaceContext(ws), now = new Date()): Inbox {
  const states = inboxStates(ws, context, now);
  // One contract judges every change set of a vendor and install: read its rule once per group.
  const requiredBy = new Map<string, boolean>();
  const required = (i: StoredInboxItem): boolean => {
    const key = `${i.vendor}\u0000${i.install}`;
    if (!requiredBy.has(key)) requiredBy.set(key, vendorSignatureRequiredFor(ws, i));
    return requiredBy.get(key)!;
  };
  const groups = new Map<string, { vendor: string; install: string; items: InboxItemDto[] }>();
  const labels = labelStore(ws).all();
  let total = 0;
  for (const item of listChangeSets(ws)) {
    if (item.state === 'superseded') continue;
    const key = `${item.vendor}\u0000${item.install}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { vendor: item.vendor, install: item.install, items: [] }));
    group.items.push(inboxItem(ws, item, states, required(item), displayOf(ws, item, labels.get(item.digest) ?? NO_LABELS)));
    total++;
  }
  const sorted: InboxGroup[] = [...groups.values()].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.install.localeCompare(b.install));
  const titles = new Map(sorted.flatMap((g) => g.items.map((i) => [i.digest, `${i.display.title} ${i.display.release}`.trim()] as const)));
  // Exceptions of change sets the inbox does not list (superseded) no longer matter.
  const expiryWarnings = states.warnings
    .filter((w) => w.changeSetDigest === null || titles.has(w.changeSetDigest))
    .map((w) => ({ ...w, changeSetLabel: w.changeSetDigest === null ? '' : titles.get(w.changeSetDigest)! }));
  return { groups: sorted, total, expiryWarningDays: states.warningDays, expiryWarnings, drift: driftInbox(ws) };
}

/** Its name on screen; the files are read only when neither the vendor nor a label names the app. */
function displayOf(ws: Workspace, i: StoredInboxItem, labels: ChangeSetLabels): ChangeSetDisplay {
  const files = i.app === '' && labels.app === '' ? (ws.changeSets.getChangeSet(i.digest)?.artifacts ?? []).map((a) => a.path) : [];
  return changeSetDisplay(i, labels, files);
}

function inboxItem(ws: Workspace, i: StoredInboxItem, states: InboxStates, vendorSignatureRequired: boolean, display: ChangeSetDisplay): InboxItemDto {
  const e = i.latestEvaluation;
  const { state, staleDecisions } = states.stateOf(i);
  // Judged at read time under the contract that judges it now (a roster or trust change shows at once).
  const signature = vendorSignatureForList(ws, i.digest, i);
  return {
    digest: i.digest,
    vendor: i.vendor,
    app: i.app,
    install: i.install,
    release: i.release,
    previousRelease: i.previousRelease,
    receivedAt: i.receivedAt,
    plannedApplyAt: i.plannedApplyAt,
    state,
    verdict: e?.verdict ?? null,
    resourceCount: i.resourceCount,
    counts: e ? severityCounts(e) : EMPTY_COUNTS,
    vendorSignature: signature.state,
    vendorSignatureRequired,
    vendorSigners: signature.signers.map((s) => ({ keyId: s.keyId, name: s.name })),
    staleDecisions,
    expiryWarnings: states.warningsOf(i.digest),
    display,
  };
}
