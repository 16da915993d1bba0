/**
 * A resource's before/after value as a tree the attribute diff can walk safely: maps are `Map`s
 * (a vendor key "__proto__" or "constructor" is just a key), and the places the model hides are
 * explicit leaves: `sensitive` (the mask; its value is never held) and `unknown` (known only
 * after apply). Built from the masked model, then marked again from `sensitivePaths` so a value
 * the model failed to mask still never reaches the diff (defence in depth).
 */
import { SENSITIVE_MASK } from '../../model/resource-change';
import { escapeHidden } from '../../../shared/visible-text';

export type ValueTree =
  | { readonly kind: 'map'; readonly entries: Map<string, ValueTree> }
  | { readonly kind: 'list'; readonly items: ValueTree[] }
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null }
  | { readonly kind: 'sensitive' }
  | { readonly kind: 'unknown' };

export const UNKNOWN_TEXT = '(known after apply)';
const SENSITIVE: ValueTree = { kind: 'sensitive' };
const UNKNOWN: ValueTree = { kind: 'unknown' };
/** Deeper than any loader lets a value nest: beyond it the value is shown as one masked leaf (fail closed, no stack overflow). */
const MAX_DEPTH = 256;

type Step = string | number;

/** The model value as a tree; undefined for no value (null or absent at the root: create/delete). */
export function toTree(value: unknown, depth = 0): ValueTree {
  if (depth > MAX_DEPTH) return SENSITIVE;
  if (value === SENSITIVE_MASK) return SENSITIVE;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { kind: 'scalar', value };
  // NaN and ±Infinity stay numbers (YAML's .nan, .inf): shown bare, never as the string "NaN".
  if (typeof value === 'number') return { kind: 'scalar', value };
  if (Array.isArray(value)) return { kind: 'list', items: value.map((v) => toTree(v, depth + 1)) };
  if (typeof value === 'object') {
    const entries = new Map<string, ValueTree>();
    for (const key of Object.keys(value)) entries.set(key, toTree((value as Record<string, unknown>)[key], depth + 1));
    return { kind: 'map', entries };
  }
  // bigint, undefined inside a list, anything a JSON/YAML reader would not give: its text.
  return { kind: 'scalar', value: String(value) };
}

/**
 * Parses the model's dotted paths (`a.b[0].c`, `tags["kubernetes.io/role"]`, '' = the whole
 * value), as field-paths.ts childPath writes them. Null when the text is not such a path.
 */
export function parseModelPath(path: string): Step[] | null {
  const steps: Step[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '[') {
      if (path[i + 1] === '"') {
        // A JSON string: scan to its closing quote, honouring escapes ("]" and "\"" may be inside).
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        if (path[j + 1] !== ']') return null;
        try {
          steps.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        } catch {
          return null;
        }
        i = j + 2;
      } else {
        const close = path.indexOf(']', i);
        const digits = close < 0 ? '' : path.slice(i + 1, close);
        if (!/^\d+$/.test(digits)) return null;
        steps.push(Number(digits));
        i = close + 1;
      }
    } else {
      if (path[i] === '.') {
        if (steps.length === 0) return null;
        i++;
      } else if (steps.length > 0) return null;
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      if (end === i) return null;
      steps.push(path.slice(i, end));
      i = end;
    }
  }
  return steps;
}

/**
 * Replaces the value at each sensitive path by the mask. A path that leads nowhere (a key the
 * side lacks, a null on the way) hides nothing; one that cannot be followed (a key into a list,
 * an index into a map or a string) or cannot be parsed masks where it stops: fail closed.
 */
export function markSensitive(tree: ValueTree | undefined, paths: readonly string[]): ValueTree | undefined {
  let root = tree;
  for (const path of paths) {
    if (root === undefined) return root;
    const steps = parseModelPath(path);
    if (steps === null) return SENSITIVE;
    root = replaceAt(root, steps, SENSITIVE, false);
  }
  return root;
}

