/**
 * Issue 11 (navigation): the summary tells open, waived and approved findings apart, and counts
 * severities of open findings only (a waived critical no longer reads "1 critical").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryCounts, tallyFindings } from '../../renderer/src/review/finding-tally';

const f = (severity: 'critical' | 'high' | 'low', waived: boolean, status: 'fail' | 'error' = 'fail') => ({ severity, waived, status });

test('a waived finding is counted as waived, not among the open severities', () => {
  const t = tallyFindings([f('critical', true), f('high', false), f('low', false, 'error')], false);
  assert.deepEqual(t, { open: 2, openBySeverity: { high: 1, low: 1 }, openErrors: 1, waived: 1, approved: 0 });
});

test('once the approvals reach the quorum, what no exception waives is approved, and nothing is open', () => {
  const t = tallyFindings([f('critical', true), f('high', false)], true);
  assert.deepEqual(t, { open: 0, openBySeverity: {}, openErrors: 0, waived: 1, approved: 1 });
});

test('no findings: all three are zero', () => {
  assert.deepEqual(tallyFindings([], false), { open: 0, openBySeverity: {}, openErrors: 0, waived: 0, approved: 0 });
});

test('drift is counted as its own category, apart from updates', () => {
  assert.deepEqual(categoryCounts([{ category: 'update' }, { category: 'drift' }, { category: 'update' }]), { update: 2, drift: 1 });
});
