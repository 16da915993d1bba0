import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../compile-expression';
import { daysUntil, inWindow } from './time';

const at = (iso: string) => new Date(iso);

describe('inWindow', () => {
  // Saturday 22:00 → Sunday 02:00 New York time, across the 2026-03-08 spring-forward
  // (02:00 EST becomes 03:00 EDT on Sunday).
  const nightly = [{ days: ['Sat'], start: '22:00', end: '02:00', timezone: 'America/New_York' }];

  test('inside before midnight on the start day (Sat 23:30 EST)', () => assert.equal(inWindow(at('2026-03-08T04:30:00Z'), nightly), true));
  test('inside after midnight on the next day (Sun 01:30 EST)', () => assert.equal(inWindow(at('2026-03-08T06:30:00Z'), nightly), true));
  test('outside once the clock has jumped (Sun 03:30 EDT = 07:30Z)', () => assert.equal(inWindow(at('2026-03-08T07:30:00Z'), nightly), false));
  test('outside before the start (Sat 21:59 EST)', () => assert.equal(inWindow(at('2026-03-08T02:59:00Z'), nightly), false));
  test('the day is the local day, not the UTC day (Sun 23:30 EST is Monday in UTC)', () => {
    assert.equal(inWindow(at('2026-03-09T03:30:00Z'), nightly), false);
    assert.equal(inWindow(at('2026-03-09T03:30:00Z'), [{ days: ['Sun'], start: '23:00', end: '23:59', timezone: 'America/New_York' }]), true);
  });
  test('same UTC instant, different zone, different answer', () => {
    const w = (timezone: string) => [{ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '09:00', end: '17:00', timezone }];
    assert.equal(inWindow(at('2026-01-05T15:00:00Z'), w('Europe/Paris')), true); // 16:00 Paris
    assert.equal(inWindow(at('2026-01-05T15:00:00Z'), w('Asia/Tokyo')), false); // 00:00 Tokyo
  });
  test('end is exclusive; no days means every day; default zone is UTC', () => {
    assert.equal(inWindow(at('2026-01-05T05:00:00Z'), [{ start: '03:00', end: '05:00' }]), false);
    assert.equal(inWindow(at('2026-01-05T04:59:00Z'), [{ start: '03:00', end: '05:00' }]), true);
  });
  test('no windows → false', () => assert.equal(inWindow(at('2026-01-05T04:59:00Z'), []), false));

  for (const [label, bad] of [
    ['an unknown zone', { start: '01:00', end: '02:00', timezone: 'Mars/Olympus' }],
    ['a bad day', { days: ['Funday'], start: '01:00', end: '02:00' }],
    // Found by the fuzzer: the day table's prototype answered for these.
    ['a day named constructor', { days: ['constructor'], start: '01:00', end: '02:00' }],
    ['a day named toString', { days: ['toString'], start: '01:00', end: '02:00' }],
    ['a day named __proto__', { days: ['__proto__'], start: '01:00', end: '02:00' }],
    ['a bad time', { start: '25:00', end: '02:00' }],
    ['a missing end', { start: '01:00' }],
    ['an unknown field', { start: '01:00', end: '02:00', tz: 'UTC' }],
    ['a non-map window', 'Mon 01:00-02:00'],
  ] as const) {
    test(`${label} is an error`, () => assert.throws(() => inWindow(at('2026-01-05T04:59:00Z'), [bad]), { name: 'CelFunctionError' }));
  }

  test('callable from CEL with params and now', () => {
    const c = compileExpression('inWindow(now, params.windows)');
    assert.equal(c.run({ resource: {}, object: null, oldObject: null, changeset: {}, params: { windows: nightly }, now: at('2026-03-08T06:30:00Z') }), true);
  });
});

describe('daysUntil', () => {
  const now = at('2026-01-05T12:00:00Z');
  test('whole days until a date-time', () => assert.equal(daysUntil('2026-01-15T12:00:00Z', now), 10n));
  test('a date alone is midnight UTC', () => assert.equal(daysUntil('2026-01-07', now), 1n));
  test('negative once past', () => assert.equal(daysUntil('2026-01-05T11:00:00Z', now), -1n));
  test('offsets are honoured', () => assert.equal(daysUntil('2026-01-06T13:00:00+02:00', now), 0n));
  for (const bad of ['soon', '2026-02-30', '2026-13-01', '', '05/01/2026']) {
    test(`${JSON.stringify(bad)} is an error`, () => assert.throws(() => daysUntil(bad, now), { name: 'CelFunctionError', message: /not an ISO-8601/ }));
  }
  test('callable from CEL and comparable with int and double parameters', () => {
    const c = compileExpression('daysUntil(object.expires, now) < params.minDays && daysUntil(object.expires, now) >= 0');
    assert.equal(c.run({ resource: {}, object: { expires: '2026-01-20' }, oldObject: null, changeset: {}, params: { minDays: 30 }, now }), true);
  });
});
