// Issue 14: a finding reported once for policies sharing a standard control names the others
// (alsoPolicies) in every report format; a finding without them looks exactly as before.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../model/finding';
import { finding, POLICIES, reportInput } from '../testing/report-fixtures';
import { jsonReport } from './json-report';
import { renderJunitReport } from './junit-report';
import { sarifReport } from './sarif-report';
import { renderTextReport } from './text-report';

const merged: Finding = { ...finding(POLICIES.deny, 'aws_db_instance.main'), alsoPolicies: ['images-no-latest', 'run-as-non-root'] };
const plain = finding(POLICIES.approval, 'aws_security_group.web');
const input = reportInput([merged, plain]);

describe('reports name the other policies of a shared control', () => {
  test('JSON: alsoPolicies on the merged finding only (report version 3)', () => {
    const json = jsonReport(input) as { findings: Record<string, unknown>[]; reportVersion: number };
    assert.equal(json.reportVersion, 4);
    assert.deepEqual(json.findings[0]?.alsoPolicies, ['images-no-latest', 'run-as-non-root']);
    assert.ok(!('alsoPolicies' in (json.findings[1] ?? {})));
  });

  test('SARIF: the result carries alsoPolicies in its properties', () => {
    const sarif = sarifReport(input) as { runs: { results: { ruleId: string; properties: Record<string, unknown> }[] }[] };
    const results = sarif.runs[0]?.results ?? [];
    assert.deepEqual(results.find((r) => r.ruleId === 'storage-encryption')?.properties.alsoPolicies, ['images-no-latest', 'run-as-non-root']);
    assert.ok(!('alsoPolicies' in (results.find((r) => r.ruleId === 'network-change-approval')?.properties ?? {})));
  });

  test('text: the finding line names the others', () => {
    const text = renderTextReport(input);
    assert.match(text, /aws_db_instance\.main {2}storage-encryption \(also images-no-latest, run-as-non-root\) {2}/);
    assert.match(text, /aws_security_group\.web {2}network-change-approval {2}/);
  });

  test('JUnit: the failure names the others, and their suites say where the finding is instead of "no findings"', () => {
    const xml = renderJunitReport(input);
    assert.match(xml, /Same control, also reported by: images-no-latest, run-as-non-root/);
    assert.match(xml, /name="images-no-latest: reported under storage-encryption \(same standard control\)"/);
    assert.doesNotMatch(xml, /images-no-latest: no findings/);
  });

  test('ids are escaped for the terminal and for XML', () => {
    const hostile = reportInput([{ ...merged, alsoPolicies: ['x\u001b]52;c;AAAA\u0007', 'a"<b>&'] }]);
    assert.doesNotMatch(renderTextReport(hostile), /\u001b/);
    const xml = renderJunitReport(hostile);
    assert.doesNotMatch(xml, /a"<b>&/);
    assert.match(xml, /a&quot;&lt;b&gt;&amp;|a"&lt;b&gt;&amp;/);
  });
});
