// Findings of the built-in input-integrity check name no contract policy: every report format
// must still show them (blocking, at their file:line) and describe the check.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../model/finding';
import { INPUT_INTEGRITY_CHECK } from '../model/input-integrity';
import { renderJunitReport } from './junit-report';
import { jsonReport } from './json-report';
import { finding, mixedInput, POLICIES, reportInput } from '../testing/report-fixtures';
import { sarifReport } from './sarif-report';
import { assertValidSarif } from '../testing/sarif-schema';
import { renderTextReport } from './text-report';

const integrity: Finding = {
  policy: INPUT_INTEGRITY_CHECK.id,
  title: INPUT_INTEGRITY_CHECK.title,
  resource: { address: 'Pod/shop/p', source: 'kubernetes', type: 'Pod', action: 'create', drift: false },
  status: 'error',
  enforcement: 'mandatory',
  severity: 'critical',
  message: '.inf is a non-finite number, which JSON cannot hold: kubectl refuses the document',
  location: { file: 'k8s/release.yaml', line: 7, column: 34 },
  remediation: INPUT_INTEGRITY_CHECK.remediation,
};

describe('reports with a built-in check finding (no contract policy of that id)', () => {
  const input = reportInput([finding(POLICIES.deny, 'aws_db_instance.main'), integrity]);
  assert.ok(!input.contract.policies.some((p) => p.id === integrity.policy));

  test('text: listed under MANDATORY with its location', () => {
    const text = renderTextReport(input);
    assert.match(text, /MANDATORY: blocks, can never be waived \(1\)\n {2}k8s\/release\.yaml:7:34 {2}Pod\/shop\/p {2}input-integrity {2}.*\.inf is a non-finite number/);
    assert.match(text, /1 mandatory finding must be fixed/);
  });

  test('JSON: the finding as is', () => {
    const json = jsonReport(input) as { findings: Array<Record<string, unknown>> };
    assert.deepEqual(json.findings[1], {
      policy: 'input-integrity', title: integrity.title, resource: integrity.resource, status: 'error', enforcement: 'mandatory',
      severity: 'critical', message: integrity.message, location: { file: 'k8s/release.yaml', line: 7, column: 34 }, remediation: integrity.remediation,
    });
  });

  test('SARIF: a rule describing the check, and a result pointing at it, at error level', () => {
    const raw = sarifReport(input);
    assertValidSarif(raw);
    const log = raw as { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } }; results: Array<Record<string, unknown>> }> };
    const run = log.runs[0]!;
    const result = run.results[1]!;
    const rule = run.tool.driver.rules[result.ruleIndex as number]!;
    assert.equal(rule.id, 'input-integrity');
    assert.deepEqual(rule.shortDescription, { text: INPUT_INTEGRITY_CHECK.title });
    assert.equal(result.ruleId, 'input-integrity');
    assert.equal(result.level, 'error');
    assert.deepEqual((result.locations as Array<{ physicalLocation: unknown }>)[0]!.physicalLocation, {
      artifactLocation: { uri: 'k8s/release.yaml' }, region: { startLine: 7, startColumn: 34 },
    });
    // Every result's ruleIndex points at the rule of its ruleId.
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex as number]!.id, r.ruleId);
  });

  test('SARIF: the contract rules keep their indexes when there is no built-in finding', () => {
    const rawPlain = sarifReport(mixedInput());
    assertValidSarif(rawPlain);
    const plain = rawPlain as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } } }> };
    assert.ok(!plain.runs[0]!.tool.driver.rules.some((r) => r.id === 'input-integrity'));
  });

  test('JUnit: its own suite with an <error> at the file and line', () => {
    const xml = renderJunitReport(input);
    assert.match(xml, /<testsuite name="input-integrity" tests="1" failures="0" errors="1"/);
    assert.match(xml, /<testcase classname="input-integrity" name="Pod\/shop\/p" file="k8s\/release\.yaml" line="7">\n {6}<error message="[^"]*non-finite/);
  });
});
