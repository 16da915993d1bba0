// isJsonText (the plan check worker's JSON validation) must answer exactly what JSON.parse
// answers: accepting a text JSON.parse refuses would let an invalid plan through unchecked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JSON_VALIDITY_SOURCE } from './json-validity';
import { jsonErrorOffset } from './json-error-offset';

// The worker runs the same source text (plan-check-worker.ts).
const isJsonText = new Function(`${JSON_VALIDITY_SOURCE}\nreturn isJsonText;`)() as (s: string) => boolean;

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const CASES: readonly string[] = [
  '', ' ', '{}', '[]', '{ }', '[ ]', ' {} ', '\t\n\r{}\r\n', '\u00a0{}', '\ufeff{}', '{}\u2028', '{} x', '{}{}', '[] ]',
  'null', 'nul', 'nulll', 'true', 'tru', 'false', 'fals', 'True', 'NaN', 'Infinity', '-Infinity', 'undefined',
  '0', '-0', '00', '01', '-01', '1.', '.5', '1.5', '1e5', '1E+5', '1e-5', '1e', '1e+', '-', '+1', '0x10', '1_000', '1.5e3.2', '2.', '-.5', '0.0e0',
  '""', '"a', 'a"', '"\\"', '"\\\\"', '"\\/"', '"\\b\\f\\n\\r\\t"', '"\\a"', '"\\x41"', '"\\u0041"', '"\\u004"', '"\\u004g"', '"\\uD800"', '"\\uDC00\\uD800"',
  '"\u0000"', '"\u001f"', '"\u0020"', '"\u007f"', '"\t"', '"\n"', '"\u2028"', '"\ud800"', "'a'",
  '{"a":1}', '{"a" : 1 , "b" : [ 1 , 2 ] }', '{"a":1,}', '{,"a":1}', '{"a"}', '{"a":}', '{a:1}', '{"a":1 "b":2}', '{"a"::1}', '{1:1}', '{"a":1]', '[1}',
  '[1,]', '[,1]', '[1,,2]', '[1 2]', '[[[]]]', '[[[]]', '[[]]]', '{"a":{"b":{"c":[{}]}}}', '{"__proto__":1}', '[1,{"a":[true,false,null,"x",-1.5e-3]}]',
  '['.repeat(10000) + ']'.repeat(10000), '['.repeat(10000) + ']'.repeat(9999), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
];

test('isJsonText answers as JSON.parse on edge cases', () => {
  for (const s of CASES) assert.equal(isJsonText(s), parses(s), JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s));
});

/** JSON texts as serializers write them: compact, indented, with odd whitespace. */
const jsonText = fc.tuple(fc.jsonValue(), fc.constantFrom(undefined, 1, 2, '\t', ' \r\n')).map(([v, indent]) => JSON.stringify(v, null, indent));

/** Characters that matter to JSON's grammar, and some that look as if they might. */
const SIGNIFICANT = [...'{}[]":,\\ \t\n\r-+.eE0123456789tfnrulsabx/', '\u0000', '\u001f', '\u00a0', '\ufeff', '\u2028', '\ud800', 'é'];

const mutation = fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.nat(), fc.constantFrom(...SIGNIFICANT));

function mutate(s: string, edits: readonly (readonly [string, number, string])[]): string {
  let out = s;
  for (const [kind, at, ch] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + (kind === 'insert' ? 1 : 0));
    if (kind === 'insert') out = out.slice(0, i) + ch + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + ch + out.slice(i + 1);
  }
  return out;
}

test('property: isJsonText accepts every JSON text', () => {
  fc.assert(fc.property(jsonText, (s) => assert.equal(isJsonText(s), true, s)), { seed: 5, numRuns: 2000 });
});

test('property: on mutated JSON texts, isJsonText answers as JSON.parse', () => {
  fc.assert(fc.property(jsonText, fc.array(mutation, { minLength: 1, maxLength: 3 }), (s, edits) => {
    const m = mutate(s, edits);
    assert.equal(isJsonText(m), parses(m), JSON.stringify(m));
    // The project's other JSON grammar (where an error is placed) must agree; it skips a leading BOM, JSON.parse does not.
    if (!m.startsWith('\ufeff')) assert.equal(jsonErrorOffset(m) === -1, isJsonText(m), `jsonErrorOffset disagrees on ${JSON.stringify(m)}`);
  }), { seed: 9, numRuns: 20000 });
});

test('property: on short strings of JSON-significant characters, isJsonText answers as JSON.parse', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...SIGNIFICANT), { maxLength: 12 }), (chars) => {
    const s = chars.join('');
    assert.equal(isJsonText(s), parses(s), JSON.stringify(s));
    if (!s.startsWith('\ufeff')) assert.equal(jsonErrorOffset(s) === -1, isJsonText(s), `jsonErrorOffset disagrees on ${JSON.stringify(s)}`);
  }), { seed: 3, numRuns: 30000 });
});
