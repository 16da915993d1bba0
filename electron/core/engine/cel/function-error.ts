/**
 * An error raised by one of our CEL functions for a bad argument at evaluation time
 * (invalid CIDR, unparseable date, pattern RE2 rejects…). The evaluator turns it into an
 * `error` finding, so the message must say what was wrong with which value.
 */
export class CelFunctionError extends Error {
  override readonly name = 'CelFunctionError';
}

/** Short, quoted rendering of a user value for an error message (bounded length). */
export function quote(value: unknown): string {
  let s: string;
  try {
    // Strings as written (no JSON escaping: a regex author must recognise `\d` in the message).
    s = typeof value === 'string' ? `"${value.replace(/\n/g, '\\n')}"` : typeof value === 'bigint' ? value.toString() : JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
