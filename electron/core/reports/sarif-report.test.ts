import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactUri, SARIF_SCHEMA, sarifLevel, sarifReport } from './sarif-report';
import { POLICIES, finding, mixedInput, reportInput } from '../testing/report-fixtures';
import { assertValidSarif } from '../testing/sarif-schema';

/* eslint-disable @typescript-eslint/no-explicit-any -- walking the SARIF object tree */

/** Every log these tests look at is first checked against the SARIF 2.1.0 schema. */
function checked(log: Record<string, unknown>): any {
  assertValidSarif(log);
  return log;
}
describe('SARIF 2.1.0 report', () => {
  const input = mixedInput();
  const log = checked(sarifReport(input, { toolVersion: '0.1.0', baseDir: '/work/repo' }));
  const run = log.runs[0];

  test('is a SARIF 2.1.0 log with one run of the countersign driver', () => {
    assert.equal(log.$schema, SARIF_SCHEMA);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.equal(run.tool.driver.name, 'countersign');
    assert.equal(run.tool.driver.version, '0.1.0');
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
  });

  test('has one rule per policy in force (disabled policies excluded) with the documented fields', () => {
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    assert.deepEqual(ids, ['no-root', 'storage-encryption', 'network-change-approval', 'run-as-non-root', 'images-no-latest']);
    const rule = run.tool.driver.rules[1];
    assert.equal(rule.name, 'StorageEncryption');
    assert.equal(rule.shortDescription.text, 'Title of storage-encryption');
    assert.equal(rule.fullDescription.text, 'Why storage-encryption matters.');
    assert.equal(rule.help.text, 'Fix storage-encryption.');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.equal(rule.properties.enforcement, 'deny');
    assert.equal(rule.properties.severity, 'high');
    assert.deepEqual(rule.properties.tags, ['security']);
  });

  test('maps enforcement to levels: deny/mandatory error, approval warning, advisory note', () => {
    assert.equal(sarifLevel('mandatory'), 'error');
    assert.equal(sarifLevel('deny'), 'error');
    assert.equal(sarifLevel('approval'), 'warning');
    assert.equal(sarifLevel('advisory'), 'note');
    const levelOf = (address: string) => run.results.find((r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName === address).level;
    assert.equal(levelOf('Deployment/shop/api'), 'note');
    assert.equal(levelOf('aws_security_group.web'), 'warning');
    assert.equal(levelOf('aws_db_instance.main'), 'error');
    assert.equal(levelOf('aws_iam_role.admin'), 'error');
  });

  test('an evaluation error is an error result whatever the enforcement', () => {
    const input2 = reportInput([finding(POLICIES.advisory, 'x.y', { status: 'error' })], 'pass');
    const result = checked(sarifReport(input2)).runs[0].results[0];
    assert.equal(result.level, 'error');
    assert.equal(result.properties.status, 'error');
  });

  test('results point at their rule, file, line, column and resource', () => {
    assert.equal(run.results.length, 5);
    for (const r of run.results) {
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.equal(typeof r.message.text, 'string');
      assert.ok(r.locations[0].physicalLocation.region.startLine >= 1);
      assert.ok(r.locations[0].physicalLocation.region.startColumn >= 1);
      assert.equal(r.locations[0].logicalLocations[0].kind, 'resource');
      assert.deepEqual(Object.keys(r.properties).slice(0, 2), ['status', 'enforcement']);
    }
    const db = run.results.find((r: any) => r.ruleId === 'storage-encryption' && r.properties.status === 'fail');
    assert.deepEqual(db.locations[0].physicalLocation, { artifactLocation: { uri: 'plan.json' }, region: { startLine: 12, startColumn: 7 } });
    assert.equal(db.message.text, 'aws_db_instance.main breaks storage-encryption');
    assert.equal(db.properties.resourceType, 'aws_db_instance');
    assert.equal(db.properties.action, 'create');
    const helm = run.results.find((r: any) => r.ruleId === 'run-as-non-root');
    assert.equal(helm.locations[0].physicalLocation.artifactLocation.uri, 'k8s/release.yaml');
    assert.equal(helm.properties.origin, 'shop/templates/api.yaml');
  });

  test('run properties carry the verdict and both digests', () => {
    assert.equal(run.properties.verdict, 'blocked');
    assert.equal(run.properties.changeSetDigest, input.changeSet.digest);
    assert.equal(run.properties.contractDigest, input.contract.digest);
  });

  test('a location without a line has no region (SARIF lines are 1-based)', () => {
    const input2 = reportInput([finding(POLICIES.deny, 'image', { location: { file: 'plan.json', line: 0, column: 0 } })]);
    const loc = checked(sarifReport(input2)).runs[0].results[0].locations[0].physicalLocation;
    assert.deepEqual(loc, { artifactLocation: { uri: 'plan.json' } });
  });

  test('displayPath maps bundle-relative or bare names to the real file before relativizing', () => {
    const log2 = checked(sarifReport(input, { baseDir: '/work/repo', displayPath: (f) => `/work/repo/release/${f}` }));
    assert.equal(log2.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri, 'release/plan.json');
  });

  test('artifact URIs are relative POSIX references, percent-encoded', () => {
    assert.equal(artifactUri('/work/repo/infra/plan.json', '/work/repo'), 'infra/plan.json');
    assert.equal(artifactUri('/work/other/plan.json', '/work/repo'), '../other/plan.json');
    assert.equal(artifactUri('k8s/my release#1.yaml'), 'k8s/my%20release%231.yaml');
    assert.equal(artifactUri('/abs/plan.json'), 'file:///abs/plan.json');
  });
});
