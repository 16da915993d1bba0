import { InputError } from '../../model/errors';
import { jsonErrorOffset } from './json-error-offset';

const EXPECTED = 'expected Terraform plan JSON (`terraform show -json PLANFILE` or `tofu show -json PLANFILE`)';

/**
 * JSON.parse for a plan file: a syntax error becomes an InputError naming the file, line and
 * column. V8's JSON.parse is iterative, so absurd nesting parses (the loader bounds depth later).
 */
export function parsePlanJson(file: string, text: string): unknown {
  // readFileSync(…, 'utf8') keeps a UTF-8 BOM, which JSON.parse rejects.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw syntaxError(file, body, err);
  }
  loneCarriageReturn(file, body);
  return value;
}

/**
 * A carriage return without a line feed is JSON whitespace (a raw one cannot sit in a string),
 * but editors, SARIF viewers and code-scanning UIs count it as a line break: every location we
 * give after it (counted in line feeds) would point them at another line than the field
 * judged. Terraform never writes one (CRLF, from a Windows editor, is fine): refused.
 */
function loneCarriageReturn(file: string, body: string): void {
  const at = loneCarriageReturnAt(body);
  if (at < 0) return;
  const { line, column } = lineColumn(body, at);
  throw new InputError(file, 'a carriage return without a line feed: editors and report viewers count it as a line break, so locations after it would point at other lines; save the plan with LF or CRLF line endings', line, column);
}

/** Offset of the first carriage return not followed by a line feed, or -1. */
export function loneCarriageReturnAt(text: string): number {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return i;
  }
  return -1;
}

function syntaxError(file: string, body: string, err: unknown): InputError {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof SyntaxError)) return new InputError(file, `cannot read JSON: ${message}`);
  if (isBlank(body)) return new InputError(file, `file is empty; ${EXPECTED}`);

  const stated = /in JSON at position (\d+)/.exec(message);
  let offset = stated ? Number(stated[1]) : -1;
  if (offset < 0 || offset > body.length) offset = jsonErrorOffset(body);
  if (message.startsWith('Unexpected end of JSON input') || offset >= body.length) {
    // Point just past the last character written: where the rest of the file went missing.
    const { line, column } = lineColumn(body, lastContentEnd(body));
    return new InputError(file, 'truncated JSON: the file ends before the JSON value is complete', line, column);
  }
  if (offset < 0) return new InputError(file, `malformed JSON: ${describe(message, body, 0)}`);
  const { line, column } = lineColumn(body, offset);
  return new InputError(file, `malformed JSON: ${describe(message, body, offset)}`, line, column);
}

/**
 * V8's reason without its position (we give line and column) and without its "…snippet…"
 * context, which could quote a secret from the plan into logs.
 */
function describe(message: string, body: string, offset: number): string {
  if (message.startsWith('Unexpected token') || message.includes('is not valid JSON')) {
    return `unexpected character ${JSON.stringify(body.charAt(offset))}`;
  }
  const reason = message.replace(/ in JSON at position \d+.*$/s, '');
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

function isBlank(text: string): boolean {
  return lastContentEnd(text) === 0;
}

/** Index just past the last non-whitespace character. */
function lastContentEnd(text: string): number {
  let end = text.length;
  for (let c = text.charCodeAt(end - 1); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(end - 1)) end--;
  return end;
}

/** 1-based line and column of an offset (columns in UTF-16 code units). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
