import { InputError } from '../../model/errors';
import { MAX_NESTING } from './entry-locations';

/**
 * Keys written bare in a dotted path ([A-Za-z_][A-Za-z0-9_-]*); anything else is quoted:
 * tags["kubernetes.io/role"]. A char loop: this runs for every unknown attribute of every
 * resource, where a regex call costs several times more.
 */
function isBareKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    if (!letter && (i === 0 || !((c >= 48 && c <= 57) || c === 45))) return false;
  }
  return true;
}

/** Where a walk over one resource's values is, for the depth error. */
export interface WalkContext {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function checkDepth(depth: number, ctx: WalkContext): void {
  if (depth > MAX_NESTING) throw new InputError(ctx.file, `nesting deeper than ${MAX_NESTING} levels`, ctx.line, ctx.column);
}

/**
 * Dotted paths of every leaf marked `true` in an `after_unknown` tree (Terraform mirrors the
 * value's shape, with `true` where the value is only known after apply; `true` at the top means
 * the whole value, path '').
 */
export function unknownPaths(marker: unknown, ctx: WalkContext, sensitive: readonly unknown[] = []): string[] {
  if (marker === true) return [''];
  const out: string[] = [];
  if (typeof marker === 'object' && marker !== null) collectUnderSensitive(marker, '', 1, ctx, sensitive, out);
  return out;
}

/**
 * As collectTrue, while `sensitive` (the *_sensitive markers at the same place) is non-empty:
 * below a value marked sensitive, the unknown markers' keys are that value's own keys, which
 * the masked model hides (when known, they are masked with the value). Such a value is
 * reported as unknown at its own path, once, never by the keys inside it.
 */
function collectUnderSensitive(marker: object, path: string, depth: number, ctx: WalkContext, sensitive: readonly unknown[], out: string[]): void {
  if (sensitive.includes(true)) {
    if (anyTrue(marker, depth, ctx)) out.push(path);
    return;
  }
  const live = sensitive.filter((m): m is object => typeof m === 'object' && m !== null);
  if (live.length === 0) return collectTrue(marker, path, depth, ctx, out);
  checkDepth(depth, ctx);
  // Module functions, not closures made per call: the CLI bundle keeps names (esbuild
  // keepNames), which costs a property definition on every named closure made.
  if (Array.isArray(marker)) marker.forEach((m: unknown, i) => visitUnderSensitive(m, i, path, depth, ctx, live, out));
  else for (const key in marker) visitUnderSensitive((marker as Record<string, unknown>)[key], key, path, depth, ctx, live, out);
}

function memberAt(m: object, key: string | number): unknown {
  return Object.hasOwn(m, key) ? (m as Record<string | number, unknown>)[key] : undefined;
}

function visitUnderSensitive(m: unknown, key: string | number, path: string, depth: number, ctx: WalkContext, live: readonly object[], out: string[]): void {
  if (m === true) out.push(childPath(path, key));
  else if (typeof m === 'object' && m !== null) collectUnderSensitive(m, childPath(path, key), depth + 1, ctx, live.map((l) => memberAt(l, key)), out);
}

function anyTrue(marker: unknown, depth: number, ctx: WalkContext): boolean {
  if (marker === true) return true;
  if (typeof marker !== 'object' || marker === null) return false;
  checkDepth(depth, ctx);
  return Object.values(marker).some((m) => anyTrue(m, depth + 1, ctx));
}

// Paths grow by concatenation (cheap in V8) one container at a time; leaves marked false, the
// vast majority, cost nothing.
function collectTrue(marker: object, path: string, depth: number, ctx: WalkContext, out: string[]): void {
  checkDepth(depth, ctx);
  if (Array.isArray(marker)) {
    for (let i = 0; i < marker.length; i++) {
      const m: unknown = marker[i];
      if (m === true) out.push(childPath(path, i));
      else if (typeof m === 'object' && m !== null) collectTrue(m, childPath(path, i), depth + 1, ctx, out);
    }
    return;
  }
  for (const key in marker) {
    const m = (marker as Record<string, unknown>)[key];
    if (m === true) out.push(childPath(path, key));
    else if (typeof m === 'object' && m !== null) collectTrue(m, childPath(path, key), depth + 1, ctx, out);
  }
}

/**
 * Extends a dotted path, in the syntax the CEL `lookup` function reads: `a.b[0].c`,
 * `tags["kubernetes.io/role"]`. The empty path '' is the whole value.
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!isBareKey(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}
