import { CelFunctionError } from './function-error';

/** CEL ints arrive as BigInt, doubles (and every number read from JSON/YAML) as number. */
export function toNumber(v: unknown, what: string): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw new CelFunctionError(`${what} must be a number, got ${typeName(v)}`);
}

export function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

/** A member of a CEL map value, whether it is a plain object or a Map; undefined when absent. */
export function memberOf(container: unknown, key: string): unknown {
  if (container instanceof Map) return container.get(key);
  if (isPlainMap(container)) return Object.hasOwn(container, key) ? container[key] : undefined;
  return undefined;
}

/** Iterates a CEL map value's entries (plain object or Map). */
export function entriesOf(v: unknown): [string, unknown][] {
  if (v instanceof Map) return [...v.entries()].map(([k, val]) => [String(k), val]);
  if (isPlainMap(v)) return Object.entries(v);
  return [];
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (v instanceof Date) return 'timestamp';
  if (typeof v === 'object') return 'map';
  return typeof v;
}
