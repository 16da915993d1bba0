/**
 * A small CEL tokenizer: just enough to find the top-level `&&`, `||` and `?` of a text and
 * the whitespace/comments around its parts. It reads strings, comments and whitespace exactly
 * as cel-js's lexer does (parser.js nextToken/readString), so a `||` it sees is one cel-js
 * sees: a comment runs to "\n" only, a backslash in any string (raw ones too) skips the next
 * character, and a string prefix is one of b B r R. It does not validate CEL (cel-js does).
 */

export type TokenKind = 'space' | 'comment' | 'string' | 'open' | 'close' | 'and' | 'or' | 'question' | 'other';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
}

export function isTrivia(t: Token): boolean {
  return t.kind === 'space' || t.kind === 'comment';
}

// cel-js skips exactly these four.
const SPACE = /[ \t\r\n]/;

/** End offset of a string literal whose quote is at `q`, or -1 when unterminated. */
function stringEnd(src: string, q: number): number {
  const quote = src[q] as string;
  const triple = src.startsWith(quote.repeat(3), q);
  const close = triple ? quote.repeat(3) : quote;
  let j = q + close.length;
  while (j < src.length) {
    const ch = src[j];
    if (ch === '\\') {
      j += 2;
      continue;
    }
    if (src.startsWith(close, j)) return j + close.length;
    if (!triple && (ch === '\n' || ch === '\r')) return -1;
    j++;
  }
  return -1;
}

/** Offset of the quote when a string literal starts at `i` (an optional b/B/r/R prefix), else -1. */
function stringQuote(src: string, i: number, glued: boolean): number {
  const ch = src[i];
  if (ch === '"' || ch === "'") return i;
  if (glued || !/[bBrR]/.test(ch as string)) return -1;
  const next = src[i + 1];
  return next === '"' || next === "'" ? i + 1 : -1;
}

/** The tokens of `src`, or undefined when a string literal is unterminated. */
export function tokenize(src: string): Token[] | undefined {
  const out: Token[] = [];
  let lastSignificant: Token | undefined;
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    let end = i + 1;
    let kind: TokenKind = 'other';
    if (SPACE.test(ch)) {
      while (end < src.length && SPACE.test(src[end] as string)) end++;
      kind = 'space';
    } else if (src.startsWith('//', i)) {
      // The comment ends before the newline, which stays a space token.
      while (end < src.length && src[end] !== '\n') end++;
      kind = 'comment';
    } else if (stringQuote(src, i, i > 0 && /[\w$]/.test(src[i - 1] as string)) >= 0) {
      end = stringEnd(src, stringQuote(src, i, false));
      if (end < 0) return undefined;
      kind = 'string';
    } else if (ch === '(' || ch === '[' || ch === '{') {
      kind = 'open';
    } else if (ch === ')' || ch === ']' || ch === '}') {
      kind = 'close';
    } else if (src.startsWith('&&', i)) {
      end = i + 2;
      kind = 'and';
    } else if (src.startsWith('||', i)) {
      end = i + 2;
      kind = 'or';
    } else if (ch === '?') {
      // `.?field` and `[?index]` are optional access, not the conditional operator.
      const before = lastSignificant === undefined ? '' : src[lastSignificant.end - 1];
      kind = before === '.' || before === '[' ? 'other' : 'question';
    } else {
      while (end < src.length && /[\w$.]/.test(ch) && /[\w$.]/.test(src[end] as string)) end++;
    }
    const token: Token = { kind, start: i, end };
    out.push(token);
    if (!isTrivia(token)) lastSignificant = token;
    i = end;
  }
  return out;
}

/** Token ranges of the top level (depth 0) of `tokens`, or undefined when brackets do not balance. */
export function depths(tokens: readonly Token[]): number[] | undefined {
  const out: number[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'close') depth--;
    if (depth < 0) return undefined;
    out.push(depth);
    if (t.kind === 'open') depth++;
  }
  return depth === 0 ? out : undefined;
}

/** True when the text is only whitespace and comments. */
export function isTriviaText(text: string): boolean {
  const tokens = tokenize(text);
  return tokens !== undefined && tokens.every(isTrivia);
}

/** True when the text ends inside a `//` comment (anything written after it would be commented out). */
export function endsInComment(text: string): boolean {
  const tokens = tokenize(text);
  return tokens !== undefined && tokens.length > 0 && tokens[tokens.length - 1]?.kind === 'comment';
}
