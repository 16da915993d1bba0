/** Small display helpers shared by the Sign, Keys, Audit and Contract screens. */
import { formatDateTime } from '../components/date-format';

/** `sha256:1a2b3c4d…9f8e` — enough of a key id to recognise it; the full id is in the title. */
export function shortId(id: string): string {
  const hex = id.replace(/^sha256:/, '');
  return hex.length <= 16 ? id : `sha256:${hex.slice(0, 12)}…${hex.slice(-4)}`;
}

/** A timestamp in the app's one date format (components/date-format.ts), for text such as titles; on screen use <DateTime>. */
export function formatTime(iso: string): string {
  return formatDateTime(iso);
}

/** "1 of 2 approvals", "1 of 1 approvals": the noun counts what is needed, so always plural. */
export function countOf(n: number, of: number, noun: string): string {
  return `${n} of ${of} ${noun}s`;
}

/** A core message ("a rejection needs a comment saying why") as a sentence on screen. */
export function asSentence(text: string): string {
  return text === '' ? text : `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/** Controls, Unicode format characters (bidi overrides, zero-width…), line/paragraph separators: what a name must not hide. */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/gu;

/**
 * A vendor-written name (a resource address) with every character that does not show written
 * as `\u{XXXX}`, the CLI's escaping: the list a reviewer signs must read as what is signed
 * (a bidi override would reorder it, a zero-width space hide a difference).
 */
export function visibleName(s: string): string {
  return s.replace(HIDDEN, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}
