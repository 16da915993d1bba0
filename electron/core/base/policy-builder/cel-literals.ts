/** How the builder writes values as CEL literals: one canonical spelling per value. */

/** Words cel-js refuses after a `.` (it accepts CEL's other reserved words there, as in `resource.namespace`). */
const NOT_FIELD_NAMES = new Set(['true', 'false', 'null', 'in']);

/** A name that can follow `.` in a field selection. */
export function isFieldName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !NOT_FIELD_NAMES.has(s);
}

/** A string CEL can hold: no lone UTF-16 surrogate (cel-js refuses them, as CEL's Unicode strings must). */
export function isCelString(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** `"…"` with the escapes CEL and JSON share; other characters as they are. */
export function stringLiteral(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** A finite number the builder can write: not -0 (it reads back as 0), not NaN or ±Infinity. */
export function isWritableNumber(n: number): boolean {
  return Number.isFinite(n) && !Object.is(n, -0);
}

/**
 * Integers within the safe range are CEL ints (`3`); other numbers are doubles (`1.5`,
 * `1e+21`, `100000000000000000000.0`), which compare with ints as the engine reads inputs.
 */
export function numberLiteral(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  const text = String(n);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function stringListLiteral(list: readonly string[]): string {
  return `[${list.map(stringLiteral).join(', ')}]`;
}

/** `params.name`, or `params["odd-name"]` when the name is not an identifier. */
export function paramReference(name: string): string {
  return isFieldName(name) ? `params.${name}` : `params[${stringLiteral(name)}]`;
}
