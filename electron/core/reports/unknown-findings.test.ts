// Findings whose answer depends on values known only after apply (status `unknown`): every
// report shows them, and none shows them as passing or as blocking.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonReport } from './json-report';
import { renderJunitReport } from './junit-report';
import { POLICIES, finding, reportInput } from '../testing/report-fixtures';
import { sarifReport } from './sarif-report';
import { assertValidSarif } from '../testing/sarif-schema';
import { renderTextReport, verdictLine } from './text-report';

const UNKNOWN_MESSAGE = 'Storage is encrypted at rest: cannot be decided before apply; depends on encrypted (known only after apply)';

function input() {
  return reportInput([
    finding(POLICIES.deny, 'aws_ebs_volume.data', { status: 'unknown', message: UNKNOWN_MESSAGE }),
    finding(POLICIES.approval, 'aws_security_group.web'),
    finding(POLICIES.advisory, 'aws_instance.web', { status: 'unknown', message: 'x: depends on ami (known only after apply)' }),
  ], 'needs-approval');
}

describe('unknown findings in reports', () => {
  test('text: listed apart from the blocking headings, counted, and the verdict line counts them as needing approval', () => {
    const text = renderTextReport(input());
    const lines = text.trimEnd().split('\n');
    assert.ok(lines.includes("Unknown until apply: 2 (never a pass: non-advisory ones need a reviewer's signed approval)"));
    assert.equal(lines.some((l) => l.startsWith('DENY')), false, 'an unknown under a deny policy is not shown as blocking');
    const heading = lines.findIndex((l) => l.startsWith('UNKNOWN UNTIL APPLY'));
    assert.ok(heading > 0);
    assert.ok(lines.includes(`  plan.json:12:7  aws_ebs_volume.data  storage-encryption  unknown until apply: ${UNKNOWN_MESSAGE}  [deny]`));
    assert.equal(lines.at(-1), "NEEDS APPROVAL: 2 findings need a reviewer's signed approval before this change set is applied");
  });

  test('text: a blocked verdict does not count an unknown as a deny finding to fix', () => {
    const findings = [finding(POLICIES.deny, 'a.b'), finding(POLICIES.deny, 'c.d', { status: 'unknown' })];
    assert.equal(verdictLine('blocked', findings), 'BLOCKED: 1 deny finding must be fixed or waived by a signed exception');
  });

  test('JSON: the status is unknown and the summary counts unknowns', () => {
    const json = jsonReport(input()) as { findings: { status: string }[]; summary: { unknowns: number } };
    assert.deepEqual(json.findings.map((f) => f.status), ['unknown', 'fail', 'unknown']);
    assert.equal(json.summary.unknowns, 0, 'the fixture summary predates unknowns: reported as 0, never missing');
  });

  test('SARIF: a warning (a note when advisory), never an error, with the status in its properties', () => {
    const log = sarifReport(input());
    assertValidSarif(log);
    const results = (log as { runs: { results: { level: string; properties: { status: string } }[] }[] }).runs[0]!.results;
    assert.deepEqual(results.map((r) => [r.level, r.properties.status]), [['warning', 'unknown'], ['warning', 'fail'], ['note', 'unknown']]);
  });

  test('JUnit: a failure (undecided is not green), its message saying it is unknown until apply', () => {
    const xml = renderJunitReport(input());
    assert.match(xml, /<testsuites name="countersign" tests="\d+" failures="3" errors="0">/);
    assert.match(xml, /<failure message="unknown until apply: Storage is encrypted at rest/);
    assert.equal(/<skipped/.test(xml), false);
  });
});
