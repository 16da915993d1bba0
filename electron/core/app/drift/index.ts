// Issue 12 (drift review; owner D3): drift in the workspace.
export { lastApprovedChangeSet } from './last-approved';
export { acknowledgedDriftKeys } from './acknowledged-keys';
export { importDriftSnapshot } from './import-snapshot';
export type { DriftSnapshotFile, ImportDriftInput, ImportedDriftReport } from './import-snapshot';
export { driftInbox, driftReportDetail, listDriftReports, openDriftCount } from './list-reports';
export type { DriftReportRow } from './list-reports';
export { acknowledgeDrift } from './acknowledge';
export type { AcknowledgeDriftInput, AcknowledgeDriftResult, DriftSigner } from './acknowledge';
export { checkedInstallName } from './install-name';
export { driftOutboxDir, DRIFT_OUTBOX_FOLDER } from './drift-outbox';
