import { InputError } from '../../model/errors';

/** Deepest container nesting we accept anywhere in a plan (real plans stay well under 40). */
export const MAX_NESTING = 256;

/** 1-based line and column (in UTF-16 code units, as editors count them). */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A TextPosition with its UTF-16 offset into the text. */
export interface TextOffset extends TextPosition {
  readonly offset: number;
}

/** Where an entry is reported (line/column of its best mark) and where its object opens. */
export interface EntryPosition extends TextPosition {
  readonly brace: TextOffset;
  /**
   * Offset of the value of the entry's last `change` member (the one JSON.parse keeps), seen
   * by the scan on its way: locating a finding's field then starts there instead of scanning
   * the whole entry again (issue 13). Absent: not seen, find it in the text.
   */
  readonly change?: number;
}

/**
 * Where each object entry of the plan's top-level arrays starts, in array order, and the text
 * scanned (field locations are found in it lazily, entry by entry: locate-field.ts).
 */
export interface EntryLocations {
  readonly text: string;
  readonly resourceChanges: readonly EntryPosition[];
  readonly resourceDrift: readonly EntryPosition[];
}

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, NEWLINE = 10, SPACE = 32;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;

/** Which top-level array the scan is in. */
const NONE = 0, CHANGES = 1, DRIFT = 2;

/** Per entry: its `"address"` key, its `"type"` key and its opening brace, whichever were seen. */
interface EntryMarks {
  readonly brace: TextOffset;
  type?: TextPosition;
  address?: TextPosition;
  change?: number;
}

/** Line bookkeeping shared by the scan and its subtree skipper. */
interface Cursor {
  line: number;
  lineStart: number;
}

/**
 * Finds the position of every `resource_changes` / `resource_drift` entry in one forward scan
 * of the plan text (its `"address"` key; else its `"type"` key; else its opening brace), and
 * rejects nesting deeper than MAX_NESTING anywhere, so that no later walk over the values (ours
 * or another module's) can overflow the stack.
 *
 * Why a hand-written scan rather than a parser with positions: it must stay linear and nearly
 * allocation-free on a 60 MB plan. Keys matter only at depth 1 (the plan object) and depth 3
 * (an entry object); every other subtree goes through `skipContainer`, a tight loop that only
 * counts brackets and newlines and jumps over strings with indexOf. The text is expected to be
 * JSON that JSON.parse accepted; on any other text every index is still bounds-checked, so the
 * worst outcome is fewer locations, never a crash or a hang.
 */
export function scanEntryLocations(file: string, text: string): EntryLocations {
  const n = text.length;
  const changes: EntryMarks[] = [];
  const drift: EntryMarks[] = [];
  // A leading BOM is not a column anyone sees.
  const cur: Cursor = { line: 1, lineStart: text.charCodeAt(0) === 0xfeff ? 1 : 0 };
  let depth = 0;
  let inArray = NONE; // set while inside a tracked depth-2 array
  let topKey = NONE; // the top-level key whose value comes next
  let topExpectKey = false;
  let entry: EntryMarks | undefined; // set while inside a depth-3 entry object
  let entryExpectKey = false;
  const here = (at: number): TextPosition => ({ line: cur.line, column: at - cur.lineStart + 1 });

  for (let i = cur.lineStart; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const open = i;
      i = closingQuote(text, i);
      if (i < 0) break;
      if (depth === 1 && topExpectKey) {
        topExpectKey = false;
        const key = keyText(text, open, i);
        topKey = key === 'resource_changes' ? CHANGES : key === 'resource_drift' ? DRIFT : NONE;
      } else if (entry !== undefined && depth === 3 && entryExpectKey) {
        entryExpectKey = false;
        const key = keyText(text, open, i);
        if (key === 'address') entry.address = here(open);
        else if (key === 'type') entry.type = here(open);
        else if (key === 'change') entry.change = memberValue(text, i);
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === 0) {
        depth = 1;
        topExpectKey = c === OPEN_BRACE;
      } else if (depth === 1 && c === OPEN_BRACKET && topKey !== NONE) {
        depth = 2;
        inArray = topKey;
        // A repeated key replaces the earlier value, as in JSON.parse: start the list again.
        (inArray === CHANGES ? changes : drift).length = 0;
      } else if (depth === 2 && inArray !== NONE && c === OPEN_BRACE) {
        depth = 3;
        entry = { brace: { line: cur.line, column: i - cur.lineStart + 1, offset: i } };
        entryExpectKey = true;
        (inArray === CHANGES ? changes : drift).push(entry);
      } else {
        // Nothing inside this container is a key we report on: skip it whole.
        i = skipContainer(file, text, i, depth, cur);
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 2) entry = undefined;
      else if (depth === 1) inArray = NONE;
    } else if (c === COMMA) {
      if (depth === 1) topExpectKey = true;
      else if (depth === 3) entryExpectKey = true;
    } else if (c === NEWLINE) {
      cur.line++;
      cur.lineStart = i + 1;
    }
  }
  return { text, resourceChanges: changes.map(bestMark), resourceDrift: drift.map(bestMark) };
}

/**
 * Skips the container opening at `open` (nested `depth` levels deep) and returns the index of
 * its closing bracket (or the text length). Throws past MAX_NESTING.
 */
function skipContainer(file: string, text: string, open: number, depth: number, cur: Cursor): number {
  const n = text.length;
  let level = 0;
  let i = open;
  for (; i < n; i++) {
    let c = text.charCodeAt(i);
    while (c === NEWLINE) {
      cur.line++;
      cur.lineStart = i + 1;
      // Pretty-printed plans are mostly indentation: eat it in a tight loop.
      do c = text.charCodeAt(++i); while (c === SPACE);
    }
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) return n;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      level++;
      if (depth + level > MAX_NESTING) {
        throw new InputError(file, `nesting deeper than ${MAX_NESTING} levels`, cur.line, i - cur.lineStart + 1);
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--level === 0) return i;
    }
  }
  return n;
}

/**
 * Index of the quote closing the string that opens at `open`, or -1. indexOf beats a
 * per-character loop several times over here: a plan is mostly strings.
 */
export function closingQuote(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q > 0 && text.charCodeAt(q - 1) === BACKSLASH) {
    // The quote is escaped only when an odd number of backslashes precede it.
    let k = q - 1;
    while (k > open && text.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) break;
    q = text.indexOf('"', q + 1);
  }
  return q;
}

/** A key's text; only keys with escapes (Terraform never writes them) pay for JSON.parse. */
function keyText(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return raw;
  }
}

function bestMark(m: EntryMarks): EntryPosition {
  return entryPosition(m.address ?? m.type ?? m.brace, m.brace, m.change);
}

export function entryPosition(mark: TextPosition, brace: TextOffset, change?: number): EntryPosition {
  return change === undefined ? { line: mark.line, column: mark.column, brace } : { line: mark.line, column: mark.column, brace, change };
}

/** Offset of the value after the key closing at `close` (past the colon and any space), or undefined. */
function memberValue(text: string, close: number): number | undefined {
  let i = close + 1;
  for (let c = text.charCodeAt(i); c === SPACE || c === NEWLINE || c === 13 || c === 9; c = text.charCodeAt(++i));
  if (text.charCodeAt(i) !== 58) return undefined; // ':'
  for (let c = text.charCodeAt(++i); c === SPACE || c === NEWLINE || c === 13 || c === 9; c = text.charCodeAt(++i));
  return i;
}
