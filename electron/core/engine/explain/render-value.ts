import { isUnknownValue } from '../cel/unknown-value';
import { printable } from '../../model/printable-text';
import { SENSITIVE_MASK } from '../../model/resource-change';

const MAX_CHARS = 2000;
const MAX_DEPTH = 12;

/**
 * A CEL value as one line of text for the explanation panel: JSON-like, printable
 * (printable-text.ts: the vendor wrote these values), cut at MAX_CHARS. A value known only
 * after apply reads `(known after apply)`, a masked one `(sensitive value)`, and is never touched (its sentinel throws on
 * any access).
 */
export function renderValue(value: unknown): string {
  const out = new ValueText();
  const complete = out.write(value, 0);
  const text = out.parts.join('');
  return printable(complete && text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS)}…`);
}

/**
 * The text of one value, piece by piece; `write` and `push` answer false once it is longer
 * than MAX_CHARS. A class rather than closures: explanations render ~10 values per finding,
 * and the CLI bundle pays a property definition for every named closure it makes (keepNames).
 */
class ValueText {
  readonly parts: string[] = [];
  private length = 0;

  push(s: string): boolean {
    this.parts.push(s);
    this.length += s.length;
    return this.length <= MAX_CHARS;
  }

  write(v: unknown, depth: number): boolean {
    if (isUnknownValue(v)) return this.push('(known after apply)');
    if (v === null || v === undefined) return this.push('null');
    if (typeof v === 'bigint') return this.push(v.toString());
    if (typeof v === 'number' || typeof v === 'boolean') return this.push(String(v));
    // The mask reads as itself, not as a string the vendor wrote.
    if (v === SENSITIVE_MASK) return this.push(SENSITIVE_MASK);
    if (typeof v === 'string') return this.push(JSON.stringify(v));
    if (v instanceof Date) return this.push(Number.isNaN(v.getTime()) ? 'invalid time' : v.toISOString());
    if (v instanceof Uint8Array) return this.push(`b"${Buffer.from(v).toString('base64')}"`);
    if (typeof v !== 'object') return this.push(`<${typeof v}>`);
    if (depth >= MAX_DEPTH) return this.push('…');
    const entries: [unknown, unknown][] = v instanceof Map ? [...v.entries()] : Array.isArray(v) || v instanceof Set ? [...(v as Iterable<unknown>)].map((x) => [undefined, x]) : Object.entries(v);
    const list = Array.isArray(v) || v instanceof Set;
    if (!this.push(list ? '[' : '{')) return false;
    for (let i = 0; i < entries.length; i++) {
      const [k, x] = entries[i]!;
      if (i > 0 && !this.push(', ')) return false;
      if (!list && !this.push(`${JSON.stringify(String(k))}: `)) return false;
      if (!this.write(x, depth + 1)) return false;
    }
    return this.push(list ? ']' : '}');
  }
}

/** What a whole resource reads as in an explanation. */
export const WHOLE_RESOURCE = '(the whole resource)';

/**
 * A value an explanation shows: renderValue, except that a whole resource (the activation's
 * `object`, `oldObject` or `resource`, however the condition reached it: a bound name, a list
 * of it) is never printed whole: the reports go to CI logs, and a plan's attribute its provider
 * failed to mark sensitive must not be printed there.
 */
export function renderSeen(value: unknown, activation: { readonly object: unknown; readonly oldObject: unknown; readonly resource: unknown }): string {
  if (typeof value === 'object' && value !== null && (value === activation.object || value === activation.oldObject || value === activation.resource)) return WHOLE_RESOURCE;
  return renderValue(value);
}
