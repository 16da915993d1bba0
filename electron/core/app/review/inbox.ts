import type { Inbox, InboxGroup, InboxItemDto } from '../../../shared/api-types';
import type { InboxItem as StoredInboxItem, Workspace } from '../../store';
import { listChangeSets } from '../change-set-service';
import { severityCounts } from './change-set-detail';
import { vendorSignatureForList } from '../vendor-signature-status';

const EMPTY_COUNTS = { bySeverity: {}, byEnforcement: {}, errors: 0, total: 0 } as const;

/**
 * The inbox: change sets grouped by vendor and install (groups in name order, newest first
 * inside). Pending, approved and rejected ones are listed (a reviewer comes back to what they
 * just signed); superseded releases are left out.
 */
export function inbox(ws: Workspace): Inbox {
  const groups = new Map<string, { vendor: string; install: string; items: InboxItemDto[] }>();
  let total = 0;
  for (const item of listChangeSets(ws)) {
    if (item.state === 'superseded') continue;
    const key = `${item.vendor}\u0000${item.install}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { vendor: item.vendor, install: item.install, items: [] }));
    group.items.push(inboxItem(ws, item));
    total++;
  }
  const sorted: InboxGroup[] = [...groups.values()].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.install.localeCompare(b.install));
  return { groups: sorted, total };
}

function inboxItem(ws: Workspace, i: StoredInboxItem): InboxItemDto {
  const e = i.latestEvaluation;
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
    state: i.state,
    verdict: e?.verdict ?? null,
    resourceCount: i.resourceCount,
    counts: e ? severityCounts(e) : EMPTY_COUNTS,
    vendorSignature: signature.state,
    vendorSigners: signature.signers.map((s) => ({ keyId: s.keyId, name: s.name })),
  };
}
