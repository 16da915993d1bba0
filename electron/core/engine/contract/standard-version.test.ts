// The standard-version option reads exactly `latest` and `v1.N` within the pack's range; every
// other string (a near miss in case, spacing, a patch number, leading zeros, non-ASCII digits)
// is refused rather than read as the nearest version, and an accepted version names itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { propertyRuns } from '../../testing/property-runs';
import { parseStandardVersion, standardName } from './standard-version';

const OPTION = { oldest: 25, latest: 36 } as const;
const accepted = new Map<string, number>([['latest', 36], ...Array.from({ length: 12 }, (_, i): [string, number] => [`v1.${25 + i}`, 25 + i])]);

test('exactly latest and v1.25 … v1.36 are read, each as itself', () => {
  for (const [text, minor] of accepted) {
    assert.equal(parseStandardVersion(text, OPTION, 'p'), minor, text);
    if (text !== 'latest') assert.equal(standardName(minor), text);
  }
});

test('any other string, or a value that is not a string, is refused with a reason', () => {
  const nearMisses = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.tuple(fc.constantFrom('v1.', 'V1.', 'v1,', 'v2.', '1.', 'v1. ', ' v1.'), fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '6', '9', '٣', '.', ' ', '\n', '+'), maxLength: 4 })).map(([a, b]) => a + b),
    fc.constantFrom('Latest', 'LATEST', 'latest ', 'v1.30.0', 'v1.030', 'v1.24', 'v1.37', 'v1.99999', 'v1.3e1', 'v1.0x1e'),
  );
  fc.assert(fc.property(nearMisses, (text) => {
    const r = parseStandardVersion(text, OPTION, 'p');
    if (accepted.has(text)) return r === accepted.get(text);
    return typeof r === 'object' && r.reason.includes(JSON.stringify(text));
  }), { numRuns: propertyRuns(2000) });
  for (const value of [30, 1.3, true, null, ['v1.30'], { v: 1 }]) assert.equal(typeof parseStandardVersion(value, OPTION, 'p'), 'object', JSON.stringify(value));
});
