// The YAML → JSON resolution table kubectl applies, checked through the real loader.
//
// Source of every row (see docs/yaml-resolution.md):
// - go-yaml v2 `resolve.go`, func resolve() with resolveTable/resolveMapList (booleans, nulls,
//   .inf/.nan, `<<`), strconv.ParseInt(plain, 0, 64) / ParseUint / yamlStyleFloat + ParseFloat
//   after removing "_" (ints, octal 0644 and 0o17, hex, binary, floats such as 08 and 1e3);
//   repository go-yaml/yaml branch v2 (= go.yaml.in/yaml/v2, vendored by kubernetes/kubernetes
//   as vendor/gopkg.in/yaml.v2/resolve.go; the same file in kubernetes-sigs/yaml goyaml.v2/).
// - go-yaml v2 `decode.go`, func (*decoder) scalar(): into interface{} a timestamp stays its
//   text, !!binary is base64-decoded to a string, quoted/block scalars are never resolved.
// - kubernetes-sigs/yaml `yaml.go`, func convertToJSONableObject(): int and bool keys become
//   their decimal/"true"/"false" strings; float keys are spelled per library version; null and
//   uint64 keys are refused; json.Marshal refuses NaN and ±Inf.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceChange } from '../../model/resource-change';
import { loadKubernetesManifests } from './index';

/** The cluster refuses the input, reads it differently by version, or we cannot be sure: an error finding. */
const PROBLEM = Symbol('problem');
type Expected = unknown | typeof PROBLEM;

/** Plain scalar as a VALUE → the JSON value kubectl sends. */
const VALUES: ReadonlyArray<readonly [string, Expected]> = [
  // Booleans: every spelling of resolveMapList, and near misses that stay strings.
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'].map((s) => [s, false] as const),
  ['yES', 'yES'], ['oN', 'oN'], ['TRue', 'TRue'], ['nO', 'nO'], ['yes!', 'yes!'], ['ye', 'ye'],
  // Nulls.
  ['~', null], ['null', null], ['Null', null], ['NULL', null], ['', null], ['nULL', 'nULL'],
  // Integers: ParseInt(plain, 0, 64) after removing underscores.
  ['0', 0], ['42', 42], ['-17', -17], ['+5', 5], ['-0', 0], ['00', 0], ['1_000', 1000], ['1__0', 10], ['1_', 1],
  ['0x1F', 31], ['0X1f', 31], ['0x_1F', 31], ['-0x10', -16], ['0644', 420], ['-0644', -420], ['0_644', 420],
  ['0o17', 15], ['0O17', 15], ['0b101', 5], ['0B101', 5], ['-0b101', -5], ['0b1_01', 5],
  ['9007199254740991', 9007199254740991],
  // Past ±2^53 a double cannot hold the int64/uint64 exactly.
  ['9223372036854775807', PROBLEM], ['-9223372036854775808', PROBLEM], ['18446744073709551615', PROBLEM],
  // Past uint64: ParseInt/ParseUint fail, yamlStyleFloat matches: a float64, exactly a double.
  ['18446744073709551616', 18446744073709551616], ['-9223372036854775809', -9223372036854775809],
  // Past 64 bits in another base: a string upstream, a big integer in the goyaml.v2 fork.
  ['0x10000000000000000', PROBLEM],
  // Floats: yamlStyleFloat + ParseFloat (leading zeros are not octal here).
  ['08', 8], ['09.5', 9.5], ['1e3', 1000], ['1E3', 1000], ['1.5', 1.5], ['.5', 0.5], ['-.5', -0.5], ['+1.', 1],
  ['1_000.5', 1000.5], ['6.02e+23', 6.02e23], ['1e-400', 0],
  ['1e400', PROBLEM],
  // Non-finite floats: JSON cannot hold them, kubectl refuses the document.
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN'].map((s) => [s, PROBLEM] as const),
  ['.infinity', '.infinity'], ['inf', 'inf'], ['NaN', 'NaN'], ['.5_5', PROBLEM],
  // Look numeric, are strings: no base 60, no version numbers, incomplete prefixes.
  ['1.2.3', '1.2.3'], ['1:30', '1:30'], ['12:30:00', '12:30:00'], ['0x', '0x'], ['0b', '0b'], ['0b2', '0b2'],
  ['0o', '0o'], ['0o8', '0o8'], ['1e', '1e'], ['e5', 'e5'], ['+', '+'], ['-x', '-x'], ['_1', '_1'], ['0x1G', '0x1G'],
  // Timestamps stay their text in interface{}.
  ['2001-12-14', '2001-12-14'], ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00'], ['2026-02-30', '2026-02-30'],
  // Quoted and block scalars are never resolved.
  ['"yes"', 'yes'], ["'on'", 'on'], ['"0x1F"', '0x1F'], ['"~"', '~'], ['".inf"', '.inf'], ['""', ''],
  // `<<` is only a merge as a key.
  ['<<', '<<'],
  // Explicit tags (resolve(tag, in), then decoder.scalar).
  ['!!str yes', 'yes'], ['!!str 0x1F', '0x1F'], ['!!str', ''], ['! yes', 'yes'], ['! 12', '12'],
  ['!!int "0x1F"', 31], ['!!int 1.5', PROBLEM], ['!!int yes', PROBLEM],
  ['!!bool "yes"', true], ['!!bool off', false], ['!!bool maybe', PROBLEM], ['!!bool 1', PROBLEM],
  ['!!float 1', 1], ['!!float "1e3"', 1000], ['!!float 18446744073709551615', PROBLEM], ['!!float .inf', PROBLEM],
  ['!!null ""', null], ['!!null ~', null], ['!!null x', PROBLEM],
  ['!!binary aGVsbG8=', 'hello'], ['!!binary "not base64!"', PROBLEM], ['!!binary /w==', PROBLEM],
  ['!!timestamp 2001-12-14', '2001-12-14'], ['!!timestamp 2026-02-30', PROBLEM], ['!!timestamp yes', PROBLEM],
  ['!<tag:yaml.org,2002:bool> yes', true], ['!custom yes', PROBLEM], ['!!python/str x', PROBLEM], ['!!b%6Fol yes', PROBLEM],
];

