// The planted-secret search over every report format: a change set with a secret planted in
// every style, evaluated under a contract whose messages print each resource whole.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContract, evaluateChangeSet, loadContractFile } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import { PEEK_CONTRACT, plantedBundle, writeBundle } from '../testing/planted-inputs';
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
});
