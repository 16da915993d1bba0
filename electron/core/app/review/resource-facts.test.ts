// Issue 11 (navigation): resource facts for the review list. Drift is its own category; resources
// that share an address are told apart by file, document and drift, each label different from
// the others; a finding goes to the resource it points inside, also on a one-line plan.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { decodeText } from '../../io/decode-text';
import { loadKubernetesManifests } from '../../loaders/kubernetes';
import { loadTerraformPlan } from '../../loaders/terraform';
import type { ResourceChange } from '../../model/resource-change';
import { corpusPath } from '../../testing/corpus';
import { factsOf, findingIndexer, findingResourceIndex } from './resource-facts';

const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: prod\ndata:\n  a: "1"${extra}\n`;

describe('resource facts', () => {
  test('Kubernetes objects know their YAML document; repeats of an address are told apart by it', () => {
    const text = [cm('one'), cm('two'), '# only a comment\n', cm('one')].join('---\n');
    const resources = loadKubernetesManifests('app.yaml', text);
    const facts = factsOf(resources);
    assert.deepEqual(facts.map((f) => [f.address, f.document, f.disambiguator]), [
      ['ConfigMap/prod/one', 1, 'document 1'],
      ['ConfigMap/prod/two', 2, ''],
      ['ConfigMap/prod/one', 4, 'document 4'],
    ]);
    // The document number is not part of the resource's JSON (digests and outputs stay as they were).
    assert.equal(JSON.stringify(resources[0]).includes('document'), false);
  });

  test('items of a List share their document; the line then tells them apart', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${[cm('x'), cm('x')].map((t) => `- ${t.trimEnd().split('\n').join('\n  ')}\n`).join('')}`;
    const facts = factsOf(loadKubernetesManifests('list.yaml', list));
    assert.deepEqual(facts.map((f) => f.document), [1, 1]);
    assert.deepEqual(facts.map((f) => f.disambiguator), [`line ${facts[0]!.line}`, `line ${facts[1]!.line}`]);
  });

  test('the same address in two files is told apart by file', () => {
    const facts = factsOf([...loadKubernetesManifests('a.yaml', cm('one')), ...loadKubernetesManifests('b.yaml', cm('one'))]);
    assert.deepEqual(facts.map((f) => f.disambiguator), ['a.yaml', 'b.yaml']);
  });

  test('Terraform drift has its own category and tells apart the entry that shares its address', () => {
    const name = 'opentofu-resource-drift.plan.json';
    const resources = loadTerraformPlan(name, decodeText(readFileSync(corpusPath('terraform', name)), name));
    const facts = factsOf(resources);
    const same = facts.filter((f) => f.address === 'test_instance.should_refresh');
    assert.equal(same.length, 2);
    const drifted = same.find((f) => f.drift)!;
    const planned = same.find((f) => !f.drift)!;
    assert.equal(drifted.category, 'drift');
    assert.equal(planned.category, planned.action);
    assert.equal(drifted.disambiguator, 'drift');
    assert.equal(planned.disambiguator, 'planned');
    for (const f of facts.filter((x) => x.drift)) assert.equal(f.category, 'drift');
    for (const f of facts.filter((x) => !x.drift)) assert.notEqual(f.category, 'drift');
  });

  test('property: within any set of resources sharing an address, every label is non-empty and different', () => {
    const resource = fc.record({
      address: fc.constantFrom('a', 'b'),
      file: fc.constantFrom('x.yaml', 'y.yaml'),
      document: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      line: fc.integer({ min: 1, max: 3 }),
      drift: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(resource, { maxLength: 12 }), (rs) => {
      const changes = rs.map((r) => fake(r));
      const facts = factsOf(changes);
      for (const address of ['a', 'b']) {
        const group = facts.filter((f) => f.address === address);
        const labels = group.map((f) => f.disambiguator);
        if (group.length === 1) assert.equal(labels[0], '');
        else {
          assert.ok(labels.every((l) => l !== ''), labels.join('|'));
          assert.equal(new Set(labels).size, labels.length, labels.join('|'));
        }
      }
    }));
  });
});

describe('which resource a finding belongs to', () => {
  const facts = factsOf([
    fake({ address: 'cm', file: 'a.yaml', line: 1, column: 1 }),
    fake({ address: 'cm', file: 'a.yaml', line: 10, column: 1 }),
    fake({ address: 'cm', file: 'b.yaml', line: 1, column: 1 }),
    fake({ address: 'solo', file: 'a.yaml', line: 20, column: 1 }),
  ]);
  const at = (address: string, file: string, line: number, column = 5) => findingResourceIndex(facts, { address, location: { file, line, column } });

  test('the last resource of that address starting at or before the finding, in its file', () => {
    assert.equal(at('cm', 'a.yaml', 3), 0);
    assert.equal(at('cm', 'a.yaml', 10), 1);
    assert.equal(at('cm', 'a.yaml', 99), 1);
    assert.equal(at('cm', 'b.yaml', 4), 2);
  });

  test('a finding elsewhere (another file, before every resource) goes to the first of that address; an unknown address to none', () => {
    assert.equal(at('cm', 'c.yaml', 4), 0);
    assert.equal(at('solo', 'z.yaml', 1), 3);
    assert.equal(at('nothing', 'a.yaml', 1), -1);
  });

  test('on a plan written on one line, the column decides', () => {
    const oneLine = factsOf([
      fake({ address: 'aws_s3_bucket.b', file: 'plan.json', line: 1, column: 40, drift: true }),
      fake({ address: 'aws_s3_bucket.b', file: 'plan.json', line: 1, column: 900 }),
    ]);
    const index = findingIndexer(oneLine);
    assert.equal(index({ address: 'aws_s3_bucket.b', location: { file: 'plan.json', line: 1, column: 120 } }), 0);
    assert.equal(index({ address: 'aws_s3_bucket.b', location: { file: 'plan.json', line: 1, column: 950 } }), 1);
  });
});

function fake(r: { address: string; file: string; line: number; column?: number; document?: number | undefined; drift?: boolean }): ResourceChange {
  const change: ResourceChange = {
    source: 'kubernetes', address: r.address, type: 'ConfigMap', name: r.address, namespace: '', clusterScoped: false, apiVersion: 'v1',
    action: 'create', actions: ['create'], mode: 'managed', before: null, after: {}, unknownPaths: [], sensitivePaths: [],
    drift: r.drift ?? false, location: { file: r.file, line: r.line, column: r.column ?? 1 }, component: '', module: '', actionReason: '',
  };
  if (r.document !== undefined) Object.defineProperty(change, 'document', { value: r.document, enumerable: false });
  return change;
}
