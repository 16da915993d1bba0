/**
 * The builder ⇄ CEL conversion the editor uses: core/base/policy-builder's (plan section 3,
 * built in parallel). Until it is merged this stand-in (same types) shows every condition as
 * one raw chip, which is lossless (the chip holds the exact bytes) but offers no rows.
 */
export type RowOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notIn' | 'startsWith' | 'endsWith' | 'contains' | 'matches' | 'glob' | 'exists' | 'notExists';
export interface ParamRef { readonly param: string }
export type RowValue = string | number | boolean | readonly string[] | ParamRef | null;
export interface BuilderRow { readonly kind: 'row'; readonly path: string; readonly op: RowOp; readonly value: RowValue }
export interface RawChip { readonly kind: 'raw'; readonly cel: string }
export interface GroupLayout { readonly lead: string; readonly seps: readonly string[]; readonly trail: string }
export interface BuilderGroup { readonly kind: 'group'; readonly join: 'all' | 'any'; readonly items: readonly BuilderItem[]; readonly layout?: GroupLayout }
export interface ForEachContainer { readonly kind: 'forEachContainer'; readonly join: 'all' | 'any'; readonly items: readonly BuilderItem[]; readonly layout?: GroupLayout }
export type BuilderItem = BuilderRow | RawChip | BuilderGroup | ForEachContainer;
export type BuilderCondition = BuilderGroup;

export function toBuilder(cel: string): BuilderCondition {
  return { kind: 'group', join: 'all', items: [{ kind: 'raw', cel }] };
}

export function toCel(b: BuilderCondition): string {
  const only = b.items[0];
  if (b.items.length === 1 && only?.kind === 'raw') return only.cel;
  throw new Error('the visual builder is not available in this build');
}

export function rowProblem(_row: BuilderRow, _inContainer: boolean): string | undefined {
  return undefined;
}
