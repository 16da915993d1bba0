import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockedDenyPoliciesAt, insideDefaultMaintenanceWindow } from './maintenance-window';

test('the default windows are Tue, Wed and Thu from 02:00 up to 05:00 UTC', () => {
  assert.equal(insideDefaultMaintenanceWindow(new Date('2026-12-01T02:00:00Z')), true); // a Tuesday
  assert.equal(insideDefaultMaintenanceWindow(new Date('2026-12-03T04:59:59Z')), true); // a Thursday
  assert.equal(insideDefaultMaintenanceWindow(new Date('2026-12-01T05:00:00Z')), false);
  assert.equal(insideDefaultMaintenanceWindow(new Date('2026-12-01T01:59:59Z')), false);
  assert.equal(insideDefaultMaintenanceWindow(new Date('2026-11-30T03:00:00Z')), false); // a Monday
  assert.deepEqual(blockedDenyPoliciesAt(new Date('2026-11-30T03:00:00Z')), ['db-no-replace', 'k8s-resource-limits', 'maintenance-window']);
});
