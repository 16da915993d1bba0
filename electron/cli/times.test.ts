/** Issue 7 hole 11: the CLI's --at and --expires refuse impossible dates instead of rolling them over. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../core/model/errors';
import { parseTime } from './commands/evaluate';
import { parseExpiry } from './commands/exception';

describe('CLI time options', () => {
  test('--expires takes a zoned time on a real day, and nothing else', () => {
    assert.equal(parseExpiry('2026-12-01T00:00:00Z').toISOString(), '2026-12-01T00:00:00.000Z');
    assert.equal(parseExpiry('2026-12-01 01:00+0100').toISOString(), '2026-12-01T00:00:00.000Z');
    for (const t of ['2026-02-30T00:00:00Z', '2026-06-31T00:00:00Z', '2026-01-05T24:00:00Z', '2026-12-01', '2026-12-01T00:00:00', 'tomorrow']) {
      assert.throws(() => parseExpiry(t), (e: unknown) => e instanceof UsageError && e.message.startsWith(`--expires '${t}'`), t);
    }
    assert.throws(() => parseExpiry('2026-02-30T00:00:00Z'), /day 30 does not exist in February 2026/);
  });

  test('--at takes a date or a zoned time on a real day', () => {
    assert.equal(parseTime('2026-03-02').toISOString(), '2026-03-02T00:00:00.000Z');
    for (const t of ['2026-02-30', '2026-01-05T24:00:00Z', '2026-01-05T10:00:00', '2026-01-05T10:00:00+24:00']) assert.throws(() => parseTime(t), /--at/, t);
  });

  test('an option value with escape characters is printed escaped', () => {
    assert.throws(() => parseExpiry('\u001b]0;x\u0007'), (e: unknown) => e instanceof Error && !e.message.includes('\u001b'));
  });
});
