/**
 * A field's value as the report gives it (compact JSON for a list or map): a long list or map is
 * shown indented, one key a line, so a reviewer reads `"from_port": 22` rather than a block
 * broken mid-word. Anything that is not compact JSON (a mask, "(absent)") is shown as it is.
 */
export function readable(text: string): string {
  if (text.length <= 48 || (text[0] !== '{' && text[0] !== '[')) return text;
  try {
    const value = JSON.parse(text) as unknown;
    // Only what reads back exactly (a number past 2^53 would not): the screen never shows a value the report does not hold.
    return JSON.stringify(value) === text ? JSON.stringify(value, null, 2) : text;
  } catch {
    return text;
  }
}
