/** The expiry warning period's rule, as the core checks it (store/settings.ts): whole days, 1..90. */
export const MIN_WARNING_DAYS = 1;
export const MAX_WARNING_DAYS = 90;

/** The problem with a typed warning period, or null when it is a whole number of days in range. */
export function warningDaysProblem(text: string): string | null {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isInteger(n) || n < MIN_WARNING_DAYS || n > MAX_WARNING_DAYS) {
    return `Type a whole number of days from ${MIN_WARNING_DAYS} to ${MAX_WARNING_DAYS}.`;
  }
  return null;
}
