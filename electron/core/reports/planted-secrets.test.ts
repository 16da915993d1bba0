// The planted-secret search over every report format: a change set with a secret planted in
// every style, evaluated under a contract whose messages print each resource whole.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContract, evaluateChangeSet, explainFindings, loadContractFile } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import { PEEK_CONTRACT, plantedBundle, writeBundle } from '../testing/planted-inputs';
import { whyText } from './explanation-text';
import { assertNoPlanted, PlantedSecrets } from '../testing/planted-secrets';
import { REPORT_FORMATS, renderReport } from './index';

const dir = mkdtempSync(join(tmpdir(), 'countersign-planted-reports-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('planted secrets in reports', () => {
  test('no report format (text with and without color, JSON, SARIF, JUnit) holds a planted secret', async () => {
    const secrets = new PlantedSecrets();
    const folder = writeBundle(join(dir, 'bundle'), plantedBundle(secrets));
    writeFileSync(join(dir, 'peek.yaml'), PEEK_CONTRACT);
    const contract = loadContractFile(join(dir, 'peek.yaml'));
    const changeSet = await loadChangeSet([folder]);
    const evaluation = evaluateChangeSet(changeSet, compileContract(contract), { at: new Date('2026-11-30T00:00:00Z') });
    // Every resource has a finding that prints it whole, so a leak in the model reaches the reports.
    assert.ok(changeSet.resources.every((r) => evaluation.findings.some((f) => f.resource.address === r.address)));
    const outputs = REPORT_FORMATS.flatMap((format) => [false, true].map((color) => ({
      where: `${format} report${color ? ' (color)' : ''}`,
      text: renderReport(format, { changeSet, contract, evaluation }, { color, toolVersion: 'test', baseDir: dir }),
    })));
    assertNoPlanted(secrets, outputs);
    assert.ok(outputs.every((o) => o.text.includes('(sensitive value)') || o.where.startsWith('text')), 'the masks are what the reports print');
  });

  test('explanations in the JSON and text reports hold no planted secret: the clauses read whole objects, every list and map, and fail', async () => {
    const secrets = new PlantedSecrets();
    const folder = writeBundle(join(dir, 'bundle-explain'), plantedBundle(secrets));
    writeFileSync(join(dir, 'explain.yaml'), EXPLAIN_CONTRACT);
    const contract = loadContractFile(join(dir, 'explain.yaml'));
    const compiled = compileContract(contract);
    const changeSet = await loadChangeSet([folder]);
    const at = new Date('2026-11-30T00:00:00Z');
    const evaluation = evaluateChangeSet(changeSet, compiled, { at });
    const explanations = explainFindings(changeSet, compiled, evaluation.findings, at);
    // Every resource is explained by every policy below, each naming the values it read.
    assert.ok(changeSet.resources.every((r) => evaluation.findings.some((f, i) => f.resource.address === r.address && (explanations[i]?.values.length ?? 0) > 0)));
    const input = { changeSet, contract, evaluation, explanations };
    const outputs = [
      { where: 'JSON report with explanations', text: renderReport('json', input) },
      { where: 'text report with explanations', text: renderReport('text', input) },
      { where: 'text report with explanations (color)', text: renderReport('text', input, { color: true }) },
      // The why line cut at its width must not cut a mask into something else either.
      ...explanations.map((e, i) => ({ where: `why line ${i}`, text: e ? whyText(e) : '' })),
    ];
    assertNoPlanted(secrets, outputs);
    const json = outputs[0]!.text;
    assert.ok(json.includes('(sensitive value)'), 'the masks are what explanations show');
    assert.ok(json.includes('"element"'), 'failing list elements are shown');
  });
});

/** Policies whose every clause fails and reads whole objects, their lists' and maps' elements, and the masked fields. */
const EXPLAIN_CONTRACT = `apiVersion: countersign.dev/v1
kind: Contract
metadata:
  name: planted-explain
spec:
  extends: [baseline]
  policies:
    - id: explain-whole
      title: Reads every object whole
      description: Test policy; its clause reads the objects before and after, whole.
      severity: low
      enforcement: advisory
      match: {actions: [create, update, delete, replace, read, no-op]}
      condition: "object == null && oldObject == null"
    - id: explain-elements
      title: Fails on the first element of every map and list
      description: Test policy; the failing element is shown.
      severity: low
      enforcement: advisory
      match: {actions: [create, update, delete, replace, read, no-op]}
      condition: "resource.action == 'never' || (object != null && object.all(k, false)) || (oldObject != null && oldObject.all(k, false))"
    - id: explain-secret-fields
      title: Compares the masked fields
      description: Test policy; the values compared are masked ones.
      severity: low
      enforcement: advisory
      match: {actions: [create, update, delete, replace, read, no-op]}
      condition: "object.?data.orValue({}).exists(k, object.data[k] == 'x') || object.?password.orValue('') == 'x' || object.?stringData.orValue({}).all(k, false) || object.?tags.orValue({}).all(k, false) || object.?connection.orValue({}).all(k, false) || size(object.?settings.orValue([]).filter(s, true)) == 0"
`;
