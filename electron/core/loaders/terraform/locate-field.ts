import type { FieldPath, SourceLocation } from '../../model/resource-change';
import { closingQuote } from './entry-locations';
import type { EntryPosition } from './entry-locations';

/**
 * First step of a policy `path` naming a field of the plan entry itself rather than of
 * `after`/`before`: `["@entry", "change", "actions"]` points at the entry's `change.actions`
 * (what db-no-replace blames for a replacement). No Terraform attribute can be called
 * `@entry` (provider schemas name attributes with identifiers), so the convention cannot
 * shadow a real attribute of a plan Terraform wrote; in a hand-made plan that has one, the
 * location still lies inside the same entry.
 */
export const ENTRY_STEP = '@entry';

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, NEWLINE = 10;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;

/** How far a path got: the offset of the deepest step found, and how many steps that was. */
interface Reach {
  readonly offset: number;
  readonly steps: number;
}

/**
 * The location of the field `path` names in a `resource_changes` / `resource_drift` entry:
 * inside `change.after` (`change.before` when `side` is 'before'), or inside the entry itself
 * after ENTRY_STEP. An object member points at its key (the attribute's line), a list item at
 * its value. A path found only in part points at its deepest existing step (as Kubernetes
 * locations do); a path of which no step exists in `after` is looked up in
 * `change.after_unknown` (a value known only after apply is absent from `after`); nothing
 * found gives undefined, and the caller points at the entry.
 *
 * Duplicate keys: the last one counts, as JSON.parse keeps it. Keys with escapes compare by
 * their decoded text. The scan reads only this entry's text, once per call, with no
 * allocation beyond escaped keys: import pays nothing, and a finding pays for its entry only.
 * The text is the text JSON.parse accepted; on any other, every index is bounds-checked and
 * the worst outcome is undefined.
 */
export function locateInEntry(
  file: string, text: string, entry: EntryPosition, side: 'after' | 'before', path: FieldPath,
): SourceLocation | undefined {
  const start = entry.brace.offset;
  let reach: Reach | undefined;
  if (path[0] === ENTRY_STEP) {
    reach = descend(text, start, path, 1);
    if (reach.steps <= 1) return undefined;
  } else {
    const change = member(text, start, 'change');
    if (change < 0 || path.length === 0) return undefined;
    reach = descendFrom(text, change, side, path);
    if (side === 'after' && reach.steps === 0) reach = descendFrom(text, change, 'after_unknown', path);
    if (reach.steps === 0) return undefined;
  }
  return positionOf(file, text, entry, reach.offset);
}

function descendFrom(text: string, change: number, key: string, path: FieldPath): Reach {
  const value = member(text, change, key);
  return value < 0 ? { offset: -1, steps: 0 } : descend(text, value, path, 0);
}

/** Follows `path` from step `first` on, starting at the value opening at `at`. */
function descend(text: string, at: number, path: FieldPath, first: number): Reach {
  let offset = at;
  let steps = first;
  let value = at;
  for (let k = first; k < path.length; k++) {
    const step = path[k]!;
    const c = text.charCodeAt(value);
    if (typeof step === 'string' && c === OPEN_BRACE) {
      const found = lastMember(text, value, step);
      if (found === undefined) break;
      offset = found.key;
      value = found.value;
    } else if (typeof step === 'number' && c === OPEN_BRACKET) {
      const item = nthItem(text, value, step);
      if (item < 0) break;
      offset = item;
      value = item;
    } else {
      break;
    }
    steps = k + 1;
  }
  return { offset, steps };
}

/** Offset of the value of the last member `key` of the object opening at `open`, or -1. */
function member(text: string, open: number, key: string): number {
  if (text.charCodeAt(open) !== OPEN_BRACE) return -1;
  return lastMember(text, open, key)?.value ?? -1;
}

/** The last member named `key` of the object opening at `open`: its key's and its value's offsets. */
function lastMember(text: string, open: number, key: string): { key: number; value: number } | undefined {
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
function nthItem(text: string, open: number, index: number): number {
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
function keyEquals(text: string, open: number, close: number, key: string): boolean {
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
function skipValue(text: string, at: number): number {
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

function skipSpace(text: string, at: number): number {
  let i = at;
  for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  return i;
}

/** Line and column of `offset`, counted from the entry's opening brace (whose line is known). */
function positionOf(file: string, text: string, entry: EntryPosition, offset: number): SourceLocation {
  const brace = entry.brace;
  let line = brace.line;
  let lineStart = brace.offset - brace.column + 1;
  // A char loop bounded by the entry, not indexOf: on a minified plan the next newline may be
  // the end of a 60 MB file.
  for (let i = brace.offset; i < offset; i++) {
    if (text.charCodeAt(i) === NEWLINE) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}
