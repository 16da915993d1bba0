import { isDeepStrictEqual } from 'node:util';
import type { FieldSnippet, ResourceChange, SourceLocation, TextRegion } from '../../model/resource-change';
import type { EntryPosition } from './entry-locations';
import { childPath, unknownPaths } from './field-paths';
import { keyEquals, skipSpace, skipValue } from './json-text-scan';

const QUOTE = 34, COMMA = 44, COLON = 58, NEWLINE = 10;
const OPEN_BRACE = 123, OPEN_BRACKET = 91, CLOSE_BRACE = 125, CLOSE_BRACKET = 93;

/** unknownPaths over a marker text already parsed: never deeper than the plan it came from. */
const NO_PLACE = { file: '', line: 0, column: 0 };

/** A context region longer than this is left out (a 10 kB policy document helps no one in a report). */
const MAX_CONTEXT = 2000;

/** The field written at an offset: its path from the entry, and where its key and value are. */
interface FieldAt {
  readonly path: readonly (string | number)[];
  /** Offset of the member's key (-1 for a list item). */
  readonly keyAt: number;
  readonly keyEnd: number;
  readonly valueAt: number;
  readonly valueEnd: number;
}

/**
 * The exact plan text at a finding's location, for reports that quote it (SARIF snippets):
 * the field's key as `region`, and the whole `"key": value` as `context`.
 *
 * A plan holds sensitive values in clear, so raw text is quoted only where it shows nothing
 * the masked model does not: the value's text must parse to exactly the masked model's value
 * at that path (a masked value never does), and a key is quoted only when the masked model
 * shows that key. Anything else (a masked or partly masked value, a field outside
 * before/after/after_unknown other than the entry's own names, a location outside this entry)
 * quotes nothing.
 */
export function fieldSnippet(file: string, text: string, entry: EntryPosition, rc: ResourceChange, at: SourceLocation): FieldSnippet | undefined {
  if (at.file !== file) return undefined;
  const start = entry.brace.offset;
  const end = skipValue(text, start);
  const offset = offsetOf(text, entry, end, at);
  if (offset < 0) return undefined;
  const field = fieldAt(text, start, offset);
  if (!field) return undefined;
  const shown = modelShows(rc, field.path);
  if (!shown) return undefined;
  const raw = text.slice(field.valueAt, field.valueEnd);
  const valueSafe = field.valueEnd - field.valueAt <= MAX_CONTEXT && parsesTo(raw, shown.value);
  const from = field.keyAt >= 0 ? field.keyAt : field.valueAt;
  if (field.keyAt >= 0 && !shown.keyShown) return undefined;
  const region = field.keyAt >= 0 ? regionOf(text, entry, field.keyAt, field.keyEnd) : valueSafe ? regionOf(text, entry, field.valueAt, field.valueEnd) : undefined;
  if (!region) return undefined;
  const context = field.keyAt >= 0 && valueSafe ? regionOf(text, entry, from, field.valueEnd) : undefined;
  return context ? { region, context } : { region };
}

/** Offset of a 1-based line/column inside the entry [brace, end), or -1. */
function offsetOf(text: string, entry: EntryPosition, end: number, at: SourceLocation): number {
  let line = entry.brace.line;
  let lineStart = entry.brace.offset - entry.brace.column + 1;
  for (let i = entry.brace.offset; i < end && line < at.line; i++) {
    if (text.charCodeAt(i) === NEWLINE) {
      line++;
      lineStart = i + 1;
    }
  }
  const offset = lineStart + at.column - 1;
  return line === at.line && offset >= entry.brace.offset && offset < end ? offset : -1;
}

/** Walks down from the entry object to the member key or list item written at `offset`. */
function fieldAt(text: string, entryStart: number, offset: number): FieldAt | undefined {
  const path: (string | number)[] = [];
  let container = entryStart;
  for (;;) {
    const c = text.charCodeAt(container);
    let i = skipSpace(text, container + 1);
    let next = -1;
    if (c === OPEN_BRACE) {
      while (text.charCodeAt(i) === QUOTE) {
        const keyAt = i;
        const keyEnd = skipValue(text, i);
        const colon = skipSpace(text, keyEnd);
        if (text.charCodeAt(colon) !== COLON) return undefined;
        const valueAt = skipSpace(text, colon + 1);
        const valueEnd = skipValue(text, valueAt);
        if (keyAt === offset || (valueAt <= offset && offset < valueEnd)) {
          const key = keyText(text, keyAt, keyEnd);
          if (key === undefined) return undefined;
          path.push(key);
          if (keyAt === offset) return { path, keyAt, keyEnd, valueAt, valueEnd };
          next = valueAt;
          break;
        }
        i = skipSpace(text, valueEnd);
        if (text.charCodeAt(i) !== COMMA) return undefined;
        i = skipSpace(text, i + 1);
      }
    } else if (c === OPEN_BRACKET) {
      for (let index = 0; text.charCodeAt(i) !== CLOSE_BRACKET && i < text.length; index++) {
        const valueEnd = skipValue(text, i);
        if (i <= offset && offset < valueEnd) {
          path.push(index);
          if (i === offset) return { path, keyAt: -1, keyEnd: -1, valueAt: i, valueEnd };
          next = i;
          break;
        }
        i = skipSpace(text, valueEnd);
        if (text.charCodeAt(i) !== COMMA) return undefined;
        i = skipSpace(text, i + 1);
      }
    }
    if (next < 0 || text.charCodeAt(i) === CLOSE_BRACE) return undefined;
    container = next;
  }
}

