/**
 * Characters that change how text reads without showing themselves: zero-width characters and
 * joiners, bidirectional controls (a "Trojan Source" value can read as another one), the soft
 * hyphen, the BOM, line/paragraph separators. Shared by the core (diff values) and the renderer
 * (diff keys), so a vendor's value or key is shown as what it is.
 */
const HIDDEN_CHARS = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

export function hasHidden(text: string): boolean {
  HIDDEN_CHARS.lastIndex = 0;
  const found = HIDDEN_CHARS.test(text);
  HIDDEN_CHARS.lastIndex = 0;
  return found;
}

/**
 * Writes each hidden character as a \uXXXX escape. In JSON text they can only sit inside
 * strings, where the escape means the same character (JSON.parse gives it back).
 */
export function escapeHidden(text: string): string {
  return text.replace(HIDDEN_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
