// Drift snapshots are vendor/attacker-controlled JSON: every class of input that we and another
// reader (Terraform's Go decoder, jq, a reviewer's viewer) could read differently is refused
// with the file and line, never compared.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../model/errors';
import { propertyRuns } from '../testing/property-runs';
import { parseSnapshotJson } from './snapshot-json';

function refusedAt(text: string, line: number, reason: RegExp): void {
  assert.throws(() => parseSnapshotJson('snap.json', text), (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.file, 'snap.json');
    assert.equal(err.line, line, `${err.message} for ${text.slice(0, 80)}`);
    assert.match(err.reason, reason);
    return true;
  });
}

/** JSON text of `value` with line breaks, and the line of a marker string in it. */
function lineOf(text: string, marker: string): number {
  return text.slice(0, text.indexOf(marker)).split('\n').length;
}

/** Values the scan accepts on their own (no number a double cannot carry exactly). */
const jsonValue = fc.jsonValue({ maxDepth: 4 }).filter((v) => {
  const text = JSON.stringify(v);
  if (text.includes('"DUP')) return false;
  try {
    parseSnapshotJson('v.json', text);
    return true;
  } catch {
    return false;
  }
});

describe('strict snapshot JSON', () => {
  test('a duplicate key at any depth is refused at its line (JSON.parse would keep the last silently)', () => {
    fc.assert(fc.property(jsonValue, jsonValue, fc.integer({ min: 0, max: 4 }), (a, b, depth) => {
      let inner = `{"DUPKEY": ${JSON.stringify(a)},\n"DUPKEY": ${JSON.stringify(b)}}`;
      for (let d = 0; d < depth; d++) inner = d % 2 ? `[1, ${inner}]` : `{"k${d}": ${inner}}`;
      const text = `{"format_version": "1.0",\n"x": ${inner}}`;
      refusedAt(text, lineOf(text, '"DUPKEY": ') + 1, /duplicate key "DUPKEY"/);
    }), { numRuns: propertyRuns(200) });
  });

  test('keys that are the same string written with different escapes are duplicates too', () => {
    refusedAt('{"address": 1,\n"addr\\u0065ss": 2}', 2, /duplicate key/);
    refusedAt('{"a/b": 1,\n"a\\/b": 2}', 2, /duplicate key/);
  });

  test('a Terraform key in other letter case is refused where Go readers would take it for the key', () => {
    const structure = new Set(['values', 'root_module', 'resources']);
    for (const key of ['Values', 'VALUES', 'valueS', 'Resource_drift', 're\u017fource_drift', 'Root_Module', 'Address', 'sen\u017fitive_values', '\u212aind']) {
      const text = `{"format_version": "1.0",\n"values": {"root_module": {"resources": [{"address": "a.b",\n"${key}": 1}]}}}`;
      const top = `{"format_version": "1.0",\n"${key}": {}}`;
      assert.throws(() => parseSnapshotJson('s.json', text, structure), /in other letter case/, key);
      assert.throws(() => parseSnapshotJson('s.json', top), /in other letter case/, key);
    }
    // Attribute values and maps of a resource are not Terraform's keys: any case is theirs.
    const attributes = '{"values": {"root_module": {"resources": [{"values": {"tags": {"Name": "a", "name": "b", "Values": "c"}}}]}}}';
    assert.doesNotThrow(() => parseSnapshotJson('s.json', attributes, new Set(['values', 'root_module', 'resources'])));
  });

  test('the same key in different objects is fine', () => {
    assert.deepEqual(parseSnapshotJson('s.json', '[{"a": 1}, {"a": 2}, {"b": {"a": 3}}]').value, [{ a: 1 }, { a: 2 }, { b: { a: 3 } }]);
  });

  test('integers a double cannot tell apart from their neighbours are refused; every exact one is read', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (n) => {
      const literal = n.toString();
      const significant = literal.replace('-', '').replace(/^0+/, '').replace(/0+$/, '').length;
      const text = `{"values":\n{"n": ${literal}}}`;
      if (significant > 15) return refusedAt(text, 2, /cannot be compared exactly/);
      const read = (parseSnapshotJson('s.json', text).value as { values: { n: number } }).values.n;
      // Exact up to 2^53; beyond it, distinct accepted literals still read as distinct numbers.
      if (n <= 2n ** 53n && n >= -(2n ** 53n)) assert.equal(BigInt(read), n);
      const next = n + 10n ** BigInt(Math.max(0, literal.replace('-', '').length - 15));
      const nextSignificant = next.toString().replace('-', '').replace(/^0+/, '').replace(/0+$/, '').length;
      if (nextSignificant <= 15 && next !== n) assert.notEqual(Number(next.toString()), read, `${n} and ${next}`);
    }), { numRuns: propertyRuns(300) });
  });

  test('two different literals that JSON.parse reads as the same number never both pass', () => {
    const pairs = [['9007199254740992', '9007199254740993'], ['0.1', '0.10000000000000000555'], ['1e400', '2e400'], ['1e-400', '0'], ['123456789012345678', '123456789012345680'], ['4.9e-324', '5e-324']];
    for (const [a, b] of pairs) {
      assert.equal(Number(a), Number(b), `${a} and ${b} collide as doubles`);
      const accepted = [a, b].filter((lit) => {
        try {
          parseSnapshotJson('s.json', `[${lit}]`);
          return true;
        } catch (err) {
          assert.ok(err instanceof InputError);
          return false;
        }
      });
      assert.ok(accepted.length < 2, `${a} and ${b} both accepted`);
    }
  });

  test('decimals, exponents and ordinary numbers of real state files are read', () => {
    const value = parseSnapshotJson('s.json', '{"a": 0.5, "b": -12.25, "c": 1e21, "d": 3600, "e": 0, "f": -0, "g": 1.5E+3, "h": 0.000001}').value;
    assert.deepEqual(value, { a: 0.5, b: -12.25, c: 1e21, d: 3600, e: 0, f: -0, g: 1500, h: 0.000001 });
  });

  test('a \\u escape that makes a lone surrogate is refused, in keys and values; a pair is fine', () => {
    refusedAt('{"a":\n"x\\ud800y"}', 2, /lone surrogate/);
    refusedAt('{"a": 1,\n"\\udc00": 2}', 2, /lone surrogate/);
    refusedAt('[\n"\\ud83d"]', 2, /lone surrogate/);
    assert.deepEqual(parseSnapshotJson('s.json', '["\\ud83d\\ude00", "\\u00e9"]').value, ['😀', 'é']);
  });

  test('nesting deeper than the plan loader allows is refused, not a stack overflow later', () => {
    const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
    refusedAt(deep, 1, /nesting deeper/);
    const deepObjects = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    refusedAt(deepObjects, 1, /nesting deeper/);
  });

  test('syntax errors name the line; a string holding quotes, braces and escapes does not confuse the scan', () => {
    refusedAt('{\n"a": 1,\n}', 3, /malformed JSON/);
    const tricky = String.raw`{"a": "}\"{[\\", "b": {"c": "\\\""}, "c": "x"}`;
    assert.deepEqual(Object.keys(parseSnapshotJson('s.json', tricky).value as object), ['a', 'b', 'c']);
    refusedAt(String.raw`{"a": "}\"{[\\",` + '\n' + String.raw`"a": 2}`, 2, /duplicate key "a"/);
  });

  test('positions are recorded along structural keys only', () => {
    const text = '{\n"values": {\n "root_module": {\n  "resources": [\n   {"values": {"x": {}}},\n   {"a": 1}\n  ]\n }\n}\n}';
    const { positions } = parseSnapshotJson('s.json', text, new Set(['values', 'root_module', 'resources']));
    assert.deepEqual(positions.get('values.root_module.resources[1]'), { line: 6, column: 4 });
    assert.deepEqual(positions.get('values.root_module.resources[0]'), { line: 5, column: 4 });
    assert.ok(positions.has('values.root_module.resources[0].values'));
    assert.ok(!positions.has('values.root_module.resources[0].values.x'), 'x is not structural');
  });
});
