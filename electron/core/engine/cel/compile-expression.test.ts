import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CelCompileError, compileExpression } from './compile-expression';
import type { Activation } from './compile-expression';

function activation(over: Partial<Activation> = {}): Activation {
  return { resource: {}, object: null, oldObject: null, params: {}, changeset: {}, now: new Date('2026-01-05T03:00:00Z'), ...over };
}

function compileError(src: string): CelCompileError {
  try {
    compileExpression(src);
  } catch (err) {
    assert.ok(err instanceof CelCompileError, `expected CelCompileError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${src} not to compile`);
}

describe('compileExpression', () => {
  test('parse errors carry the offset of the problem', () => {
    const err = compileError('object.a == 1 &&');
    assert.equal(err.offset, 'object.a == 1 &&'.length);
    assert.match(err.reason, /Unexpected token/);
  });

  test('unknown variables and functions are compile errors, not runtime errors', () => {
    assert.match(compileError('objekt.spec == 1').reason, /objekt/);
    const fn = compileError('object.a && nosuch(1)');
    assert.match(fn.reason, /nosuch/);
    assert.equal(fn.offset, 'object.a && '.length);
  });

  test('an empty expression is rejected', () => {
    assert.match(compileError('   ').reason, /empty/);
  });

  test('JSON numbers compare with int literals; missing keys throw at run time', () => {
    const c = compileExpression('object.port == 22');
    assert.equal(c.type, 'bool');
    assert.equal(c.run(activation({ object: { port: 22 } })), true);
    assert.throws(() => c.run(activation({ object: {} })), /No such key: port/);
  });

  test('now is a timestamp, params and changeset are maps', () => {
    const c = compileExpression('now > timestamp("2026-01-01T00:00:00Z") && params.max == 3 && changeset.release == "1.2"');
    assert.equal(c.run(activation({ params: { max: 3 }, changeset: { release: '1.2' } })), true);
  });

  test('optional chaining is available', () => {
    assert.equal(compileExpression('object.?spec.?replicas.orValue(1) == 1').run(activation({ object: {} })), true);
  });
});

describe('matches runs on RE2', () => {
  const hostile = `${'a'.repeat(20_000)}b`;

  test('receiver, global and macro-nested matches all give CEL results', () => {
    const a = activation({ object: { name: 'web-01', names: ['x', 'db-7'] } });
    assert.equal(compileExpression('object.name.matches("^web-[0-9]+$")').run(a), true);
    assert.equal(compileExpression('matches(object.name, "^db")').run(a), false);
    assert.equal(compileExpression('object.names.exists(n, n.matches("db-\\\\d"))').run(a), true);
    // CEL matches is a search, not a full match
    assert.equal(compileExpression('object.name.matches("eb")').run(a), true);
  });

  test('(a+)+$ on a long non-matching string returns false (RE2, not backtracking)', () => {
    // With JavaScript RegExp this input would not finish (see measure-engine.ts for figures).
    assert.equal(compileExpression('object.s.matches("(a+)+$")').run(activation({ object: { s: hostile } })), false);
    assert.equal(compileExpression('matches(object.s, "(a+)+$")').run(activation({ object: { s: hostile } })), false);
    assert.equal(compileExpression('object.s.matches(params.re)').run(activation({ object: { s: hostile }, params: { re: '(a+)+$' } })), false);
  });

  test('rewriting keeps error positions where the author wrote them', () => {
    const src = 'object.name.matches("x") && object.name.matches("y") && nosuch()';
    assert.equal(compileError(src).offset, src.indexOf('nosuch'));
  });

  test('a comment between the receiver and matches does not defeat the rewrite', () => {
    assert.equal(compileExpression('object.s // the name\n  .matches("(a+)+$")').run(activation({ object: { s: hostile } })), false);
  });

  for (const [label, pattern, feature] of [['backreference', '(a)\\\\1', 'a backreference'], ['lookahead', 'a(?=b)', 'a lookaround'], ['negative lookbehind', '(?<!x)y', 'a lookaround']] as const) {
    test(`a literal ${label} pattern is rejected at compile time, pointing at the pattern`, () => {
      const src = `object.name.matches("${pattern}")`;
      const err = compileError(src);
      assert.ok(err.reason.endsWith(`needs backtracking (${feature}); use RE2 syntax`), err.reason);
      assert.equal(err.offset, src.indexOf('"'));
    });
  }

  test('a dynamic pattern RE2 rejects is a runtime error (the evaluator fails closed on it)', () => {
    const c = compileExpression('object.name.matches(params.re)');
    assert.throws(() => c.run(activation({ object: { name: 'ab' }, params: { re: 'a(?=b)' } })), /use RE2 syntax/);
  });

  test('a field named matches is not a call and is left alone', () => {
    assert.equal(compileExpression('object.matches == 1').run(activation({ object: { matches: 1 } })), true);
  });
});
