import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SIGNED_TIME, TYPED_INSTANT, TYPED_TIME, daysInMonth, parseIsoTime } from './iso-time';
import type { IsoTimeRules } from './iso-time';

const CEL_TIME: IsoTimeRules = { date: 'allowed', zone: 'utc-if-absent', syntax: 'relaxed' };

function ms(text: string, rules: IsoTimeRules): number | string {
  const r = parseIsoTime(text, rules);
  return r.ok ? r.date.getTime() : r.reason;
}

describe('strict ISO-8601 parser: table', () => {
  const accepted: readonly (readonly [string, IsoTimeRules, string])[] = [
    ['2026-01-05T03:00:00Z', SIGNED_TIME, '2026-01-05T03:00:00.000Z'],
    ['2026-01-05T03:00Z', SIGNED_TIME, '2026-01-05T03:00:00.000Z'],
    ['2026-01-05T03:00:00.123456789Z', SIGNED_TIME, '2026-01-05T03:00:00.123Z'],
    ['2026-01-05T03:00:00.5Z', SIGNED_TIME, '2026-01-05T03:00:00.500Z'],
    ['2026-01-05T03:00:00+01:00', SIGNED_TIME, '2026-01-05T02:00:00.000Z'],
    ['2026-01-05T23:30:00-05:30', SIGNED_TIME, '2026-01-06T05:00:00.000Z'],
    ['2026-01-05T00:00:00-00:00', SIGNED_TIME, '2026-01-05T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', SIGNED_TIME, '2024-02-29T12:00:00.000Z'],
    ['2000-02-29T12:00:00Z', SIGNED_TIME, '2000-02-29T12:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', SIGNED_TIME, '2026-12-31T23:59:59.999Z'],
    ['2026-01-05', TYPED_TIME, '2026-01-05T00:00:00.000Z'],
    ['2026-01-05 03:00:00+0100', TYPED_TIME, '2026-01-05T02:00:00.000Z'],
    ['2026-01-05t03:00:00z', TYPED_TIME, '2026-01-05T03:00:00.000Z'],
    ['0050-06-01T00:00:00Z', SIGNED_TIME, '0050-06-01T00:00:00.000Z'],
    ['2026-01-05T03:00', CEL_TIME, '2026-01-05T03:00:00.000Z'],
  ];
  for (const [text, rules, iso] of accepted) {
    test(`accepts ${text}`, () => assert.equal(ms(text, rules), Date.parse(iso)));
  }

  const refused: readonly (readonly [string, IsoTimeRules, RegExp])[] = [
    ['2026-02-30T00:00:00Z', SIGNED_TIME, /day 30 does not exist in February 2026/],
    ['2026-02-30', TYPED_TIME, /day 30 does not exist in February 2026/],
    ['2026-02-29T00:00:00Z', SIGNED_TIME, /day 29 does not exist in February 2026/],
    ['1900-02-29T00:00:00Z', SIGNED_TIME, /day 29/],
    ['2026-04-31T00:00:00Z', SIGNED_TIME, /day 31 does not exist in April/],
    ['2026-00-10T00:00:00Z', SIGNED_TIME, /month 00/],
    ['2026-13-01T00:00:00Z', SIGNED_TIME, /month 13/],
    ['2026-01-00T00:00:00Z', SIGNED_TIME, /day 00/],
    ['2026-01-05T24:00:00Z', SIGNED_TIME, /hour 24/],
    ['2026-01-05T23:60:00Z', SIGNED_TIME, /minute 60/],
    ['2026-12-31T23:59:60Z', SIGNED_TIME, /leap second/],
    ['2026-01-05T03:00:00+24:00', SIGNED_TIME, /zone/],
    ['2026-01-05T03:00:00+01:60', SIGNED_TIME, /zone/],
    ['2026-01-05T03:00:00', SIGNED_TIME, /needs a time zone/],
    ['2026-01-05T03:00:00', TYPED_TIME, /needs a time zone/],
    ['2026-01-05', SIGNED_TIME, /needs a time of day/],
    ['2026-01-05', TYPED_INSTANT, /needs a time of day/],
    ['2026-01-05 03:00:00Z', SIGNED_TIME, /not an ISO-8601 time/],
    ['2026-01-05T03:00:00+0100', SIGNED_TIME, /not an ISO-8601 time/],
    ['2026-01-05T03:00:00z', SIGNED_TIME, /not an ISO-8601 time/],
    ['2026-01-05T03:00:00.1234567890Z', SIGNED_TIME, /not an ISO-8601 time/],
    ['2026-01-05T03:00:00.Z', SIGNED_TIME, /not an ISO-8601 time/],
    ['2026-1-5T03:00:00Z', SIGNED_TIME, /not an ISO-8601 time/],
    ['+002026-01-05T03:00:00Z', SIGNED_TIME, /not an ISO-8601 time/],
    ['March 5, 2026', TYPED_TIME, /not an ISO-8601 time/],
    ['1767582000000', TYPED_TIME, /not an ISO-8601 time/],
    ['', TYPED_TIME, /not an ISO-8601 time/],
    [' 2026-01-05T03:00:00Z', TYPED_TIME, /not an ISO-8601 time/],
    ['2026-01-05T03:00:00Z\n', TYPED_TIME, /not an ISO-8601 time/],
    ['２０２６-01-05T03:00:00Z', TYPED_TIME, /not an ISO-8601 time/],
  ];
  for (const [text, rules, why] of refused) {
    test(`refuses ${JSON.stringify(text)}`, () => {
      const r = parseIsoTime(text, rules);
      assert.ok(!r.ok, `accepted as ${r.ok ? r.date.toISOString() : ''}`);
      assert.match(r.reason, why);
    });
  }
});

