// Issue 11: one date format across the app (locale-aware, full ISO on hover), past times flagged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDateTime, fullIso, isPast } from '../../renderer/src/components/date-format';

describe('date format', () => {
  test('locale-aware: the same instant reads as each locale writes it', () => {
    const iso = '2026-12-01T14:05:00.000Z';
    assert.notEqual(formatDateTime(iso, 'en-US'), formatDateTime(iso, 'de-DE'));
    assert.match(formatDateTime(iso, 'de-DE'), /2026/);
    assert.doesNotMatch(formatDateTime(iso, 'en-US'), /T14|Z$/, 'not the raw ISO text');
  });

  test('the hover text is the full ISO instant; a time written in another zone also shows as written', () => {
    assert.equal(fullIso('2026-12-01T14:05:00.000Z'), '2026-12-01T14:05:00.000Z');
    assert.equal(fullIso('2026-12-01T15:05:00+01:00'), '2026-12-01T14:05:00.000Z (written 2026-12-01T15:05:00+01:00)');
  });

  test('text that is not a time is shown as written, never "Invalid Date" (any string)', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      if (!Number.isNaN(Date.parse(s))) return;
      assert.equal(formatDateTime(s), s);
      assert.equal(fullIso(s), s);
      assert.equal(isPast(s), false);
    }));
  });

  test('past and future against a given now', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    assert.equal(isPast('2026-11-30T23:59:59Z', now), true);
    assert.equal(isPast('2026-12-01T00:00:01Z', now), false);
    assert.equal(isPast('', now), false);
  });
});
