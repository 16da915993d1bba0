/**
 * The attribute-level diff of one resource, as HCP Terraform's run page shows it: only the
 * changed attributes, nested maps by key and lists by index (Kubernetes lists of named objects
 * by `name`), the unchanged ones counted and sent collapsed, sensitive values as the mask and
 * unknown ones as "(known after apply)". Input is the masked model; sensitivePaths are applied
 * again so no unmasked value can reach the output.
 */
import type { AttributeDiffDto, AttributeDiffNodeDto, DiffValueDto, FieldPathDto } from '../../../shared/review-types';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { markSensitive, markUnknown, sameTree, toTree, treeText, UNKNOWN_TEXT } from './value-tree';
import type { ValueTree } from './value-tree';

export interface AttributeDiffInput {
  readonly before: unknown;
  readonly after: unknown;
  /** Dotted paths masked as sensitive (on either side: masked on both). */
  readonly sensitivePaths: readonly string[];
  /** Dotted paths of `after` known only after apply. */
  readonly unknownPaths: readonly string[];
  /** Match list elements by a unique `name` (Kubernetes lists of named objects: containers, env, ports, volumes). */
  readonly matchListsByName: boolean;
}

type Key = string | number;

/** The diff of a resource's before and after. A missing side (null: create, delete) is absent. */
export function attributeDiff(input: AttributeDiffInput): AttributeDiffDto {
  const side = (v: unknown) => (v === null || v === undefined ? undefined : toTree(v));
  const before = markSensitive(side(input.before), input.sensitivePaths);
  const after = markUnknown(markSensitive(side(input.after), input.sensitivePaths), input.unknownPaths);
  return { root: diffNode('', [], before, after, input.matchListsByName) };
}

function valueOf(tree: ValueTree): DiffValueDto {
  if (tree.kind === 'sensitive') return { text: SENSITIVE_MASK, mark: 'sensitive' };
  if (tree.kind === 'unknown') return { text: UNKNOWN_TEXT, mark: 'unknown' };
  return { text: treeText(tree) };
}

function containerOf(tree: ValueTree | undefined): 'map' | 'list' | undefined {
  return tree?.kind === 'map' || tree?.kind === 'list' ? tree.kind : undefined;
}

function diffNode(key: Key, path: FieldPathDto, before: ValueTree | undefined, after: ValueTree | undefined, byName: boolean, index?: { b?: number; a?: number }): AttributeDiffNodeDto {
  const at = { key, path, ...(index?.b !== undefined ? { beforeIndex: index.b } : {}), ...(index?.a !== undefined ? { afterIndex: index.a } : {}) };
  if (before === undefined && after === undefined) return { ...at, change: 'unchanged' };
  if (before === undefined || after === undefined) {
    const only = (before ?? after)!;
    const change = before === undefined ? 'added' : 'removed';
    const shape = containerOf(only);
    // A whole added/removed map or list is shown attribute by attribute, as Terraform does.
    if (shape) return { ...at, change, container: shape, children: childrenOfOne(path, only, change, byName) };
    return { ...at, change, ...(change === 'added' ? { after: valueOf(only) } : { before: valueOf(only) }) };
  }
  if (before.kind === 'sensitive' && after.kind === 'sensitive') return { ...at, change: 'masked', before: valueOf(before), after: valueOf(after) };
  if (sameTree(before, after)) return { ...at, change: 'unchanged', after: valueOf(after) };
  if (before.kind === 'map' && after.kind === 'map') return mapDiff(at, path, before.entries, after.entries, byName);
  if (before.kind === 'list' && after.kind === 'list') return listDiff(at, path, before.items, after.items, byName);
  // The shape changed. A new map or list is shown attribute by attribute (its unknowns and masks
  // each on their row), with the old value as `before`.
  const shape = containerOf(after);
  if (shape) return { ...at, change: 'changed', before: valueOf(before), container: shape, children: childrenOfOne(path, after, 'added', byName) };
  return { ...at, change: 'changed', before: valueOf(before), after: valueOf(after) };
}

