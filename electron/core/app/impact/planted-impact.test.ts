// The impact replay's outputs (rows, explanations with the values a clause read) on a change
// set with a secret planted in every style: none may show one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoPlanted, PlantedSecrets, searchable } from '../../testing/planted-secrets';
import type { SearchedOutput } from '../../testing/planted-secrets';
import { plantedBundle, writeBundle } from '../../testing/planted-inputs';
import { DEMO_CONTRACT, draftOf } from '../../testing/impact-fixtures';
import { tempWorkspace } from '../../testing/store-fixtures';
import type { TempWorkspace } from '../../testing/store-fixtures';
import { repoRoot } from '../../testing/corpus';
import { importChangeSet, importContract } from '../index';
import { rebuildStored } from '../change-set-service';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { explainFinding } from './explain-finding';
import { startImpactJob } from './impact-job';

const secrets = new PlantedSecrets();
let t: TempWorkspace;
let digest: string;

before(async () => {
  t = tempWorkspace();
  // The demo contract as the planted vendor's: it judges the planted change set.
  const contract = join(t.dir, 'contract.yaml');
  writeFileSync(contract, readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8').replace('vendor: Acme Analytics', 'vendor: Planted Inc'));
  importContract(t.ws, contract, 'test');
  digest = (await importChangeSet(t.ws, [writeBundle(join(t.dir, 'bundle'), plantedBundle(secrets))])).digest;
});
after(() => t.cleanup());

// Each reads a place secrets sit in, fails on every resource, and its message prints it too.
const READS = ['object', 'oldObject', 'object.data', 'object.stringData', 'oldObject.data', 'object.metadata.annotations', 'object.values', 'resource', 'resource.containers'];
const policies = READS.map((expression, i) => ({
  id: `reads-${i}`, title: `reads ${expression}`, severity: 'low', enforcement: 'deny', match: { actions: ['create', 'update', 'delete', 'replace', 'no-op', 'read'] },
  condition: `${expression} == null`, message: `{{ ${expression} }}`,
}));
const text = draftOf({ policies });

describe('planted secrets in the impact replay', () => {
  test('rows and every explanation (clause values, messages) show no planted secret', async () => {
    const started = startImpactJob(t.ws, { contract: DEMO_CONTRACT, text });
    assert.ok(started.ok);
    await started.job.whenDone();
    const page = started.job.poll(0, 5000);
    assert.ok(page.summary.appear > 0);
    const outputs: SearchedOutput[] = [{ where: 'impact rows', text: searchable(page) }];
    const resources = rebuildStored(t.ws, digest).resources;
    assert.ok(resources.length >= 14);
    let explained = 0;
    resources.forEach((r, resourceIndex) => {
      for (const p of policies) {
        const result = explainFinding(t.ws, { contract: DEMO_CONTRACT, text, digest, resourceIndex, policy: p.id });
        assert.ok(result.ok);
        if (result.explanation.values.length > 0) explained++;
        outputs.push({ where: `explainFinding ${r.address} ${p.id}`, text: searchable(result) });
      }
    });
    assert.ok(explained > resources.length, 'the explanations do show values');
    const masked = outputs.filter((o) => o.where.startsWith('explainFinding') && o.text.includes(SENSITIVE_MASK)).length;
    assert.ok(masked >= 5, `the places secrets were planted in are shown, masked (${masked})`);
    assertNoPlanted(secrets, outputs);
  });
});
