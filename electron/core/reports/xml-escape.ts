/**
 * XML 1.0 escaping. Characters XML 1.0 cannot carry at all, not even as character
 * references (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF), are
 * written as a visible `\uXXXX` so a hostile message can never make the report unparseable.
 * Characters XML allows but a terminal acts on (DEL, C1 controls, bidi overrides and other
 * format characters, U+2028/U+2029) are written as character references (`&#x9B;`): the same
 * XML text, but never raw bytes on a terminal that shows the report.
 */
export function escapeXmlText(s: string): string {
  return escapeXml(s, false);
}

/** Like escapeXmlText, and also quotes and whitespace that attribute-value normalization would eat. */
export function escapeXmlAttribute(s: string): string {
  return escapeXml(s, true);
}

function escapeXml(s: string, attribute: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x26: out += '&amp;'; continue;
      case 0x3c: out += '&lt;'; continue;
      case 0x3e: out += '&gt;'; continue;
      case 0x22: out += attribute ? '&quot;' : '"'; continue;
      case 0x27: out += attribute ? '&apos;' : "'"; continue;
      case 0x09: out += attribute ? '&#9;' : '\t'; continue;
      case 0x0a: out += attribute ? '&#10;' : '\n'; continue;
      // A raw CR would be normalized away by any XML parser; the reference keeps it.
      case 0x0d: out += '&#13;'; continue;
    }
    if (c < 0x20 || c === 0xfffe || c === 0xffff) {
      out += visible(c);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        const pair = s[i]! + s[i + 1]!;
        out += TERMINAL_ACTIVE.test(pair) ? `&#x${pair.codePointAt(0)!.toString(16).toUpperCase()};` : pair;
        i++;
      } else {
        out += visible(c);
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out += visible(c);
    } else if (TERMINAL_ACTIVE.test(s[i]!)) {
      out += `&#x${c.toString(16).toUpperCase()};`;
    } else {
      out += s[i]!;
    }
  }
  return out;
}

const TERMINAL_ACTIVE = /^[\u007f-\u009f\p{Cf}\u2028\u2029]$/u;

function visible(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}
