/**
 * Pure helpers of the attribute diff view: which row a finding's field lands on, which levels
 * open by themselves to show it, and how keys and long values read. No React, no DOM: unit
 * tested in e2e/unit.
 */
import type { AttributeDiffNodeDto, FieldPathDto } from '../../../electron/shared/api-types';
import { escapeHidden, hasHidden } from '../../../electron/shared/visible-text';

/** `path` starts with `prefix` (equal counts). */
export function isPrefix(prefix: FieldPathDto, path: FieldPathDto): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}

export function samePath(a: FieldPathDto, b: FieldPathDto): boolean {
  return a.length === b.length && isPrefix(a, b);
}

/** The rows a node shows below it (the changed ones), and those it folds. */
export function expandable(node: AttributeDiffNodeDto): boolean {
  return (node.children?.length ?? 0) > 0 || (node.unchanged?.length ?? 0) > 0;
}

/**
 * The row a field lands on: the deepest node (changed or unchanged) on the field's path. A field
 * inside a value shown whole (an unchanged map's JSON) lands on that value's row. Null when the
 * field is not in the diff at all (it may not exist on either side).
 */
export function rowForField(root: AttributeDiffNodeDto, field: FieldPathDto | null | undefined): FieldPathDto | null {
  if (!field) return null;
  let node = root;
  let found: FieldPathDto | null = null;
  for (;;) {
    const next = [...(node.children ?? []), ...(node.unchanged ?? [])].find((c) => isPrefix(c.path, field) && c.path.length > node.path.length);
    if (!next) return found;
    found = next.path;
    node = next;
  }
}

/** A folded group opens by itself when the highlighted row is in it. */
export function holdsRow(nodes: readonly AttributeDiffNodeDto[], row: FieldPathDto | null): boolean {
  return row !== null && nodes.some((u) => isPrefix(u.path, row));
}

/**
 * How a key reads: `name`, `[0]`, or a named list element `web` (the list is matched by name).
 * A key that would not read as itself (empty, blank at either end, hidden characters, a quote)
 * is quoted as JSON with hidden characters escaped: `"app "` and `"app"` never look alike.
 */
export function keyLabel(node: AttributeDiffNodeDto): string {
  if (typeof node.key === 'number') return `[${node.key}]`;
  if (node.path.length === 0) return '(root)';
  const k = node.key;
  if (k === '' || k.trim() !== k || hasHidden(k) || /["\\\p{Cc}]/u.test(k)) return escapeHidden(JSON.stringify(k));
  return k;
}

/**
 * A created map's null attributes (Terraform writes every unset attribute as null): folded like
 * unchanged ones, as Terraform's own plan output hides them.
 */
export function foldNullAdds(nodes: readonly AttributeDiffNodeDto[]): { shown: AttributeDiffNodeDto[]; nulls: AttributeDiffNodeDto[] } {
  const isNullAdd = (n: AttributeDiffNodeDto) => n.change === 'added' && !n.container && n.after?.text === 'null' && n.after.mark === undefined;
  return { shown: nodes.filter((n) => !isNullAdd(n)), nulls: nodes.filter(isNullAdd) };
}

/** Long values are cut for the row (the whole text stays one click away). */
export const VALUE_PREVIEW = 240;
export function preview(text: string): { readonly text: string; readonly cut: boolean } {
  return text.length <= VALUE_PREVIEW ? { text, cut: false } : { text: `${text.slice(0, VALUE_PREVIEW)}…`, cut: true };
}

/** The symbol Terraform's plan output uses for each change. */
export const CHANGE_SIGN: Readonly<Record<AttributeDiffNodeDto['change'], string>> = { added: '+', removed: '-', changed: '~', masked: '?', moved: '↕', unchanged: ' ' };

/** Rows under a node, itself excluded (changed and folded alike). */
export function rowCount(node: AttributeDiffNodeDto): number {
  let n = 0;
  for (const c of [...(node.children ?? []), ...(node.unchanged ?? [])]) n += 1 + rowCount(c);
  return n;
}

/**
 * A map or list added or removed whole opens by itself only when small: a created CRD or
 * ConfigMap can hold thousands of rows, and rendering them all would stall the panel. Changed
 * levels always open (they hold what changed), as does any level holding the highlighted row.
 */
export const OPEN_WHOLE_UP_TO = 40;
export function opensByItself(node: AttributeDiffNodeDto, row: FieldPathDto | null): boolean {
  if (row !== null && isPrefix(node.path, row)) return true;
  if (node.change !== 'added' && node.change !== 'removed') return true;
  return rowCount(node) <= OPEN_WHOLE_UP_TO;
}
