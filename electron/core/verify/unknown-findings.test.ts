// An `unknown` finding (its answer depends on values known only after apply) needs approval and
// does not block: verify asks no exception for it, and still blocks on everything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../model/finding';
import type { Enforcement } from '../model/policy';
import { applyExceptions, isBlocking } from './apply-exceptions';

function f(enforcement: Enforcement, status: string): Finding {
  return {
    policy: `p-${enforcement}`, title: '', status: status as Finding['status'], enforcement, severity: 'high', message: 'm', remediation: '',
    resource: { address: `a.${status}`, source: 'terraform', type: 'a', action: 'create', drift: false },
    location: { file: 'plan.json', line: 1, column: 1 },
  };
}

const RULES = { changeSetDigest: 'sha256:c', contractDigest: 'sha256:k', exceptionQuorum: 1, maxExceptionDays: 30, now: new Date('2026-01-05T00:00:00Z') };

test('deny and mandatory findings block unless unknown; a status this build does not know blocks', () => {
  const table: [Enforcement, string, boolean][] = [
    ['deny', 'fail', true], ['deny', 'error', true], ['deny', 'unknown', false], ['deny', 'something-new', true],
    ['mandatory', 'fail', true], ['mandatory', 'error', true], ['mandatory', 'unknown', false], ['mandatory', 'something-new', true],
    ['approval', 'fail', false], ['approval', 'unknown', false], ['advisory', 'unknown', false],
  ];
  for (const [enforcement, status, blocking] of table) assert.equal(isBlocking(f(enforcement, status)), blocking, `${enforcement} ${status}`);
});

test('without exceptions, only the failed and errored findings are reasons to refuse', () => {
  const { reasons } = applyExceptions([], [f('deny', 'unknown'), f('mandatory', 'unknown'), f('deny', 'fail'), f('mandatory', 'error')], RULES);
  assert.deepEqual(reasons.map((r) => r.message.split(':')[0]), ['p-deny on a.fail', 'p-mandatory on a.error']);
});
