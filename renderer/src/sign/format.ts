/** Small display helpers shared by the Sign, Keys, Audit and Contract screens. */

/** `sha256:1a2b3c4d…9f8e` — enough of a key id to recognise it; the full id is in the title. */
export function shortId(id: string): string {
  const hex = id.replace(/^sha256:/, '');
  return hex.length <= 16 ? id : `sha256:${hex.slice(0, 12)}…${hex.slice(-4)}`;
}

/** A timestamp in the user's locale, with the zone, or the raw text if it is not a date. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "1 of 2 approvals", "1 of 1 approvals": the noun counts what is needed, so always plural. */
export function countOf(n: number, of: number, noun: string): string {
  return `${n} of ${of} ${noun}s`;
}

/** A core message ("a rejection needs a comment saying why") as a sentence on screen. */
export function asSentence(text: string): string {
  return text === '' ? text : `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}
