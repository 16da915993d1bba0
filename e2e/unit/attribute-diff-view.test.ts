import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attributeDiff } from '../../electron/core/app/review/attribute-diff';
import { foldNullAdds, holdsRow, keyLabel, OPEN_WHOLE_UP_TO, opensByItself, rowForField } from '../../renderer/src/review/attribute-diff-view';
import { conditionParts, fieldText } from '../../renderer/src/review/explanation-text';

const deployment = (image: string, replicas: number) => ({
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas, template: { spec: { containers: [{ name: 'side', image: 's:1' }, { name: 'web', image, ports: [{ containerPort: 80 }] }] } } },
});

describe('the finding\'s field in the attribute diff', () => {
  const diff = attributeDiff({ before: deployment('a:1', 2), after: deployment('a:2', 2), sensitivePaths: [], unknownPaths: [], matchListsByName: true });

  test('a changed field lands on its own row', () => {
    assert.deepEqual(rowForField(diff.root, ['spec', 'template', 'spec', 'containers', 1, 'image']), ['spec', 'template', 'spec', 'containers', 1, 'image']);
  });

  test('a field among unchanged attributes lands on its row there, and that folded group opens by itself', () => {
    const row = rowForField(diff.root, ['spec', 'replicas']);
    assert.deepEqual(row, ['spec', 'replicas']);
    const spec = diff.root.children!.find((c) => c.key === 'spec')!;
    assert.ok(holdsRow(spec.unchanged ?? [], row), 'the unchanged attributes of spec open');
    assert.ok(!holdsRow(diff.root.unchanged ?? [], row), 'metadata stays folded');
  });

  test('a field inside a value shown whole lands on that value\'s row; a field in neither side lands nowhere', () => {
    assert.deepEqual(rowForField(diff.root, ['metadata', 'labels', 'app']), ['metadata']);
    assert.equal(rowForField(diff.root, ['status', 'phase']), null);
    assert.equal(rowForField(diff.root, null), null);
  });

  test('a created resource folds its null attributes, never a masked or unknown one', () => {
    const created = attributeDiff({ before: null, after: { a: null, b: 1, c: '(sensitive value)' }, sensitivePaths: ['c'], unknownPaths: ['d'], matchListsByName: false });
    const { shown, nulls } = foldNullAdds(created.root.children ?? []);
    assert.deepEqual(nulls.map((n) => n.key), ['a']);
    assert.deepEqual(shown.map((n) => n.key), ['b', 'c', 'd']);
  });
});

describe('big added values stay folded', () => {
  test('a created map with more rows than the panel renders at once is folded, unless it holds the finding\'s field', () => {
    const big = Object.fromEntries(Array.from({ length: OPEN_WHOLE_UP_TO + 1 }, (_, i) => [`k${i}`, i]));
    const created = attributeDiff({ before: null, after: { data: big, small: { a: 1 } }, sensitivePaths: [], unknownPaths: [], matchListsByName: false });
    const [data, small] = created.root.children!;
    assert.equal(opensByItself(data!, null), false);
    assert.equal(opensByItself(data!, ['data', 'k3']), true);
    assert.equal(opensByItself(small!, null), true);
    const update = attributeDiff({ before: { data: { ...big, k0: -1 } }, after: { data: big }, sensitivePaths: [], unknownPaths: [], matchListsByName: false });
    assert.equal(opensByItself(update.root.children![0]!, null), true, 'a changed level always opens');
  });
});

describe('keys read as themselves', () => {
  const label = (key: string | number) => keyLabel({ key, path: ['x', key], change: 'changed' });
  test('plain keys as written, list indexes in brackets', () => {
    assert.equal(label('publicly_accessible'), 'publicly_accessible');
    assert.equal(label('app.kubernetes.io/name'), 'app.kubernetes.io/name');
    assert.equal(label(3), '[3]');
  });
  test('a key that could pass for another is quoted, its hidden characters escaped', () => {
    assert.equal(label('app '), '"app "');
    assert.equal(label(''), '""');
    assert.equal(label('ad\u202emin'), '"ad\\u202emin"');
    assert.equal(label('a"b'), '"a\\"b"');
    assert.equal(label('tab\there'), '"tab\\there"');
  });
});

describe('the condition with its deciding clause', () => {
  test('the clause is marked where its offsets say, if the text there is the clause', () => {
    const condition = 'object.engine == "postgres" && object.publicly_accessible == false';
    const start = condition.indexOf('object.publicly');
    assert.deepEqual(conditionParts({ condition, clause: { start, end: condition.length, text: condition.slice(start) } }), {
      before: 'object.engine == "postgres" && ', clause: 'object.publicly_accessible == false', after: '',
    });
  });

  test('as a class: marked text is always the clause text, or nothing is marked', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 10 }), fc.integer({ min: -3, max: 40 }), fc.integer({ min: -3, max: 40 }), (condition, text, start, end) => {
      const parts = conditionParts({ condition, clause: { start, end, text } });
      if (parts === null) return;
      assert.equal(parts.clause, text);
      assert.equal(parts.before + parts.clause + parts.after, condition);
    }));
  });

  test('a clause that occurs twice and whose offsets are wrong is not guessed', () => {
    assert.equal(conditionParts({ condition: 'a == 1 || a == 1', clause: { start: 50, end: 56, text: 'a == 1' } }), null);
  });

  test('fields read as a policy path writes them', () => {
    assert.equal(fieldText(['spec', 'containers', 0, 'image']), 'spec.containers[0].image');
    assert.equal(fieldText(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels["app.kubernetes.io/name"]');
    assert.equal(fieldText(['@entry', 'change', 'actions']), 'change.actions', 'a replacement blames the plan entry\'s actions');
  });
});