function keyText(text: string, open: number, end: number): string | undefined {
  const raw = text.slice(open + 1, end - 1);
  // keyEquals decodes escapes exactly as JSON.parse; a plain key is its own text.
  if (keyEquals(text, open, end - 1, raw)) return raw;
  try {
    return JSON.parse(text.slice(open, end)) as string;
  } catch {
    return undefined;
  }
}

/** Entry fields outside before/after that the model carries unmasked, by their path in the entry. */
function entryField(rc: ResourceChange, path: readonly (string | number)[]): { value: unknown } | undefined {
  const [first, second, third] = path;
  if (path.length === 1) {
    const direct: Readonly<Record<string, unknown>> = { address: rc.address, type: rc.type, name: rc.name, mode: rc.mode, action_reason: rc.actionReason };
    return typeof first === 'string' && Object.hasOwn(direct, first) ? { value: direct[first] } : undefined;
  }
  if (first === 'change' && second === 'actions') {
    if (path.length === 2) return { value: rc.actions };
    if (path.length === 3 && typeof third === 'number') return { value: rc.actions[third] };
  }
  return undefined;
}

/**
 * What the masked model shows at an entry path: the value, and whether the key itself is
 * shown (its parent is an unmasked object holding it). undefined: the model has no such field.
 */
function modelShows(rc: ResourceChange, path: readonly (string | number)[]): { value: unknown; keyShown: boolean } | undefined {
  if (path[0] === 'change' && (path[1] === 'after' || path[1] === 'before') && path.length > 2) {
    let parent: unknown = path[1] === 'after' ? rc.after : rc.before;
    for (const step of path.slice(2, -1)) parent = childOf(parent, step);
    const last = path[path.length - 1]!;
    const keyShown = typeof last === 'string' ? isPlainObject(parent) && Object.hasOwn(parent, last) : Array.isArray(parent);
    return { value: childOf(parent, last), keyShown };
  }
  if (path[0] === 'change' && path[1] === 'after_unknown' && path.length > 2) {
    // Markers are booleans in the value's shape: never a value. But their keys are the value's
    // keys, which the model hides inside a sensitive value (its unknownPaths stop there): the
    // key is quoted only where the model's unknownPaths reach it, and the markers only when
    // they name exactly the model's unknown paths below it (checked by parsing below).
    const dotted = path.slice(2).reduce<string>((p, step) => childPath(p, step), '');
    const below = rc.unknownPaths.filter((u) => u === dotted || isBelow(u, dotted));
    return { value: new Markers(dotted, below), keyShown: below.length > 0 };
  }
  const field = entryField(rc, path);
  return field ? { value: field.value, keyShown: true } : undefined;
}

/** What after_unknown text may be quoted as: markers naming exactly these unknown paths of the model (under `at`). */
class Markers {
  constructor(readonly at: string, readonly paths: readonly string[]) {}
}

function isBelow(path: string, ancestor: string): boolean {
  return ancestor === '' ? path !== '' : path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

function parsesTo(raw: string, expected: unknown): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return false;
  }
  if (expected instanceof Markers) {
    if (!onlyMarkers(parsed)) return false;
    const named = unknownPaths(parsed, NO_PLACE).map((rel) => (rel === '' ? expected.at : rel.startsWith('[') || expected.at === '' ? `${expected.at}${rel}` : `${expected.at}.${rel}`));
    return isDeepStrictEqual([...named].sort(), [...expected.paths].sort());
  }
  return expected !== undefined && isDeepStrictEqual(parsed, expected);
}

function onlyMarkers(v: unknown): boolean {
  if (typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(onlyMarkers);
  return isPlainObject(v) && Object.values(v).every(onlyMarkers);
}

function childOf(v: unknown, step: string | number): unknown {
  if (typeof step === 'number') return Array.isArray(v) ? v[step] : undefined;
  return isPlainObject(v) && Object.hasOwn(v, step) ? v[step] : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The region [from, to) of the text with its line/column bounds (end column exclusive, as SARIF counts). */
function regionOf(text: string, entry: EntryPosition, from: number, to: number): TextRegion {
  let line = entry.brace.line;
  let lineStart = entry.brace.offset - entry.brace.column + 1;
  let startLine = line, startColumn = 1;
  for (let i = entry.brace.offset; i <= to; i++) {
    if (i === from) {
      startLine = line;
      startColumn = from - lineStart + 1;
    }
    if (i === to) break;
    if (text.charCodeAt(i) === NEWLINE) {
      line++;
      lineStart = i + 1;
    }
  }
  return { startLine, startColumn, endLine: line, endColumn: to - lineStart + 1, text: text.slice(from, to) };
}