/** Plain scalar as a KEY → the JSON key (sigs.k8s.io/yaml convertToJSONableObject). */
const KEYS: ReadonlyArray<readonly [string, Expected]> = [
  ['on', 'true'], ['Off', 'false'], ['y', 'true'], ['N', 'false'], ['TRUE', 'true'],
  ['1', '1'], ['0x10', '16'], ['0644', '420'], ['-0b11', '-3'], ['1_000', '1000'],
  ['9223372036854775807', PROBLEM], ['18446744073709551615', PROBLEM],
  ['1.5', PROBLEM], ['08', PROBLEM], ['.inf', PROBLEM], ['~', PROBLEM], ['null', PROBLEM],
  ['"on"', 'on'], ["'1'", '1'], ['2001-12-14', '2001-12-14'], ['name', 'name'], ['!!str on', 'on'], ['!!int "7"', '7'],
];

const HEAD = 'apiVersion: v1\nkind: Thing\nmetadata: {name: t}\n';

function load(text: string): ResourceChange[] {
  return loadKubernetesManifests('table.yaml', text);
}

/** load(), naming the table row when the text does not even parse. */
function loadOrSay(text: string, input: string): ResourceChange[] {
  try {
    return load(text);
  } catch (error) {
    throw new Error(`row "${input}": ${String(error)}`);
  }
}

function specOf(r: ResourceChange | undefined): Record<string, unknown> {
  return (r?.after as { spec: Record<string, unknown> }).spec;
}

function check(label: string, changes: ResourceChange[], actual: unknown, expected: Expected): void {
  const problems = changes.flatMap((c) => c.inputProblems ?? []);
  if (expected === PROBLEM) {
    assert.ok(problems.length > 0, `${label}: expected an input problem, got ${JSON.stringify(actual)}`);
    assert.ok(problems.every((p) => p.location.file === 'table.yaml' && p.location.line >= 1), label);
    return;
  }
  assert.deepEqual(problems, [], `${label}: unexpected problem`);
  assert.ok(Object.is(actual, expected) || (actual === expected), `${label}: got ${JSON.stringify(actual)} (${typeof actual}), want ${JSON.stringify(expected)}`);
}

describe('go-yaml v2 resolution table, as values', () => {
  test('block style', () => {
    for (const [input, expected] of VALUES) {
      const changes = loadOrSay(`${HEAD}spec:\n  v: ${input}\n`, input);
      check(`block "${input}"`, changes, specOf(changes[0]).v, expected);
    }
  });

  test('flow style', () => {
    for (const [input, expected] of VALUES) {
      const changes = loadOrSay(`${HEAD}spec: {a: [${input}], v: ${input}}\n`, input);
      check(`flow "${input}"`, changes, specOf(changes[0]).v, expected);
      // `[]` is an empty list, not a list holding an empty scalar.
      if (input !== '') check(`flow item "${input}"`, changes, (specOf(changes[0]).a as unknown[])[0], expected);
    }
  });

  test('inside kind: List items', () => {
    for (const [input, expected] of VALUES) {
      const changes = loadOrSay(`apiVersion: v1\nkind: List\nitems:\n- ${HEAD.replaceAll('\n', '\n  ').trimEnd()}\n  spec:\n    v: ${input}\n`, input);
      assert.equal(changes.length, 1);
      check(`list item "${input}"`, changes, specOf(changes[0]).v, expected);
    }
  });

  test('block scalars are strings', () => {
    const changes = load(`${HEAD}spec:\n  v: |\n    yes\n  w: >-\n    0x1F\n`);
    assert.deepEqual(specOf(changes[0]), { v: 'yes\n', w: '0x1F' });
  });

  test('a JSON document reads as JSON', () => {
    const changes = load('{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "t"}, "spec": {"a": true, "b": null, "c": 1.5e3, "d": "yes", "e": -0, "f": 12}}\n');
    assert.deepEqual(specOf(changes[0]), { a: true, b: null, c: 1500, d: 'yes', e: 0, f: 12 });
    assert.equal(changes[0]!.inputProblems, undefined);
    const big = load('{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "t"}, "spec": {"n": 12345678901234567890}}\n');
    assert.ok((big[0]!.inputProblems ?? []).length > 0, 'an integer past 2^53 cannot be checked exactly');
  });
});

describe('go-yaml v2 resolution table, as keys', () => {
  test('block and flow style', () => {
    for (const [input, expected] of KEYS) {
      for (const [style, text] of [['block', `${HEAD}spec:\n  ${input}: x\n`], ['flow', `${HEAD}spec: {${input}: x}\n`]] as const) {
        const changes = load(text);
        const keys = Object.keys(specOf(changes[0]));
        assert.equal(keys.length, 1, `${style} key "${input}": ${JSON.stringify(keys)}`);
        check(`${style} key "${input}"`, changes, keys[0], expected);
      }
    }
  });

  test('the problem points at the key (file:line:column)', () => {
    const [c] = load(`${HEAD}spec:\n  a: 1\n  1.5: x\n`);
    assert.deepEqual(c!.inputProblems?.map((p) => [p.location.line, p.location.column]), [[6, 3]]);
  });
});
