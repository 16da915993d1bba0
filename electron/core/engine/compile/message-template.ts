import { canonicalJson } from '../../base/canonical-json';
import type { Activation, CompiledExpression } from '../cel/compile-expression';
import { CelCompileError, compileExpression } from '../cel/compile-expression';
import { UnknownValueError } from '../cel/unknown-value';
import { describeError } from './describe-error';

/**
 * A finding message: literal text with `{{ cel }}` segments compiled once. `partial`: the
 * activation holds values unknown until apply; a segment that depends on them says so.
 */
export type MessageTemplate = (activation: Activation, partial?: boolean) => string;

const SEGMENT = /\{\{([\s\S]*?)\}\}/g;

/** The `{{ cel }}` segments of a message: each one's CEL text and where it starts in the message. */
export function messageSegments(message: string): { readonly start: number; readonly end: number; readonly cel: string; readonly celAt: number }[] {
  return [...message.matchAll(SEGMENT)].map((m) => ({ start: m.index, end: m.index + m[0].length, cel: m[1] ?? '', celAt: m.index + 2 }));
}

/** How an interpolated value reads in a message. */
export function displayValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid timestamp' : v.toISOString();
  try {
    return canonicalJson(v);
  } catch {
    // Canonical JSON refuses what a digest could confuse (a timestamp in a list, Infinity);
    // a message only shows it, so plain JSON with timestamps as ISO text is fine here.
    try {
      return JSON.stringify(v, (_key, x: unknown) => (typeof x === 'bigint' ? Number(x) : x instanceof Map ? Object.fromEntries(x) : x)) ?? String(v);
    } catch {
      return String(v);
    }
  }
}

/**
 * Compiles `{{ cel }}` segments. A segment that does not compile throws CelCompileError with
 * its offset in the message; one that fails at evaluation renders `<error: …>` and the
 * finding is still reported.
 */
export function compileMessageTemplate(message: string): MessageTemplate {
  const parts: (string | CompiledExpression)[] = [];
  let last = 0;
  for (const segment of messageSegments(message)) {
    parts.push(message.slice(last, segment.start));
    try {
      parts.push(compileExpression(segment.cel));
    } catch (err) {
      if (err instanceof CelCompileError) {
        throw new CelCompileError(err.reason, segment.celAt + (err.offset ?? 0), err.end === undefined ? undefined : segment.celAt + err.end);
      }
      throw err;
    }
    last = segment.end;
  }
  parts.push(message.slice(last));
  if (parts.length === 1) {
    const constant = parts[0] as string;
    return () => constant;
  }
  return (activation, partial = false) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      try {
        out += displayValue(partial ? part.runPartial(activation) : part.run(activation));
      } catch (err) {
        out += err instanceof UnknownValueError ? `(${err.message})` : `<error: ${describeError(err)}>`;
      }
    }
    return out;
  };
}
