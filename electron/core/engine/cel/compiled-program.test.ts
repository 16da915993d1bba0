// Differential tests of specialize-dispatch.ts and compile-closures.ts: an expression compiled
// by the engine (overloads resolved once or remembered per node, nodes turned into closures)
// gives exactly what cel-js's own tree walk gives — the
// same value, or the same error class and message — on random values, in the ordinary and in
// the partial (unknown-until-apply) program, evaluation after evaluation on one compiled
// program, so a remembered overload never answers for a value of another type.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression } from './compile-expression';
import type { Activation } from './compile-expression';
import { policyEnvironment } from './environment';
import { foldConstantLists } from './fold-constant-lists';
import { installPartialEvaluation } from './partial-evaluation';
import { unknownValue } from './unknown-value';
import { celOutcome } from '../../testing/cel-outcome';
import { propertyRuns } from '../../testing/property-runs';

type Run = (a: Activation) => unknown;

/** The program as cel-js runs it: parse, check, the engine's constant lists; no specialization, no closures. */
function reference(source: string, partial: boolean): Run {
  const program = policyEnvironment().parse(source);
  const checked = program.check();
  assert.ok(checked.valid, `${source} must compile`);
  foldConstantLists(program.ast);
  if (partial) installPartialEvaluation(program.ast);
  return program as unknown as Run;
}

/** Calls and operators whose overload depends on runtime types (dyn operands), and methods. */
const EXPRESSIONS = [
  'lookup(object.a, "b.c", 0)',
  'lookup(object.a, ["b", "c"], object.d)',
  'lookup(object, object.p, "fallback")',
  'lookup(object.a, [object.p], null)',
  'size(object.a)',
  'size(object.a) + size(object.b)',
  'string(object.a)',
  'int(object.a)',
  'asList(object.a)',
  'asList(lookup(object, "a", [])).exists(x, x == object.b)',
  'object.a == object.b',
  'object.a != object.b',
  'object.a in object.b',
  'object.a + object.b',
  'object.a - object.b',
  'object.a * object.b',
  'object.a / object.b',
  'object.a % object.b',
  'object.a < object.b',
  'object.a >= object.b',
  'object.a == "x" || object.b == 1',
  'object.a.startsWith(object.b)',
  'object.a.contains("x")',
  'object.a.endsWith(object.b) && object.b.size() > 0',
  'object.a.join(", ")',
  'object.a.lowerAscii()',
  'object.a.split(object.b)',
  'image(object.a).tag',
  'image(object.a) == image(object.b)',
  'glob(object.a, object.b)',
  'globAny(object.a, object.b)',
  'isAnyCIDR(object.a)',
  'parseJSON(object.a)',
  '[object.a, object.b].filter(x, x != null).map(x, string(x))',
  'object.a.all(x, lookup(x, "k", 0) == 1)',
  'cel.bind(v, object.a, type(v) == string ? v.startsWith("a") : size(v) > 1)',
  // every kind of node the closures compile, and the ones they leave to cel-js
  'has(object.a) && object.a == 1',
  'has(object.a.b)',
  'object.?a.orValue(0)',
  'object.?a.?b.orValue("none")',
  'object.a ? object.b : object.d',
  'object.a || object.b',
  'object.a && object.b',
  'object.a || (object.b && object.d)',
  '!object.a',
  '-object.a',
  '{"k": object.a, "j": object.b}',
  '{"k": object.a}.k == object.a',
  'object.a.map(x, x + 1)',
  'object.a.map(x, x != null, string(x))',
  'object.a.filter(x, x > 0)',
  'object.a.exists_one(x, x == 1)',
  'object.a.exists(x, x.k == object.b)',
  '[object.a, 1][1]',
  'object.a[0]',
  'object.a["k"]',
  'object.a[object.b]',
  'size([]) == 0 && !(object.a in [])',
  '["x", "y"].exists(s, s == object.a)',
  'cel.bind(x, object.a, cel.bind(y, object.b, [x, y]))',
  'object.a.all(x, object.b.exists(y, x == y))',
  'params.missing',
  'now',
] as const;

