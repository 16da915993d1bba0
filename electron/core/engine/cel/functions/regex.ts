import { SYNC } from './sync';
import type { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
import { CelFunctionError, quote } from '../function-error';

/**
 * The name that `matches` is rewritten to before compiling (see rewrite-matches.ts). Same
 * length as `matches`, so CEL error positions in the rewritten source stay right.
 */
export const RE2_FUNCTION = 'matchRE';

// Patterns are few (policy literals and parameter values) but used on every resource:
// compile each once. Bounded so a hostile stream of dynamic patterns cannot grow it forever.
const CACHE_LIMIT = 2000;
const cache = new Map<string, Compiled | Error>();

// The same short strings (namespaces, registries, names) are tested against the same pattern
// over and over in one change set; RE2JS costs about a microsecond per call, a Map hit far less.
const MEMO_SUBJECT_MAX = 256;
const MEMO_LIMIT = 4096;

interface Compiled {
  readonly re: RE2JS;
  readonly memo: Map<string, boolean>;
}

function compiled(pattern: string): Compiled | Error {
  let entry = cache.get(pattern);
  if (entry === undefined) {
    try {
      entry = { re: RE2JS.compile(pattern), memo: new Map() };
    } catch (err) {
      entry = new Error(err instanceof Error ? err.message : String(err));
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, entry);
  }
  return entry;
}

// Constructs only a backtracking engine can run; named so the author knows what to change.
const BACKTRACKING: readonly [RegExp, string][] = [
  [/\\[1-9]/, 'a backreference'],
  [/\(\?<?[=!]/, 'a lookaround'],
  [/\(\?>/, 'an atomic group'],
  [/[*+?}][+]/, 'a possessive quantifier'],
];

/** Why RE2 rejects a pattern, or undefined when it accepts it. */
export function re2Rejection(pattern: string): string | undefined {
  const re = compiled(pattern);
  if (!(re instanceof Error)) return undefined;
  const feature = BACKTRACKING.find(([probe]) => probe.test(pattern))?.[1];
  if (feature) return `regular expression ${quote(pattern)} needs backtracking (${feature}); use RE2 syntax`;
  return `regular expression ${quote(pattern)} is not valid RE2: ${re.message.replace(/^error parsing regexp: /, '')}`;
}

/** CEL `matches` semantics (unanchored search), in linear time. */
export function matchRE(s: string, pattern: string): boolean {
  const entry = compiled(pattern);
  if (entry instanceof Error) throw new CelFunctionError(re2Rejection(pattern) ?? entry.message);
  if (s.length > MEMO_SUBJECT_MAX) return entry.re.test(s);
  let hit = entry.memo.get(s);
  if (hit === undefined) {
    hit = entry.re.test(s);
    if (entry.memo.size >= MEMO_LIMIT) entry.memo.clear();
    entry.memo.set(s, hit);
  }
  return hit;
}

export function registerRegexFunctions(env: Environment): void {
  env.registerFunction(`${RE2_FUNCTION}(string, string): bool`, matchRE, SYNC);
  env.registerFunction(`string.${RE2_FUNCTION}(string): bool`, matchRE, SYNC);
}
