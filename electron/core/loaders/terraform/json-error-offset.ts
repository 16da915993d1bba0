/**
 * Offset of the first JSON syntax error in `text` (text.length when the text ends too soon),
 * or -1 when it is valid JSON. Only used to place an error when V8's JSON.parse message gives
 * no position (its "Unexpected token" messages carry a snippet instead). Iterative with an
 * explicit stack, so any nesting depth is fine, and linear in the text length.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: number[] = [];
  let mode = Mode.Value;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= n) return mode === Mode.AfterValue && stack.length === 0 ? -1 : n;
    const c = text.charCodeAt(i);
    if (mode === Mode.AfterValue) {
      const top = stack[stack.length - 1];
      if (top === undefined) return i; // text after the JSON value
      if (c === COMMA) { i++; mode = top === OPEN_BRACE ? Mode.Key : Mode.Value; continue; }
      if (c !== (top === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) return i;
      stack.pop();
      i++;
      continue;
    }
    if (mode === Mode.Colon) {
      if (c !== COLON) return i;
      i++;
      mode = Mode.Value;
      continue;
    }
    // An empty object or list closes right away.
    if ((mode === Mode.KeyOrClose && c === CLOSE_BRACE) || (mode === Mode.ValueOrClose && c === CLOSE_BRACKET)) {
      stack.pop();
      i++;
      mode = Mode.AfterValue;
      continue;
    }
    if (mode === Mode.Key || mode === Mode.KeyOrClose) {
      if (c !== QUOTE) return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      mode = Mode.Colon;
      continue;
    }
    // A value.
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      stack.push(c);
      i++;
      mode = c === OPEN_BRACE ? Mode.KeyOrClose : Mode.ValueOrClose;
      continue;
    }
    const end = c === QUOTE ? stringEnd(text, i) : c === MINUS || isDigit(c) ? numberEnd(text, i) : literalEnd(text, i);
    if (end < 0) return -end - 1;
    i = end;
    mode = Mode.AfterValue;
  }
}

const enum Mode { Value, ValueOrClose, KeyOrClose, Key, Colon, AfterValue }

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, MINUS = 45, PLUS = 43, DOT = 46;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

// The token scanners return the index just past the token, or -(errorOffset + 1).

function stringEnd(text: string, open: number): number {
  const n = text.length;
  for (let i = open + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(++i);
      if (e === 117 /* u */) {
        for (let k = 1; k <= 4; k++) if (!isHex(text.charCodeAt(i + k))) return -(i + k) - 1;
        i += 4;
      } else if (i >= n || !'"\\/bfnrt'.includes(text.charAt(i))) {
        return -i - 1;
      }
    }
  }
  return -n - 1;
}

function numberEnd(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === MINUS) i++;
  const digits = (): boolean => {
    const from = i;
    while (isDigit(text.charCodeAt(i))) i++;
    return i > from;
  };
  if (text.charCodeAt(i) === 48 /* 0 */) i++;
  else if (!digits()) return -i - 1;
  if (text.charCodeAt(i) === DOT) {
    i++;
    if (!digits()) return -i - 1;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === PLUS || sign === MINUS) i++;
    if (!digits()) return -i - 1;
  }
  return i;
}

function literalEnd(text: string, start: number): number {
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, start)) return start + word.length;
  }
  // Point at the first character that stops matching any literal.
  let i = start;
  while (i < text.length && ['true', 'false', 'null'].some((w) => w.startsWith(text.slice(start, i + 1)))) i++;
  return -i - 1;
}
