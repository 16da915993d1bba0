import { isUnknownValue } from '../engine/cel/unknown-value';

/** A comparable rendering of what a CEL run gave: its value, or its error's class and message (differential tests). */
export function celOutcome(run: () => unknown): string {
  try {
    return `value ${showCelValue(run())}`;
  } catch (err) {
    return err instanceof Error ? `${err.constructor.name}: ${err.message}` : `thrown ${String(err)}`;
  }
}

/** A CEL value as text that tells int from double, -0 from 0, unknown from everything else. */
export function showCelValue(v: unknown): string {
  if (isUnknownValue(v)) return 'unknown';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return `date ${v.getTime()}`;
  if (Array.isArray(v)) return `[${v.map(showCelValue).join(',')}]`;
  if (v instanceof Map) return `map{${[...v].map(([k, x]) => `${showCelValue(k)}:${showCelValue(x)}`).join(',')}}`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${k}:${showCelValue(x)}`).join(',')}}`;
  return String(v);
}
