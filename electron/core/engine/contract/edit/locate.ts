import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { EditProblem, describePath } from './edit-document';
import type { Path } from './edit-document';
import { columnOf, lineOf } from './text-layout';

/** Where a value sits: a mapping pair's value or a list item. */
export interface Slot {
  readonly kind: 'pair' | 'item';
  readonly container: YAMLMap | YAMLSeq;
  readonly index: number;
  /** The current value node (null when the pair has none). */
  readonly node: Node | null;
  /** The pair's key (pairs only). */
  readonly key: Node | null;
  /** The container, or one of its ancestors, is a flow collection: only flow text fits. */
  readonly inFlow: boolean;
}

export type Located =
  | { readonly kind: 'found'; readonly slot: Slot }
  /** path[0..depth) is a mapping without key path[depth]. */
  | { readonly kind: 'missing'; readonly map: YAMLMap; readonly inFlow: boolean; readonly depth: number }
  /** path[0..depth) holds an empty value (`key:` or `key: ~`), in `slot`. */
  | { readonly kind: 'empty'; readonly slot: Slot; readonly depth: number };

export function keyName(pair: unknown): string | undefined {
  return isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function isEmptyValue(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

export function locate(text: string, doc: Document.Parsed, path: Path): Located {
  let node = doc.contents as Node | null;
  let inFlow = false;
  let slot: Slot | null = null;
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as string | number;
    if (slot && isEmptyValue(node)) return { kind: 'empty', slot, depth: i };
    if (isMap(node)) {
      const index = node.items.findIndex((p) => keyName(p) === String(step));
      const flow: boolean = inFlow || Boolean(node.flow);
      if (index < 0) return { kind: 'missing', map: node, inFlow: flow, depth: i };
      const pair = node.items[index] as Pair<Node, Node | null>;
      slot = { kind: 'pair', container: node, index, node: pair.value, key: pair.key, inFlow: flow };
    } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
      slot = { kind: 'item', container: node, index: step, node: node.items[step] as Node, key: null, inFlow: inFlow || Boolean(node.flow) };
    } else {
      const what = typeof step === 'number' ? 'a list with that many items' : 'a mapping';
      throw new EditProblem(`${describePath(path.slice(0, i)) || 'the document'} is not ${what}`, node?.range ? lineOf(text, node.range[0]) : undefined);
    }
    inFlow = slot.inFlow;
    node = slot.node;
  }
  return { kind: 'found', slot: slot as Slot };
}

/** Offset just after the `:` that follows a pair's key. */
export function afterColon(text: string, key: Node): number {
  let p = (key.range as [number, number, number])[1];
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text[p] !== ':') throw new EditProblem('this key is written in a form the editor does not change (explicit `? key`)', lineOf(text, p));
  return p + 1;
}

/** Offset of the `-` that introduces a block list item, or -1 when it is not on the item's line. */
export function dashOffset(text: string, item: Node): number {
  let p = (item.range as [number, number, number])[0] - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  return text[p] === '-' ? p : -1;
}

/** Column of the key or `-` that owns a slot's value. */
export function ownerColumn(text: string, slot: Slot): number {
  if (slot.kind === 'pair') return columnOf(text, (slot.key?.range as [number, number, number])[0]);
  const dash = slot.node?.range ? dashOffset(text, slot.node) : -1;
  return columnOf(text, dash >= 0 ? dash : (slot.container.range as [number, number, number])[0]);
}

/** Start and end of an entry (key through value, or the item) for splicing it out. */
export function entrySpan(entry: unknown): [number, number] {
  if (isPair(entry)) {
    const key = entry.key as Node;
    const value = entry.value as Node | null;
    const start = (key.range as [number, number, number])[0];
    return [start, value?.range ? value.range[1] : (key.range as [number, number, number])[1]];
  }
  const r = (entry as Node).range as [number, number, number];
  return [r[0], r[1]];
}
