import { parse } from 'yaml';

/**
 * Scalars written so that they read back as exactly the value given. Every form here is also
 * checked by re-parsing the edited document (splice.ts); these rules only pick a readable
 * form first.
 */

/** Characters written as-is (YAML's printable set, minus line/paragraph separators, NEL and BOM). */
function printable(cp: number): boolean {
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return cp !== 0x2028 && cp !== 0x2029;
  if (cp >= 0xe000 && cp <= 0xfffd) return cp !== 0xfeff;
  return cp >= 0x10000 && cp <= 0x10ffff;
}

function allPrintable(s: string, allowTab: boolean): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (!(printable(cp) || (allowTab && cp === 0x09))) return false;
  }
  return true;
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0' };

/** A double-quoted scalar: any string, one line; everything unprintable escaped. */
export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    const named = ESCAPES[ch];
    if (named) out += named;
    else if (printable(cp)) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * Strings YAML 1.2 reads as strings but YAML 1.1 reads as something else (booleans,
 * timestamps, sexagesimal or underscored numbers): quoted, so no reader or human takes them
 * for anything but text.
 */
const YAML11_NON_STRING = /^(?:y|n|yes|no|on|off)$|^\d{4}-\d\d?-\d\d?(?:[Tt ]|$)|^[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?$|^[-+]?[\d.][\d_.]*_[\d_.]*$/i;

/** True when `s` can be written unquoted (in a flow collection when `flow`) and read back as `s`. */
export function plainOk(s: string, flow: boolean): boolean {
  if (s === '' || !allPrintable(s, false)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(s) || /\s$/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  // `<<` is a merge key to YAML 1.1 readers (and to yaml with `merge: true`).
  if (YAML11_NON_STRING.test(s) || s === '<<') return false;
  try {
    return parse(s) === s;
  } catch {
    return false;
  }
}

export function singleQuotedOk(s: string): boolean {
  return allPrintable(s, false);
}

export function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A mapping key: plain when safe, else double-quoted. */
export function renderKey(k: string): string {
  return plainOk(k, true) ? k : doubleQuoted(k);
}

export function renderNumber(n: number): string {
  return String(n);
}

/**
 * A literal block scalar (`|`) for a multi-line string, or null when it cannot be one (a `\r`
 * or an unprintable character: those need escapes). `ownerCol` is the column of the key or
 * `-` that owns the value, `bodyIndent` the column its lines start at. Returns the header and
 * the body lines joined with `eol`; the caller ends the body with a line break.
 */
export function blockLiteral(s: string, ownerCol: number, bodyIndent: number, eol: string): { header: string; body: string } | null {
  if (!s.includes('\n') || s.includes('\r') || !allPrintable(s.replace(/\n/g, ''), true)) return null;
  const lines = s.split('\n');
  const endsWithBreak = s.endsWith('\n');
  if (endsWithBreak) lines.pop();
  const chomp = !endsWithBreak ? '-' : s.endsWith('\n\n') || s === '\n' ? '+' : '';
  const first = lines.find((l) => /\S/.test(l));
  const firstIdx = first === undefined ? lines.length : lines.indexOf(first);
  // Auto-detected indentation would misread a first line that starts with a space, or
  // blank lines with spaces before it: name the indentation explicitly then.
  const explicit = first === undefined || /^[ \t]/.test(first) || lines.slice(0, firstIdx).some((l) => l !== '');
  const indicator = bodyIndent - ownerCol;
  if (explicit && (indicator < 1 || indicator > 9)) return null;
  const pad = ' '.repeat(bodyIndent);
  const body = lines.map((l) => (l === '' ? '' : pad + l)).join(eol);
  return { header: `|${explicit ? String(indicator) : ''}${chomp}`, body };
}
