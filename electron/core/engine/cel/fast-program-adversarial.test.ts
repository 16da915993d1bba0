// Adversarial differential test of fast-program.ts: the vendor writes every byte of the change
// set, so any value JSON or YAML can hold reaches the fast program. For each class of input
// (numbers of every CEL type and edge, unicode strings, Object.prototype names as keys, lists
// mixing types and values unknown until apply, macros whose elements fail) random values are
// run through a set of expression shapes, with the fast program and without it: a different
// answer (value, error, unknown) would be a policy bypass. Found so far: `"a" in [unknown, "a"]`
// was true in the fast program and unknown in cel-js; size() and type() of a value nested
// 30,000 deep (parseJSON of a vendor's string) answered where cel-js overflows its stack.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression } from './compile-expression';
import type { Activation, CompiledExpression } from './compile-expression';
import { policyEnvironment } from './environment';
import { unknownValue } from './unknown-value';
import { celOutcome } from '../../testing/cel-outcome';
import { propertyRuns } from '../../testing/property-runs';

const AT = new Date('2026-01-10T23:30:00Z');
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** Where a value unknown until apply goes (fast-check looks into the values it makes; a sentinel refuses that). */
class Hole {}

function fill(v: unknown): unknown {
  if (v instanceof Hole) return unknownValue('u');
  if (Array.isArray(v)) return v.map(fill);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    // fromEntries: "__proto__" becomes an own key, as JSON.parse makes it.
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
  }
  return v;
}

const numbers = fc.oneof(
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.constantFrom(0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n),
  fc.double(),
  fc.constantFrom(0, -0, 1, 1.5, Number.NaN, Infinity, -Infinity, 2 ** 53, 2 ** 63, 16, 15, 1000),
);
const strings = fc.oneof(
  fc.string({ maxLength: 4, unit: 'binary' }),
  fc.constantFrom('', 'a', 'A', 'É', 'é', 'İ', 'ß', 'a\u{1F600}', '\u{1F600}', '\ud83d', '\ude00', 'e\u0301', '0x10', '1_000', '.inf', ...PROTO_NAMES),
);
// 'a' and 'b' often: equal strings meet (`in`, `==`, map keys) far more often than random ones.
const scalars = fc.oneof(numbers, strings, fc.constantFrom('a', 'b'), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom('a', 'b', ...PROTO_NAMES), fc.string({ maxLength: 2 }));
const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalars, scalars, tie('list'), tie('map'), fc.constant(new Hole())),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('value'), { maxKeys: 3 }),
})).value;

/** The shapes, grouped by the class of input they stress; `a` and `b` are `object.a`, `object.b`. */
const SHAPES: Readonly<Record<string, readonly string[]>> = {
  numbers: [
    'object.a == object.b', 'object.a != object.b', 'object.a < object.b', 'object.a >= object.b', 'object.a + object.b',
    'object.a - object.b', 'object.a * object.b', 'object.a / object.b', 'object.a % object.b', '-object.a', 'object.a == 1',
    'object.a == 1.0', 'object.a < 1', 'object.a + 1', 'string(object.a)', 'type(object.a) == int', 'type(object.a) == double',
  ],
  strings: [
    'object.a.startsWith(object.b)', 'object.a.endsWith(object.b)', 'object.a.contains(object.b)', 'size(object.a)',
    'object.a.lowerAscii()', 'object.a < object.b', 'object.a + object.b', 'object.a == object.b', '[object.a, object.b].join("")',
  ],
  keys: [
    'object.a[object.b]', 'object.b in object.a', 'has(object.a.constructor)', 'has(object.a.__proto__)', 'object.a.toString',
    'lookup(object.a, object.b, "fallback")', 'lookup(object.a, [object.b], "fallback")', 'object.a.constructor', 'has(object.a.a.b)',
  ],
  lists: [
    'object.a in object.b', '"a" in object.b', 'object.b.exists(x, object.a in object.b)', 'object.a == object.b', 'size(object.b)',
    'asList(object.b)', 'object.b.map(x, x)', 'object.b[0]', 'type(object.b) == list',
  ],
  macros: [
    'object.b.all(x, x > 0)', 'object.b.exists(x, x == object.a)', 'object.b.exists_one(x, x.a == 1)', 'object.b.filter(x, x.a == 1)',
    'object.b.map(x, x.a)', 'object.b.map(x, x > 0, x)', 'object.b.all(x, x)', 'object.b.exists(x, x)', 'object.b.exists(x, x.startsWith("a"))',
  ],
  logic: [
    'object.a || object.b', 'object.a && object.b', 'object.a.a == 1 || object.b', '!object.a', 'object.a ? object.b : 1',
    'cel.bind(v, object.a, v == object.b || v)', 'has(object.a.a) && object.a.a == object.b',
  ],
};

