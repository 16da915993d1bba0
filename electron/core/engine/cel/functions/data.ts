import { SYNC } from './sync';
import type { Environment } from '@marcbachmann/cel-js';
import { CelFunctionError, quote } from '../function-error';
import { known } from '../unknown-value';
import { memberOf } from '../values';
import { parseDottedPath } from './dotted-path';

export { parseDottedPath };

type Step = string | number;

function listPath(path: readonly unknown[]): readonly Step[] {
  // Mostly a constant list of keys: used as it is, without a copy (a plain loop: no callback per call).
  let allStrings = true;
  for (let i = 0; i < path.length && allStrings; i++) allStrings = typeof path[i] === 'string';
  if (allStrings) return path as readonly string[];
  return path.map((p) => {
    if (typeof p === 'string') return p;
    if (typeof p === 'bigint') return Number(p);
    if (typeof p === 'number' && Number.isInteger(p)) return p;
    throw new CelFunctionError(`lookup path elements must be strings or integers, got ${quote(p)}`);
  });
}

/** Safe deep get: `fallback` when any step is missing or null. */
export function lookup(obj: unknown, path: string | readonly unknown[], fallback: unknown): unknown {
  const steps = typeof path === 'string' ? parseDottedPath(path) : listPath(path);
  // An unknown value on the way is not a missing one: the lookup is unknown, never `fallback`.
  let cur: unknown = known(obj);
  for (const step of steps) {
    if (cur === null || cur === undefined) return fallback;
    if (Array.isArray(cur)) {
      const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1;
      cur = index >= 0 && index < cur.length ? cur[index] : undefined;
    } else {
      cur = memberOf(cur, String(step));
    }
    known(cur);
  }
  return cur === null || cur === undefined ? fallback : cur;
}

/** `x` if a list, `[]` if null, else `[x]`: for fields that may be one value or many. */
export function asList(x: unknown): unknown[] {
  if (Array.isArray(x)) return x;
  if (x === null || x === undefined) return [];
  return [x];
}

// Several policies (and a failing policy's message) decode the same IAM document of a
// resource: decoded values are kept for reuse (CEL never modifies a value).
const JSON_CACHE_LIMIT = 256;
const JSON_CACHE_MAX_TEXT = 64 * 1024; // bounds the cache at 16 MB
const jsonCache = new Map<string, unknown>();

/** Decodes JSON held in a string (Terraform keeps IAM policy documents that way). */
export function parseJSON(s: string): unknown {
  const hit = jsonCache.get(s);
  if (hit !== undefined) return hit;
  try {
    const value = JSON.parse(s) as unknown;
    if (s.length <= JSON_CACHE_MAX_TEXT) {
      if (jsonCache.size >= JSON_CACHE_LIMIT) jsonCache.clear();
      jsonCache.set(s, value);
    }
    return value;
  } catch (err) {
    throw new CelFunctionError(`parseJSON: invalid JSON ${quote(s)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function registerDataFunctions(env: Environment): void {
  env.registerFunction('lookup(dyn, string, dyn): dyn', lookup, SYNC);
  env.registerFunction('lookup(dyn, list, dyn): dyn', lookup, SYNC);
  env.registerFunction('asList(dyn): list', asList, SYNC);
  env.registerFunction('parseJSON(string): dyn', parseJSON, SYNC);
}
