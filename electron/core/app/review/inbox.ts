import type { Inbox, InboxGroup, InboxItemDto } from '../../../shared/api-types';
import type { InboxItem as StoredInboxItem, Workspace } from '../../store';
import { listChangeSets } from '../change-set-service';
import { workspaceContext } from '../review-context';
import type { ReviewContext } from '../review-context';
import { severityCounts } from './change-set-detail';
import { vendorSignatureForList, vendorSignatureRequiredFor } from '../vendor-signature-status';
import { inboxStates } from './inbox-state';
import type { InboxStates } from './inbox-state';

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
  let total = 0;
  for (const item of listChangeSets(ws)) {
    if (item.state === 'superseded') continue;
    const key = `${item.vendor}\u0000${item.install}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { vendor: item.vendor, install: item.install, items: [] }));
    group.items.push(inboxItem(ws, item, states, required(item)));
    total++;
  }
  const sorted: InboxGroup[] = [...groups.values()].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.install.localeCompare(b.install));
  const labels = new Map(sorted.flatMap((g) => g.items.map((i) => [i.digest, `${i.app} ${i.release}`] as const)));
  // Exceptions of change sets the inbox does not list (superseded) no longer matter.
  const expiryWarnings = states.warnings
    .filter((w) => w.changeSetDigest === null || labels.has(w.changeSetDigest))
    .map((w) => ({ ...w, changeSetLabel: w.changeSetDigest === null ? '' : labels.get(w.changeSetDigest)! }));
  return { groups: sorted, total, expiryWarningDays: states.warningDays, expiryWarnings };
}

function inboxItem(ws: Workspace, i: StoredInboxItem, states: InboxStates, vendorSignatureRequired: boolean): InboxItemDto {
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
  };
}
