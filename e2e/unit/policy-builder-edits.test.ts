import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BuilderCondition } from '../../renderer/src/policy-editor/builder-bridge';
import { toBuilder, toCel } from '../../renderer/src/policy-editor/builder-bridge';
import { appendAt, newRow, parseValue, updateAt, valueKind, valueText } from '../../renderer/src/policy-editor/builder-model';
import { labelsText, parseLabels, withSelector } from '../../renderer/src/policy-editor/match-model';
import { shouldWrite } from '../../renderer/src/policy-editor/use-policy-field';

const tree: BuilderCondition = {
  kind: 'group', join: 'all', items: [
    { kind: 'row', path: 'resource.namespace', op: '==', value: 'shop' },
    { kind: 'forEachContainer', join: 'all', items: [{ kind: 'row', path: 'c.image', op: 'startsWith', value: 'ghcr.io/' }] },
    { kind: 'raw', cel: 'size(x) > 0 // keep' },
  ],
};

test('an edit changes only the item at its path; the rest of the tree is the same objects', () => {
  const next = updateAt(tree, [1, 0], (it) => ({ ...it, value: 'quay.io/' } as typeof it));
  assert.deepEqual((next.items[1] as { readonly items: readonly unknown[] }).items[0], { kind: 'row', path: 'c.image', op: 'startsWith', value: 'quay.io/' });
  assert.equal(next.items[0], tree.items[0]);
  assert.equal(next.items[2], tree.items[2]);
  assert.deepEqual(tree.items[1], { kind: 'forEachContainer', join: 'all', items: [{ kind: 'row', path: 'c.image', op: 'startsWith', value: 'ghcr.io/' }] }, 'the input is not mutated');
});

test('remove and append at a position; a path that leads nowhere changes nothing', () => {
  assert.deepEqual(updateAt(tree, [2], () => null).items.length, 2);
  assert.equal(appendAt(tree, [1], newRow('c.name')).items[1]!.kind, 'forEachContainer');
  assert.equal((appendAt(tree, [1], newRow('c.name')).items[1] as { readonly items: readonly unknown[] }).items.length, 2);
  assert.equal(appendAt(tree, [], newRow()).items.length, 4);
  for (const path of [[5], [0, 0], [-1], [2, 1]]) assert.deepEqual(updateAt(tree, path, () => null), tree, JSON.stringify(path));
});

test('values are read as the kind chosen, refusing what is not that kind instead of guessing', () => {
  assert.deepEqual(parseValue('number', ' 3 '), { ok: true, value: 3 });
  for (const bad of ['', '12a', 'NaN', 'Infinity', '1e999']) assert.equal(parseValue('number', bad).ok, false, bad);
  assert.deepEqual(parseValue('boolean', 'true'), { ok: true, value: true });
  assert.equal(parseValue('boolean', 'yes').ok, false);
  assert.deepEqual(parseValue('list', ' a, b ,, c '), { ok: true, value: ['a', 'b', 'c'] });
  assert.deepEqual(parseValue('text', ' keep spaces '), { ok: true, value: ' keep spaces ' });
  assert.deepEqual(parseValue('param', 'ports'), { ok: true, value: { param: 'ports' } });
  for (const bad of ['', 'a-b', 'a.b', '1x']) assert.equal(parseValue('param', bad).ok, false, bad);
});

test('a value shown in its input and read back is the same value', () => {
  fc.assert(fc.property(fc.oneof(
    fc.string(), fc.integer(), fc.boolean(),
    fc.array(fc.string({ minLength: 1 }).filter((s) => !s.includes(',') && s.trim() === s), { minLength: 1 }),
  ), (v) => {
    const r = parseValue(valueKind(v), valueText(v));
    assert.deepEqual(r, { ok: true, value: v });
  }));
});

test('showing a condition (builder or CEL view) writes nothing; only a changed value is written, once', () => {
  fc.assert(fc.property(fc.string(), (cel) => {
    // What the builder shows reads back as the same bytes, so a view switch has nothing to write.
    assert.equal(toCel(toBuilder(cel)), cel);
    assert.equal(shouldWrite(cel, cel), false);
  }));
  assert.equal(shouldWrite('a == 1', 'a == 2'), true);
  assert.equal(shouldWrite('a == 1', undefined), false, 'no policy: nothing to write to');
  // Typed back to the last loaded value after a broken one was written: the draft holds the
  // broken one, so the fix is written (comparing with the stale loaded value would skip it).
  assert.equal(shouldWrite('a == 1', 'a == 1 &&'), true);
});

test('match selectors: an empty list or map is dropped (absent matches all; empty would match none)', () => {
  const m = withSelector({ sources: ['kubernetes'], types: ['Deployment'] }, 'types', []);
  assert.deepEqual(m, { sources: ['kubernetes'] });
  assert.deepEqual(withSelector(m, 'labels', {}), { sources: ['kubernetes'] });
  assert.deepEqual(withSelector(m, 'namespaces', ['shop']), { sources: ['kubernetes'], namespaces: ['shop'] });
});

test('labels are read line by line; a malformed or repeated line is an error, never dropped', () => {
  assert.deepEqual(parseLabels('app=web\n\n team = a=b '), { ok: true, labels: { app: 'web', team: 'a=b' } });
  assert.deepEqual(parseLabels('app'), { ok: false, message: 'line 1: expected key=value' });
  assert.deepEqual(parseLabels('x=1\n=2'), { ok: false, message: 'line 2: expected key=value' });
  assert.deepEqual(parseLabels('a=1\na=2'), { ok: false, message: 'line 2: label a is given twice' });
  const proto = parseLabels('__proto__=x');
  assert.ok(proto.ok && Object.hasOwn(proto.labels, '__proto__') && proto.labels['__proto__'] === 'x', '__proto__ is an ordinary label');
  assert.equal(labelsText({ app: 'web', team: 'a' }), 'app=web\nteam=a');
});

test('an edit in the builder rewrites only the edited row: comments, layout and raw chips keep their bytes', () => {
  const cel = [
    '// the customer wrote this by hand',
    'resource.namespace != "default" &&',
    '  object.spec.replicas >= 2 && // keep at least two',
    '  size(resource.address) > 0',
  ].join('\n');
  const shown = toBuilder(cel);
  assert.equal(toCel(shown), cel, 'showing it changes nothing');
  const rowAt = shown.items.findIndex((i) => i.kind === 'row' && i.path === 'resource.namespace');
  assert.ok(rowAt >= 0, `the namespace comparison is a row: ${JSON.stringify(shown.items)}`);
  const edited = toCel(updateAt(shown, [rowAt], (it) => ({ ...it, value: 'kube-system' } as typeof it)));
  assert.equal(edited, cel.replace('"default"', '"kube-system"'));
  const removed = toCel(updateAt(shown, [rowAt], () => null));
  assert.ok(removed.includes('// the customer wrote this by hand') && removed.includes('object.spec.replicas >= 2') && !removed.includes('namespace'), removed);
});
