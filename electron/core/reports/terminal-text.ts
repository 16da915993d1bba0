/**
 * Text from inputs (vendor metadata, addresses, justifications, reasons) made safe for a
 * terminal, as `evaluate`'s text report does with `clean` (text-report.ts), and stricter: C0
 * controls (ESC, so CSI and OSC sequences, BEL, CR…), DEL, C1 controls (0x80–0x9f, incl. the
 * 8-bit CSI 0x9b and OSC 0x9d), the Unicode line/paragraph separators, and the bidi controls
 * that reorder what a reader sees (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) are shown
 * as visible escapes, so one value stays on one line and reads in the order it is stored.
 */
export function terminalSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += ' ';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (isInvisibleControl(c)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function isInvisibleControl(c: number): boolean {
  return c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x2028 || c === 0x2029;
}
