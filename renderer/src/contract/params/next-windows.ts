/**
 * Maintenance windows as the `inWindow` CEL function reads them (engine/cel/functions/time.ts):
 * `days` name the day a window STARTS on, times are wall-clock "HH:MM" in `timezone`, `end <=
 * start` runs past midnight (equal = a whole day), the end is exclusive. The form shows the
 * next occurrences as real instants, computed on the same wall-clock rule, so a window that a
 * DST change shortens, lengthens or splits is shown as the engine will judge it. Pure: no DOM.
 */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface MaintenanceWindow {
  readonly days: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly timezone: string;
}

export interface WindowOccurrence {
  readonly start: Date;
  readonly end: Date;
  /** The window is still open at the end of the horizon searched (e.g. every day, start == end). */
  readonly openEnded: boolean;
  /**
   * The window was already open at the start of the horizon searched (two days before `from`):
   * `start` is where the search began, not when it opened. With `openEnded`, it never closes.
   */
  readonly openBefore: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Minutes after midnight of "HH:MM" (00:00-23:59; 24:00 as an end), else null. */
export function parseClock(text: string, allow24: boolean): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]), min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && (!allow24 || min !== 0))) return null;
  return h * 60 + min;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone (as the engine checks it). */
export function isKnownTimeZone(timezone: string): boolean {
  if (timezone === 'UTC') return true;
  try {
    partsFormatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `t` (ms): wall clock = t + offset. */
export function offsetAt(t: number, timezone: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timezone).formatToParts(new Date(t))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(t / 1000) * 1000;
}

/** Stretches [from, to) of constant offset: hourly samples, each change found to the minute. */
function constantOffsetSegments(from: number, to: number, timezone: string): { a: number; b: number; offset: number }[] {
  const segments: { a: number; b: number; offset: number }[] = [];
  let a = from;
  let offset = offsetAt(from, timezone);
  for (let t = from + HOUR; a < to; t += HOUR) {
    const hi = Math.min(t, to);
    const next = offsetAt(hi, timezone);
    if (next !== offset) {
      // The first minute in (hi - 1h, hi] at which the offset is no longer `offset`.
      let lo = Math.max(a, hi - HOUR), high = hi;
      while (high - lo > MINUTE) {
        const mid = lo + Math.floor((high - lo) / 2 / MINUTE) * MINUTE;
        if (offsetAt(mid, timezone) === offset) lo = mid;
        else high = mid;
      }
      segments.push({ a, b: high, offset });
      a = high;
      offset = offsetAt(high, timezone);
    }
    if (hi >= to) break;
  }
  if (a < to) segments.push({ a, b: to, offset });
  return segments;
}

/**
 * The next `count` times the window is open, starting with the one open at `from` if any.
 * Throws on a window the engine would refuse (the form validates first).
 */
export function nextWindows(w: MaintenanceWindow, from: Date, count = 3): readonly WindowOccurrence[] {
  const start = parseClock(w.start, false), end = parseClock(w.end, true);
  if (start === null || end === null) throw new Error('start and end must be "HH:MM"');
  if (!isKnownTimeZone(w.timezone)) throw new Error(`unknown time zone "${w.timezone}"`);
  const days = WEEKDAYS.map((d) => w.days.some((x) => x.toLowerCase() === d.toLowerCase()));
  if (!days.some(Boolean)) return [];
  const origin = Math.floor(from.getTime() / MINUTE) * MINUTE;
  const lo = origin - 2 * DAY, hi = origin + 23 * DAY;
  const intervals: { s: number; e: number }[] = [];
  for (const seg of constantOffsetSegments(lo, hi, w.timezone)) {
    const la = seg.a + seg.offset, lb = seg.b + seg.offset;
    for (let d = Math.floor(la / DAY) * DAY - DAY; d < lb; d += DAY) {
      if (!days[(new Date(d).getUTCDay() + 6) % 7]) continue;
      const ws = d + start * MINUTE;
      const we = start < end ? d + end * MINUTE : d + DAY + end * MINUTE;
      const s = Math.max(ws, la), e = Math.min(we, lb);
      if (s < e) intervals.push({ s: s - seg.offset, e: e - seg.offset });
    }
  }
  intervals.sort((x, y) => x.s - y.s);
  const merged: { s: number; e: number }[] = [];
  for (const iv of intervals) {
    const last = merged[merged.length - 1];
    if (last && iv.s <= last.e) last.e = Math.max(last.e, iv.e);
    else merged.push({ ...iv });
  }
  return merged.filter((iv) => iv.e > origin).slice(0, count)
    .map((iv) => ({ start: new Date(iv.s), end: new Date(iv.e), openEnded: iv.e >= hi, openBefore: iv.s <= lo }));
}

/** Problems of one window as the form edits it (empty when the engine accepts it). */
export function windowProblems(w: MaintenanceWindow): readonly string[] {
  const problems: string[] = [];
  if (w.days.length === 0) problems.push('pick at least one day');
  for (const d of w.days) if (!WEEKDAYS.some((x) => x.toLowerCase() === d.toLowerCase())) problems.push(`unknown day "${d}"`);
  if (parseClock(w.start, false) === null) problems.push('start must be HH:MM (00:00-23:59)');
  if (parseClock(w.end, true) === null) problems.push('end must be HH:MM (00:00-24:00)');
  if (!isKnownTimeZone(w.timezone)) problems.push(`unknown time zone "${w.timezone}"`);
  return problems;
}

/** Reads a `windows` parameter value; null when it is not a list of windows (the JSON editor takes over). */
export function readWindows(value: unknown): MaintenanceWindow[] | null {
  if (!Array.isArray(value)) return null;
  const out: MaintenanceWindow[] = [];
  for (const v of value) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const o = v as Record<string, unknown>;
    if (Object.keys(o).some((k) => !['days', 'start', 'end', 'timezone'].includes(k))) return null;
    const days = o.days ?? [...WEEKDAYS];
    if (!Array.isArray(days) || !days.every((d) => typeof d === 'string')) return null;
    if (typeof o.start !== 'string' || typeof o.end !== 'string') return null;
    if (o.timezone !== undefined && typeof o.timezone !== 'string') return null;
    out.push({ days: days as string[], start: o.start, end: o.end, timezone: (o.timezone as string | undefined) ?? 'UTC' });
  }
  return out;
}

/**
 * "Tue 3 Mar 02:00 – 05:00" on the wall clock of `timezone` (the end's date too when it differs).
 * A window already open days before now (consecutive whole days) has no start worth showing:
 * "open now – Sat 7 Mar 00:00", never the start of the search as if it opened then.
 */
export function formatOccurrence(o: WindowOccurrence, timezone: string): string {
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const startDay = date.format(o.start), endDay = date.format(o.end);
  const end = o.openEnded ? '(open beyond three weeks)' : `${endDay === startDay && !o.openBefore ? '' : `${endDay} `}${time.format(o.end)}`;
  return `${o.openBefore ? 'open now' : `${startDay} ${time.format(o.start)}`} – ${end}`;
}

/** Every IANA zone the runtime knows, UTC first. */
export function timeZoneNames(): readonly string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
