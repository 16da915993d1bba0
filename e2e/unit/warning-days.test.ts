// The settings form's check of the expiry warning period agrees with the core's rule: exactly
// the whole numbers 1..90 pass, typed as plain digits (no 1e1, 0x10, 7.0, "+7" or " ").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { warningDaysProblem } from '../../renderer/src/settings/warning-days';

test('1..90 accepted, surrounding spaces ignored', () => {
  for (const n of [1, 7, 30, 90]) assert.equal(warningDaysProblem(` ${n} `), null);
});

test('everything else refused with the rule', () => {
  for (const t of ['', ' ', '0', '91', '-1', '7.5', '7.0', '1e1', '0x10', '+7', 'seven', '٧', 'Infinity', 'NaN']) {
    assert.match(warningDaysProblem(t) ?? '', /whole number of days from 1 to 90/, JSON.stringify(t));
  }
});

test('property: accepted exactly when the text is the decimal of an integer in 1..90', () => {
  fc.assert(fc.property(fc.string(), (t) => {
    const expected = /^\s*\d+\s*$/.test(t) && Number(t.trim()) >= 1 && Number(t.trim()) <= 90;
    assert.equal(warningDaysProblem(t) === null, expected, JSON.stringify(t));
  }));
});
