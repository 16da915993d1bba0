/**
 * The text rule of a display label (issue 11): plain one-line text a reviewer types to name a
 * change set. Shared by the core (which stores it), the API boundary and the renderer's form.
 */
import { unprintableIn } from './printable-text';

/** Longest label kept (characters, after trimming): a name, not a description. */
export const MAX_LABEL_CHARS = 100;

/** Why `raw` (trimmed) cannot be a label, or null: control or format characters (escapes, bidi overrides, zero-width, line breaks), or too long. */
export function displayLabelProblem(raw: string): string | null {
  const value = raw.trim();
  const bad = unprintableIn(value);
  if (bad) return `contains the control or format character ${bad.codePoint} (labels are plain one-line text)`;
  if ([...value].length > MAX_LABEL_CHARS) return `is longer than ${MAX_LABEL_CHARS} characters`;
  return null;
}
