// Terraform drift (the plan's API names): a refresh-only plan's resource_drift, or state
// compared with the approved change set's planned values. Rules: docs/drift.md.
export { terraformDriftFromRefreshPlan, terraformRefreshDrift } from './refresh-plan-drift';
export type { DriftComparison } from './refresh-plan-drift';
export { terraformDriftFromState, terraformStateDrift } from './state-drift';
