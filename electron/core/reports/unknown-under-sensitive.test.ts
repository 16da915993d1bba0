// A value both sensitive and (partly) known only after apply: Terraform writes the keys of its
// unknown parts in after_unknown. They are the sensitive value's own keys, which the masked
// model hides when they are known; no model field, report or SARIF snippet may show them
// because they are unknown.
import { after, describe, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { compileContract, evaluateChangeSet, loadContractFile } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import { assertNoPlanted, PlantedSecrets } from '../testing/planted-secrets';
import { REPORT_FORMATS, renderReport } from './index';

const dir = mkdtempSync(join(tmpdir(), 'countersign-unknown-sensitive-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CONTRACT = `apiVersion: countersign.dev/v1
kind: Contract
metadata:
  name: unknown-sensitive
spec:
  extends: [baseline]
  policies:
${['nested', 'tags', 'whole', 'listed'].map((field) => `    - id: blame-${field}
      title: Blames ${field}
      description: Test policy; the finding points at ${field}.
      severity: low
      enforcement: advisory
      match: {actions: [create, update, delete, replace, read, no-op]}
      condition: "false"
      message: "${field} {{ resource.unknown }} {{ resource.sensitive }} {{ object }}"
      path: '["${field}"]'`).join('\n')}
`;

describe('keys of a sensitive value known only after apply', () => {
  test('appear in no model field, report or SARIF snippet', async () => {
    const s = new PlantedSecrets();
    const entry = (address: string, change: Record<string, unknown>) => ({ address, mode: 'managed', type: 'aws_thing', name: address.split('.')[1], change: { actions: ['create'], before: null, before_sensitive: false, ...change } });
    const plan = {
      format_version: '1.2',
      resource_changes: [
        entry('aws_thing.partly', {
          after: { tags: { [s.plant('a known key of a sensitive map')]: 'v' } },
          after_unknown: { tags: { [s.plant('an unknown key of a sensitive map in after')]: true }, nested: [{ [s.plant('a key of a sensitive list absent from after')]: true }] },
          after_sensitive: { tags: true, nested: true },
        }),
        entry('aws_thing.whole', {
          after: {},
          after_unknown: { whole: { [s.plant('a key under a sensitive object absent from after')]: { deeper: true } }, listed: [true, { [s.plant('a key in a sensitive list item')]: true }] },
          after_sensitive: { whole: true, listed: [false, true] },
        }),
      ],
    };
    const planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan, null, 2));
    writeFileSync(join(dir, 'contract.yaml'), CONTRACT);
    const contract = loadContractFile(join(dir, 'contract.yaml'));
    const changeSet = await loadChangeSet([planFile]);
    const evaluation = evaluateChangeSet(changeSet, compileContract(contract), { at: new Date('2026-11-30T00:00:00Z') });
    assert.ok(evaluation.findings.filter((f) => f.policy.startsWith('blame-')).length >= 6);
    const outputs = [
      { where: 'the loaded model', text: JSON.stringify(changeSet.resources) },
      ...REPORT_FORMATS.map((format) => ({ where: `${format} report`, text: renderReport(format, { changeSet, contract, evaluation }, { toolVersion: 'test', baseDir: dir }) })),
    ];
    assertNoPlanted(s, outputs);
    // The unknown parts still read as unknown, at the sensitive value's own path.
    const partly = changeSet.resources.find((r) => r.address === 'aws_thing.partly')!;
    assert.ok(partly.unknownPaths.includes('tags') && partly.unknownPaths.includes('nested'), partly.unknownPaths.join(' '));
    const whole = changeSet.resources.find((r) => r.address === 'aws_thing.whole')!;
    assert.deepEqual([...whole.unknownPaths].sort(), ['listed[0]', 'listed[1]', 'whole']);
  });
});
