import { buildDriftReport, compareSnapshot, loadDriftSnapshot } from '../../drift';
import type { DriftReport } from '../../drift';
import { writeTransaction } from '../../store/write-transaction';
import type { Workspace } from '../../store';
import { driftStore } from '../../store/drift';
import type { StoredDriftReport } from '../../store/drift';
import { compiledContract } from '../compiled-contract';
import { contractFor } from '../current-contract';
import { checkedInstallName } from './install-name';
import { installVendor, lastApprovedChangeSet } from './last-approved';

export interface DriftSnapshotFile {
  /** The name shown and kept with the report (a base name: never a path of this machine). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ImportDriftInput {
  readonly install: string;
  readonly files: readonly DriftSnapshotFile[];
  readonly now?: Date;
  /** The audit entry's actor (the session's when absent). */
  readonly actor?: string;
}

export interface ImportedDriftReport {
  readonly stored: StoredDriftReport;
  readonly report: DriftReport;
  /** False when this snapshot was already judged the same way (the same report is kept once). */
  readonly created: boolean;
}

/**
 * Imports live snapshots of one install (a refresh-only plan, `terraform show -json` state, or a
 * `kubectl get -o yaml` List): each is compared with the install's last approved change set and
 * its drifted live state evaluated under the contract that judges the install now. Every file is
 * read, recognised and compared before anything is stored: one bad file stores nothing (its
 * error names the file and line). Only the masked report is kept, never the snapshot's text.
 */
export function importDriftSnapshot(ws: Workspace, input: ImportDriftInput): readonly ImportedDriftReport[] {
  const install = checkedInstallName(input.install);
  const at = input.now ?? new Date();
  const snapshots = input.files.map((f) => loadDriftSnapshot(f.name, f.bytes));
  const last = lastApprovedChangeSet(ws, install);
  const approved = last?.changeSet ?? null;
  const active = contractFor(ws, { vendor: approved?.metadata.vendor ?? installVendor(ws, install), install });
  const contract = compiledContract(active.contract);
  const reports = snapshots.map((snapshot) => {
    const { items, liveResources } = compareSnapshot(snapshot, approved);
    return buildDriftReport({ install, snapshot, approvedChangeSet: approved, items, liveResources, contract, at });
  });
  const store = driftStore(ws, () => at);
  return writeTransaction(ws.db, () => reports.map((report) => {
    const r = store.recordReport({
      install,
      snapshotSha256: report.snapshot.sha256,
      snapshotKind: report.snapshot.kind,
      snapshotFile: report.snapshot.file,
      approvedChangeSet: report.approvedChangeSet,
      contractDigest: report.contractDigest,
      verdict: report.evaluation.verdict,
      findingCount: report.evaluation.findings.length,
      report: JSON.stringify(report),
      items: report.items.map((i) => ({ key: i.key, address: i.address, kind: i.kind, otherManagersOnly: i.otherManagersOnly })),
    }, input.actor);
    return { stored: r.value, report: r.created ? report : (JSON.parse(r.value.report) as DriftReport), created: r.created };
  }));
}
