// The finding picker's rules as the reviewer sees them: which findings an exception can waive,
// and addresses shown with every hidden character made visible (the list signed reads as what
// is signed), the same escaping as the CLI's printable().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FindingDto } from '../../electron/shared/api-types';
import { printable } from '../../electron/core/model/printable-text';
import { notWaivable } from '../../renderer/src/sign/waivable';
import { visibleName } from '../../renderer/src/sign/format';

const finding = (more: Partial<FindingDto>): FindingDto => ({
  id: 1, policy: 'p', title: 'P', resourceIndex: 0, address: 'a', status: 'fail', enforcement: 'deny', severity: 'high',
  message: '', remediation: '', description: '', location: { file: 'f', line: 1, column: 1 }, waived: false, ...more,
});

test('only failed or errored deny findings that are not waived, not shadow, can be picked', () => {
  assert.equal(notWaivable(finding({})), null);
  assert.equal(notWaivable(finding({ status: 'error' })), null);
  for (const more of [{ waived: true }, { shadow: true }, { enforcement: 'mandatory' as const }, { enforcement: 'approval' as const }, { enforcement: 'advisory' as const }, { status: 'unknown' as const }]) {
    assert.notEqual(notWaivable(finding(more)), null, JSON.stringify(more));
  }
});

test('an address with a bidi override, zero-width or control character shows it as \\u{XXXX}', () => {
  assert.equal(visibleName('aws_s3_bucket.\u202etxt.exe'), 'aws_s3_bucket.\\u{202E}txt.exe');
  assert.equal(visibleName('a\u200bb'), 'a\\u{200B}b');
  assert.equal(visibleName('plain.address["x"]'), 'plain.address["x"]');
  // Never hides more than the CLI's printable() shows, and never leaves a format character in.
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
    const shown = visibleName(s);
    assert.doesNotMatch(shown, /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u);
    assert.equal(shown === s, printable(s) === s, JSON.stringify(s));
  }));
});
