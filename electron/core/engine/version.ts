/**
 * Identifies the evaluation semantics; recorded in every Evaluation (not part of any digest).
 * 2: values unknown until apply are unknown values, and findings may have status `unknown`.
 * 3: findings of a policy in shadow mode carry `shadow: true` (and weigh nothing); a policy
 *    matching labels applies when the resource carries them before OR after the change.
 * 4: a Terraform finding points at the field its policy's `path` names (the attribute's line in
 *    the plan, or the entry's `change.actions` via `["@entry", ...]`), no longer at the entry:
 *    finding locations, hence evaluation digests of Terraform findings, change. Approvals of
 *    earlier evaluations still count (`evaluationMatches` is informational).
 */
export const ENGINE_VERSION = 'countersign-engine/4';
