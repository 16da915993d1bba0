import { SENSITIVE_MASK } from '../../model/resource-change';
import { checkDepth, childPath } from './field-paths';
import type { WalkContext } from './field-paths';

/**
 * Replaces every value marked sensitive by SENSITIVE_MASK and appends the dotted paths it masked
 * to `masked`. Terraform's `before_sensitive` / `after_sensitive` mirror the value's shape with
 * `true` where it is sensitive; `true` at an object or list (or at the top: the whole resource)
 * covers the whole subtree.
 *
 * Copy-on-write: only the objects and lists on the way to a masked value are copied, the rest is
 * shared, so a resource without sensitive values costs no allocation. The plan object we were
 * given still holds the secrets, but nothing we return points into them.
 *
 * null stays null: it reveals nothing, and `object.password == null` keeps working.
 */
export function maskSensitive(value: unknown, marker: unknown, ctx: WalkContext, masked: string[]): unknown {
  return mask(value, marker, '', 0, ctx, masked);
}

function mask(value: unknown, marker: unknown, path: string, depth: number, ctx: WalkContext, masked: string[]): unknown {
  if (marker === true) {
    if (value === null || value === undefined) return value;
    masked.push(path);
    return SENSITIVE_MASK;
  }
  if (marker === false || marker === null || marker === undefined || value === null || value === undefined) return value;
  // A marker Terraform never writes (a string, a number), or one shaped unlike its value (a
  // list marker on a map, a map marker on a string): whatever it covers is masked (fail closed).
  const shapeMatches = typeof marker === 'object' && typeof value === 'object' && Array.isArray(marker) === Array.isArray(value);
  if (!shapeMatches) {
    if (!marksSomething(marker, depth)) return value;
    masked.push(path);
    return SENSITIVE_MASK;
  }
  checkDepth(depth, ctx);
  if (Array.isArray(marker)) {
    if (!Array.isArray(value)) return value;
    let copy: unknown[] | undefined;
    const n = Math.min(marker.length, value.length);
    for (let i = 0; i < n; i++) {
      const mk: unknown = marker[i];
      if (!mayMask(mk)) continue;
      const v: unknown = value[i];
      const m = mask(v, mk, childPath(path, i), depth + 1, ctx, masked);
      if (m !== v) (copy ??= value.slice())[i] = m;
    }
    return copy ?? value;
  }
  if (Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in marker) {
    const mk = (marker as Record<string, unknown>)[key];
    if (!mayMask(mk) || !Object.hasOwn(obj, key)) continue;
    const v = obj[key];
    const m = mask(v, mk, childPath(path, key), depth + 1, ctx, masked);
    if (m !== v) {
      copy ??= { ...obj };
      // defineProperty, not assignment: a key named "__proto__" must stay an own data
      // property, never reach Object.prototype's setter.
      Object.defineProperty(copy, key, { value: m, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy ?? value;
}

/** Whether a marker hides anything: `true` or any leaf that is not `false`/null, at any depth. */
function marksSomething(marker: unknown, depth: number): boolean {
  if (marker === false || marker === null || marker === undefined) return false;
  if (typeof marker !== 'object' || depth > 1000) return true;
  return (Array.isArray(marker) ? marker : Object.values(marker)).some((m) => marksSomething(m, depth + 1));
}

/** Markers that can hide something: `true`, or a non-empty object or list (false leaves, the vast majority, are skipped). */
function mayMask(marker: unknown): boolean {
  if (marker === false || marker === null || marker === undefined) return false;
  if (typeof marker !== 'object') return true;
  return !Array.isArray(marker) || marker.length > 0;
}
