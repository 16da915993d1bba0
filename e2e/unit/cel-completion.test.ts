import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CelCatalogDto } from '../../electron/shared/contract-editor-types';
import { celCompletions, functionDoc, pathBeforeCursor, wordAt } from '../../renderer/src/policy-editor/cel-completion';
import { markerRanges } from '../../renderer/src/policy-editor/cel-markers';
import { catalogFields, policyParamNames, resourceTypeNames } from '../../renderer/src/policy-editor/catalog-view';

const catalog: CelCatalogDto = {
  variables: [
    { name: 'resource', type: 'Resource', summary: 'the resource', fields: [{ name: 'namespace', type: 'string', summary: 'its namespace' }, { name: 'address', type: 'string', summary: 'its address' }] },
    { name: 'object', type: 'map', summary: 'after', fields: [] },
    { name: 'params', type: 'map', summary: 'parameters', fields: [] },
  ],
  functions: [
    { name: 'glob', signatures: ['glob(pattern: string, s: string) → bool'], summary: 'matches a glob', example: 'glob("a/*", x)', receiverStyle: false },
    { name: 'image', signatures: ['image(ref: string) → Image'], summary: 'parses', example: '', receiverStyle: false },
    { name: 'matches', signatures: ['s.matches(re: string) → bool'], summary: 'RE2', example: '', receiverStyle: true },
  ],
  resourceTypes: [
    { source: 'kubernetes', type: 'Deployment', resources: 3, truncated: false, paths: [
      { path: 'object.spec.replicas', kinds: ['number'], examples: ['3'] },
      { path: 'object.spec.template.spec.hostNetwork', kinds: ['boolean'], examples: [] },
      { path: 'object.metadata.name', kinds: ['string'], examples: ['web'] },
    ] },
    { source: 'kubernetes', type: 'Service', resources: 1, truncated: false, paths: [{ path: 'object.metadata.name', kinds: ['string'], examples: ['lb'] }] },
  ],
  containerPaths: [{ path: 'c.image', kinds: ['string'], examples: ['ghcr.io/acme/web:1'] }],
  namespaces: ['shop'], labelKeys: ['app'], policies: [{ policy: 'p', parameters: [{ name: 'ports', description: '', type: 'number-list' }] }],
  changeSetsRead: 2, truncated: false,
};
const ctx = { catalog, params: ['ports', 'registries'] };
const labels = (text: string) => celCompletions(text, ctx).suggestions.map((s) => s.label);

test('after a field path the next segments seen in stored change sets are offered, each once', () => {
  assert.deepEqual(labels('object.spec.'), ['replicas', 'template', 'matches'], 'fields, then methods (not global functions)');
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
  assert.deepEqual(labels('resource.'), ['namespace', 'address', 'matches'], 'documented variable fields');
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
  assert.deepEqual(labels('f(x).'), ['matches']);
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

test('the catalogue lists each field path once, with the types it was seen on; type names once, sorted', () => {
  const fields = catalogFields(catalog);
  assert.deepEqual(fields.map((f) => f.path), ['resource.namespace', 'resource.address', 'object.spec.replicas', 'object.spec.template.spec.hostNetwork', 'object.metadata.name', 'c.image']);
  assert.deepEqual(fields.find((f) => f.path === 'object.metadata.name')?.types, ['Deployment', 'Service']);
  assert.equal(fields.find((f) => f.path === 'object.metadata.name')?.doc, 'Seen: web, lb');
  assert.deepEqual(resourceTypeNames(catalog), ['Deployment', 'Service']);
  assert.deepEqual(policyParamNames(catalog, 'p'), ['ports']);
  assert.deepEqual(policyParamNames(catalog, 'other'), []);
  assert.deepEqual(labels('c.'), ['image', 'matches']);
  assert.deepEqual(catalogFields(undefined), []);
});
