/**
 * A small CEL tokenizer: just enough to find the top-level `&&`, `||` and `?` of a text and
 * the whitespace/comments around its parts, without ever misreading a string or a comment.
 * It does not validate CEL (cel-js does); it only tells structure from trivia.
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

// CEL whitespace: space, tab, CR, LF, FF (and VT, which cel-js also skips).
const SPACE = /[ \t\r\n\f\v]/;

/** End offset of a string literal starting at `i` (prefix letters included), or -1 when unterminated. */
function stringEnd(src: string, i: number): number {
  let j = i;
  let raw = false;
  while (j < src.length && /[rRbB]/.test(src[j] as string)) {
    if (/[rR]/.test(src[j] as string)) raw = true;
    j++;
  }
  const quote = src[j];
  if (quote !== '"' && quote !== "'") return -1;
  const triple = src.startsWith(quote.repeat(3), j);
  const close = triple ? quote.repeat(3) : quote;
  j += close.length;
  while (j < src.length) {
    const ch = src[j];
    if (ch === '\\' && !raw) {
      j += 2;
      continue;
    }
    if (src.startsWith(close, j)) return j + close.length;
    if (!triple && (ch === '\n' || ch === '\r')) return -1;
    j++;
  }
  return -1;
}

/** Is `src[i]` the start of a string literal (an optional r/b prefix and a quote)? */
function startsString(src: string, i: number): boolean {
  const m = /^[rRbB]{0,2}["']/.exec(src.slice(i, i + 3));
  if (!m) return false;
  // A prefix letter glued to a preceding identifier character is part of that identifier.
  return m[0].length === 1 || i === 0 || !/[\w$]/.test(src[i - 1] as string);
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
      while (end < src.length && src[end] !== '\n' && src[end] !== '\r') end++;
      kind = 'comment';
    } else if (startsString(src, i)) {
      end = stringEnd(src, i);
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