function childrenOfOne(path: FieldPathDto, tree: ValueTree, change: 'added' | 'removed', byName: boolean): AttributeDiffNodeDto[] {
  const pick = (t: ValueTree): [ValueTree | undefined, ValueTree | undefined] => (change === 'added' ? [undefined, t] : [t, undefined]);
  if (tree.kind === 'map') return [...tree.entries].map(([k, v]) => diffNode(k, [...path, k], ...pick(v), byName));
  if (tree.kind === 'list') {
    return tree.items.map((v, i) => diffNode(i, [...path, i], ...pick(v), byName, change === 'added' ? { a: i } : { b: i }));
  }
  return [];
}

type At = Pick<AttributeDiffNodeDto, 'key' | 'path' | 'beforeIndex' | 'afterIndex'>;

function split(nodes: readonly AttributeDiffNodeDto[]): { children: AttributeDiffNodeDto[]; unchanged: AttributeDiffNodeDto[] } {
  return { children: nodes.filter((n) => n.change !== 'unchanged'), unchanged: nodes.filter((n) => n.change === 'unchanged') };
}

function mapDiff(at: At, path: FieldPathDto, before: Map<string, ValueTree>, after: Map<string, ValueTree>, byName: boolean): AttributeDiffNodeDto {
  const nodes: AttributeDiffNodeDto[] = [];
  for (const [k, b] of before) nodes.push(diffNode(k, [...path, k], b, after.get(k), byName));
  for (const [k, a] of after) if (!before.has(k)) nodes.push(diffNode(k, [...path, k], undefined, a, byName));
  return { ...at, change: 'changed', container: 'map', ...split(nodes) };
}

/** Each element's `name` when every element is a map with a unique, known, non-empty string name; else null. */
function namesOf(items: readonly ValueTree[]): string[] | null {
  const names: string[] = [];
  for (const item of items) {
    const name = item.kind === 'map' ? item.entries.get('name') : undefined;
    if (name?.kind !== 'scalar' || typeof name.value !== 'string' || name.value === '') return null;
    names.push(name.value);
  }
  return new Set(names).size === names.length ? names : null;
}

/** Each name's rank among the names the other side also has (insertions and removals do not shift it). */
function commonRanks(names: readonly string[], other: ReadonlySet<string>): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const n of names) if (other.has(n)) ranks.set(n, ranks.size);
  return ranks;
}

function listDiff(at: At, path: FieldPathDto, before: readonly ValueTree[], after: readonly ValueTree[], byName: boolean): AttributeDiffNodeDto {
  const beforeNames = byName ? namesOf(before) : null;
  const afterNames = beforeNames ? namesOf(after) : null;
  const nodes: AttributeDiffNodeDto[] = [];
  if (beforeNames && afterNames && (before.length > 0 || after.length > 0)) {
    // Paths carry the index on the side the element is on (after, or before when removed): what a policy's `path` names.
    const beforeAt = new Map(beforeNames.map((n, i) => [n, i]));
    const rankBefore = commonRanks(beforeNames, new Set(afterNames));
    const rankAfter = commonRanks(afterNames, new Set(beforeNames));
    afterNames.forEach((name, a) => {
      const b = beforeAt.get(name);
      const node = diffNode(name, [...path, a], b === undefined ? undefined : before[b], after[a], byName, { ...(b !== undefined ? { b } : {}), a });
      // Equal, but its place among the elements both sides have changed: a change (order can matter).
      nodes.push(node.change === 'unchanged' && rankBefore.get(name) !== rankAfter.get(name) ? { ...node, change: 'moved' } : node);
    });
    const inAfter = new Set(afterNames);
    beforeNames.forEach((name, b) => {
      if (!inAfter.has(name)) nodes.push(diffNode(name, [...path, b], before[b], undefined, byName, { b }));
    });
    return { ...at, change: 'changed', container: 'list', matchedBy: 'name', ...split(nodes) };
  }
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    nodes.push(diffNode(i, [...path, i], before[i], after[i], byName, { ...(i < before.length ? { b: i } : {}), ...(i < after.length ? { a: i } : {}) }));
  }
  return { ...at, change: 'changed', container: 'list', matchedBy: 'index', ...split(nodes) };
}
