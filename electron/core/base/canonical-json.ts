/**
 * A value canonical JSON cannot write without making it look like some other value
 * (NaN and Infinity would both read as null, -0 as 0, a Date as its ISO string…). Digests
 * must tell every two distinct values apart, so such a value is refused, never coerced.
 */
export class CanonicalJsonError extends Error {
  constructor(readonly at: string, reason: string) {
    super(`cannot write canonical JSON at ${at || '(root)'}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, BigInt as a JSON
 * integer. Digests are computed over this, so formatting and key order never change them.
 *
 * It is injective over what it accepts: two values that write the same text are the same
 * JSON value. So it refuses (CanonicalJsonError) every value that would otherwise collide
 * with another one: non-finite numbers and -0, `undefined` (in an array, at the top, and as
 * an object member, where it would read as a missing member), holes in arrays, and anything
 * that is not a plain object or array (Map, Date, class instances, functions, symbols).
 * Strings with lone UTF-16 surrogates are written escaped (see text()), so they stay distinct.
 */
export function canonicalJson(value: unknown): string {
  let sorted: unknown;
  try {
    sorted = sortedCopy(value, 0);
  } catch (err) {
    if (err !== SLOW_PATH) throw err;
    // A value JSON.stringify cannot write the same way, or one to refuse with where and why.
    return write(value, '', 0);
  }
  return JSON.stringify(sorted);
}

const MAX_DEPTH = 200;

/**
 * A JSON string. JSON.stringify writes a lone UTF-16 surrogate as a `\udXXX` escape (never as
 * UTF-8, where it would become U+FFFD), so "\ud800" and "\ufffd" stay distinct. Lone
 * surrogates are kept, not refused: vendor files carry them in names (a JSON plan may escape
 * anything), and an import must not fail inside a digest; the loaders decide about names.
 */
function text(s: string): string {
  return JSON.stringify(s);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Thrown by sortedCopy for a value that write() must handle: it refuses it, or JSON.stringify would write it otherwise. */
const SLOW_PATH = Symbol('slow path');

/** A key JSON.stringify writes out of insertion order (an array index comes first) or that an assignment would not create (`__proto__`). */
const UNORDERED_KEY = /^(?:0|[1-9][0-9]*|__proto__)$/;

/**
 * A copy of `value` whose objects have their keys inserted in write()'s order, so that
 * JSON.stringify of it is write()'s text: JSON.stringify is several times faster than write()
 * (the 15k-resource plan's evaluation digest: 7,600 findings). Everything write() checks is
 * checked here too (same depth limit, same refusals); whatever write() refuses or writes
 * otherwise than JSON.stringify (a bigint; an array-index key, which JSON.stringify writes first)
 * throws SLOW_PATH, and write() decides.
 */
function sortedCopy(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw SLOW_PATH;
  if (value === null) return value;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value) || Object.is(value, -0)) throw SLOW_PATH;
      return value;
    case 'object':
      break;
    default:
      throw SLOW_PATH;
  }
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw SLOW_PATH;
      items[i] = sortedCopy(value[i], depth + 1);
    }
    return items;
  }
  if (!isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) throw SLOW_PATH;
  // The default sort compares UTF-16 code units, as write()'s comparator does.
  const keys = Object.keys(value).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (UNORDERED_KEY.test(k)) throw SLOW_PATH;
    out[k] = sortedCopy((value as Record<string, unknown>)[k], depth + 1);
  }
  return out;
}

function write(value: unknown, at: string, depth: number): string {
  if (depth > MAX_DEPTH) throw new CanonicalJsonError(at, 'value nested too deeply');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return text(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(at, `${String(value)} is not a JSON number`);
      if (Object.is(value, -0)) throw new CanonicalJsonError(at, '-0 would read as 0');
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(at, `${typeof value} is not a JSON value`);
  }
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new CanonicalJsonError(`${at}[${i}]`, 'array has a hole');
      items.push(write(value[i], `${at}[${i}]`, depth + 1));
    }
    return `[${items.join(',')}]`;
  }
  if (!isPlainObject(value)) throw new CanonicalJsonError(at, `${value.constructor?.name ?? 'object'} is not a plain object`);
  if (Object.getOwnPropertySymbols(value).length > 0) throw new CanonicalJsonError(at, 'object has symbol keys');
  const parts = Object.keys(value)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => {
      const where = `${at}.${k}`;
      return `${text(k)}:${write((value as Record<string, unknown>)[k], where, depth + 1)}`;
    });
  return `{${parts.join(',')}}`;
}
