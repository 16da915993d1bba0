import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../../engine/cel/compile-expression';
import { describeRow } from './describe-row';
import { rowCel, rowProblem } from './row-cel';
import { rawChipProblem, toBuilder } from './to-builder';
import { toCel } from './to-cel';
import type { BuilderCondition, BuilderRow } from './types';

const row = (path: string, op: BuilderRow['op'], value: BuilderRow['value']): BuilderRow => ({ kind: 'row', path, op, value });

describe('toCel writes rows as documented', () => {
  const cases: [BuilderRow, string][] = [
    [row('resource.namespace', '==', 'prod'), 'resource.namespace == "prod"'],
    [row('object.spec.replicas', '>=', 2), 'lookup(object, "spec.replicas", null) >= 2'],
    [row('object.metadata.labels["app.kubernetes.io/name"]', '!=', 'x'), 'lookup(object, "metadata.labels[\\"app.kubernetes.io/name\\"]", null) != "x"'],
    [row('resource.type', 'notIn', ['a', 'b']), '!(resource.type in ["a", "b"])'],
    [row('resource.type', 'in', { param: 'types' }), 'resource.type in params.types'],
    [row('c.image', 'startsWith', { param: 'approved-registries' }), 'c.image.startsWith(params["approved-registries"])'],
    [row('resource.name', 'glob', 'web-*'), 'glob("web-*", resource.name)'],
    [row('resource.name', 'glob', ['web-*', 'api-*']), 'globAny(["web-*", "api-*"], resource.name)'],
    [row('object.spec.hostNetwork', 'exists', null), 'lookup(object, "spec.hostNetwork", null) != null'],
    [row('oldObject', 'notExists', null), 'oldObject == null'],
    [row('object.size', '<', 1.5), 'lookup(object, "size", null) < 1.5'],
    [row('object.size', '<', 1e20), 'lookup(object, "size", null) < 100000000000000000000.0'],
  ];
  for (const [r, cel] of cases) {
    test(cel, () => {
      assert.equal(rowProblem(r, true), undefined);
      assert.equal(rowCel(r), cel);
      assert.doesNotThrow(() => compileExpression(cel.replaceAll('c.', 'resource.')));
    });
  }
});

describe('a missing field reads as null (the documented choice)', () => {
  const activation = (object: unknown) => ({ resource: { namespace: 'a' }, object, oldObject: null, params: {}, changeset: {}, now: new Date(0) });
  const evaluate = (r: BuilderRow, object: unknown): unknown => {
    try {
      return compileExpression(rowCel(r)).run(activation(object));
    } catch {
      return 'error';
    }
  };
  for (const object of [null, {}, { spec: null }, { spec: {} }]) {
    test(`object ${JSON.stringify(object)}`, () => {
      assert.equal(evaluate(row('object.spec.x', '==', 1), object), false);
      assert.equal(evaluate(row('object.spec.x', '!=', 1), object), true);
      assert.equal(evaluate(row('object.spec.x', 'notIn', ['a']), object), true);
      assert.equal(evaluate(row('object.spec.x', 'exists', null), object), false);
      assert.equal(evaluate(row('object.spec.x', 'notExists', null), object), true);
      // Ordering or string tests on a missing field fail closed (an error finding).
      assert.equal(evaluate(row('object.spec.x', '>', 1), object), 'error');
      assert.equal(evaluate(row('object.spec.x', 'startsWith', 'a'), object), 'error');
    });
  }
  test('a present field compares', () => {
    assert.equal(evaluate(row('object.spec.x', '>', 1), { spec: { x: 2 } }), true);
    assert.equal(evaluate(row('object.spec.x', 'exists', null), { spec: { x: false } }), true);
  });
});

describe('rowProblem refuses what toCel cannot write back', () => {
  test('table', () => {
    assert.match(rowProblem(row('object.a', 'in', 'x'), false) ?? '', /takes list or param/);
    assert.match(rowProblem(row('c.image', '==', 'x'), false) ?? '', /for every container/);
    assert.match(rowProblem(row('object..a', '==', 'x'), false) ?? '', /field path/);
    assert.match(rowProblem(row('object["a]"]', '==', 'x'), false) ?? '', /field path/);
    assert.match(rowProblem(row('params.x', '==', 'x'), false) ?? '', /field path/);
    assert.match(rowProblem(row('object.a', '==', Number.NaN), false) ?? '', /cannot be written/);
    assert.match(rowProblem(row('object.a', '==', '\uD800'), false) ?? '', /surrogate/);
    assert.match(rowProblem(row('object.a', 'exists', 'x'), false) ?? '', /takes none/);
  });
});

