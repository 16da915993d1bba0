import type { SourceLocation } from '../../model/resource-change';
import { closingQuote } from './entry-locations';
import type { EntryPosition, TextOffset } from './entry-locations';

// Small forward scans over plan text that JSON.parse accepted, used to find one field of one
// entry without parsing or indexing the rest. Every index is bounds-checked: on other text the
// worst outcome is "not found", never a crash or a hang.

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, NEWLINE = 10;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;

/** Offset of the value of the last member `key` of the object opening at `open`, or -1. */
export function member(text: string, open: number, key: string): number {
  if (text.charCodeAt(open) !== OPEN_BRACE) return -1;
  return lastMember(text, open, key)?.value ?? -1;
}

/** The last member named `key` of the object opening at `open`: its key's and its value's offsets. */
export function lastMember(text: string, open: number, key: string): { key: number; value: number } | undefined {
  let found: { key: number; value: number } | undefined;
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return undefined;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return found;
    const close = closingQuote(text, i);
    if (close < 0) return found;
    const keyAt = i;
    i = skipSpace(text, close + 1);
    if (text.charCodeAt(i) !== COLON) return found;
    const value = skipSpace(text, i + 1);
    if (keyEquals(text, keyAt, close, key)) found = { key: keyAt, value };
    i = skipSpace(text, skipValue(text, value));
    if (text.charCodeAt(i) !== COMMA) return found;
    i = skipSpace(text, i + 1);
  }
}

/** Offset of item `index` of the list opening at `open`, or -1. */
export function nthItem(text: string, open: number, index: number): number {
  if (!Number.isInteger(index) || index < 0) return -1;
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return -1;
  for (let k = 0; ; k++) {
    if (k === index) return i < text.length ? i : -1;
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i) !== COMMA) return -1;
    i = skipSpace(text, i + 1);
  }
}

/** Whether the JSON string key `text[open..close]` decodes to `key`. */
export function keyEquals(text: string, open: number, close: number, key: string): boolean {
  let escaped = false;
  for (let k = open + 1; k < close; k++) {
    if (text.charCodeAt(k) === BACKSLASH) {
      escaped = true;
      break;
    }
  }
  if (!escaped) return close - open - 1 === key.length && text.startsWith(key, open + 1);
  try {
    return JSON.parse(text.slice(open, close + 1)) === key;
  } catch {
    return false;
  }
}

/** Index just past the value starting at `at` (never past the text). */
export function skipValue(text: string, at: number): number {
  const n = text.length;
  const c = text.charCodeAt(at);
  if (c === QUOTE) {
    const close = closingQuote(text, at);
    return close < 0 ? n : close + 1;
  }
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    // Iterative bracket count: nesting depth cannot overflow anything here.
    let level = 0;
    for (let i = at; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) {
        i = closingQuote(text, i);
        if (i < 0) return n;
      } else if (d === OPEN_BRACE || d === OPEN_BRACKET) {
        level++;
      } else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --level === 0) {
        return i + 1;
      }
    }
    return n;
  }
  // A number, true, false or null.
  let i = at;
  while (i < n && !isDelimiter(text.charCodeAt(i))) i++;
  return Math.max(i, at + 1);
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 32 || c === 10 || c === 13 || c === 9;
}

export function skipSpace(text: string, at: number): number {
  let i = at;
  for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  return i;
}

/**
 * Line and column of `offset`, counted from the entry's opening brace (whose line is known), or
 * from `from`, a position in the same entry at or before `offset` (the same answer, sooner).
 */
export function positionOf(file: string, text: string, entry: EntryPosition, offset: number, from?: TextOffset): SourceLocation {
  const start = from ?? entry.brace;
  let line = start.line;
  let lineStart = start.offset - start.column + 1;
  // A char loop bounded by the entry, not indexOf: on a minified plan the next newline may be
  // the end of a 60 MB file.
  for (let i = start.offset; i < offset; i++) {
    if (text.charCodeAt(i) === NEWLINE) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}
