/**
 * DTOs of the review screen's depth (issue 11): explanations, attribute-level diffs, navigation,
 * stored resource rows, display labels. Plain, serializable, readonly; no Node or DOM imports.
 */

/** A path into a resource's before/after value, e.g. ["spec","template","spec","containers",0,"image"]. */
export type FieldPathDto = readonly (string | number)[];

// ---- explain
/**
 * Why a policy decided what it decided on one resource, from the engine's explain stage
 * (engine/explain). Every value is rendered from the masked model.
 */
export interface ExplanationDto {
  /** The policy's whole condition, as written in the contract. */
  readonly condition: string;
  /** The top-level clause (conjunct) that decided it: offsets into `condition`; null when the whole condition is one clause that could not be split. */
  readonly clause: { readonly start: number; readonly end: number; readonly text: string } | null;
  /** Sub-expressions of the deciding clause with the values they saw (e.g. `object.publicly_accessible` → `true`). */
  readonly values: readonly { readonly expression: string; readonly value: string }[];
  /** For list macros (all/exists/exists_one/filter…): the element that failed, its index (or key) and value. */
  readonly element?: { readonly macro: string; readonly variable: string; readonly index: number | string; readonly value: string };
  /** The field the policy blames (its `path`), or null when it names none. The diff highlights it. */
  readonly field: FieldPathDto | null;
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
  /** 1-based document index in a multi-document YAML file (Kubernetes); absent otherwise. */
  readonly document?: number;
  /** '' when the address is unique in the change set; else what tells it apart (file and document index, or "drift"). */
  readonly disambiguator: string;
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
// ---- end imports
