/**
 * The visual builder's model of a policy condition (plan section 3). Plain readonly data:
 * the renderer edits it, `toCel` writes it, `toBuilder` reads CEL back into it.
 */

/** Row operators. `notIn` is `!(x in v)`; `exists`/`notExists` compare with null. */
export const ROW_OPS = [
  '==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'startsWith', 'endsWith', 'contains', 'matches', 'glob', 'exists', 'notExists',
] as const;
export type RowOp = (typeof ROW_OPS)[number];

/** A reference to one of the policy's parameters: `params.<param>`. */
export interface ParamRef {
  readonly param: string;
}

/** What a row compares with. `null` only for `exists`/`notExists` (they take no value). */
export type RowValue = string | number | boolean | readonly string[] | ParamRef | null;

/**
 * One comparison. `path` is a variable and a field path: `resource.namespace`,
 * `object.spec.replicas`, `oldObject.metadata.labels["app.kubernetes.io/name"]`, and inside
 * a forEachContainer `c.image` / `c.spec.securityContext.privileged` (field-path.ts).
 */
export interface BuilderRow {
  readonly kind: 'row';
  readonly path: string;
  readonly op: RowOp;
  readonly value: RowValue;
}

/** Exact CEL text the builder cannot show as rows: kept byte for byte, editable as a chip. */
export interface RawChip {
  readonly kind: 'raw';
  readonly cel: string;
}

export type GroupJoin = 'all' | 'any';

/**
 * The exact text around and between a group's items (whitespace, comments, the operators),
 * kept so that a hand-written multi-line condition reads back byte for byte. Absent means the
 * canonical layout (`a && b`); toBuilder only sets it when the text differs from that.
 * `seps[i]` sits between items i and i+1 and holds the join operator; a missing or invalid
 * entry is written canonically (so adding or removing items never breaks the CEL).
 */
export interface GroupLayout {
  readonly lead: string;
  readonly seps: readonly string[];
  readonly trail: string;
}

/** `resource.containers.all(c, …)`: every container (init and ephemeral ones too) must satisfy the items. */
export interface ForEachContainer {
  readonly kind: 'forEachContainer';
  readonly join: GroupJoin;
  readonly items: readonly BuilderItem[];
  readonly layout?: GroupLayout;
}

export interface BuilderGroup {
  readonly kind: 'group';
  readonly join: GroupJoin;
  readonly items: readonly BuilderItem[];
  readonly layout?: GroupLayout;
}

export type BuilderItem = BuilderRow | RawChip | BuilderGroup | ForEachContainer;

/** A whole condition is a group (the top level); a one-item top level has join 'all'. */
export type BuilderCondition = BuilderGroup;