describe('strict ISO-8601 parser: properties', () => {
  /** Every valid calendar moment with a millisecond, in the range toISOString writes as YYYY. */
  const moment = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }).map((t) => new Date(t));

  test('round trip: what toISOString writes parses back to the same instant', () => {
    fc.assert(fc.property(moment, (d) => {
      assert.equal(ms(d.toISOString(), SIGNED_TIME), d.getTime());
    }), { seed: 3, numRuns: 2000 });
  });

  test('agrees with the reference on every written field combination, valid or not', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(fc.property(
      fc.integer({ min: 1000, max: 9999 }), two(13), two(32), two(25), two(61), two(61),
      fc.option(fc.constantFrom('+', '-')), two(25), two(61),
      (y, mo, d, h, mi, s, sign, oh, om) => {
        const zone = sign === null ? 'Z' : `${sign}${oh}:${om}`;
        const text = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
        // Reference: each field in range, the day in its month, then Date.UTC arithmetic.
        const valid = +mo >= 1 && +mo <= 12 && +d >= 1 && +d <= daysInMonth(y, +mo) && +h <= 23 && +mi <= 59 && +s <= 59 && (sign === null || (+oh <= 23 && +om <= 59));
        const offset = sign === null ? 0 : (sign === '-' ? -1 : 1) * (+oh * 60 + +om);
        const expected = valid ? Date.UTC(y, +mo - 1, +d, +h, +mi - offset, +s) : undefined;
        const r = parseIsoTime(text, SIGNED_TIME);
        assert.equal(r.ok ? r.date.getTime() : undefined, expected, text);
        // Where it accepts, V8's own reading agrees (it only accepts more, never differently).
        if (r.ok) assert.equal(Date.parse(text), r.date.getTime());
      },
    ), { seed: 5, numRuns: 3000 });
  });

  test('a day past the end of its month is refused in every year, never rolled over', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, mo) => {
      const last = daysInMonth(y, mo);
      const day = (n: number) => `${y}-${String(mo).padStart(2, '0')}-${String(n).padStart(2, '0')}`;
      assert.ok(parseIsoTime(day(last), TYPED_TIME).ok);
      if (last < 31) assert.ok(!parseIsoTime(day(last + 1), TYPED_TIME).ok);
    }), { seed: 9, numRuns: 500 });
  });
});