const ATOMS = ['object.a', 'object.b', 'object.a.a', 'object.b[0]', 'x', 'x.a', '1', '1.0', '-1', '"a"', '""', 'true', 'null', '[]', '["a", 1]', '{"a": 1}'];
const BINARY = ['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '&&', '||', 'in'];
/** CEL source over object.a, object.b and x: operators, the inline functions, macros, has() and cel.bind (dyn(): fewer type-check refusals). */
const expressions: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ATOMS),
    fc.tuple(fc.constantFrom('!', '-'), tie('e')).map(([op, e]) => `${op}dyn(${e})`),
    fc.tuple(tie('e'), fc.constantFrom(...BINARY), tie('e')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, l, r]) => `dyn(${c}) ? dyn(${l}) : dyn(${r})`),
    fc.tuple(fc.constantFrom('size', 'string', 'asList', 'type'), tie('e')).map(([f, e]) => `${f}(${e})`),
    fc.tuple(tie('e'), fc.constantFrom('startsWith', 'endsWith', 'contains', 'join'), tie('e')).map(([r, f, e]) => `(${r}).${f}(${e})`),
    fc.tuple(tie('e'), tie('e')).map(([o, d]) => `lookup(${o}, "a", ${d})`),
    fc.constantFrom('has(object.a.a)', 'has(x.a)', 'has(object.a.a.a)', '(x).lowerAscii()'),
    fc.tuple(tie('e'), fc.constantFrom('all', 'exists', 'exists_one', 'map', 'filter'), tie('e')).map(([r, m, e]) => `dyn(${r}).${m}(x, ${e})`),
    fc.tuple(tie('e'), tie('e')).map(([v, e]) => `cel.bind(x, ${v}, ${e})`),
  ),
})).e;

function same(fast: CompiledExpression, slow: CompiledExpression, a: Activation): void {
  for (const partial of [false, true]) {
    const got = celOutcome(() => (partial ? fast.runPartial(a) : fast.run(a)));
    const want = celOutcome(() => (partial ? slow.runPartial(a) : slow.run(a)));
    assert.equal(got, want, `${fast.source} (${partial ? 'partial' : 'ordinary'} run)`);
  }
}

describe('the fast program gives what cel-js gives on adversarial values, by class of input', () => {
  for (const [kind, shapes] of Object.entries(SHAPES)) {
    test(kind, () => {
      const pairs = shapes.map((s) => [compileExpression(s), compileExpression(s, policyEnvironment(), { fast: false })] as const);
      fc.assert(fc.property(values, values, (a, b) => {
        const act: Activation = { resource: {}, object: { a: fill(a), b: fill(b) }, oldObject: null, params: {}, changeset: {}, now: AT };
        for (const [fast, slow] of pairs) same(fast, slow, act);
      }), { numRuns: propertyRuns(300) });
    });
  }

  test('random expressions built from the operators, functions and macros the fast program decides', () => {
    let runs = 0, compared = 0;
    fc.assert(fc.property(expressions, fc.array(fc.tuple(values, values), { minLength: 1, maxLength: 8 }), (body, inputs) => {
      runs++;
      // x is always bound (the macros rebind it), so every expression that type-checks runs.
      const source = `cel.bind(x, object.b, ${body})`;
      let pair: readonly [CompiledExpression, CompiledExpression];
      try {
        pair = [compileExpression(source), compileExpression(source, policyEnvironment(), { fast: false })];
      } catch {
        return; // does not type-check: nothing to compare
      }
      compared++;
      for (const [a, b] of inputs) same(pair[0], pair[1], { resource: {}, object: { a: fill(a), b: fill(b) }, oldObject: null, params: {}, changeset: {}, now: AT });
    }), { numRuns: propertyRuns(1500) });
    // About half type-check today: a grammar or environment change that left none would compare nothing.
    assert.ok(compared > 0.3 * runs, `only ${compared} of ${runs} random expressions type-checked`);
  });

  test('values nested deeper than cel-js can type: its stack overflow is the answer, not a value', () => {
    // parseJSON makes a value of any depth out of a vendor's string (the loaders stop at 256
    // levels); cel-js types a dyn argument recursively and overflows its stack on it.
    const shapes = ['size(parseJSON(object.s))', 'type(parseJSON(object.s)) == list', 'type(parseJSON(object.m)) == map', 'size(object.d) > 0 || false',
      'type(parseJSON(object.t)[1]) == list', 'lookup(parseJSON(object.m), "a.a", 0) != 0', 'asList(parseJSON(object.s)).size()'];
    const depth = 50_000;
    const s = '['.repeat(depth) + ']'.repeat(depth);
    const object = { s, m: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), t: `["a",${s}]`, d: JSON.parse(s) as unknown };
    for (const source of shapes) same(compileExpression(source), compileExpression(source, policyEnvironment(), { fast: false }), { resource: {}, object, oldObject: null, params: {}, changeset: {}, now: AT });
  });

  test('a string in a list: an element before the match that is not a string leaves the answer to cel-js', () => {
    const [fast, slow] = [compileExpression('object.a in object.b'), compileExpression('object.a in object.b', policyEnvironment(), { fast: false })];
    const others = fc.oneof(fc.constant(new Hole()), fc.constantFrom(1n, 1, null, true), fc.constant([]), fc.constant({}), fc.constant(['a']));
    const list = fc.array(fc.oneof(fc.constantFrom('a', 'b'), others), { maxLength: 5 });
    fc.assert(fc.property(list, (b) => {
      same(fast, slow, { resource: {}, object: { a: 'a', b: fill(b) }, oldObject: null, params: {}, changeset: {}, now: AT });
    }), { numRuns: propertyRuns(200) });
    // The case the property found: cel-js stops at the unknown, so the answer is unknown, not true.
    same(fast, slow, { resource: {}, object: { a: 'a', b: [unknownValue('b[0]'), 'a'] }, oldObject: null, params: {}, changeset: {}, now: AT });
  });
});
