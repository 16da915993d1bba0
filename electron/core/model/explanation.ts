import type { FieldPath } from './resource-change';

/**
 * Why a policy decided what it decided on one resource: made by the engine's explain stage
 * (engine/explain) by evaluating the condition's clauses; read by the reports and the review.
 * Every value is text rendered from the masked model: a masked value reads `(sensitive value)`,
 * a value known only after apply `(known after apply)`, an error `<its message>`.
 */

/** A piece of a condition's text: [start, end) offsets into it, and the text. */
export interface ConditionSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A sub-expression and the value it saw. */
export interface ExplainedValue {
  readonly expression: string;
  readonly value: string;
}

/** A boolean piece of the deciding clause: offsets into the condition, and what it evaluated to. */
export interface ExplainedPart extends ConditionSpan {
  readonly value: string;
}

/** The element of a list (or entry of a map) that made a list macro fail. */
export interface FailingElement {
  readonly macro: string;
  readonly variable: string;
  /** The list expression as written (e.g. `object.spec.template.spec.containers`). */
  readonly list: string;
  /** The index in a list, or the key in a map. */
  readonly index: number | string;
  /** The element (a map's value at that key). */
  readonly value: string;
  /** What the macro's predicate (or map's transform) gave on it. */
  readonly saw: string;
}

export interface Explanation {
  readonly condition: string;
  /**
   * The clause that decided it, offsets into `condition`: a top-level conjunct, or, inside a
   * conjunct `test ? a : b` or `cel.bind(x, init, body)`, the conjunct of the branch taken or
   * of the body; null when the condition holds or could not be run.
   */
  readonly clause: ConditionSpan | null;
  /** On the way to the clause: the tests of the choices (`test ? a : b`) taken and the names `cel.bind` bound, with their values. */
  readonly choices: readonly ExplainedValue[];
  /** The boolean pieces of that clause with their results, when it has more than one (`a || b`, `!a`…). */
  readonly parts: readonly ExplainedPart[];
  /** The fields the clause reads and the values they saw (`object.publicly_accessible` → `true`). */
  readonly values: readonly ExplainedValue[];
  /** For a list macro in the clause: the element that failed. */
  readonly element?: FailingElement;
  /** The field the policy blames (its `path`), or null when it names none or it cannot be computed. */
  readonly field: FieldPath | null;
  /** Why the explanation is partial, when it is (never a thrown error). */
  readonly note?: string;
}
