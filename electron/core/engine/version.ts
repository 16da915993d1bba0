/**
 * Identifies the evaluation semantics; recorded in every Evaluation (not part of any digest).
 * 2: values unknown until apply are unknown values, and findings may have status `unknown`.
 * 3: findings of a policy in shadow mode carry `shadow: true` (and weigh nothing); a policy
 *    matching labels applies when the resource carries them before OR after the change.
 * 4: a Terraform finding points at the field its policy's `path` names (the attribute's line in
 *    the plan, or the entry's `change.actions` via `["@entry", ...]`), no longer at the entry:
 *    finding locations, hence evaluation digests of Terraform findings, change. Approvals of
 *    earlier evaluations still count (`evaluationMatches` is informational).
 * 5: policies of one contract that implement the same standard control (`controls`) and fire on
 *    the same resource are reported as one finding, at the stricter enforcement and higher
 *    severity, naming the other ids in `alsoPolicies` (evaluate/merge-same-controls.ts). Only
 *    contracts with such policies (baseline 5 beside pss-baseline, say) evaluate differently;
 *    every other evaluation, and its digest, is unchanged.
 */
export const ENGINE_VERSION = 'countersign-engine/5';
