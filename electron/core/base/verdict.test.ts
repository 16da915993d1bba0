import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../model/finding';
import type { Enforcement } from '../model/policy';
import { verdictOf } from './verdict';

function f(enforcement: Enforcement, status: Finding['status'] = 'fail'): Finding {
  return {
    policy: enforcement, title: '', status, enforcement, severity: 'high', message: '', remediation: '',
    resource: { address: 'a', source: 'terraform', type: 't', action: 'create', drift: false },
    location: { file: 'f', line: 1, column: 1 },
  };
}

test('no findings → pass', () => assert.equal(verdictOf([]), 'pass'));
test('advisory findings never change the verdict', () => assert.equal(verdictOf([f('advisory'), f('advisory', 'error')]), 'pass'));
test('an approval finding → needs-approval', () => assert.equal(verdictOf([f('advisory'), f('approval')]), 'needs-approval'));
test('deny beats approval, whatever the order', () => {
  assert.equal(verdictOf([f('approval'), f('deny')]), 'blocked');
  assert.equal(verdictOf([f('deny'), f('approval')]), 'blocked');
});
test('mandatory blocks', () => assert.equal(verdictOf([f('mandatory')]), 'blocked'));
test('an error counts like a failure of that policy', () => {
  assert.equal(verdictOf([f('deny', 'error')]), 'blocked');
  assert.equal(verdictOf([f('approval', 'error')]), 'needs-approval');
});

test('an unknown needs approval under every enforcement but advisory, and never blocks', () => {
  const expected: Record<Enforcement, string> = { advisory: 'pass', approval: 'needs-approval', deny: 'needs-approval', mandatory: 'needs-approval' };
  for (const [enforcement, verdict] of Object.entries(expected) as [Enforcement, string][]) {
    assert.equal(verdictOf([f(enforcement, 'unknown')]), verdict, enforcement);
  }
  // a failure elsewhere still blocks, whatever the order
  assert.equal(verdictOf([f('deny', 'unknown'), f('deny')]), 'blocked');
  assert.equal(verdictOf([f('mandatory'), f('mandatory', 'unknown')]), 'blocked');
});

test('a status this build does not know is never a pass', () => {
  assert.equal(verdictOf([f('deny', 'other' as Finding['status'])]), 'blocked');
  assert.equal(verdictOf([f('approval', 'other' as Finding['status'])]), 'needs-approval');
});
