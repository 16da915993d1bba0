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
/**
 * One side of a changed field, rendered from the masked model. `mark` says when the text is a
 * stand-in: 'sensitive' is the mask (the value is never sent), 'unknown' reads
 * "(known after apply)". Scalars are JSON text (`"a"`, `3`, `true`, `null`); a container that
 * is added or removed whole, or unchanged, is compact JSON with its masks already in place.
 */
export interface DiffValueDto {
  readonly text: string;
  readonly mark?: 'sensitive' | 'unknown';
}

/**
 * One attribute of a resource in the attribute-level diff (core/app/review/attribute-diff.ts).
 * - `added`/`removed`/`changed`: a leaf carries `before`/`after`; a map or list carries
 *   `children` (only the changed ones) and `unchanged` (the rest, collapsed in the UI);
 * - `masked`: sensitive on both sides: the masks are equal, so nobody can tell whether it
 *   changed (never counted as unchanged);
 * - `moved`: an element of a list matched by name, equal on both sides, whose order among the
 *   elements both sides have changed (init containers run in order: a reorder is a change).
 * Text is shown as is, except that invisible and bidirectional-control characters in values are
 * written as JSON escapes (\u202e), so a value cannot read as another one.
 */
export interface AttributeDiffNodeDto {
  /** Map key, list index, or the element's `name` when the list is matched by name. */
  readonly key: string | number;
  /** The path from the resource root, with list indexes of `after` (of `before` when removed): what `explanation.field` names. */
  readonly path: FieldPathDto;
  readonly change: 'added' | 'removed' | 'changed' | 'masked' | 'moved' | 'unchanged';
  readonly before?: DiffValueDto;
  readonly after?: DiffValueDto;
  /** For a list element: its index on each side (they differ when matched by name). */
  readonly beforeIndex?: number;
  readonly afterIndex?: number;
  /** Set on a list container: elements matched by index, or by their unique `name` (Kubernetes lists of named objects). */
  readonly matchedBy?: 'index' | 'name';
  /** The value's shape on the side(s) it has, for a container node. */
  readonly container?: 'map' | 'list';
  readonly children?: readonly AttributeDiffNodeDto[];
  /** Unchanged attributes of this container ("N unchanged attributes"), each with its value in `after`. */
  readonly unchanged?: readonly AttributeDiffNodeDto[];
}

/** The resource's attribute-level diff: its root node (key '', path []), whose children are the top-level attributes. */
export interface AttributeDiffDto {
  readonly root: AttributeDiffNodeDto;
}

/** One side of an image change: the parsed reference, or why there is none to parse. */
export interface ImageSideDto {
  /** As written; '' when unknown or masked. */
  readonly reference: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  readonly digest: string;
  /** Pinned by digest (an `@sha256:…` reference): the tag alone cannot move it. */
  readonly pinned: boolean;
  /** Known only after apply, masked as sensitive, or not a valid reference (`problem` says why). */
  readonly state: 'known' | 'unknown' | 'sensitive' | 'invalid';
  readonly problem?: string;
}

/** Previous → new image of one container (or image field) of a resource. */
export interface ImageChangeDto {
  /** What names the container: `containers/web`, `initContainers/setup`, or the field path. */
  readonly container: string;
  readonly change: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly before: ImageSideDto | null;
  readonly after: ImageSideDto | null;
}
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
