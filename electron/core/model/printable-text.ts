/**
 * Makes input-derived text safe to print on a terminal or in a one-line message. The vendor
 * controls every byte of a change set, so names and messages from it must not be able to send
 * escape sequences (ESC, CSI, OSC, C1), reorder what is shown (bidi overrides), hide characters
 * (zero-width, BOM) or break a line. Everything else is kept as written.
 *
 * - line feed becomes `\n`, tab a space (as the text report always did);
 * - other C0 controls, DEL and C1 controls become `\xNN`;
 * - Unicode format characters (bidi embeddings/overrides/isolates, zero-width, BOM…), line and
 *   paragraph separators, and lone surrogates become `\u{XXXX}`.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, escapeOne);
}

/** C0, DEL, C1; Unicode format characters (Cf: U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF…); U+2028/U+2029; lone surrogates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

function escapeOne(c: string): string {
  const code = c.codePointAt(0)!;
  if (code === 0x0a) return '\\n';
  if (code === 0x09) return ' ';
  if (code <= 0x9f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** A character of `s` that has no place in a file or path name, with its code point, or undefined. */
export function unprintableIn(s: string): { readonly char: string; readonly codePoint: string } | undefined {
  const m = new RegExp(UNPRINTABLE.source, 'u').exec(s);
  if (!m) return undefined;
  return { char: m[0], codePoint: `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal may act on (DEL, C1
 * controls, Unicode format characters such as bidi overrides, U+2028/U+2029) written as `\uXXXX`
 * escapes. It is the same JSON value: a parser reads back exactly the same strings.
 */
export function terminalSafeJson(json: string): string {
  // Every character JSON_RAW_UNSAFE matches is outside printable ASCII and the ellipsis that
  // abbreviated explanations carry: a report with nothing else (nearly all of them) skips the
  // Unicode-class scan, the costlier one on tens of megabytes.
  if (!NOT_PLAIN.test(json)) return json;
  return json.replace(JSON_RAW_UNSAFE, (c) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}

const JSON_RAW_UNSAFE = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;
const NOT_PLAIN = /[^\t\n\r -~\u2026]/;
