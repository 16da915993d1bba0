import { isMap, isSeq, visit } from 'yaml';
import type { Document, Node } from 'yaml';

/** How the document writes things, so inserted text looks like the rest of it. */
export interface Layout {
  /** '\r\n' when the file uses CRLF line breaks. */
  readonly eol: string;
  /** Spaces one nesting level adds (2 unless the file shows otherwise). */
  readonly unit: number;
  /** Column of a block list's `-` relative to its key's column: 0 (`key:\n- a`) or `unit`. */
  readonly seqOffset: number;
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

export function columnOf(text: string, pos: number): number {
  const start = lineStart(text, pos);
  // A byte-order mark opens the first line but is no indentation.
  return pos - start - (start === 0 && text.startsWith('\ufeff') && pos > 0 ? 1 : 0);
}

/** 1-based line of an offset. */
export function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The offset just after the line break ending the line that holds `pos - 1` (or the text's end). */
export function afterLineOf(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

/** `end` without one trailing line break (a block node's range ends after it). */
export function withoutTrailingBreak(text: string, start: number, end: number): number {
  if (end > start && text[end - 1] === '\n') return end - (end - 1 > start && text[end - 2] === '\r' ? 2 : 1);
  return end;
}

/** True when only spaces stand between the line's start and `pos`. */
export function firstOnLine(text: string, pos: number): boolean {
  return /^\ufeff?[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

/**
 * The start of the comment lines directly above the line of `pos` that sit at its column (they
 * describe the node there, so they move or go with it). Stops at a blank or other line.
 */
export function leadingCommentStart(text: string, pos: number): number {
  const col = columnOf(text, pos);
  let start = lineStart(text, pos);
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    const line = text.slice(prev, start).replace(/\r?\n$/, '');
    if (!(line.length > col && /^ *$/.test(line.slice(0, col)) && line[col] === '#')) break;
    start = prev;
  }
  return start;
}

export function detectLayout(text: string, doc: Document.Parsed): Layout {
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  let unit = 0;
  let seqOffset = -1;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range || (!isMap(value) && !isSeq(value)) || value.flow) return undefined;
      const diff = columnOf(text, value.range[0]) - columnOf(text, key.range[0]);
      const onNewLine = text.slice(key.range[1], value.range[0]).includes('\n');
      if (!onNewLine) return undefined;
      if (isMap(value) && diff > 0 && unit === 0) unit = diff;
      if (isSeq(value) && seqOffset < 0 && diff >= 0) seqOffset = diff;
      return unit > 0 && seqOffset >= 0 ? visit.BREAK : undefined;
    },
  });
  const u = unit > 0 ? unit : 2;
  return { eol, unit: u, seqOffset: seqOffset >= 0 ? seqOffset : u };
}
