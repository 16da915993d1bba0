// The expiry a reviewer picks (a local day) becomes the instant the core accepts: never past the
// contract's maximum, never in the past, whatever the time zone and DST.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { expiryBounds, expiryInstant, toDateInput } from '../../renderer/src/sign/expiry';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const DAY = 86_400_000;

for (const tz of ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
  test(`${tz}: the chosen day's end, capped a minute short of now + maxDays`, () => {
    process.env.TZ = tz;
    const now = new Date('2026-03-20T12:00:00Z'); // DST starts within the next 30 days in Berlin and LA
    const bounds = expiryBounds(30, now);
    assert.equal(bounds.min, toDateInput(now));
    const latest = now.getTime() + 30 * DAY - 60_000;
    assert.equal(bounds.max, toDateInput(new Date(latest)));
    assert.equal(bounds.initial, toDateInput(new Date(now.getTime() + 7 * DAY)));

    const week = expiryInstant(bounds.initial, 30, now);
    assert.ok('iso' in week, JSON.stringify(week));
    const end = new Date(week.iso);
    assert.equal(toDateInput(end), bounds.initial, 'expires on the chosen local day');
    assert.equal(end.getHours(), 23);
    assert.equal(end.getMinutes(), 59);

    const last = expiryInstant(bounds.max, 30, now);
    assert.ok('iso' in last);
    assert.ok(Date.parse(last.iso) <= latest, 'never past what the core accepts');
    assert.ok(Date.parse(last.iso) > now.getTime());
  });
}

test('a day past the maximum, a past day and a malformed day are refused with a reason', () => {
  process.env.TZ = 'UTC';
  const now = new Date('2026-11-30T10:00:00Z');
  assert.deepEqual(expiryInstant('2027-01-05', 30, now), { problem: 'The contract allows exceptions of at most 30 days: choose 2026-12-30 or earlier.' });
  assert.deepEqual(expiryInstant('2026-11-29', 30, now), { problem: 'The expiry must be today or later.' });
  assert.deepEqual(expiryInstant('', 30, now), { problem: 'Choose the day the exception expires.' });
  assert.deepEqual(expiryInstant('2026-12-1', 30, now), { problem: 'Choose the day the exception expires.' });
  assert.deepEqual(expiryInstant('2026-11-30', 30, now), { iso: '2026-11-30T23:59:59.000Z' }, 'today is allowed');
  assert.deepEqual(expiryInstant('2026-11-31', 30, now), { problem: '2026-11-31 is not a day of the calendar.' }, 'never rolled over to December 1');
  assert.deepEqual(expiryInstant('2026-12-00', 30, now), { problem: '2026-12-00 is not a day of the calendar.' });
});

test('with a one-day maximum the default is capped to the maximum, not a week', () => {
  process.env.TZ = 'UTC';
  const now = new Date('2026-11-30T10:00:00Z');
  assert.deepEqual(expiryBounds(1, now), { min: '2026-11-30', max: '2026-12-01', initial: '2026-12-01' });
  assert.deepEqual(expiryInstant('2026-12-01', 1, now), { iso: '2026-12-01T09:59:00.000Z' });
});
