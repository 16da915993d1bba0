import { parseDottedPath } from './functions/dotted-path';

/**
 * Values known only after apply (Terraform `after_unknown`), as CEL partial evaluation treats
 * them (docs/policies.md, "Values unknown until apply").
 *
 * An unknown value sits in the object where the plan left a hole, as a sentinel that cannot be
 * used: any look at it (its type, a field, a comparison, a conversion) throws an
 * UnknownValueError naming its path. So it never flows through CEL as a value; every operation
 * that needs it fails with that error, which `&&`, `||` and the quantifiers absorb exactly as
 * CEL absorbs errors (`true || x`), and the evaluator reports what remains as `unknown`.
 * Containers that hold one stay usable: their keys, length and known members are known.
 */
export class UnknownValueError extends Error {
  override readonly name = 'UnknownValueError';
  readonly paths: readonly string[];
  constructor(paths: readonly string[]) {
    // Thrown and caught by the thousand on a big plan (issue 13) and never shown with a stack:
    // capturing one was a tenth of the evaluation's time.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`known only after apply: ${describePaths(paths)}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.paths = paths;
  }
}

const MAX_PATH_CHARS = 120;

/** At most a few paths, in order, each bounded (keys come from the vendor's plan). */
export function describePaths(paths: readonly string[], max = 5): string {
  const shown = paths.slice(0, max).map((p) => (p === '' ? '(the whole value)' : p.length > MAX_PATH_CHARS ? `${p.slice(0, MAX_PATH_CHARS - 3)}...` : p));
  return paths.length > max ? `${shown.join(', ')} and ${paths.length - max} more` : shown.join(', ');
}

/** Merges the paths of several unknown errors (first-seen order, no duplicates). */
export function mergeUnknown(errors: readonly UnknownValueError[]): UnknownValueError {
  if (errors.length === 1) return errors[0] as UnknownValueError;
  return new UnknownValueError([...new Set(errors.flatMap((e) => e.paths))]);
}

/** Where a sentinel's proxy target keeps its path: traps get the raw target, so reading it never runs a trap. */
const PATH = Symbol('unknown path');

function refuse(target: object): never {
  throw new UnknownValueError([(target as { [PATH]?: string })[PATH] ?? '']);
}

/** One handler serves every sentinel (a plan has hundreds of thousands): no closures per sentinel. */
const SENTINEL_HANDLER: ProxyHandler<object> = Object.freeze({
  get: refuse, has: refuse, ownKeys: refuse, getOwnPropertyDescriptor: refuse, getPrototypeOf: refuse,
  set: refuse, defineProperty: refuse, deleteProperty: refuse, setPrototypeOf: refuse,
  isExtensible: refuse, preventExtensions: refuse,
});

/** Returns what it is given, so a subclass can stamp a private field on any object. */
class Stamp {
  constructor(o: object) {
    return o;
  }
}

/**
 * Marks a proxy as a sentinel with a private field. A brand check (`#path in v`) and a read of
 * it never run a proxy trap, and cost far less than a WeakMap entry per sentinel (a plan with
 * unknowns makes ~90k of them per evaluation).
 */
class SentinelBrand extends Stamp {
  readonly #path: string;
  private constructor(o: object, path: string) {
    super(o);
    this.#path = path;
  }
  static stamp(o: object, path: string): void {
    new SentinelBrand(o, path);
  }
  static is(v: object): boolean {
    return #path in v;
  }
  static pathOf(v: object): string {
    return (v as SentinelBrand).#path;
  }
}

/** The proxy target: a fixed shape (traps read PATH only to name the path). */
class SentinelTarget {
  readonly [PATH]: string;
  constructor(path: string) {
    this[PATH] = path;
  }
}

/**
 * A new sentinel standing for the unknown value at `path`. Never two positions of one value
 * share one: CEL's equality takes two identical objects as equal, and two unknowns are never
 * known equal.
 */
export function unknownValue(path: string): object {
  const s = new Proxy(new SentinelTarget(path), SENTINEL_HANDLER);
  SentinelBrand.stamp(s, path);
  return s;
}

/**
 * Sentinels withUnknowns places, shared across values by path. Building a fresh proxy for each
 * of a big plan's ~90k unknown paths per evaluation was a tenth of it (issue 13); a sentinel
 * holds nothing but its path and refuses every look, so two resources' `object`s may hold the
 * same one. Within ONE value each position still gets its own object (withUnknowns' `used`):
 * two unknowns there must never compare equal by identity. Bounded: paths come from the plan.
 */
const SHARED_LIMIT = 20_000;
const shared = new Map<string, object>();

function placedUnknown(path: string, used: Set<string>): object {
  if (used.has(path)) return unknownValue(path); // a second position with the same text: its own object
  used.add(path);
  let s = shared.get(path);
  if (!s) {
    if (shared.size >= SHARED_LIMIT) shared.clear();
    s = unknownValue(path);
    shared.set(path, s);
  }
  return s;
}

/** The value a hinted sentinel stands for if it exists at all (hintedUnknownValue). */
const HINTS = new WeakMap<object, string>();

