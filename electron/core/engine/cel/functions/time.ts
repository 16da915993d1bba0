import { SYNC } from './sync';
import type { Environment } from '@marcbachmann/cel-js';
import { parseIsoTime } from '../../../model/iso-time';
import type { IsoTimeRules } from '../../../model/iso-time';
import { CelFunctionError, quote } from '../function-error';
import { entriesOf, isPlainMap, memberOf } from '../values';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const DAY_INDEX: Readonly<Record<string, number>> = Object.fromEntries(DAYS.map((d, i) => [d.toLowerCase(), i]));

/** A maintenance window with times as minutes after local midnight. */
interface Window {
  readonly days: readonly boolean[]; // index 0 = Monday
  readonly start: number;
  readonly end: number;
  readonly timezone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      throw new CelFunctionError(`inWindow: unknown time zone ${quote(timezone)} (use an IANA name such as "Europe/Paris")`);
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(timezone, f);
  }
  return f;
}

// Every resource of a change set is evaluated at the same `now`: remember the last answer per
// zone (formatToParts costs microseconds; it would dominate a maintenance-window policy).
const lastLocal = new Map<string, { readonly at: number; readonly day: number; readonly minute: number }>();

/** Weekday (0 = Monday) and minute of the day of `t` on the wall clock of `timezone`. */
function localTime(t: Date, timezone: string): { day: number; minute: number } {
  // UTC needs no time zone data: loading ICU's costs ~15 ms on a cold start.
  if (timezone === 'UTC') return { day: (t.getUTCDay() + 6) % 7, minute: t.getUTCHours() * 60 + t.getUTCMinutes() };
  const atMinute = Math.floor(t.getTime() / 60_000);
  const hit = lastLocal.get(timezone);
  if (hit && hit.at === atMinute) return hit;
  let day = -1, hour = 0, minute = 0;
  for (const part of formatterFor(timezone).formatToParts(t)) {
    if (part.type === 'weekday') day = DAY_INDEX[part.value.toLowerCase()] ?? -1;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  const local = { at: atMinute, day, minute: hour * 60 + minute };
  if (lastLocal.size > 500) lastLocal.clear();
  lastLocal.set(timezone, local);
  return local;
}

function parseClock(v: unknown, field: string, allow24: boolean): number {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
  const h = m ? Number(m[1]) : NaN, min = m ? Number(m[2]) : NaN;
  if (!m || min > 59 || h > 24 || (h === 24 && (!allow24 || min !== 0))) {
    throw new CelFunctionError(`inWindow: ${field} must be "HH:MM" (00:00-23:59), got ${quote(v)}`);
  }
  return h * 60 + min;
}

// Windows usually come from `params`, the same objects for every resource: parse each once.
const parsed = new WeakMap<object, Window>();

function parseWindow(w: unknown): Window {
  if (typeof w === 'object' && w !== null) {
    const hit = parsed.get(w);
    if (hit) return hit;
  }
  if (!(isPlainMap(w) || w instanceof Map)) throw new CelFunctionError(`inWindow: a window must be a map {days, start, end, timezone}, got ${quote(w)}`);
  for (const [key] of entriesOf(w)) {
    if (!['days', 'start', 'end', 'timezone'].includes(key)) throw new CelFunctionError(`inWindow: unknown window field ${quote(key)}`);
  }
  const daysValue = memberOf(w, 'days');
  const days = Array<boolean>(7).fill(daysValue === undefined || daysValue === null);
  if (daysValue !== undefined && daysValue !== null) {
    if (!Array.isArray(daysValue)) throw new CelFunctionError(`inWindow: days must be a list of Mon..Sun, got ${quote(daysValue)}`);
    for (const d of daysValue) {
      const i = typeof d === 'string' && Object.hasOwn(DAY_INDEX, d.toLowerCase()) ? DAY_INDEX[d.toLowerCase()] : undefined;
      if (i === undefined) throw new CelFunctionError(`inWindow: unknown day ${quote(d)} (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
      days[i] = true;
    }
  }
  const tz = memberOf(w, 'timezone') ?? 'UTC';
  if (typeof tz !== 'string') throw new CelFunctionError(`inWindow: timezone must be a string, got ${quote(tz)}`);
  if (tz !== 'UTC') formatterFor(tz); // validates the zone now, not at the first matching day
  const window: Window = { days, start: parseClock(memberOf(w, 'start'), 'start', false), end: parseClock(memberOf(w, 'end'), 'end', true), timezone: tz };
  if (typeof w === 'object' && w !== null) parsed.set(w, window);
  return window;
}

/**
 * True when `t` falls inside any window. Days name the day a window STARTS on; when
 * `end <= start` the window runs past midnight into the next day (so 22:00-02:00 on Sat
 * covers Sunday 01:30), and `start == end` is a whole day. The end is exclusive.
 */
export function inWindow(t: Date, windows: unknown): boolean {
  if (!(t instanceof Date) || Number.isNaN(t.getTime())) throw new CelFunctionError('inWindow: invalid timestamp');
  const list = Array.isArray(windows) ? windows : windows === null || windows === undefined ? [] : [windows];
  const parsedList = list.map(parseWindow); // validate every window, even after a match
  return parsedList.some((w) => {
    const { day, minute } = localTime(t, w.timezone);
    if (day < 0) return false;
    if (w.start < w.end) return w.days[day] === true && minute >= w.start && minute < w.end;
    const previous = (day + 6) % 7;
    return (w.days[day] === true && minute >= w.start) || (w.days[previous] === true && minute < w.end);
  });
}

/** CEL reads dates and date-times (no zone = UTC), through the one strict parser (model/iso-time.ts). */
const CEL_TIME: IsoTimeRules = { date: 'allowed', zone: 'utc-if-absent', syntax: 'relaxed' };

/** Parses an ISO-8601 date or date-time (no zone = UTC); anything else is an error. */
export function parseIsoInstant(s: string): Date {
  const r = parseIsoTime(s, CEL_TIME);
  if (r.ok) return r.date;
  throw new CelFunctionError(`daysUntil: ${quote(s)} is not an ISO-8601 date or date-time`);
}

const DAY_MS = 86_400_000;

/** Whole days from `now` until `iso` (floor): negative once the date has passed. */
export function daysUntil(iso: string | Date, now: Date): bigint {
  const target = iso instanceof Date ? iso : parseIsoInstant(iso);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new CelFunctionError('daysUntil: invalid timestamp');
  return BigInt(Math.floor((target.getTime() - now.getTime()) / DAY_MS));
}

export function registerTimeFunctions(env: Environment): void {
  env.registerFunction('inWindow(google.protobuf.Timestamp, dyn): bool', inWindow, SYNC);
  env.registerFunction('daysUntil(string, google.protobuf.Timestamp): int', daysUntil, SYNC);
  env.registerFunction('daysUntil(google.protobuf.Timestamp, google.protobuf.Timestamp): int', daysUntil, SYNC);
}
