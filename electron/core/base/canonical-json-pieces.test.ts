// The contract digest (engine/contract/contract-digest.ts) hashes canonical JSON in pieces:
// `{`, each member's `"key":value` in code-unit key order joined by `,`, `}` (and `[`, items,
// `]` for the policies array), with each policy's text kept from an earlier contract. That is
// the same bytes only if canonicalJson of an object or array IS that concatenation, for every
// value it accepts, including keys and strings with lone surrogates, `__proto__`, and numbers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const anyString = fc.string({ unit: 'binary' });
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)), anyString, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(anyString, fc.constantFrom('__proto__', 'policies', 'a', 'B', '\ud800', '\udc00x')), tie('value'), { maxKeys: 6, noNullPrototype: false }),
})).value;

describe('canonical JSON is the concatenation of its members', () => {
  test('an object: `{`, sorted `"key":value` pairs joined by `,`, `}`', () => {
    fc.assert(fc.property(json, (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      const pieces = Object.keys(value).sort(byCodeUnit).map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
      assert.equal(canonicalJson(value), `{${pieces.join(',')}}`);
    }), { numRuns: 500 });
  });

  test('an array: `[`, items joined by `,`, `]`', () => {
    fc.assert(fc.property(fc.array(json, { maxLength: 6 }), (items) => {
      assert.equal(canonicalJson(items), `[${items.map((v) => canonicalJson(v)).join(',')}]`);
    }), { numRuns: 300 });
  });

  test('the text is well-formed UTF-16, so its pieces encode to UTF-8 as the whole does', () => {
    fc.assert(fc.property(fc.array(json, { minLength: 1, maxLength: 4 }), (values) => {
      const pieces = values.map((v) => canonicalJson(v));
      for (const p of pieces) assert.doesNotMatch(p, LONE_SURROGATE);
      assert.deepEqual(Buffer.concat(pieces.map((p) => Buffer.from(p, 'utf8'))), Buffer.from(pieces.join(''), 'utf8'));
    }), { numRuns: 300 });
  });
});
