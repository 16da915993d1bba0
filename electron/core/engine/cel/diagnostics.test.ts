import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultContract } from '../contract/load-contract';
import { compileExpression } from './compile-expression';
import { checkExpression, checkPolicyExpressions, positionAt } from './diagnostics';
import type { CelDiagnostic } from './diagnostics';

const at = (d: CelDiagnostic) => [d.startLine, d.startColumn, d.endLine, d.endColumn];

describe('checkExpression', () => {
  test('a syntax error on the second line points at its line and column', () => {
    const [d, ...rest] = checkExpression('condition', 'resource.action != "delete" &&\n  object.size >', []);
    assert.equal(rest.length, 0);
    assert.equal(d?.field, 'condition');
    assert.deepEqual(at(d as CelDiagnostic).slice(0, 2), [2, 16]);
  });
  test('an unknown function is named at its name, with a suggestion, once', () => {
    const ds = checkExpression('condition', 'resource.name != "" && globb("a*", resource.name)', []);
    assert.equal(ds.length, 1);
    assert.match(ds[0]?.message ?? '', /^unknown function globb \(did you mean glob\?\)/);
    assert.deepEqual(at(ds[0] as CelDiagnostic), [1, 24, 1, 29]);
  });
  test('an unknown method is named at its name', () => {
    const ds = checkExpression('condition', 'resource.name.startswith("a")', []);
    assert.equal(ds.length, 1);
    assert.match(ds[0]?.message ?? '', /unknown function startswith \(did you mean startsWith\?\)/);
    assert.deepEqual(at(ds[0] as CelDiagnostic), [1, 15, 1, 25]);
  });
  test('every unknown parameter is reported, with what the policy declares', () => {
    const ds = checkExpression('condition', 'resource.namespace in params.namespace || resource.name in params["names"] || params.registries == []', ['namespaces', 'registries']);
    assert.deepEqual(ds.map((d) => d.message), [
      'unknown parameter "namespace" (did you mean namespaces?): the policy declares namespaces, registries',
      'unknown parameter "names": the policy declares namespaces, registries',
    ]);
    assert.deepEqual(at(ds[0] as CelDiagnostic), [1, 23, 1, 39]);
  });
  test('a condition that is not a bool, a path that is not a list', () => {
    assert.match(checkExpression('condition', 'size(object.items)', [])[0]?.message ?? '', /must be a bool expression, but it is int/);
    assert.match(checkExpression('path', '"spec"', [])[0]?.message ?? '', /path must be a list/);
  });
  test('a regex RE2 cannot run is underlined where the pattern is', () => {
    const ds = checkExpression('condition', 'resource.name.matches("^(a)\\\\1$")', []);
    assert.match(ds[0]?.message ?? '', /backreference/);
    assert.deepEqual(at(ds[0] as CelDiagnostic), [1, 23, 1, 33]);
  });
  test('message templates: each broken part, at its place in the message', () => {
    const ds = checkExpression('message', '{{ resource.address }} has {{ object. }}\nand {{ params.nope }} {{ frob(1) }}', []);
    assert.equal(ds.length, 3);
    assert.deepEqual(ds.map((d) => d.startLine), [1, 2, 2]);
    assert.match(ds[1]?.message ?? '', /unknown parameter "nope"/);
    assert.deepEqual(at(ds[1] as CelDiagnostic), [2, 8, 2, 19]);
    assert.match(ds[2]?.message ?? '', /unknown function frob/);
  });
  test('an empty condition is an error; valid text has none', () => {
    assert.match(checkExpression('condition', '  ', [])[0]?.message ?? '', /empty/);
    assert.deepEqual(checkExpression('condition', 'resource.containers.all(c, c.image.startsWith(params.r)) && inWindow(now, params.w)', ['r', 'w']), []);
  });
  test('never throws, and every range lies inside the text (any input)', () => {
    fc.assert(fc.property(fc.constantFrom('condition', 'message', 'path') as fc.Arbitrary<'condition' | 'message' | 'path'>, fc.string({ unit: fc.constantFrom('a', '(', ')', '"', '{{', '}}', '.', 'params', ' ', '\n', '&&', 'x(', '1', ',') }), (field, text) => {
      for (const d of checkExpression(field, text, ['a'])) {
        const lines = text.split('\n');
        assert.ok(d.startLine >= 1 && d.endLine <= lines.length && d.startLine <= d.endLine);
        assert.ok(d.startColumn >= 1 && d.endColumn <= (lines[d.endLine - 1]?.length ?? 0) + 1);
      }
    }), { numRuns: 500 });
  });
});

test('no diagnostic exactly when the engine compiles the condition (and its names are known)', () => {
  const piece = fc.constantFrom('resource.name', ' == ', '"a"', ' && ', ' || ', 'params.a', 'params.b', 'glob(', 'globb(', ', ', ')', '(', 'size(object.items)', ' > 1', '!', 'true', '.matches("(")', '.startsWith("x")', '1');
  fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((xs) => xs.join('')), (text) => {
    let compiles = true;
    try {
      const type = compileExpression(text).type;
      compiles = type === 'bool' || type === 'dyn';
    } catch {
      compiles = false;
    }
    const ds = checkExpression('condition', text, ['a']);
    if (!compiles) assert.ok(ds.length > 0, text);
    else assert.deepEqual(ds.map((d) => d.message).filter((m) => !/^unknown (parameter|function)/.test(m)), [], text);
  }), { numRuns: 1000 });
});

describe('checkPolicyExpressions', () => {
  test('every baseline policy checks clean', () => {
    for (const p of defaultContract().policies) assert.deepEqual(checkPolicyExpressions(p), [], p.id);
  });
  test('all three fields, each named', () => {
    const ds = checkPolicyExpressions({ condition: 'params.x', message: '{{ 1 + }}', path: '1', parameters: {} });
    assert.deepEqual(ds.map((d) => d.field), ['condition', 'message', 'path']);
  });
  test('extra parameter names count as declared', () => {
    assert.deepEqual(checkPolicyExpressions({ condition: 'params.x == 1', parameters: {} }, { extraParameters: ['x'] }), []);
  });
});

test('positionAt counts lines and UTF-16 columns from 1', () => {
  assert.deepEqual(positionAt('ab\nc😀d', 6), { line: 2, column: 4 });
  assert.deepEqual(positionAt('', 0), { line: 1, column: 1 });
});
