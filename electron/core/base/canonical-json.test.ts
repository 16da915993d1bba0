// Canonical JSON is what every digest hashes: two distinct values must never write the same
// text. Each pair below is two values a consumer tells apart; canonicalJson must either write
// them differently or refuse one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, CanonicalJsonError } from './canonical-json';

function writes(v: unknown): string | CanonicalJsonError {
  try {
    return canonicalJson(v);
  } catch (err) {
    if (err instanceof CanonicalJsonError) return err;
    throw err;
  }
}

const sparse: unknown[] = [1];
sparse[2] = 3;

const PAIRS: readonly (readonly [string, unknown, unknown])[] = [
  ['Infinity vs null', Infinity, null],
  ['-Infinity vs Infinity', -Infinity, Infinity],
  ['NaN vs Infinity', NaN, Infinity],
  ['NaN member vs null member', { a: NaN }, { a: null }],
  ['-0 vs 0', -0, 0],
  ['-0 in a list vs 0', [-0], [0]],
  ['undefined vs null at the top', undefined, null],
  ['undefined vs null in a list', [undefined], [null]],
  ['undefined member vs missing member', { a: 1, b: undefined }, { a: 1 }],
  ['sparse array vs null-filled', sparse, [1, null, 3]],
  ['lone high surrogate vs U+FFFD', '\uD800', '\uFFFD'],
  ['lone low surrogate vs U+FFFD', 'a\uDC00', 'a\uFFFD'],
  ['lone surrogate in a key', { '\uD800': 1 }, { '\uFFFD': 1 }],
  ['Date vs its ISO string', new Date('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z'],
  ['Map with number key vs string key', new Map([[1, 'x']]), new Map([['1', 'x']])],
  ['Map vs plain object', new Map([['a', 1]]), { a: 1 }],
  ['class instance vs plain object', new (class Point { x = 1; })(), { x: 1 }],
  ['function vs null', () => 1, null],
  ['symbol vs null', Symbol('s'), null],
  ['boxed string vs string', Object('a') as unknown, 'a'],
  ['symbol-keyed member vs none', { [Symbol('k')]: 1, a: 1 }, { a: 1 }],
];

for (const [name, a, b] of PAIRS) {
  test(`canonical JSON never writes two distinct values alike: ${name}`, () => {
    const wa = writes(a);
    const wb = writes(b);
    const refused = wa instanceof CanonicalJsonError || wb instanceof CanonicalJsonError;
    assert.ok(refused || wa !== wb, `both wrote ${String(wa)}`);
  });
}

test('a refusal names where the value sits', () => {
  assert.throws(() => canonicalJson({ spec: { parameters: { p: { limit: Infinity } } } }), /at \.spec\.parameters\.p\.limit: Infinity/);
  assert.throws(() => canonicalJson({ list: [1, NaN] }), /at \.list\[1\]: NaN/);
});

test('ordinary JSON values keep their canonical text (stored digests depend on it)', () => {
  assert.equal(canonicalJson({ b: [1, 'x', true, null, 1.5e300], a: { d: 10n, c: '\u00e9\uD83D\uDE00' } }), '{"a":{"c":"é😀","d":10},"b":[1,"x",true,null,1.5e+300]}');
  assert.equal(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, a: 2 })), '{"a":2,"z":1}');
});

test('property: canonical JSON is injective over JSON values (parse(write(v)) deep-equals v)', () => {
  const json = fc.jsonValue().filter((v) => !containsNegativeZero(v));
  fc.assert(fc.property(json, json, (a, b) => {
    const wa = canonicalJson(a);
    assert.deepEqual(JSON.parse(wa), a);
    if (wa === canonicalJson(b)) assert.deepEqual(a, b);
  }), { seed: 7, numRuns: 500 });
});

test('property: every string, lone surrogates included, is written as ASCII-safe JSON that reads back exactly', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (s, t) => {
    const w = canonicalJson(s);
    assert.equal(JSON.parse(w), s);
    // What is hashed is UTF-8: a lone surrogate must not collapse into U+FFFD there.
    if (s !== t) assert.notDeepEqual(Buffer.from(w, 'utf8'), Buffer.from(canonicalJson(t), 'utf8'));
  }), { seed: 7, numRuns: 500 });
});

/** Canonical JSON as its definition states it (sorted keys, no whitespace), for the fast writer to match. */
function reference(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

test('property: the text is the definition\'s, keys that JSON.stringify orders otherwise (array indexes, __proto__) and bigints included', () => {
  const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '007', '-1', '4294967295', '__proto__', 'toJSON'));
  const leaf = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)), fc.boolean(), fc.constant(null), fc.bigInt());
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value')), fc.dictionary(key, tie('value')).map((d) => JSON.parse(JSON.stringify(d, (_k, x: unknown) => (typeof x === 'bigint' ? 0 : x))) as unknown)),
  }));
  fc.assert(fc.property(value, (v) => assert.equal(canonicalJson(v), reference(v))), { seed: 11, numRuns: 2000 });
  // A `__proto__` member (as JSON.parse makes it) is written as a member, in its place.
  assert.equal(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":2},"a":[3]}')), '{"__proto__":{"x":2},"a":[3],"b":1}');
  assert.equal(canonicalJson({ 10: 'x', 9: 'y', b: 1n, a: [2n] }), '{"10":"x","9":"y","a":[2],"b":1}');
});

function containsNegativeZero(v: unknown): boolean {
  if (Object.is(v, -0)) return true;
  if (Array.isArray(v)) return v.some(containsNegativeZero);
  if (v !== null && typeof v === 'object') return Object.values(v).some(containsNegativeZero);
  return false;
}