describe('toBuilder', () => {
  test('a multi-line condition with comments keeps its layout and shows its rows', () => {
    const text = '// only services\nresource.type == "Service" &&\n  !(string(lookup(object, "spec.type", "ClusterIP")) in ["LoadBalancer"]) && // why\n  lookup(object, "spec.ports", null) != null\n';
    const b = toBuilder(text);
    assert.deepEqual(b.items.map((i) => i.kind), ['row', 'raw', 'row']);
    assert.deepEqual(b.layout, { lead: '// only services\n', seps: [' &&\n  ', ' && // why\n  '], trail: '\n' });
    assert.equal(toCel(b), text);
  });
  test('text that does not parse is one raw chip', () => {
    assert.deepEqual(toBuilder('resource.type == && x'), { kind: 'group', join: 'all', items: [{ kind: 'raw', cel: 'resource.type == && x' }] });
  });
  test('strings and comments are read as cel-js reads them, so no hidden || becomes an item', () => {
    // A comment runs to "\n" only: after "\r" the rest is still comment to cel-js.
    assert.deepEqual(toBuilder('resource.name == "a" // note\r|| resource.name == "b"').items.length, 1);
    // A backslash skips the next character in a raw string too (cel-js): the string runs on.
    const text = 'resource.name == r"\\" || resource.name == "b" || x == "c"';
    const b = toBuilder(text);
    assert.equal(toCel(b), text);
    assert.ok(b.items.length <= 2, JSON.stringify(b));
  });
  test('a conditional at the top stays whole', () => {
    assert.equal(toBuilder('a ? b && c : d').items.length, 1);
  });
  test('a spelling other than the canonical one stays raw (never reformatted)', () => {
    for (const text of ['resource.namespace=="a"', "resource.namespace == 'a'", 'lookup(object, "spec.x", null) == 2.0', 'lookup(object, ["spec", "x"], null) == 2']) {
      assert.deepEqual(toBuilder(text).items, [{ kind: 'raw', cel: text }]);
    }
  });
});

describe('editing the model keeps the CEL meaning', () => {
  test('a raw chip with || or ?: inside an all group is parenthesized', () => {
    const b: BuilderCondition = { kind: 'group', join: 'all', items: [row('resource.namespace', '==', 'a'), { kind: 'raw', cel: 'x || y' }, { kind: 'raw', cel: 'p ? q : r' }] };
    assert.equal(toCel(b), 'resource.namespace == "a" && (x || y) && (p ? q : r)');
  });
  test('a raw chip ending in a comment is closed before what follows', () => {
    const b: BuilderCondition = { kind: 'group', join: 'any', items: [{ kind: 'raw', cel: 'x // note' }, row('resource.namespace', '==', 'a')] };
    assert.equal(toCel(b), 'x // note\n || resource.namespace == "a"');
    assert.equal(compileExpression(toCel(b).replace('x', 'true')).type, 'bool');
  });
  test('items added after a layout get the canonical separator; an invalid separator is replaced', () => {
    const b: BuilderCondition = { kind: 'group', join: 'all', items: [row('resource.name', '==', 'a'), row('resource.name', '==', 'b'), row('resource.name', '==', 'c')], layout: { lead: '', seps: ['|| '], trail: '' } };
    assert.equal(toCel(b), 'resource.name == "a" && resource.name == "b" && resource.name == "c"');
  });
  test('empty groups are true (all) and false (any)', () => {
    assert.equal(toCel({ kind: 'group', join: 'all', items: [] }), 'true');
    assert.equal(toCel({ kind: 'group', join: 'all', items: [row('resource.name', '==', 'a'), { kind: 'group', join: 'any', items: [] }] }), 'resource.name == "a" && (false)');
  });
});

test('rawChipProblem flags a chip that is not a whole expression', () => {
  assert.equal(rawChipProblem('size(object.items) > 3'), undefined);
  assert.match(rawChipProblem('a) || (b') ?? '', /./);
  assert.match(rawChipProblem('x ==') ?? '', /./);
});

describe('describeRow', () => {
  test('plain English', () => {
    assert.equal(describeRow(row('object.spec.replicas', '>=', 2)), 'After the change, spec.replicas is at least 2');
    assert.equal(describeRow(row('resource.namespace', 'in', ['a', 'b'])), 'Resource namespace is one of "a", "b"');
    assert.equal(describeRow(row('c.image', 'startsWith', { param: 'registries' })), 'Container image starts with the parameter "registries"');
    assert.equal(describeRow(row('oldObject.spec.type', 'notExists', null)), 'Before the change, spec.type is not set (missing or null)');
    assert.equal(describeRow(row('resource.name', 'glob', ['a*'])), 'Resource name matches one of the globs "a*"');
  });
});
