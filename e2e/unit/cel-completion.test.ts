import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CelCatalogDto } from '../../electron/shared/contract-editor-types';
import { celCompletions, functionDoc, pathBeforeCursor, wordAt } from '../../renderer/src/policy-editor/cel-completion';
import { markerRanges } from '../../renderer/src/policy-editor/cel-markers';

const catalog: CelCatalogDto = {
  variables: [{ name: 'resource', type: 'Resource', doc: 'the resource' }, { name: 'object', type: 'map', doc: 'after' }, { name: 'params', type: 'map', doc: 'parameters' }],
  functions: [{ name: 'glob', signature: 'glob(pattern, s) → bool', doc: 'matches a glob', example: 'glob("a/*", x)' }, { name: 'image', signature: 'image(ref) → Image', doc: 'parses', example: '' }],
  fields: [
    { path: 'object.spec.replicas', types: ['Deployment'], sample: '3' },
    { path: 'object.spec.template.spec.hostNetwork', types: ['Deployment'] },
    { path: 'object.metadata.name', types: ['Deployment', 'Service'] },
    { path: 'resource.namespace', types: ['Deployment'] },
  ],
  resourceTypes: ['Deployment', 'Service'], namespaces: ['shop'], labelKeys: ['app'], params: { p: ['ports'] },
};
const ctx = { catalog, params: ['ports', 'registries'] };
const labels = (text: string) => celCompletions(text, ctx).suggestions.map((s) => s.label);

test('after a field path the next segments seen in stored change sets are offered, each once', () => {
  assert.deepEqual(labels('object.spec.').filter((l) => l !== 'glob' && l !== 'image'), ['replicas', 'template']);
  assert.deepEqual(labels('object.').slice(0, 2), ['spec', 'metadata']);
  assert.deepEqual(labels('x && object.spec.re'), ['replicas']);
  assert.equal(celCompletions('object.spec.re', ctx).replace, 2);
});

test('after params. only the policy parameters are offered', () => {
  assert.deepEqual(labels('size(params.'), ['ports', 'registries']);
  assert.deepEqual(labels('params.r'), ['registries']);
});

test('at the start of a word: variables, domain functions and literals, filtered by what is typed', () => {
  assert.deepEqual(labels(''), ['resource', 'object', 'params', 'glob', 'image', 'true', 'false', 'null', 'in']);
  assert.deepEqual(labels('a || re'), ['resource']);
  assert.deepEqual(labels('!gl'), ['glob']);
});

test('nothing is offered inside a string literal, escaped quotes included', () => {
  for (const t of ['"object.', "x == 'params.", '"a\\"b object.', 'r"abc']) assert.deepEqual(labels(t), [], t);
  assert.notDeepEqual(labels('"done" == object.'), []);
});

test('a member call on an expression result is not read as a field path', () => {
  assert.deepEqual(pathBeforeCursor('f(x).spec.'), { prefix: '.', partial: '' });
  assert.deepEqual(pathBeforeCursor('xs[0].na'), { prefix: '.', partial: 'na' });
  assert.deepEqual(labels('f(x).'), ['glob', 'image']);
});

test('hover docs name functions only', () => {
  assert.equal(wordAt('a && glob("x", y)', 7), 'glob');
  assert.match(functionDoc(catalog, 'glob') ?? '', /matches a glob/);
  assert.equal(functionDoc(catalog, 'resource'), null);
  assert.equal(functionDoc(undefined, 'glob'), null);
});

test('diagnostics become markers on real positions: out-of-range and empty ranges still show', () => {
  const text = 'a &&\nbb';
  assert.deepEqual(markerRanges(text, [{ field: 'condition', message: 'm', severity: 'error', startLine: 2, startColumn: 1, endLine: 2, endColumn: 3 }])[0],
    { message: 'm', severity: 'error', startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 3 });
  const [far] = markerRanges(text, [{ field: 'condition', message: 'm', severity: 'error', startLine: 9, startColumn: 40, endLine: 9, endColumn: 40 }]);
  assert.equal(far!.startLineNumber, 2);
  assert.ok(far!.endColumn > far!.startColumn, 'a visible range');
  const [empty] = markerRanges(text, [{ field: 'condition', message: 'm', severity: 'warning', startLine: 1, startColumn: 2, endLine: 1, endColumn: 2 }]);
  assert.ok(empty!.endColumn > empty!.startColumn);
});