/**
 * Puts `unknown` at each path of `after` known only after apply. Terraform leaves those
 * attributes out of `after` (or null), so the way there is created as needed.
 */
export function markUnknown(tree: ValueTree | undefined, paths: readonly string[]): ValueTree | undefined {
  let root = tree;
  for (const path of paths) {
    const steps = parseModelPath(path);
    if (steps === null || steps.length === 0) return UNKNOWN;
    root = replaceAt(root ?? emptyFor(steps[0]!), steps, UNKNOWN, true);
  }
  return root;
}

function emptyFor(step: Step): ValueTree {
  return typeof step === 'number' ? { kind: 'list', items: [] } : { kind: 'map', entries: new Map() };
}

/** A copy of `tree` with `leaf` at `steps` (copy on write: the rest is shared). */
function replaceAt(tree: ValueTree, steps: readonly Step[], leaf: ValueTree, create: boolean): ValueTree {
  if (steps.length === 0) {
    // null reveals nothing: a sensitive null stays null (as the masker leaves it).
    if (!create && tree.kind === 'scalar' && tree.value === null) return tree;
    return leaf;
  }
  const [step, ...rest] = steps as [Step, ...Step[]];
  if (tree.kind === 'sensitive' || tree.kind === 'unknown') return tree; // already hidden whole
  if (tree.kind === 'scalar' && tree.value === null) return create ? replaceAt(emptyFor(step), steps, leaf, create) : tree;
  if (tree.kind === 'map' && typeof step === 'string') {
    const child = tree.entries.get(step);
    if (child === undefined && !create) return tree;
    const entries = new Map(tree.entries);
    entries.set(step, replaceAt(child ?? emptyFor(rest[0] ?? ''), rest, leaf, create));
    return { kind: 'map', entries };
  }
  if (tree.kind === 'list' && typeof step === 'number') {
    const child = tree.items[step];
    if (child === undefined && !create) return tree;
    const items = tree.items.slice();
    while (items.length < step) items.push({ kind: 'scalar', value: null });
    items[step] = replaceAt(child ?? emptyFor(rest[0] ?? ''), rest, leaf, create);
    return { kind: 'list', items };
  }
  return leaf; // the path does not fit the value's shape: hide what it stops at
}

/** Equal and fully known: a sensitive leaf is never equal to anything (its mask hides whether it changed). */
export function sameTree(a: ValueTree, b: ValueTree): boolean {
  if (a.kind === 'sensitive' || b.kind === 'sensitive') return false;
  if (a.kind === 'unknown' || b.kind === 'unknown') return false;
  if (a.kind === 'scalar') return b.kind === 'scalar' && Object.is(a.value, b.value);
  if (a.kind === 'list') return b.kind === 'list' && a.items.length === b.items.length && a.items.every((x, i) => sameTree(x, b.items[i]!));
  if (b.kind !== 'map' || a.entries.size !== b.entries.size) return false;
  for (const [k, v] of a.entries) {
    const w = b.entries.get(k);
    if (w === undefined || !sameTree(v, w)) return false;
  }
  return true;
}

/**
 * Compact JSON of a tree, the mask and "(known after apply)" in place of what they hide; hidden
 * characters escaped. NaN and ±Infinity, which JSON cannot write, are written bare (NaN,
 * Infinity, -Infinity), never as null or as a string.
 */
export function treeText(tree: ValueTree): string {
  return escapeHidden(write(tree));
}

function write(tree: ValueTree): string {
  switch (tree.kind) {
    case 'sensitive': return JSON.stringify(SENSITIVE_MASK);
    case 'unknown': return JSON.stringify(UNKNOWN_TEXT);
    case 'scalar': return typeof tree.value === 'number' && !Number.isFinite(tree.value) ? String(tree.value) : JSON.stringify(tree.value);
    case 'list': return `[${tree.items.map(write).join(',')}]`;
    case 'map': return `{${[...tree.entries].map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
  }
}
