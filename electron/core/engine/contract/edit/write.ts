import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq } from 'yaml';
import type { YAMLSeq } from 'yaml';
import { EditProblem, checkedText, describePath, getIn, loadEditDocument, withDeleted, withSet } from './edit-document';
import type { EditDocument, Path } from './edit-document';
import { locate } from './locate';
import { appendItem, insertPair, removeEntry, replaceSlot } from './splice';
import type { Plain, RenderOptions, ScalarStyle } from './render-value';
import { lineOf } from './text-layout';

/**
 * Path-level writes over the text: set, delete, append. Each splices one node, then re-parses
 * the result and returns it only if it reads as exactly the intended data (the old data with
 * that one change); renderings are tried from the most readable (`|` blocks, the old quoting)
 * to the most literal (double quotes everywhere).
 */

export interface WriteOptions {
  /** What the write changes, for a problem message. */
  readonly what: string;
  /** Canonical key order of the mapping a new key goes into (by that mapping's path). */
  readonly orderOf?: (mapPath: Path) => readonly string[] | undefined;
  /** Parent levels the write creates are block style (else short values are flow). */
  readonly forceBlock?: number;
}

function nest(path: Path, value: Plain): Plain {
  return path.reduceRight<Plain>((acc, step) => ({ [step as string]: acc }), value);
}

function styleOf(node: unknown): ScalarStyle {
  return (node as { type?: string } | null)?.type;
}

function firstChecked(ed: EditDocument, expected: unknown, what: string, line: number | undefined, render: (o: RenderOptions) => string, prefer?: ScalarStyle, forceBlock = 0): string {
  const tries: RenderOptions[] = [
    { layout: ed.layout, blockScalars: true, forceBlock, prefer },
    { layout: ed.layout, blockScalars: true, forceBlock },
    { layout: ed.layout, blockScalars: false, forceBlock },
  ];
  for (const o of tries) {
    const text = checkedText(render(o), expected);
    if (text !== null) return text;
  }
  throw new EditProblem(`could not write ${what} in place without changing anything else (the surrounding YAML uses a form the editor does not change)`, line);
}

export function setIn(text: string, path: Path, value: Plain, w: WriteOptions): string {
  const ed = loadEditDocument(text);
  const current = getIn(ed.data, path);
  if (current !== undefined && isDeepStrictEqual(current, value)) return text;
  const expected = withSet(ed.data, path, value);
  const loc = locate(text, ed.doc, path);
  if (loc.kind === 'found') {
    const line = loc.slot.node?.range ? lineOf(text, loc.slot.node.range[0]) : undefined;
    return firstChecked(ed, expected, w.what, line, (o) => replaceSlot(ed, loc.slot, value, o), styleOf(loc.slot.node), w.forceBlock ?? 0);
  }
  if (loc.kind === 'empty') {
    const nested = nest(path.slice(loc.depth), value);
    return firstChecked(ed, expected, w.what, undefined, (o) => replaceSlot(ed, loc.slot, nested, o), undefined, Math.max(1, w.forceBlock ?? 0));
  }
  const key = path[loc.depth] as string;
  const nested = nest(path.slice(loc.depth + 1), value);
  const order = w.orderOf?.(path.slice(0, loc.depth));
  const line = loc.map.range ? lineOf(text, loc.map.range[0]) : undefined;
  return firstChecked(ed, expected, w.what, line, (o) => insertPair(ed, loc.map, loc.inFlow, key, nested, o, order), undefined, w.forceBlock ?? (loc.depth + 1 < path.length ? 1 : 0));
}

/** Remove the value at `path` (nothing to do when it is absent). An emptied parent becomes `{}` / `[]`. */
export function deleteIn(text: string, path: Path, w: WriteOptions): string {
  const ed = loadEditDocument(text);
  if (getIn(ed.data, path) === undefined) return text;
  const loc = locate(text, ed.doc, path);
  if (loc.kind !== 'found') return text;
  const container = loc.slot.container;
  if (container.items.length === 1 && !container.flow && path.length > 1) {
    return setIn(text, path.slice(0, -1), isMap(container) ? {} : [], w);
  }
  const next = checkedText(removeEntry(ed, container, loc.slot.index), withDeleted(ed.data, path));
  if (next === null) throw new EditProblem(`could not remove ${w.what} in place`, loc.slot.node?.range ? lineOf(text, loc.slot.node.range[0]) : undefined);
  return next;
}

/**
 * Append `item` to the list at `path`, creating the list (block style) when it is missing or
 * empty. `forceBlock` counts the list as level 1 and its items as level 2.
 */
export function appendIn(text: string, path: Path, item: Plain, w: WriteOptions): string {
  const ed = loadEditDocument(text);
  const current = getIn(ed.data, path);
  if (current === undefined || current === null) return setIn(text, path, [item], { ...w, forceBlock: w.forceBlock ?? 1 });
  if (!Array.isArray(current)) throw new EditProblem(`${describePath(path)} is not a list`);
  const loc = locate(text, ed.doc, path);
  if (loc.kind !== 'found' || !isSeq(loc.slot.node)) throw new EditProblem(`${describePath(path)} is not a list`);
  const seq = loc.slot.node as YAMLSeq;
  const expected = withSet(ed.data, path, [...current, item]);
  const line = seq.range ? lineOf(text, seq.range[0]) : undefined;
  if (seq.items.length === 0 && !seq.flow) return setIn(text, path, [item], w);
  // An empty flow list `[]` in block context becomes a block list when the item is big.
  if (seq.items.length === 0 && !loc.slot.inFlow) return setIn(text, path, [item], { ...w, forceBlock: w.forceBlock ?? 1 });
  return firstChecked(ed, expected, w.what, line, (o) => appendItem(ed, seq, loc.slot.inFlow, item, o), undefined, Math.max(0, (w.forceBlock ?? 1) - 1));
}
