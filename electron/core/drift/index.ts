// Drift: what a live snapshot says has changed since the last approved change set (docs/drift.md).
export type { DriftItem, DriftKind, DriftReport, DriftSnapshotKind, FieldDrift } from './drift-types';
export { terraformDriftFromRefreshPlan, terraformDriftFromState, terraformRefreshDrift, terraformStateDrift } from './terraform-drift';
export type { DriftComparison } from './terraform-drift';
export { DEFAULT_CONTROLLER_MANAGERS, DEFAULT_VENDOR_MANAGERS, kubernetesDrift } from './kubernetes/live-drift';
export type { KubernetesDriftOptions, KubernetesDriftResult } from './kubernetes/live-drift';
export { loadDriftSnapshot } from './load-snapshot';
export type { DriftSnapshot } from './load-snapshot';
export { buildDriftReport, compareSnapshot, driftItemKey, driftReportForSnapshot } from './drift-report';
export type { DriftReportInput } from './drift-report';
export { openDriftItems, pathText, renderDriftJson, renderDriftText } from './render-drift';
