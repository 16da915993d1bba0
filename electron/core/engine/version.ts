/**
 * Identifies the evaluation semantics; recorded in every Evaluation (not part of any digest).
 * 2: values unknown until apply are unknown values, and findings may have status `unknown`.
 */
export const ENGINE_VERSION = 'countersign-engine/2';
