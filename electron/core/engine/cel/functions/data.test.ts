import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../compile-expression';
import { asList, lookup, parseJSON } from './data';

const obj = { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] }, empty: null };

describe('lookup', () => {
  test('dotted string path with indexes', () => assert.equal(lookup(obj, 'spec.containers[0].ports[0].containerPort', 0), 80));
  test('quoted keys for keys with dots', () => assert.equal(lookup(obj, 'metadata.labels["app.kubernetes.io/name"]', ''), 'web'));
  test('list path with ints (CEL BigInt) and strings', () => assert.equal(lookup(obj, ['spec', 'containers', 0n, 'name'], ''), 'a'));
  test('missing step → default', () => assert.equal(lookup(obj, 'spec.volumes[0].name', 'none'), 'none'));
  test('null value → default', () => assert.equal(lookup(obj, 'empty.x', 'd'), 'd'));
  test('index out of range → default', () => assert.equal(lookup(obj, 'spec.containers[5]', 'd'), 'd'));
  test('malformed path is an error', () => assert.throws(() => lookup(obj, 'a..b', 0), { name: 'CelFunctionError' }));
  test('from CEL, both path forms', () => {
    const c = compileExpression('lookup(object, "spec.containers[0].name", "") == "a" && lookup(object, ["nope", 1], 7) == 7');
    assert.equal(c.run({ resource: {}, object: obj, oldObject: null, params: {}, changeset: {}, now: new Date() }), true);
  });
});

describe('asList', () => {
  test('list stays', () => assert.deepEqual(asList([1, 2]), [1, 2]));
  test('null → []', () => assert.deepEqual(asList(null), []));
  test('scalar → [x]', () => assert.deepEqual(asList('a'), ['a']));
});

describe('parseJSON', () => {
  test('decodes a Terraform policy document (CRLF inside)', () => {
    const doc = parseJSON('{\r\n "Statement": [{"Action": "iam:*", "Resource": "*"}]\r\n}') as { Statement: { Action: string }[] };
    assert.equal(doc.Statement[0]?.Action, 'iam:*');
  });
  test('invalid JSON is an error', () => assert.throws(() => parseJSON('{"a":'), { name: 'CelFunctionError', message: /parseJSON/ }));
  test('from CEL', () => {
    const c = compileExpression('asList(parseJSON(object.policy).Statement).exists(s, asList(s.Action).exists(a, a.endsWith("*")))');
    assert.equal(c.run({ resource: {}, object: { policy: '{"Statement": {"Action": ["s3:*"]}}' }, oldObject: null, params: {}, changeset: {}, now: new Date() }), true);
  });
});
