import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clean, renderTextReport, verdictLine } from './text-report';
import { POLICIES, finding, mixedInput, reportInput } from '../testing/report-fixtures';

describe('text report', () => {
  const text = renderTextReport(mixedInput());
  const lines = text.trimEnd().split('\n');

  test('header names the verdict, change set, vendor/app/install/release, contract and time', () => {
    assert.equal(lines[0], 'Countersign evaluation: BLOCKED');
    assert.ok(text.includes('sha256:1111111111111111111111111111111111111111111111111111111111111111  (release-bundle)'));
    assert.match(text, /vendor\s+example-vendor/);
    assert.match(text, /app\s+shop/);
    assert.match(text, /install\s+acme-prod/);
    assert.match(text, /release\s+1\.4\.0 \(from 1\.3\.2\)/);
    assert.match(text, /contract\s+acme-production  sha256:2222/);
    assert.match(text, /evaluated at\s+2026-01-05T03:00:00\.000Z/);
  });

  test('summary counts resources by action and findings by enforcement and severity', () => {
    assert.ok(lines.includes('Resources: 1 (create 1)'));
    assert.ok(lines.includes('Findings:  5 (mandatory 1, deny 2, approval 1, advisory 1)'));
    assert.ok(lines.includes('Severity:  critical 1, high 2, medium 1, low 1'));
    assert.ok(text.includes('Evaluation errors: 1'));
  });

  test('findings are grouped blocking first, one line each: file:line:col  address  policy  message', () => {
    const order = ['MANDATORY', 'DENY', 'APPROVAL', 'ADVISORY'].map((h) => lines.findIndex((l) => l.startsWith(h)));
    assert.ok(order.every((i) => i > 0));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.ok(lines.includes('  plan.json:12:7  aws_db_instance.main  storage-encryption  aws_db_instance.main breaks storage-encryption'));
    assert.ok(lines.includes('  plan.json:12:7  aws_ebs_volume.data  storage-encryption  evaluation error: no such key: encrypted'));
    assert.ok(lines.includes('  k8s/release.yaml:40:9 [shop/templates/api.yaml]  Deployment/shop/api  run-as-non-root  Deployment/shop/api breaks run-as-non-root'));
  });

  test('the last line tells the verdict and what it means', () => {
    assert.equal(lines.at(-1), 'BLOCKED: 2 deny findings must be fixed or waived by a signed exception; 1 mandatory finding must be fixed (never waivable)');
    const approval = [finding(POLICIES.approval, 'a.b')];
    assert.equal(verdictLine('needs-approval', approval), "NEEDS APPROVAL: 1 finding needs a reviewer's signed approval before this change set is applied");
    assert.equal(verdictLine('pass', []), 'PASS: nothing blocks this change set');
    assert.equal(verdictLine('pass', [finding(POLICIES.advisory, 'a.b')]), 'PASS: nothing blocks this change set (1 advisory finding reported)');
    assert.equal(verdictLine('blocked', [finding(POLICIES.deny, 'a.b')]), 'BLOCKED: 1 deny finding must be fixed or waived by a signed exception');
  });

  test('no ANSI colors unless asked for', () => {
    assert.ok(!text.includes('\u001b['));
    assert.ok(renderTextReport(mixedInput(), { color: true }).includes('\u001b[31m'));
  });

  test('control characters from inputs cannot reach the terminal and a finding stays on one line', () => {
    const out = renderTextReport(reportInput([finding(POLICIES.deny, 'x\u001b]0;pwned\u0007', { message: 'line1\nline2\u009b' })]));
    assert.ok(!out.includes('\u001b') && !out.includes('\u0007') && !out.includes('\u009b'));
    assert.ok(out.includes('x\\x1b]0;pwned\\x07  storage-encryption  line1\\nline2\\x9b'));
    assert.equal(clean('tab\there'), 'tab here');
  });

  test('empty metadata fields are left out of the header', () => {
    const input = mixedInput();
    const bare = { ...input, changeSet: { ...input.changeSet, metadata: { ...input.changeSet.metadata, vendor: '', app: '', install: '', release: '' } } };
    const out = renderTextReport(bare);
    assert.ok(!/^\s+vendor/m.test(out) && !/^\s+release/m.test(out));
  });
});
