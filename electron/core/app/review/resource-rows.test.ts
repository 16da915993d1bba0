// Issue 11 (navigation): resourceRows joins the resource facts with finding counts; a finding
// counts on the resource it points inside, also when two resources share an address (before,
// every finding of a repeated address went to the first one and the second read as clean).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKubernetesManifests } from '../../loaders/kubernetes';
import type { StoredFinding } from '../../store';
import { factsOf } from './resource-facts';
import { rowsOf } from './resources';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;

function finding(id: number, address: string, line: number, over: Partial<StoredFinding> = {}): StoredFinding {
  return {
    id, evaluationId: 1, policy: 'p', title: 'p', resource: { address, type: 'ConfigMap', source: 'kubernetes' } as StoredFinding['resource'],
    status: 'fail', enforcement: 'deny', severity: 'high', message: '', location: { file: 'app.yaml', line, column: 3 }, remediation: '', ...over,
  };
}

test('a repeated address: each finding counts on the object it points inside, with worst enforcement and severity', () => {
  const resources = loadKubernetesManifests('app.yaml', [cm('one'), cm('two'), cm('one')].join('---\n'));
  const facts = factsOf(resources);
  const third = resources[2]!.location.line;
  const rows = rowsOf(facts, {
    findings: [
      finding(1, 'ConfigMap/one', third + 2, { severity: 'critical' }),
      finding(2, 'ConfigMap/one', third + 3, { enforcement: 'advisory', severity: 'low' }),
      finding(3, 'ConfigMap/one', 2, { enforcement: 'approval', severity: 'medium' }),
    ],
    waived: new Set([1]),
  });
  assert.deepEqual(rows.map((r) => [r.address, r.disambiguator, r.findingCount, r.worst, r.worstSeverity, r.waivedCount]), [
    ['ConfigMap/one', 'document 1', 1, 'approval', 'medium', 0],
    ['ConfigMap/two', '', 0, null, null, 0],
    // The critical one is waived: the worst still open is low.
    ['ConfigMap/one', 'document 3', 2, 'deny', 'low', 1],
  ]);
});

test('rows are the facts, in order, with nothing dropped or reordered', () => {
  const facts = factsOf(loadKubernetesManifests('app.yaml', [cm('a'), cm('b'), cm('c')].join('---\n')));
  const rows = rowsOf(facts, { findings: [], waived: new Set() });
  const factKeys = Object.keys(facts[0]!);
  assert.deepEqual(rows.map((r) => Object.fromEntries(factKeys.map((k) => [k, r[k as keyof typeof r]]))), facts.map((f) => ({ ...f })));
  assert.ok(rows.every((r) => r.findingCount === 0 && r.worst === null && r.worstSeverity === null && r.waivedCount === 0));
});
