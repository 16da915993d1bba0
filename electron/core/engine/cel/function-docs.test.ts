import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Environment } from '@marcbachmann/cel-js';
import { resourceView } from '../evaluate/resource-view';
import { resourceChange } from '../../testing/engine-fixtures';
import { CEL_VARIABLES, policyEnvironment } from './environment';
import { compileExpression } from './compile-expression';
import { CEL_VARIABLE_DOCS, DOMAIN_FUNCTION_DOCS, functionDocs } from './function-docs';

/** What the policy environment registers beyond CEL's standard library (same options). */
function domainOverloads(): string[] {
  const standard = new Set(new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false }).getDefinitions().functions.map((f) => f.signature));
  return policyEnvironment().getDefinitions().functions.map((f) => f.signature).filter((s) => !standard.has(s));
}

test('every function the engine registers has a doc, and every doc a registered function', () => {
  const registered = domainOverloads().sort();
  assert.ok(registered.length >= 12, registered.join(', '));
  assert.deepEqual(DOMAIN_FUNCTION_DOCS.flatMap((d) => d.registered).sort(), registered);
});

test('each doc has a signature per overload, a paragraph and an example that compiles', () => {
  for (const d of DOMAIN_FUNCTION_DOCS) {
    assert.equal(d.signatures.length, d.registered.length, d.name);
    assert.ok(d.summary.length > 40 && d.example.includes(d.name), d.name);
    assert.doesNotThrow(() => compileExpression(d.example), d.name);
  }
  assert.equal(functionDocs().length, DOMAIN_FUNCTION_DOCS.length);
  assert.ok(functionDocs().every((d) => !('registered' in d)));
});

test('the variables documented are the variables the environment declares; resource fields are the view\'s', () => {
  assert.deepEqual(CEL_VARIABLE_DOCS.map((v) => v.name), [...CEL_VARIABLES]);
  const view = resourceView(resourceChange({ address: 'a.b' }));
  const resource = CEL_VARIABLE_DOCS.find((v) => v.name === 'resource');
  assert.deepEqual(resource?.fields.map((f) => f.name).sort(), Object.keys(view).sort());
});
