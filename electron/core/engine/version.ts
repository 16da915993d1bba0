/**
 * Identifies the evaluation semantics; recorded in every Evaluation (not part of any digest).
 * 2: values unknown until apply are unknown values, and findings may have status `unknown`.
 * 3: findings of a policy in shadow mode carry `shadow: true` (and weigh nothing); a policy
 *    matching labels applies when the resource carries them before OR after the change.
 */
export const ENGINE_VERSION = 'countersign-engine/3';
