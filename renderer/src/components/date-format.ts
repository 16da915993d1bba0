/**
 * One date format across the app (issue 11): the user's locale, medium date and short time
 * (e.g. "1 Dec 2026, 14:05" / "Dec 1, 2026, 2:05 PM"); the full ISO-8601 instant on hover.
 * Text that is not a time is shown as it is, never as "Invalid Date".
 */

/** A time in the user's locale (`locale`: tests pin one), or the text itself when it is not a time. */
export function formatDateTime(iso: string, locale?: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The hover text: the instant in UTC (ISO-8601), and the text as written when it says it differently (another zone). */
export function fullIso(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const utc = new Date(t).toISOString();
  return utc === iso ? utc : `${utc} (written ${iso})`;
}

/** True when `iso` is a time before `now` (a planned apply time already gone by). */
export function isPast(iso: string, now: number = Date.now()): boolean {
  const t = Date.parse(iso);
  return !Number.isNaN(t) && t < now;
}
