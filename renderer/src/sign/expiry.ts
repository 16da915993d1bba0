/**
 * Exception expiry: the user picks a day (date input, local time); we send an instant that the
 * core accepts. The core refuses an expiry more than maxExceptionDays after the moment it signs,
 * so the chosen day's end is capped a minute short of now + maxDays.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of a local date (what <input type="date"> uses). */
export function toDateInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The first and last day the date input allows, and a sensible default (a week, or the cap). */
export function expiryBounds(maxDays: number, now: Date = new Date()): { readonly min: string; readonly max: string; readonly initial: string } {
  const latest = new Date(now.getTime() + maxDays * DAY_MS - 60_000);
  return {
    min: toDateInput(now),
    max: toDateInput(latest),
    initial: toDateInput(new Date(Math.min(now.getTime() + 7 * DAY_MS, latest.getTime()))),
  };
}

/** The ISO instant for a chosen day, or a reason it cannot be used. */
export function expiryInstant(day: string, maxDays: number, now: Date = new Date()): { readonly iso: string } | { readonly problem: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return { problem: 'Choose the day the exception expires.' };
  const endOfDay = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  // Date rolls an impossible day over (2026-02-30 → March 2): refuse it instead.
  if (Number.isNaN(endOfDay.getTime()) || toDateInput(endOfDay) !== day) return { problem: `${day} is not a day of the calendar.` };
  if (endOfDay.getTime() <= now.getTime()) return { problem: 'The expiry must be today or later.' };
  const latest = now.getTime() + maxDays * DAY_MS - 60_000;
  if (toDateInput(endOfDay) > toDateInput(new Date(latest))) {
    return { problem: `The contract allows exceptions of at most ${maxDays} days: choose ${toDateInput(new Date(latest))} or earlier.` };
  }
  return { iso: new Date(Math.min(endOfDay.getTime(), latest)).toISOString() };
}

/**
 * Issue 12 (demo: "one exception expiring soon"): whole days left before an expiry, when it falls
 * within the workspace's warning period (Settings), else null: the inbox, the dashboard and the
 * review flag the same exceptions. 0 = expires today; an expiry already past is not "soon".
 */
export function daysLeftIfSoon(expires: string, warningDays: number, now: Date = new Date()): number | null {
  const left = Date.parse(expires) - now.getTime();
  if (Number.isNaN(left) || left <= 0 || left > warningDays * DAY_MS) return null;
  return Math.floor(left / DAY_MS);
}
