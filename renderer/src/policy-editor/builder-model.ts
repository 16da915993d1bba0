/**
 * The visual builder's edits on a condition tree (pure, unit-tested under Node). The tree and
 * its CEL form come from core/base/policy-builder (toBuilder/toCel); here are only the changes
 * a user makes: replace, remove or add an item at a position, and reading a typed value.
 */
import type { BuilderCondition, BuilderItem, RowOp as BuilderOp, BuilderRow, RowValue as BuilderValue } from './builder-bridge';

/** Indices from the root group down to an item. */
export type ItemPath = readonly number[];

export const OPS: readonly { readonly op: BuilderOp; readonly label: string; readonly takesValue: boolean }[] = [
  { op: '==', label: 'equals', takesValue: true },
  { op: '!=', label: 'does not equal', takesValue: true },
  { op: '<', label: '<', takesValue: true },
  { op: '<=', label: '≤', takesValue: true },
  { op: '>', label: '>', takesValue: true },
  { op: '>=', label: '≥', takesValue: true },
  { op: 'in', label: 'is one of', takesValue: true },
  { op: 'notIn', label: 'is none of', takesValue: true },
  { op: 'startsWith', label: 'starts with', takesValue: true },
  { op: 'endsWith', label: 'ends with', takesValue: true },
  { op: 'contains', label: 'contains', takesValue: true },
  { op: 'matches', label: 'matches (RE2)', takesValue: true },
  { op: 'glob', label: 'matches glob', takesValue: true },
  { op: 'exists', label: 'is set', takesValue: false },
  { op: 'notExists', label: 'is not set', takesValue: false },
];

export const takesValue = (op: BuilderOp): boolean => OPS.find((o) => o.op === op)?.takesValue ?? true;

type Container = Extract<BuilderItem, { readonly items: readonly BuilderItem[] }>;
const hasItems = (i: BuilderItem): i is Container => i.kind === 'group' || i.kind === 'forEachContainer';

/** The tree with the item at `path` replaced by `f(item)`; a path that leads nowhere changes nothing. */
export function updateAt(root: BuilderCondition, path: ItemPath, f: (item: BuilderItem) => BuilderItem | null): BuilderCondition {
  const walk = (node: Container, rest: ItemPath): Container => {
    const [head, ...tail] = rest;
    if (head === undefined || head < 0 || head >= node.items.length) return node;
    const child = node.items[head]!;
    let next: BuilderItem | null;
    if (tail.length === 0) next = f(child);
    else if (hasItems(child)) next = walk(child, tail);
    else return node;
    const items = next === null ? node.items.filter((_, i) => i !== head) : node.items.map((it, i) => (i === head ? next! : it));
    return { ...node, items } as Container;
  };
  return walk(root as Container, path) as BuilderCondition;
}

/** Appends `item` to the group (or container loop) at `path` ([] = the root). */
export function appendAt(root: BuilderCondition, path: ItemPath, item: BuilderItem): BuilderCondition {
  if (path.length === 0) return { ...root, items: [...root.items, item] };
  return updateAt(root, path, (node) => (hasItems(node) ? ({ ...node, items: [...node.items, item] } as BuilderItem) : node));
}

export const newRow = (path = 'resource.namespace'): BuilderRow => ({ kind: 'row', path, op: '==', value: '' });

/** The value an operator without a value (exists, notExists) carries. */
export const NO_VALUE = null;

export type ValueKind = 'text' | 'number' | 'boolean' | 'list' | 'param';

export function valueKind(v: BuilderValue): ValueKind {
  if (v === null) return 'text';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (v !== null && typeof v === 'object') return 'param';
  return 'text';
}

/** The value as the input shows it. */
export function valueText(v: BuilderValue): string {
  if (v === null) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (v !== null && typeof v === 'object') return (v as { readonly param: string }).param;
  return String(v);
}

/**
 * The value the user typed, read as `kind`. Fails with a reason instead of guessing: "12a" is
 * not a number, and a list item is trimmed but never split on anything but a comma.
 */
export function parseValue(kind: ValueKind, text: string): { ok: true; value: BuilderValue } | { ok: false; message: string } {
  switch (kind) {
    case 'text': return { ok: true, value: text };
    case 'number': {
      const t = text.trim();
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `"${text}" is not a number` };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, message: 'expected true or false' };
    case 'list': return { ok: true, value: text.split(',').map((s) => s.trim()).filter((s) => s !== '') };
    case 'param':
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) ? { ok: true, value: { param: text } } : { ok: false, message: 'choose a parameter' };
  }
}
