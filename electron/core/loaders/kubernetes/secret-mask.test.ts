// What the model masks: every Secret wherever it sits and however its kind is spelt; every
// non-structural field of it; last-applied copies of a Secret. ConfigMaps stay as they are.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { maskSecretValues } from './secret-mask';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const leaks = (v: unknown): boolean => JSON.stringify(v).includes('hunter2');

describe('maskSecretValues', () => {
  const secrets: readonly [string, Record<string, unknown>][] = [
    ['apiVersion other than v1', { apiVersion: 'core/v1', kind: 'Secret', metadata: { name: 's' }, data: { p: 'hunter2' } }],
    ['kind in another case, with blanks', { apiVersion: 'v1', kind: ' secret ', metadata: { name: 's' }, stringData: { p: 'hunter2' } }],
    ['a misspelt field (stringdata)', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringdata: { p: 'hunter2' } }],
    ['data that is not a mapping', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: ['hunter2'] }],
    ['a type that is a mapping', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: { p: 'hunter2' } }],
    ['an unknown metadata field', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', password: 'hunter2' } }],
    ['the last-applied annotation', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { [LAST_APPLIED]: '{"data":{"p":"hunter2"}}' } } }],
    ['a Secret embedded in a custom resource', { apiVersion: 'x/v1', kind: 'Template', metadata: { name: 't' }, spec: { template: { kind: 'Secret', stringData: { p: 'hunter2' } } } }],
    ['Secret items of a named list', { apiVersion: 'x/v1', kind: 'AllowList', metadata: { name: 'l' }, items: [{ kind: 'Secret', data: { p: 'hunter2' } }] }],
    ['a kindless item of a named SecretList', { apiVersion: 'v1', kind: 'SecretList', metadata: { name: 'l' }, items: [{ metadata: { name: 's' }, data: { p: 'hunter2' } }] }],
    ['a ConfigMap whose last-applied holds a Secret', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { [LAST_APPLIED]: '{"kind":"Secret","data":{"p":"hunter2"}}' } } }],
    ['a last-applied annotation that is not JSON', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { [LAST_APPLIED]: 'kind: Secret\ndata: {p: hunter2}' } } }],
  ];
  for (const [name, object] of secrets) {
    test(`masks ${name}`, () => {
      const r = maskSecretValues(object);
      assert.ok(!leaks(r.object), JSON.stringify(r.object));
      assert.ok(r.sensitivePaths.length > 0);
      assert.ok(leaks(object), 'the input itself is not changed');
    });
  }

  test('keys, names and labels stay; paths name each masked value', () => {
    const r = maskSecretValues({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: { a: 'b' } }, type: 'Opaque', data: { p: 'hunter2', 'tls.key': 'x' } });
    assert.deepEqual(r.object, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: { a: 'b' } }, type: 'Opaque', data: { p: SENSITIVE_MASK, 'tls.key': SENSITIVE_MASK } });
    assert.deepEqual(r.sensitivePaths, ['data.p', 'data["tls.key"]']);
    const embedded = maskSecretValues({ kind: 'T', spec: { list: [{ kind: 'Secret', data: { p: 'hunter2' } }] } });
    assert.deepEqual(embedded.sensitivePaths, ['spec.list[0].data.p']);
  });

  test('a ConfigMap (and its own last-applied copy) is returned unchanged', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { [LAST_APPLIED]: '{"kind":"ConfigMap","data":{"p":"shown"}}' } }, data: { p: 'shown' } };
    const r = maskSecretValues(config);
    assert.equal(r.object, config);
    assert.deepEqual(r.sensitivePaths, []);
  });
});
