import { asList } from './functions/data';
import { parseDottedPath } from './functions/dotted-path';
import { bail } from './fast-values';
import { isUnknownValue } from './unknown-value';
import { memberOf } from './values';

/**
 * The functions the packs call most (lookup, asList, string, size and the string methods), run
 * by the fast program (fast-program.ts) without cel-js's dispatch, for the argument types
 * where the result is plainly what the handler cel-js would pick returns (the handlers are
 * cel-js's own one-liners in lib/functions.js, and ours in functions/data.ts). Any other case
 * returns NOT_INLINE and the node's handler runs as cel-js runs it.
 *
 * cel-js types a `dyn` argument before it dispatches (debugTypeDeep: the value, then the first
 * element of a list or first entry of a map, down), which throws on a value CEL has no type
 * for or on a value unknown until apply: `typed` walks the same path and gives up there.
 */
export const NOT_INLINE: unknown = Object.freeze({ inline: false });

/** The arguments in order (a receiver first); NOT_INLINE: let the handler answer. */
export type Inline = (a: unknown, b: unknown, c: unknown) => unknown;

/** cel-js's type values, as type() gives them (one object per type, shared by every environment). */
export interface TypeValues {
  readonly string: unknown;
  readonly int: unknown;
  readonly double: unknown;
  readonly bool: unknown;
  readonly null: unknown;
  readonly list: unknown;
  readonly map: unknown;
  /** Their class: two type values are equal when they are the same object (overloads.js). */
  readonly ctor: unknown;
}

export function inlineFunction(name: string, receiverCall: boolean, arity: number, types: TypeValues): Inline | undefined {
  if (!receiverCall) {
    if (name === 'type' && arity === 1) return (v) => typeOf(v, types);
    if (name === 'lookup' && arity === 3) return inlineLookup;
    if (name === 'asList' && arity === 1) return inlineAsList;
    if (name === 'string' && arity === 1) return inlineString;
    if (name === 'size' && arity === 1) return inlineSize;
    return undefined;
  }
  if (arity === 2) {
    if (name === 'startsWith') return (s, x) => (typeof s === 'string' && typeof x === 'string' ? s.startsWith(x) : NOT_INLINE);
    if (name === 'endsWith') return (s, x) => (typeof s === 'string' && typeof x === 'string' ? s.endsWith(x) : NOT_INLINE);
    if (name === 'contains') return (s, x) => (typeof s === 'string' && typeof x === 'string' ? s.includes(x) : NOT_INLINE);
    if (name === 'join') return inlineJoin;
  }
  if (arity === 1 && name === 'lowerAscii') return (s) => (typeof s === 'string' ? s.toLowerCase() : NOT_INLINE);
  return undefined;
}

/**
 * Whether cel-js's typing of the value (debugTypeDeep) is plainly fine: primitives, and plain
 * lists and maps along the first-element path. Gives up (bail) where it would throw (undefined,
 * a function, a value unknown until apply); false for any other object (a Date, a Map, a map
 * with a "constructor" key…), which is left to the handler.
 */
function typed(value: unknown): boolean {
  if (value === lastTyped) return true;
  let v = value;
  for (let depth = 0; ; depth++) {
    // cel-js's typing recurses: deep enough, it overflows the stack and that error is the
    // answer (parseJSON builds a value of any depth from a vendor's string). The handler decides.
    if (depth > MAX_TYPED_DEPTH) return false;
    switch (typeof v) {
      case 'string': case 'number': case 'bigint': case 'boolean':
        break;
      case 'object': {
        if (v === null) break;
        // By constructor, as cel-js's debugType (a sentinel's proxy refuses the look: it throws).
        const c: unknown = (v as { constructor?: unknown }).constructor;
        if (c === Array) {
          const first: unknown = (v as unknown[])[0];
          if (first === undefined) break;
          v = first;
          continue;
        }
        if (c !== Object) return false;
        let next: unknown;
        let found = false;
        for (const key in v as object) {
          next = (v as Record<string, unknown>)[key];
          found = true;
          break;
        }
        if (!found) break;
        v = next;
        continue;
      }
      default:
        return bail();
    }
    if (typeof value === 'object') lastTyped = value;
    return true;
  }
}

/** Past any value a loader gives (they stop at 256 levels), far below where cel-js overflows (3,000 levels type fine here, 30,000 do not). */
const MAX_TYPED_DEPTH = 300;

/**
 * The last object `typed` passed, within one run (resetTyped): a policy looks up many paths
 * of the same `object`, and a Terraform object's first entry is found by a for…in over all of
 * its keys. Values do not change during a run.
 */
let lastTyped: unknown;

/** Called at the start of every fast run. */
export function resetTyped(): void {
  lastTyped = undefined;
}

/**
 * lookup() of functions/data.ts, step for step, except that a value unknown until apply on the
 * way gives up quietly instead of building the UnknownValueError the ordinary run will build.
 */
function inlineLookup(obj: unknown, path: unknown, fallback: unknown): unknown {
  let steps: readonly (string | number)[];
  if (typeof path === 'string') steps = parseDottedPath(path);
  else if (Array.isArray(path) && path.every((p) => typeof p === 'string')) steps = path as readonly string[];
  else return NOT_INLINE;
  if (!typed(obj) || !typed(fallback)) return NOT_INLINE;
  let cur = obj;
  for (const step of steps) {
    if (cur === null || cur === undefined) return fallback;
    if (isUnknownValue(cur)) bail();
    if (Array.isArray(cur)) {
      const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1;
      cur = index >= 0 && index < cur.length ? cur[index] : undefined;
    } else {
      cur = memberOf(cur, String(step));
    }
  }
  if (isUnknownValue(cur)) bail();
  return cur === null || cur === undefined ? fallback : cur;
}

function typeOf(v: unknown, t: TypeValues): unknown {
  switch (typeof v) {
    case 'string': return t.string;
    case 'bigint': return t.int;
    case 'number': return t.double;
    case 'boolean': return t.bool;
    case 'object': {
      if (v === null) return t.null;
      if (!typed(v)) return NOT_INLINE;
      const c: unknown = (v as { constructor?: unknown }).constructor;
      return c === Array ? t.list : c === Object ? t.map : NOT_INLINE;
    }
    default:
      return NOT_INLINE;
  }
}

function inlineAsList(v: unknown): unknown {
  return typed(v) ? asList(v) : NOT_INLINE;
}

function inlineString(v: unknown): unknown {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return `${v}`;
  return NOT_INLINE;
}

function inlineSize(v: unknown): unknown {
  if (typeof v === 'string') {
    // Code points, as cel-js counts them: the length when no surrogate pair is in it.
    for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) >= 0xd800 && v.charCodeAt(i) <= 0xdfff) return NOT_INLINE;
    return BigInt(v.length);
  }
  if (Array.isArray(v) && typed(v)) return BigInt(v.length);
  return NOT_INLINE;
}

function inlineJoin(list: unknown, sep: unknown): unknown {
  if (!Array.isArray(list) || typeof sep !== 'string') return NOT_INLINE;
  for (const x of list) if (typeof x !== 'string') return NOT_INLINE;
  return list.join(sep);
}
