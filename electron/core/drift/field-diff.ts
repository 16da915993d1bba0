import { childPath } from '../loaders/terraform/field-paths';
import { MAX_NESTING } from '../loaders/terraform/entry-locations';
import { InputError } from '../model/errors';
import { SENSITIVE_MASK } from '../model/resource-change';
import type { FieldDrift } from './drift-types';

/** What a FieldDrift shows for a side where the field is not set. */
export const ABSENT = '(absent)';
/** Longest rendering of one value in a FieldDrift (longer ones end in "…"). */
export const MAX_SHOWN = 240;

/** One side of a comparison: the raw value (compared) and the same value masked (shown). */
export interface Side {
  readonly raw: unknown;
  readonly masked: unknown;
}

export interface DiffOptions {
  /** Dotted paths (field-paths.ts syntax) not compared: unknown in the approved plan. */
  readonly skip?: ReadonlySet<string>;
  /**
   * Dotted paths the approved side shows only masked (its sensitivePaths): the value behind the
   * mask is not kept, so only its removal can be seen.
   */
  readonly approvedHidden?: ReadonlySet<string>;
  /** Where a depth error points. */
  readonly file: string;
  readonly line: number;
}

/**
 * Field-level differences between an approved and a live value, compared on the raw values and
 * shown from the masked ones, so a changed secret is drift that shows only "(sensitive value)".
 * - null, an absent key, [] and {} are the same (unset; providers write an empty collection either way);
 * - values of different JSON types differ (1 and "1", a list and an object): one drift at that path;
 * - lists compare item by item (an item only on one side is "(absent)" on the other);
 * - a path in `skip`, and everything under it, is never drift.
 */
export function diffFields(approved: Side, live: Side, options: DiffOptions): FieldDrift[] {
  const out: FieldDrift[] = [];
  walk(approved.raw, live.raw, approved.masked, live.masked, [], '', 0, options, out);
  return out;
}

function walk(a: unknown, l: unknown, ma: unknown, ml: unknown, path: (string | number)[], dotted: string, depth: number, o: DiffOptions, out: FieldDrift[]): void {
  if (o.skip?.has(dotted)) return;
  if (depth > MAX_NESTING) throw new InputError(o.file, `nesting deeper than ${MAX_NESTING} levels`, o.line);
  if (a === SENSITIVE_MASK && o.approvedHidden?.has(dotted)) {
    if (kindOf(l) === 'absent') out.push({ path: [...path], approved: SENSITIVE_MASK, live: shown(ml) });
    return;
  }
  // A masked node: compare the raw values whole, show only the masks.
  if (isMask(ma, a) || isMask(ml, l)) {
    if (!deepEqual(a, l)) out.push({ path: [...path], approved: shown(ma), live: shown(ml) });
    return;
  }
  const ka = kindOf(a), kl = kindOf(l);
  if (ka === 'absent' && kl === 'absent') return;
  // A side set only on one side is one diff, shown whole; unless a path unknown in the approved
  // plan lies inside it: then the unset side counts as empty of the other's kind, and the walk
  // goes down so that the unknown path is still skipped.
  const oneSided = ka === 'absent' || kl === 'absent';
  const kind = oneSided ? (skipsUnder(o.skip, dotted) ? (ka === 'absent' ? kl : ka) : undefined) : ka === kl ? ka : undefined;
  if (kind === undefined) {
    out.push({ path: [...path], approved: shown(ma), live: shown(ml) });
    return;
  }
  if (kind === 'object') {
    const keys = new Set([...keysOf(a), ...keysOf(l)]);
    for (const key of [...keys].sort()) {
      path.push(key);
      walk(own(a, key), own(l, key), own(ma, key), own(ml, key), path, childPath(dotted, key), depth + 1, o, out);
      path.pop();
    }
    return;
  }
  if (kind === 'list') {
    for (let i = 0; i < Math.max(lengthOf(a), lengthOf(l)); i++) {
      path.push(i);
      walk(item(a, i), item(l, i), item(ma, i), item(ml, i), path, childPath(dotted, i), depth + 1, o, out);
      path.pop();
    }
    return;
  }
  if (!scalarEqual(a, l)) out.push({ path: [...path], approved: shown(ma), live: shown(ml) });
}

/** The masked tree put the mask where the raw value is something else (or a real mask-like string, harmless). */
function isMask(masked: unknown, raw: unknown): boolean {
  return masked === SENSITIVE_MASK && raw !== SENSITIVE_MASK;
}

type Kind = 'absent' | 'object' | 'list' | 'string' | 'number' | 'boolean';

/** Empty: null, absent, [] and {} (providers write an unset collection either way). */
function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'absent';
  if (Array.isArray(v)) return v.length === 0 ? 'absent' : 'list';
  if (typeof v === 'object') return Object.keys(v).length === 0 ? 'absent' : 'object';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return typeof v as Kind;
  return 'object';
}

function scalarEqual(a: unknown, l: unknown): boolean {
  return (a ?? null) === (l ?? null);
}

/** Whether a skipped path lies strictly under `dotted` (field-paths.ts syntax). */
function skipsUnder(skip: ReadonlySet<string> | undefined, dotted: string): boolean {
  if (!skip || skip.size === 0) return false;
  for (const p of skip) {
    if (dotted === '' ? p !== '' : p.length > dotted.length && p.startsWith(dotted) && (p[dotted.length] === '.' || p[dotted.length] === '[')) return true;
  }
  return false;
}

function keysOf(v: unknown): string[] {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : [];
}

function lengthOf(v: unknown): number {
  return Array.isArray(v) ? v.length : 0;
}

function item(v: unknown, i: number): unknown {
  return Array.isArray(v) ? (v[i] as unknown) : undefined;
}

function own(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
}

/** Structural equality of JSON values (null = absent; key order does not matter). */
export function deepEqual(a: unknown, l: unknown, depth = 0): boolean {
  const ka = kindOf(a), kl = kindOf(l);
  if (ka !== kl) return false;
  if (ka === 'absent') return true;
  if (depth > MAX_NESTING) return false;
  if (ka === 'list') {
    const al = a as unknown[], ll = l as unknown[];
    return al.length === ll.length && al.every((v, i) => deepEqual(v, ll[i], depth + 1));
  }
  if (ka === 'object') {
    const ao = a as Record<string, unknown>, lo = l as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(lo)]);
    for (const key of keys) if (!deepEqual(own(ao, key), own(lo, key), depth + 1)) return false;
    return true;
  }
  return scalarEqual(a, l);
}

/** A masked value rendered for a FieldDrift: JSON, cut at MAX_SHOWN characters. */
export function shown(masked: unknown): string {
  if (masked === undefined) return ABSENT;
  if (masked === SENSITIVE_MASK) return SENSITIVE_MASK;
  const text = JSON.stringify(masked) ?? ABSENT;
  if (text.length <= MAX_SHOWN) return text;
  // Never cut a surrogate pair in two.
  const cut = isHighSurrogate(text.charCodeAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
  return `${text.slice(0, cut)}…`;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
