/** Identifies the evaluation semantics; recorded in every Evaluation (not part of any digest). */
export const ENGINE_VERSION = 'countersign-engine/1';
