// withUnknowns copies each container on the unknown paths once per call (not once per path:
// a resource with many unknown attributes was copied over and over at import), with the same
// result as copying on every path, and never touches the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression } from './compile-expression';
import { UnknownValueError, isUnknownValue, unknownValue, unknownsIn, withUnknowns } from './unknown-value';

/** A plain rendering where each sentinel reads as <unknown path>. */
function shown(v: unknown): unknown {
  if (isUnknownValue(v)) return `<unknown ${unknownsIn(v)[0]}>`;
  if (Array.isArray(v)) return v.map(shown);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shown(x)]));
  return v;
}

/** The one-path-at-a-time reference: each path applied to the result of the previous ones. */
function reference(value: unknown, paths: readonly string[]): unknown {
  return paths.reduce((v, p) => withUnknowns(v, [p]), value);
}

const key = fc.constantFrom('a', 'b', 'c', 'list', 'm');
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.constant(null), fc.string({ maxLength: 3 }), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
})).node;
const path = fc.array(fc.oneof(key, fc.nat(3)), { minLength: 0, maxLength: 4 }).map((steps) =>
  steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join(''));

test('property: many paths at once give what applying them one by one gives, and the input is unchanged', () => {
  fc.assert(fc.property(value, fc.array(path, { maxLength: 8 }), (v, paths) => {
    const before = JSON.stringify(v);
    assert.deepEqual(shown(withUnknowns(v, paths)), shown(reference(v, paths)));
    assert.equal(JSON.stringify(v), before);
  }), { numRuns: 500 });
});

test('a container on several paths is copied once, and every unknown is placed', () => {
  const after = { tags: { a: 1 }, rules: [{ x: 1 }, { y: 2 }] };
  const out = withUnknowns(after, ['tags.b', 'tags.c', 'rules[0].z', 'rules[1].z']) as { tags: Record<string, unknown>; rules: Record<string, unknown>[] };
  assert.deepEqual(unknownsIn(out).sort(), ['rules[0].z', 'rules[1].z', 'tags.b', 'tags.c']);
  assert.equal(out.tags.a, 1);
  assert.deepEqual(after, { tags: { a: 1 }, rules: [{ x: 1 }, { y: 2 }] });
});

test('every look at a sentinel throws the unknown error naming its own path (one handler serves all sentinels)', () => {
  const a = unknownValue('tags.Team') as Record<string, unknown>;
  const b = unknownValue('arn') as Record<string, unknown>;
  const looks: readonly ((v: Record<string, unknown>) => unknown)[] = [
    (v) => v.x, (v) => 'x' in v, (v) => Object.keys(v), (v) => Object.getOwnPropertyDescriptor(v, 'x'), (v) => Object.getPrototypeOf(v),
    (v) => { v.x = 1; }, (v) => Object.defineProperty(v, 'x', { value: 1 }), (v) => delete v.x, (v) => Object.setPrototypeOf(v, null),
    (v) => Object.isExtensible(v), (v) => Object.preventExtensions(v), (v) => `${String(v)}`, (v) => JSON.stringify(v),
  ];
  for (const look of looks) {
    for (const [v, path] of [[a, 'tags.Team'], [b, 'arn']] as const) {
      assert.throws(() => look(v), (e: unknown) => e instanceof UnknownValueError && e.paths.length === 1 && e.paths[0] === path, String(look));
    }
  }
});

test('two unknowns at the same path are distinct objects (CEL equality takes identical objects as equal)', () => {
  assert.notEqual(unknownValue('arn'), unknownValue('arn'));
  // Within one value every unknown position is its own object, whatever the paths' order.
  const one = withUnknowns({ a: {}, b: [null] }, ['a.x', 'arn', 'b[0]', 'a.y']) as { a: Record<string, unknown>; b: unknown[]; arn: unknown };
  const sentinels = [one.a.x, one.a.y, one.b[0], one.arn];
  assert.equal(new Set(sentinels).size, 4);
});

// Issue 13: withUnknowns reuses one sentinel per path across calls (a fresh proxy for each of a
// big plan's ~90k unknown paths was a tenth of the evaluation). One activation holds one
// withUnknowns value, so no evaluation can tell: the same CEL on the shared sentinels and on
// fresh ones gives the same value or the same error, paths included.
test('sentinels are shared by path across calls', () => {
  const a = withUnknowns({}, ['arn']) as Record<string, unknown>;
  const b = withUnknowns({ id: 1 }, ['arn']) as Record<string, unknown>;
  assert.ok(isUnknownValue(a.arn) && a.arn === b.arn);
});

/** The same value with a fresh sentinel at each unknown position (what withUnknowns built before). */
function freshCopy(v: unknown): unknown {
  if (isUnknownValue(v)) return unknownValue(unknownsIn(v)[0] as string);
  if (Array.isArray(v)) return v.map(freshCopy);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, freshCopy(x)]));
  return v;
}

function outcomeOf(run: () => unknown): string {
  try {
    return `value ${JSON.stringify(run(), (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))}`;
  } catch (err) {
    return err instanceof UnknownValueError ? `unknown ${err.paths.join(',')}` : `error ${err instanceof Error ? err.message : String(err)}`;
  }
}

const EXPRESSIONS = [
  'object.a == object.b', 'object == object', 'object.a == object.a', 'object.a != object.b', '[object.a] == [object.b]',
  'object.a in [object.b]', 'has(object.a) && has(object.b)', 'object.m == object.m', 'size(object) > 0', '"a" in object',
  'lookup(object, "a", 1) == lookup(object, "b", 1)', 'asList(lookup(object, "list", [])).exists(x, x == object.c)',
].map((src) => [src, compileExpression(src)] as const);

test('property: CEL on shared sentinels gives what it gives on fresh ones', () => {
  fc.assert(fc.property(value, fc.array(path, { maxLength: 6 }), (v, paths) => {
    // Another value placed first, so that the sentinels of `v` are shared ones.
    withUnknowns({}, paths);
    const shared = withUnknowns(v, paths);
    const fresh = freshCopy(shared);
    for (const [src, program] of EXPRESSIONS) {
      const run = (object: unknown) => () => program.runPartial({ resource: {}, object, oldObject: null, params: {}, changeset: {}, now: new Date(0) });
      assert.equal(outcomeOf(run(shared)), outcomeOf(run(fresh)), src);
    }
  }), { numRuns: 300 });
});
