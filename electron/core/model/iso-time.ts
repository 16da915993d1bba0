/**
 * The one parser of ISO-8601 / RFC 3339 times (issue 7 hole 11). `Date.parse` and `new Date`
 * accept far too much: `2026-02-30` silently becomes March 2, `T24:00` the next day, a zone-less
 * time means the machine's zone, and V8 takes free text such as "March 5". Every timestamp read
 * from input (changeset.yaml, contracts, attestations, CLI options, CEL functions, the app's
 * API) goes through here instead, with its format's rules.
 *
 * Grammar: `YYYY-MM-DD`, or `YYYY-MM-DD` `T` `hh:mm[:ss[.f…]]` then a zone `Z` or `±hh:mm`.
 * - the day must exist in that month (leap years: divisible by 4, except centuries not
 *   divisible by 400);
 * - hours 00–23 (no `24:00`), minutes 00–59, seconds 00–59 (no leap second `60`: a Date
 *   cannot hold it, and rolling it over would be a silent change);
 * - a fraction of 1–9 digits, kept to the millisecond (truncated);
 * - zone offsets ±00:00 to ±23:59.
 */

export interface IsoTimeRules {
  /** Whether a bare date `YYYY-MM-DD` is accepted (as 00:00 UTC that day). */
  readonly date: 'allowed' | 'refused';
  /** Whether a date-time needs a zone, or means UTC without one. */
  readonly zone: 'required' | 'utc-if-absent';
  /**
   * `canonical`: `T`, `Z` and `±hh:mm` only (signed formats: what every RFC 3339 reader takes).
   * `relaxed`: also `t`/`z`, a space instead of `T`, and `±hhmm` (what people type).
   */
  readonly syntax: 'canonical' | 'relaxed';
}

/** Attestation predicates: a full RFC 3339 time with a zone, as toISOString() writes it. */
export const SIGNED_TIME: IsoTimeRules = { date: 'refused', zone: 'required', syntax: 'canonical' };
/** Times people write (CLI options, changeset.yaml, contract test cases, the app): a date or a zoned time. */
export const TYPED_TIME: IsoTimeRules = { date: 'allowed', zone: 'required', syntax: 'relaxed' };
/** A time with a zone, typed by a person (an expiry): a bare date would hide which hour is meant. */
export const TYPED_INSTANT: IsoTimeRules = { date: 'refused', zone: 'required', syntax: 'relaxed' };

export type IsoTimeResult = { readonly ok: true; readonly date: Date } | { readonly ok: false; readonly reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const RELAXED = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

export function daysInMonth(y: number, month: number): number {
  return month === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses `text` under `rules`; the reason says what is wrong in words a user can act on. */
export function parseIsoTime(text: string, rules: IsoTimeRules): IsoTimeResult {
  const fail = (reason: string): IsoTimeResult => ({ ok: false, reason });
  if (text.length > 64) return fail('is too long for a time');
  const dateOnly = DATE.exec(text);
  if (dateOnly) {
    if (rules.date === 'refused') return fail('needs a time of day with a zone, not only a date');
    return build(dateOnly[1]!, dateOnly[2]!, dateOnly[3]!, '00', '00', undefined, undefined, 'Z');
  }
  const m = (rules.syntax === 'canonical' ? CANONICAL : RELAXED).exec(text);
  if (!m) return fail('is not an ISO-8601 time');
  if (m[8] === undefined && rules.zone === 'required') return fail('needs a time zone (Z or ±hh:mm): a local time would be ambiguous');
  return build(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6], m[7], m[8] ?? 'Z');

  function build(ys: string, mos: string, ds: string, hs: string, mis: string, ss: string | undefined, frac: string | undefined, zone: string): IsoTimeResult {
    const [y, mo, d, h, mi, s] = [ys, mos, ds, hs, mis, ss ?? '00'].map(Number) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12) return fail(`month ${mos} does not exist`);
    if (d < 1 || d > daysInMonth(y, mo)) return fail(`day ${ds} does not exist in ${MONTHS[mo - 1]} ${ys}`);
    if (h > 23) return fail(`hour ${hs} does not exist (00–23)`);
    if (mi > 59) return fail(`minute ${mis} does not exist (00–59)`);
    if (s > 59) return fail(s === 60 ? 'leap second 60 is not supported' : `second ${ss} does not exist (00–59)`);
    const offset = zoneMinutes(zone);
    if (offset === undefined) return fail(`zone ${zone} is not a valid offset (±00:00 to ±23:59)`);
    const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
    const date = new Date(0);
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi - offset, s, ms);
    return { ok: true, date };
  }
}

/** The zone's offset east of UTC in minutes, or undefined when it is out of range. */
function zoneMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const [h, m] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4))];
  if (h > 23 || m > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (h * 60 + m);
}

/** True when `text` is a valid time under `rules` (for schema refinements). */
export function isIsoTime(text: string, rules: IsoTimeRules): boolean {
  return parseIsoTime(text, rules).ok;
}

/** The instant of a time already validated under `rules` (a schema did it): never `new Date(text)`, which reads more loosely. */
export function isoTimeValue(text: string, rules: IsoTimeRules): Date {
  const r = parseIsoTime(text, rules);
  if (!r.ok) throw new Error(`time '${text}' ${r.reason}`);
  return r.date;
}
