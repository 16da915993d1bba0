// Which lines of a manifest could show a Secret's values: found from the parsed documents, so
// every way of writing a Secret is covered, and nothing else is hidden.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { PlantedSecrets } from '../../testing/planted-secrets';
import { plantedKubernetesJson, plantedKubernetesListJson, plantedKubernetesYaml } from '../../testing/planted-inputs';
import { secretLines } from './secret-lines';

/** The lines a reader would see (hidden ones left out). */
function visibleText(text: string): string {
  const hidden = secretLines('x.yaml', text);
  return text.split('\n').filter((_, i) => !hidden.has(i + 1)).join('\n');
}

describe('secretLines', () => {
  test('every planted style in YAML is hidden; ConfigMaps and the lines naming a Secret stay', () => {
    const s = new PlantedSecrets();
    const text = plantedKubernetesYaml(s, ['visible-config-value', 'visible-list-value']);
    const visible = visibleText(text);
    assert.deepEqual(s.findIn(visible).map((p) => p.style), []);
    assert.equal(s.all.length, 25, 'every style planted');
    for (const kept of ['visible-config-value', 'visible-list-value', 'kind: Secret', '  name: db', '  namespace: app', '    app: db', 'type: Opaque']) {
      assert.ok(visible.includes(kept), `${kept} stays visible`);
    }
  });

  test('JSON: a kind written with \\u escapes, and a minified List on one line', () => {
    const s = new PlantedSecrets();
    const pretty = plantedKubernetesJson(s);
    const list = plantedKubernetesListJson(s);
    assert.deepEqual(s.findIn(visibleText(pretty)).map((p) => p.style), []);
    assert.deepEqual(s.findIn(visibleText(list)).map((p) => p.style), []);
    assert.match(visibleText(pretty), /"name": "escaped"/);
  });

  test('a document that uses aliases and holds a Secret is hidden whole; one without a Secret is not', () => {
    const s = new PlantedSecrets();
    const marker = s.plant('an anchor in a ConfigMap aliased into a Secret');
    const text = [
      'apiVersion: v1', 'kind: List', 'items:',
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {x: &pw ' + marker + '}}',
      '- {apiVersion: v1, kind: Secret, metadata: {name: s}, data: {password: *pw}}',
      '---',
      'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: d}', 'data: {a: &v shown, b: *v}', '',
    ].join('\n');
    const visible = visibleText(text);
    assert.deepEqual(s.findIn(visible).map((p) => p.style), []);
    assert.match(visible, /data: \{a: &v shown, b: \*v\}/);
  });

  test('a ConfigMap\'s last-applied annotation is shown, unless it holds a Secret', () => {
    const plain = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: \'{"kind":"ConfigMap"}\'\n';
    assert.equal(secretLines('c.yaml', plain).size, 0);
    const s = new PlantedSecrets();
    const holding = plain.replace('{"kind":"ConfigMap"}', `{"kind":"Secret","data":{"p":"${s.plant('last-applied')}"}}`);
    assert.deepEqual(s.findIn(visibleText(holding)), []);
  });

  test('property: a Secret printed in any style (flow/block, quoting, block scalars) never shows its values', () => {
    const styles = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') as fc.Arbitrary<'PLAIN'>,
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<null>,
      asList: fc.boolean(),
      field: fc.constantFrom('data', 'stringData'),
      lines: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(fc.property(styles, (o) => {
      const s = new PlantedSecrets();
      const value = Array.from({ length: o.lines }, () => s.plant(`${o.defaultStringType} ${o.collectionStyle}`)).join('\n');
      const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, [o.field]: { password: value, 'tls.key': s.plant('second key') } };
      const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { shown: 'visible-value' } };
      const docs = o.asList ? [{ apiVersion: 'v1', kind: 'List', items: [config, secret] }] : [config, secret];
      const text = docs.map((d) => stringify(d, { collectionStyle: o.collectionStyle, defaultStringType: o.defaultStringType, defaultKeyType: o.defaultKeyType, lineWidth: 40 })).join('---\n');
      const visible = visibleText(text);
      assert.deepEqual(s.findIn(visible).map((p) => p.style), [], text);
      if (o.collectionStyle === 'block' && !o.asList) assert.ok(visible.includes('visible-value'), text);
    }), { seed: 7, numRuns: 200 });
  });

  test('text that does not parse is an InputError (the excerpt then hides the file)', () => {
    assert.throws(() => secretLines('bad.yaml', 'kind: Secret\ndata: [unclosed\n'), /bad\.yaml/);
  });
});
