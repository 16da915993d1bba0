import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { EditProblem } from './edit-document';
import type { EditDocument } from './edit-document';
import { afterColon, dashOffset, entrySpan, keyName, ownerColumn } from './locate';
import type { Slot } from './locate';
import { afterDash, afterKey, blockLines, deeper, flowText, inlineText, isMultiLineString, wantsBlock } from './render-value';
import type { Plain, RenderOptions } from './render-value';
import { blockLiteral, renderKey } from './render-scalar';
import { afterLineOf, columnOf, firstOnLine, leadingCommentStart, lineOf, lineStart, withoutTrailingBreak } from './text-layout';

/**
 * Text splices for one node: each returns the whole new text, having changed only the bytes
 * of the node it names (plus the line it needs). The caller re-parses and checks the result.
 */

type Range3 = [number, number, number];
const rangeOf = (n: Node): Range3 => n.range as Range3;

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** The offset of the line break ending the line that holds `pos` (before a `\r`), or the text's end. */
function lineEndAt(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Append `line` as a new line after the line holding offset `end - 1`. */
function insertLineAfter(ed: EditDocument, end: number, line: string): string {
  const pos = afterLineOf(ed.text, end);
  if (pos === ed.text.length && !ed.text.endsWith('\n')) return ed.text + ed.layout.eol + line;
  return splice(ed.text, pos, pos, line + ed.layout.eol);
}

/** Replace the value in `slot` with `v`. */
export function replaceSlot(ed: EditDocument, slot: Slot, v: Plain, o: RenderOptions): string {
  const t = ed.text;
  const node = slot.node;
  if (!node?.range) throw new EditProblem('this value is written in a form the editor does not change', slot.key?.range ? lineOf(t, slot.key.range[0]) : undefined);
  const [r0, r1] = rangeOf(node);
  const blockColl = (isMap(node) || isSeq(node)) && !node.flow;
  const blockScalar = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  const spansLines = blockColl || blockScalar;
  const end = spansLines ? withoutTrailingBreak(t, r0, r1) : r1;
  const ownerCol = ownerColumn(t, slot);
  const colonAt = slot.kind === 'pair' && slot.key ? afterColon(t, slot.key) : -1;
  // An empty value (`key:`) has a zero-width range right after the colon: add the space.
  const sep = r0 === r1 && !/[ \t]/.test(t[r0 - 1] ?? ' ') ? ' ' : '';
  // ...and its range may start at a comment that follows (`key:   # note`): keep a space before it.
  const gap = (at: number) => (t[at] === '#' ? ' ' : '');

  if (slot.inFlow) return splice(t, r0, r1, sep + flowText(v, o.prefer) + gap(r1));

  if (isMultiLineString(v) && o.blockScalars) {
    const block = blockLiteral(v, ownerCol, ownerCol + (slot.kind === 'pair' ? ed.layout.unit : 2), ed.layout.eol);
    if (block) {
      const scalar = `${block.header}${ed.layout.eol}${block.body}`;
      if (blockColl && colonAt >= 0) return splice(t, colonAt, end, ` ${scalar}`);
      if (spansLines) return splice(t, r0, end, scalar);
      // The header replaces the old value; the body goes below its line, so a comment after
      // the old value stays on the header line.
      const eolAt = lineEndAt(t, r1);
      return t.slice(0, r0) + sep + block.header + gap(r1) + t.slice(r1, eolAt) + ed.layout.eol + block.body + t.slice(eolAt);
    }
  }

  if (!wantsBlock(v, o)) {
    const inline = inlineText(v, o);
    if (blockColl && colonAt >= 0) return splice(t, colonAt, end, ` ${inline}`);
    return splice(t, r0, end, (spansLines ? '' : sep) + inline + gap(end));
  }

  if (slot.kind === 'item') {
    const col = columnOf(t, r0);
    return splice(t, r0, end, blockLines(v, col, deeper(o)).slice(col));
  }
  const sameKind = blockColl && isSeq(node) === Array.isArray(v);
  const col = sameKind ? columnOf(t, r0) : Array.isArray(v) ? ownerCol + ed.layout.seqOffset : ownerCol + ed.layout.unit;
  const block = blockLines(v, col, deeper(o));
  if (blockColl && firstOnLine(t, r0)) return splice(t, lineStart(t, r0), end, block);
  if (spansLines) return splice(t, colonAt, end, ed.layout.eol + block);
  // An inline old value goes; a comment after it stays on the key's line.
  const eolAt = lineEndAt(t, r1);
  const rest = t.slice(r1, eolAt);
  const keptComment = !/\S/.test(rest) ? '' : r0 === r1 ? t.slice(colonAt, r1) + rest : /^[ \t]/.test(rest) ? rest : ` ${rest}`;
  return t.slice(0, colonAt) + keptComment + ed.layout.eol + block + t.slice(eolAt);
}

function orderedBefore(map: YAMLMap, key: string, order: readonly string[] | undefined): number {
  const rank = order?.indexOf(key) ?? -1;
  if (!order || rank < 0) return -1;
  return map.items.findIndex((p) => order.indexOf(keyName(p) ?? '') > rank);
}

/** Add `key: v` to a mapping, before the first key `order` puts after it, else at the end. */
export function insertPair(ed: EditDocument, map: YAMLMap, inFlow: boolean, key: string, v: Plain, o: RenderOptions, order?: readonly string[]): string {
  const t = ed.text;
  const before = orderedBefore(map, key, order);
  const beforeKey = before >= 0 ? rangeOf((map.items[before] as { key: Node }).key)[0] : -1;
  if (inFlow || map.flow) {
    const entry = `${renderKey(key)}: ${flowText(v)}`;
    if (map.items.length === 0) return splice(t, rangeOf(map)[0] + 1, rangeOf(map)[0] + 1, entry);
    if (beforeKey >= 0) return splice(t, beforeKey, beforeKey, `${entry}, `);
    const end = entrySpan(map.items[map.items.length - 1])[1];
    return splice(t, end, end, `, ${entry}`);
  }
  const first = map.items[0];
  if (!first) throw new EditProblem('an empty block mapping cannot be extended in place');
  const col = columnOf(t, entrySpan(first)[0]);
  const line = `${' '.repeat(col)}${renderKey(key)}:${afterKey(v, col, o)}`;
  if (beforeKey >= 0 && firstOnLine(t, beforeKey)) {
    const at = leadingCommentStart(t, beforeKey);
    return splice(t, at, at, line + ed.layout.eol);
  }
  return insertLineAfter(ed, entrySpan(map.items[map.items.length - 1])[1], line);
}

/** Append an item to a list. */
export function appendItem(ed: EditDocument, seq: YAMLSeq, inFlow: boolean, v: Plain, o: RenderOptions): string {
  const t = ed.text;
  const last = seq.items[seq.items.length - 1];
  if (inFlow || seq.flow) {
    if (!last) return splice(t, rangeOf(seq)[0] + 1, rangeOf(seq)[0] + 1, flowText(v));
    const end = entrySpan(last)[1];
    return splice(t, end, end, `, ${flowText(v)}`);
  }
  if (!last) throw new EditProblem('an empty block list cannot be extended in place');
  const dashCol = columnOf(t, rangeOf(seq)[0]);
  // `-   id: x` lists keep their width after the dash.
  const lastStart = entrySpan(last)[0];
  const offset = dashOffset(t, last as Node) >= 0 ? columnOf(t, lastStart) - dashCol : 2;
  return insertLineAfter(ed, entrySpan(last)[1], `${' '.repeat(dashCol)}-${afterDash(v, dashCol, o, offset >= 2 && offset <= 8 ? offset : 2)}`);
}

/** Remove entry `index` from a container that keeps at least one other entry. */
export function removeEntry(ed: EditDocument, container: YAMLMap | YAMLSeq, index: number): string {
  const t = ed.text;
  const items = container.items as unknown[];
  const [start, end] = entrySpan(items[index]);
  if (container.flow) {
    if (index < items.length - 1) return splice(t, start, entrySpan(items[index + 1])[0], '');
    if (index > 0) return splice(t, entrySpan(items[index - 1])[1], end, '');
    return splice(t, start, end, '');
  }
  const lineEnd = afterLineOf(t, end);
  if (isMap(container)) {
    if (firstOnLine(t, start)) return splice(t, leadingCommentStart(t, start), lineEnd, '');
    // `- first: x` in a list item: the next key moves up onto the `-` line.
    const next = items[index + 1];
    if (!next) throw new EditProblem('this entry cannot be removed in place', lineOf(t, start));
    return splice(t, start, entrySpan(next)[0], '');
  }
  const dash = dashOffset(t, items[index] as Node);
  if (dash < 0 || !firstOnLine(t, dash)) throw new EditProblem('this list item cannot be removed in place', lineOf(t, start));
  return splice(t, leadingCommentStart(t, dash), lineEnd, '');
}