/**
 * A sentinel for a value that is either `hint` or not there at all: a field of a list entry
 * that may not exist (resource.referencedBy, a reference not resolved). Under partial
 * evaluation `== hint` is unknown and `==` any other string is false (`!=` the opposite), so
 * `exists(r, r.type == "x")` is unknown only for entries that would match; every other look
 * at it is unknown, as for any sentinel. Outside partial evaluation it is a plain sentinel.
 */
export function hintedUnknownValue(path: string, hint: string): object {
  const s = unknownValue(path);
  HINTS.set(s, hint);
  return s;
}

/** The hint of a hinted sentinel, else undefined. Never touches the value. */
export function unknownHint(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? HINTS.get(v) : undefined;
}

/** The path a sentinel stands for ('' for any other value). Never touches the value. */
export function unknownPathOf(v: unknown): string {
  return isUnknownValue(v) ? SentinelBrand.pathOf(v) : '';
}

/** True for a sentinel. Never touches the value, so it is safe on sentinels. */
export function isUnknownValue(v: unknown): v is object {
  return typeof v === 'object' && v !== null && SentinelBrand.is(v);
}

/** Throws the UnknownValueError of a sentinel; returns any other value. */
export function known<T>(v: T): T {
  if (isUnknownValue(v)) throw new UnknownValueError([SentinelBrand.pathOf(v)]);
  return v;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (typeof v !== 'object' || v === null || isUnknownValue(v)) return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const MAX_SCAN_DEPTH = 200;

/** True when no member of the container is an object (so none is a sentinel or holds one). */
function holdsNoObject(container: Record<string, unknown> | unknown[]): boolean {
  if (Array.isArray(container)) {
    for (const x of container) if (typeof x === 'object' && x !== null) return false;
    return true;
  }
  for (const key in container) {
    if (!Object.hasOwn(container, key)) continue;
    const x = container[key];
    if (typeof x === 'object' && x !== null) return false;
  }
  return true;
}

/** Paths of every sentinel inside `v` (lists and maps, at any depth); [] when none. */
export function unknownsIn(v: unknown): string[] {
  if (typeof v !== 'object' || v === null) return [];
  if (isUnknownValue(v)) return [SentinelBrand.pathOf(v)];
  if (!isContainer(v) || holdsNoObject(v)) return []; // most operands: no walk, nothing allocated
  const out: string[] = [];
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [cur, depth] = stack.pop() as [unknown, number];
    if (isUnknownValue(cur)) {
      out.push(SentinelBrand.pathOf(cur));
      continue;
    }
    if (!isContainer(cur) || seen.has(cur)) continue;
    // Deeper than any plan the loader accepts: not a value we built; refuse to call it known.
    if (depth > MAX_SCAN_DEPTH) throw new UnknownValueError(['(too deeply nested to check)']);
    seen.add(cur);
    const values = Array.isArray(cur) ? cur : Object.values(cur);
    for (const x of values) if (typeof x === 'object' && x !== null) stack.push([x, depth + 1]);
  }
  return out;
}

/**
 * A copy of `value` with a sentinel at each unknown path (Terraform omits unknown attributes
 * from `after` and writes null for unknown list elements). Only the containers on those paths
 * are copied. A path through something that is not a container makes that whole value unknown.
 */
export function withUnknowns(value: unknown, paths: readonly string[]): unknown {
  // Containers this call copied are ours: later paths through them write in place, so a
  // resource with many unknown paths copies each container once, not once per path. A Set,
  // not a WeakSet: it lives for one call, and a plan makes ~10k of them per evaluation.
  const copied = new Set<object>();
  const used = new Set<string>();
  let root = value;
  for (const path of paths) {
    let steps: readonly (string | number)[];
    try {
      steps = path === '' ? [] : parseDottedPath(path);
    } catch {
      steps = []; // a path we cannot read: the whole value is unknown (fail closed)
    }
    root = place(root, steps, 0, path, copied, used);
  }
  return root;
}

/** A map as JSON gives one (the only maps a plan holds), never a sentinel. */
function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function place(cur: unknown, steps: readonly (string | number)[], i: number, path: string, copied: Set<object>, used: Set<string>): unknown {
  if (isUnknownValue(cur)) return cur;
  if (i === steps.length) return placedUnknown(path, used);
  const step = steps[i] as string | number;
  if (typeof cur === 'object' && cur !== null) {
    if (Array.isArray(cur)) {
      const index = typeof step === 'number' ? step : -1;
      if (index < 0 || index >= cur.length) return placedUnknown(path, used);
      let copy: unknown[] = cur;
      if (!copied.has(cur)) {
        copy = cur.slice();
        copied.add(copy);
      }
      copy[index] = place(cur[index], steps, i + 1, path, copied, used);
      return copy;
    }
    if (isPlainObject(cur)) {
      const key = String(step);
      let copy = cur;
      if (!copied.has(cur)) {
        copy = { ...cur };
        copied.add(copy);
      }
      copy[key] = place(Object.hasOwn(cur, key) ? cur[key] : undefined, steps, i + 1, path, copied, used);
      return copy;
    }
  }
  return placedUnknown(pathPrefix(steps, i), used);
}

/** The dotted path of the first `i` steps: the value that should have been a container. */
function pathPrefix(steps: readonly (string | number)[], i: number): string {
  let out = '';
  for (const s of steps.slice(0, i)) {
    out += typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? (out === '' ? s : `.${s}`) : `[${JSON.stringify(s)}]`;
  }
  return out;
}
