// Differential test of fast-program.ts (issue 13): every CEL expression of the built-in packs
// (conditions, paths, message segments), compiled with the fast program and without it, gives
// the same value or the same error (class and message), in the ordinary and in the partial
// (unknown-until-apply) run: on every resource of the test corpus, and on random values made of
// the names the expression reads, with values unknown until apply nested anywhere.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { packsRoot } from '../../io/packs-root';
import { loadChangeSet } from '../../loaders/load-change-set';
import { corpusInputs } from '../../../testing/golden/golden-inputs';
import { propertyRuns } from '../../testing/property-runs';
import { loadPack } from '../contract/load-pack';
import { messageSegments } from '../compile/message-template';
import { labelsOf, resourceView } from '../evaluate/resource-view';
import { compileExpression } from './compile-expression';
import type { Activation, CompiledExpression } from './compile-expression';
import { policyEnvironment } from './environment';
import { unknownValue, withUnknowns } from './unknown-value';
import { celOutcome } from '../../testing/cel-outcome';

const PACKS = ['baseline', 'cloud-hardening', 'pss-baseline', 'pss-restricted'];
const AT = new Date('2026-01-10T23:30:00Z');

interface Case {
  readonly source: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Each distinct expression of the packs, with the parameters (defaults) of its policy. */
function packExpressions(): Case[] {
  const seen = new Map<string, Case>();
  for (const pack of PACKS) {
    for (const p of loadPack(pack, packsRoot())) {
      const params = Object.fromEntries(Object.entries(p.parameters).map(([k, d]) => [k, d.default]));
      const sources = [p.condition, ...(p.path ? [p.path] : []), ...messageSegments(p.message).map((s) => s.cel)];
      for (const source of sources) if (!seen.has(source)) seen.set(source, { source, params });
    }
  }
  return [...seen.values()];
}


/** The fast program alone (it throws where it gives up), as compile-expression.ts builds it (RE2 rewrite included). */
function rawFast(source: string): (a: Activation, partial: boolean) => unknown {
  const only = compileExpression(source, policyEnvironment(), { fast: 'only' });
  return (a, partial) => (partial ? only.runPartial(a) : only.run(a));
}

/** Share of the corpus's ordinary runs the fast program must answer itself (90% when written). */
const ANSWERED_AT_LEAST = 0.85;

/** Both programs of an expression: with the fast program and without it. */
function pair(source: string): [CompiledExpression, CompiledExpression] {
  return [compileExpression(source), compileExpression(source, policyEnvironment(), { fast: false })];
}

function same(fast: CompiledExpression, slow: CompiledExpression, a: Activation, partial: boolean): void {
  const got = celOutcome(() => (partial ? fast.runPartial(a) : fast.run(a)));
  const want = celOutcome(() => (partial ? slow.runPartial(a) : slow.run(a)));
  assert.equal(got, want, `${fast.source} (${partial ? 'partial' : 'ordinary'} run)`);
}

const cases = packExpressions();

describe('the fast program gives what cel-js gives on every pack expression', () => {
  test('the packs have expressions, and the fast program compiles every one of them', () => {
    const compiled = cases.filter((c) => {
      try {
        compileExpression(c.source, policyEnvironment(), { fast: 'only' });
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(cases.length > 100, `only ${cases.length} expressions`);
    assert.equal(compiled.length, cases.length, 'every pack expression has a fast program');
  });

  test('on every resource of the corpus, ordinary and partial', async () => {
    const programs = cases.map((c) => [c, ...pair(c.source), rawFast(c.source)] as const);
    let runs = 0;
    // How often the fast program answers itself: the differential checks above pass as well if it
    // gave up on every run (the caller then runs cel-js), so its point would be lost unseen.
    let answered = 0;
    let ordinaryRuns = 0;
    for (const input of corpusInputs()) {
      const cs = await loadChangeSet([input.path]);
      for (const r of cs.resources) {
        const object = r.unknownPaths.length > 0 ? withUnknowns(r.after ?? null, r.unknownPaths) : r.after ?? null;
        const view = resourceView(r, labelsOf(r, r.unknownPaths.length > 0 ? object : undefined));
        for (const [c, fast, slow, raw] of programs) {
          const a: Activation = { resource: view, object, oldObject: r.before ?? null, params: c.params, changeset: { digest: cs.digest }, now: AT };
          same(fast, slow, a, true);
          if (r.unknownPaths.length === 0) {
            same(fast, slow, a, false);
            ordinaryRuns++;
            try {
              raw(a, false);
              answered++;
            } catch {
              // gave up (BAIL), or a CEL error it leaves to cel-js
            }
          }
          runs++;
        }
      }
    }
    assert.ok(runs > 10_000, `only ${runs} runs`);
    assert.ok(answered / ordinaryRuns > ANSWERED_AT_LEAST, `the fast program answered ${answered} of ${ordinaryRuns} ordinary runs itself`);
  });

  test('on random values made of the names each expression reads', () => {
    for (const c of cases) {
      const [fast, slow] = pair(c.source);
      const arb = activationArb(namesIn(c.source));
      fc.assert(fc.property(arb, ({ resource, object, oldObject, params }) => {
        const a: Activation = { resource: fill(resource), object: fill(object), oldObject: fill(oldObject), params: { ...c.params, ...(params as object) }, changeset: {}, now: AT };
        same(fast, slow, a, true);
        same(fast, slow, a, false);
      }), { numRuns: propertyRuns(40) });
    }
  });
});

describe('the fast program on values the loaders rarely or never give', () => {
  const EXPRESSIONS = [
    'object.a', 'object["a"]', 'object.a.b', 'has(object.a)', 'has(object.a.b)', 'size(object.a)', 'string(object.a)',
    'lookup(object, "a.b", 0)', 'lookup(object.a, ["b"], object.d)', 'asList(object.a)', 'object.a.join(",")',
    'object.a.startsWith("x")', 'object.a.lowerAscii()', 'object.a == object.d', 'object.a != null', '"x" in object.a',
    'object.a.exists(x, x == "x")', 'object.a.all(x, x != 1)', 'object.a.map(x, x)', 'object.a.filter(x, x == x)',
    'cel.bind(v, object.a, v)', 'object.a + object.d', 'object.a - object.d', 'object.a < object.d', '-object.a',
    'object.a[0]', 'object.a ? 1 : 2', 'object.a || object.d', 'object.a && object.d', 'type(object.a) == string',
    '{"k": object.a, "j": object.d}', '{"x": 1, "constructor": 2}[object.a]', '{object.a: 1, "x": object.d}', '{}',
  ];
  const nullProto = Object.assign(Object.create(null) as object, { b: 1 });
  const VALUES: unknown[] = [
    { constructor: 'x', b: 1 }, nullProto, new Date(0), new Map([['b', 1]]), new Set(['x']), new Uint8Array([1]),
    'a\u{1F600}b', 'ÀB', ['x', 1], ['x', 'y'], [], {}, [nullProto], [[undefined]], { b: undefined }, 9223372036854775807n, -9223372036854775808n,
    1.5, Number.NaN, -0, true, null, [unknownValue('a[0]')], { b: unknownValue('a.b') }, unknownValue('a'),
  ];
  for (const source of EXPRESSIONS) {
    test(source, () => {
      const [fast, slow] = pair(source);
      for (const a of VALUES) {
        for (const d of [1n, 1, 'x', ['x'], null, -1n]) {
          const act: Activation = { resource: {}, object: { a, d }, oldObject: null, params: {}, changeset: {}, now: AT };
          same(fast, slow, act, false);
          same(fast, slow, act, true);
        }
      }
    });
  }
});

/** Identifiers and the dotted parts of string literals: the keys an expression may look up. */
function namesIn(source: string): string[] {
  const names = new Set<string>(['type', 'name', 'spec', 'metadata']);
  for (const m of source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(m[0]);
  for (const m of source.matchAll(/"([^"\\]*)"/g)) for (const part of (m[1] as string).split('.')) if (part) names.add(part);
  return [...names];
}

/** Where a value unknown until apply goes (fast-check looks into the values it makes; a sentinel refuses that). */
class Hole {
  constructor(readonly path: string) {}
}

function fill(v: unknown): unknown {
  if (v instanceof Hole) return unknownValue(v.path);
  if (Array.isArray(v)) return v.map(fill);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
  }
  return v;
}

function activationArb(names: readonly string[]) {
  const key = fc.constantFrom(...names);
  const scalar = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom('', '*', '0.0.0.0/0', '10.0.0.0/8', 'latest', 'nginx:1.25', 'ghcr.io/acme/app@sha256:' + 'a'.repeat(64), '{"Statement":[{"Action":"*","Effect":"Allow"}]}'),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
    fc.integer({ min: -3, max: 3 }),
    fc.bigInt({ min: -3n, max: 3n }),
    fc.double(),
  );
  const value = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, scalar, tie('list'), tie('map'), fc.constantFrom(new Hole('x'), new Hole('y.z'))),
    list: fc.array(tie('value'), { maxLength: 3 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  })).value;
  const map = fc.dictionary(key, value, { maxKeys: 6 });
  return fc.record({ resource: map, object: fc.oneof(map, value), oldObject: fc.oneof(map, fc.constant(null)), params: map });
}
