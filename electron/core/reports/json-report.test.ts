import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJsonReport } from './json-report';
import { renderReport, REPORT_FORMATS } from './index';
import { SECRET, mixedInput } from '../testing/report-fixtures';

describe('JSON report', () => {
  const input = mixedInput();
  const text = renderJsonReport(input);
  const json = JSON.parse(text);

  test('has the documented top-level keys in a stable order, 2-space indented', () => {
    assert.deepEqual(Object.keys(json), ['verdict', 'changeSet', 'contract', 'engine', 'at', 'findings', 'summary', 'reportVersion']);
    assert.equal(json.reportVersion, 4);
    assert.deepEqual(Object.keys(json.changeSet), ['digest', 'origin', 'metadata', 'artifacts', 'resourceCount']);
    assert.deepEqual(Object.keys(json.contract), ['name', 'vendor', 'digest', 'source']);
    assert.ok(text.startsWith('{\n  "verdict": "blocked",\n  "changeSet": {\n    "digest": "sha256:1111'));
    assert.ok(text.endsWith('}\n'));
  });

  test('carries the digests, engine version, time and counts', () => {
    assert.equal(json.changeSet.digest, input.changeSet.digest);
    assert.equal(json.contract.digest, input.contract.digest);
    assert.equal(json.engine.version, 'countersign-engine/1');
    assert.equal(json.at, '2026-01-05T03:00:00.000Z');
    assert.equal(json.changeSet.resourceCount, 1);
    assert.equal(json.changeSet.metadata.release, '1.4.0');
    assert.equal(json.findings.length, 5);
    assert.equal(json.summary.errors, 1);
  });

  test('findings have the documented keys; origin only when the finding has one', () => {
    for (const f of json.findings) {
      assert.deepEqual(Object.keys(f), ['policy', 'title', 'resource', 'status', 'enforcement', 'severity', 'message', 'location', 'remediation']);
      assert.deepEqual(Object.keys(f.resource), ['address', 'source', 'type', 'action', 'drift']);
    }
    const withOrigin = json.findings.find((f: { resource: { address: string } }) => f.resource.address === 'Deployment/shop/api');
    assert.deepEqual(withOrigin.location, { file: 'k8s/release.yaml', line: 40, column: 9, origin: 'shop/templates/api.yaml' });
    assert.deepEqual(Object.keys(json.findings[1].location), ['file', 'line', 'column']);
  });

  test('summary counts keep the model order whatever order the engine inserted them in', () => {
    const reordered = { ...input, evaluation: { ...input.evaluation, summary: { ...input.evaluation.summary, bySeverity: { low: 1, critical: 1, high: 2, medium: 1 } } } };
    assert.deepEqual(Object.keys(JSON.parse(renderJsonReport(reordered)).summary.bySeverity), ['critical', 'high', 'medium', 'low']);
  });

  test('no report format ever prints before/after values', () => {
    for (const format of REPORT_FORMATS) {
      assert.ok(!renderReport(format, input).includes(SECRET), `${format} leaked a resource value`);
    }
  });
});