const scalar = fc.oneof(
  fc.constantFrom('x', 'a', 'b.c', '', 'nginx:1.25', 'ghcr.io/acme/app@sha256:' + 'a'.repeat(64), '0.0.0.0/0', '10.0.0.0/8', '{"k":1}', 'not json', 'Ab', '*', 'a*', 'AB'),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }),
  fc.bigInt({ min: -5n, max: 5n }),
  fc.double({ noNaN: false }),
  fc.constantFrom(new Date('2026-01-01T00:00:00Z')),
);
// Values the loaders never produce but functions or a bad input might: the dispatch must refuse them as cel-js does.
const odd = fc.constantFrom(undefined, () => 1, new Uint8Array([1]), new Map([['k', 1]]), new Set(['s']), Symbol('s'));
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, scalar, tie('list'), tie('map'), odd),
  list: fc.array(tie('value'), { maxLength: 3 }),
  map: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'k', 'p'), tie('value'), { maxKeys: 3 }),
})).value;
const objectArb = fc.record({ a: value, b: value, d: value, p: fc.oneof(value, fc.constantFrom('a', 'a.b', ['a', 'b'])) }, { requiredKeys: [] });

// Values CEL has no type for, nested where only the dispatch looks (cel-js refuses them while typing the argument).
const ODD_EXAMPLES: [Record<string, unknown>, boolean][] = [
  [{ a: [() => 1], b: 'x', p: 'a' }, false],
  [{ a: { k: Symbol('s') }, b: ['x'], p: ['a'] }, false],
  [{ a: { b: { c: [undefined] } }, b: 'b', p: 'a.b' }, true],
  [{ a: [[new Uint8Array([1])]], b: [1], d: 1 }, false],
  [{ a: new Map<unknown, unknown>([[1, [() => 1]]]), b: 1 }, false],
];

function activation(object: unknown): Activation {
  return { resource: {}, object, oldObject: null, params: {}, changeset: {}, now: new Date('2026-01-05T03:00:00Z') };
}


describe('the engine\'s compiled programs give what cel-js\'s tree walk gives', () => {
  for (const source of EXPRESSIONS) {
    test(source, () => {
      const engine = compileExpression(source);
      const plain = reference(source, false);
      const partial = reference(source, true);
      // One compiled program for every case, as in a run: what a node remembers carries over.
      fc.assert(fc.property(objectArb, fc.boolean(), (object, withUnknown) => {
        assert.equal(celOutcome(() => engine.run(activation(object))), celOutcome(() => plain(activation(object))));
        const holed = withUnknown ? { ...object, b: unknownValue('b') } : object;
        assert.equal(celOutcome(() => engine.runPartial(activation(holed))), celOutcome(() => partial(activation(holed))));
      }), { numRuns: propertyRuns(300), examples: ODD_EXAMPLES });
    });
  }

  test('a node that saw one type answers for the next type with its own overload', () => {
    const sized = compileExpression('size(object.a)');
    const summed = compileExpression('object.a + object.b');
    const looked = compileExpression('lookup(object, object.p, "none")');
    const cases: readonly [Run, unknown, unknown][] = [
      [sized.run, { a: 'abc' }, 3n],
      [sized.run, { a: [1, 2] }, 2n],
      [sized.run, { a: { k: 1 } }, 1n],
      [summed.run, { a: 'a', b: 'b' }, 'ab'],
      [summed.run, { a: 1n, b: 2n }, 3n],
      [summed.run, { a: [1], b: [2] }, [1, 2]],
      [looked.run, { p: 'q.r', q: { r: 1 } }, 1],
      [looked.run, { p: ['q', 'r'], q: { r: 2 } }, 2],
    ];
    for (const [run, object, want] of cases) assert.deepEqual(run(activation(object)), want);
    assert.throws(() => sized.run(activation({ a: 1 })), /found no matching overload for 'size\(double\)'/);
    assert.throws(() => summed.run(activation({ a: 'a', b: 1 })), /no such overload: dyn<string> \+ dyn<double>/);
  });
});
