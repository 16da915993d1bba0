// Drift: what a live snapshot says has changed since the last approved change set (docs/drift.md).
// D2 part (Kubernetes); D1's index adds the Terraform comparisons, the report and the CLI's helpers.
export type { DriftItem, DriftKind, DriftReport, DriftSnapshotKind, FieldDrift } from './drift-types';
export { DEFAULT_CONTROLLER_MANAGERS, DEFAULT_VENDOR_MANAGERS, kubernetesDrift } from './kubernetes/live-drift';
export type { KubernetesDriftOptions, KubernetesDriftResult } from './kubernetes/live-drift';
