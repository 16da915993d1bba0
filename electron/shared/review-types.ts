/**
 * DTOs of the review screen's depth (issue 11): explanations, attribute-level diffs, navigation,
 * stored resource rows, display labels. Plain, serializable, readonly; no Node or DOM imports.
 */

/** A path into a resource's before/after value, e.g. ["spec","template","spec","containers",0,"image"]. */
export type FieldPathDto = readonly (string | number)[];

// ---- explain
/**
 * Why a policy decided what it decided on one resource, from the engine's explain stage
 * (engine/explain), by evaluating the condition's clauses, never by reading messages. Every
 * value is rendered from the masked model: a masked value reads `(sensitive value)`, a value
 * known only after apply `(known after apply)`, an error `<its message>`.
 */
export interface ExplanationDto {
  /** The policy's whole condition, as written in the contract. */
  readonly condition: string;
  /**
   * The clause that decided it: offsets into `condition` (a parenthesized clause without its
   * outer parentheses). A top-level conjunct, or, inside a conjunct `test ? a : b` (the
   * baseline dispatches on the resource type that way), the conjunct of the branch taken.
   * null when the condition holds or could not be run (`note` says why).
   */
  readonly clause: { readonly start: number; readonly end: number; readonly text: string } | null;
  /**
   * On the way to the clause: the tests of the choices taken, with what each gave
   * (`resource.type == "aws_db_instance"` → `true`), and the names `cel.bind` bound, with their values.
   */
  readonly choices?: readonly { readonly expression: string; readonly value: string }[];
  /**
   * The boolean pieces of that clause (operands of `||`, `&&`, `!`), offsets into `condition`,
   * each with what it evaluated to ('true', 'false', `(known after apply)`, `<error>`); empty
   * or absent when the clause is a single comparison.
   */
  readonly parts?: readonly { readonly start: number; readonly end: number; readonly text: string; readonly value: string }[];
  /** Sub-expressions of the deciding clause with the values they saw (e.g. `object.publicly_accessible` → `true`). */
  readonly values: readonly { readonly expression: string; readonly value: string }[];
  /**
   * For list macros (all/exists/exists_one/filter/map): the element that failed, its index (or
   * a map's key) and value; `list` is the list expression as written, `saw` what the macro's
   * predicate (or map's transform) gave on that element.
   */
  readonly element?: { readonly macro: string; readonly variable: string; readonly index: number | string; readonly value: string; readonly list?: string; readonly saw?: string };
  /** The field the policy blames (its `path`), or null when it names none. The diff highlights it. */
  readonly field: FieldPathDto | null;
  /** Why the explanation is partial, when it is (e.g. the clause could not be evaluated). */
  readonly note?: string;
}
// ---- end explain

// ---- detail
// ---- end detail

// ---- navigation
/**
 * What the list needs of one resource that does not depend on the contract: computed once from
 * the loaded change set (core/app/review/resource-facts.ts, navigation owner) and stored at
 * import (speed owner), so reopening a change set never rebuilds it to show its rows.
 */
export interface ResourceFactsDto {
  readonly index: number;
  readonly address: string;
  readonly source: 'terraform' | 'kubernetes' | 'image';
  readonly type: string;
  readonly name: string;
  /** The normalized action (create, update, delete, replace, read, no-op). */
  readonly action: string;
  /** The action category the list filters on: the action, or 'drift' for changes made outside the pipeline. */
  readonly category: string;
  readonly drift: boolean;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** 1-based document index in a multi-document YAML file (Kubernetes); absent otherwise. */
  readonly document?: number;
  /** '' when the address is unique in the change set; else what tells it apart (file and document index, or "drift"). */
  readonly disambiguator: string;
}

/** The resources one reviewer marked "Viewed" in one change set. */
export interface ViewedDto {
  /** Who they are recorded for: `key:<fingerprint>` of the personal key, else `os:<user>`. */
  readonly reviewer: string;
  /** Resources in the change set. */
  readonly total: number;
  /** Indexes of the resources marked viewed, ascending. */
  readonly indexes: readonly number[];
}
// ---- end navigation

// ---- speed
/** What a policy (or a built-in check) says about itself, sent once per change set rather than once per finding. */
export interface PolicyTextDto {
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
}

/** Policy id → its texts, for every policy with a finding in the change set. */
export type PolicyTextsDto = Readonly<Record<string, PolicyTextDto>>;
// ---- end speed

// ---- imports
export type LabelFieldDto = 'vendor' | 'app' | 'install' | 'release';

/**
 * How the screen names a change set (core/app/change-set-labels.ts): the vendor's metadata, and
 * only where it is empty a reviewer's display label (never read by the digest, contract
 * selection, policies, verify or the outbox). `title`: the app, else the imported files' names.
 */
export interface ChangeSetDisplayDto {
  readonly title: string;
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  /** Fields shown from a reviewer's label, not the vendor's metadata (the screen marks them). */
  readonly labelled: readonly LabelFieldDto[];
  /** Fields the vendor's metadata leaves empty: the only ones a label may set. */
  readonly editable: readonly LabelFieldDto[];
  readonly labels: Readonly<Record<LabelFieldDto, string>>;
}

/** A failed automatic import of the watched inbox folder, until dismissed. */
export interface WatchProblemDto {
  readonly id: string;
  /** The name it had in the inbox folder (escaped). */
  readonly file: string;
  readonly message: string;
  readonly at: string;
  /** Where the file is now, relative to the workspace (e.g. `inbox/failed/2026-…-plan.json`); '' when it could not be moved. */
  readonly movedTo: string;
}
// ---- end imports
