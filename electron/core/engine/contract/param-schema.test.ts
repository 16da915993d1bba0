// Parameter schemas (countersign.dev/v3): a declared type, bounds, pattern and noopWhenEmpty.
// A value that does not fit is refused at load with the file and the line of the offending
// value; the digest covers the schema, and a policy without one digests as before.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import type { PolicyParameter } from '../../model/policy';
import { paramValueProblem } from './param-schema';
import { parseContract } from './parse-contract';

function contract(decl: string, values = '', apiVersion = 'v3'): string {
  return `apiVersion: countersign.dev/${apiVersion}
kind: Contract
metadata: {name: t}
spec:
  parameters:
    p:${values === '' ? ' {}\n' : `\n${values}`}  policies:
    - id: p
      title: P
      severity: low
      enforcement: deny
      parameters:
        v: ${decl}
      condition: "true"
`;
}

function refusal(text: string): InputError {
  try {
    parseContract('c.yaml', text, '/nonexistent');
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    return err;
  }
  assert.fail('loaded');
}

const decl = (d: Partial<PolicyParameter> & Pick<PolicyParameter, 'type'>): PolicyParameter => ({ description: '', default: null, ...d });

describe('paramValueProblem', () => {
  // [declaration, value, accepted]
  const table: [PolicyParameter, unknown, boolean][] = [
    [decl({ type: 'string' }), 'x', true], [decl({ type: 'string' }), 1, false], [decl({ type: 'string' }), null, false],
    [decl({ type: 'string', pattern: '[a-z]+' }), 'abc', true], [decl({ type: 'string', pattern: '[a-z]+' }), 'abc1', false],
    [decl({ type: 'boolean' }), true, true], [decl({ type: 'boolean' }), 'true', false],
    [decl({ type: 'number', min: 1, max: 10 }), 1, true], [decl({ type: 'number', min: 1, max: 10 }), 10.5, false], [decl({ type: 'number', min: 1 }), 0, false],
    [decl({ type: 'integer' }), 2, true], [decl({ type: 'integer' }), 2.5, false], [decl({ type: 'integer' }), '2', false],
    [decl({ type: 'number-list', min: 1, max: 65535 }), [80, 443], true], [decl({ type: 'number-list', min: 1, max: 65535 }), [80, 70000], false],
    [decl({ type: 'string-list' }), ['a', ''], true], [decl({ type: 'string-list' }), 'a', false], [decl({ type: 'string-list' }), [1], false],
    // An empty allow-list item would allow everything: refused in the typed lists.
    [decl({ type: 'registry-list' }), ['ghcr.io/acme/'], true], [decl({ type: 'registry-list' }), [''], false], [decl({ type: 'registry-list' }), [' '], false],
    [decl({ type: 'namespace-list' }), ['shop-*'], true], [decl({ type: 'namespace-list' }), [''], false],
    [decl({ type: 'registry-list', pattern: '[a-z0-9.:/-]+' }), ['ghcr.io/acme/'], true], [decl({ type: 'registry-list', pattern: '[a-z0-9.:/-]+' }), ['ghcr.io/ACME'], false],
    [decl({ type: 'tag-list' }), ['Owner', { key: 'Env', allowedRegex: '^(prod|dev)$' }], true],
    [decl({ type: 'tag-list' }), [{ key: 'Env', allowedRegex: '(?=x)' }], false], [decl({ type: 'tag-list' }), [{ key: '' }], false],
    [decl({ type: 'tag-list' }), [{ key: 'Env', other: 1 }], false], [decl({ type: 'label-list' }), [3], false],
    [decl({ type: 'label-map' }), { team: 'a' }, true], [decl({ type: 'label-map' }), { team: 1 }, false], [decl({ type: 'label-map' }), ['a'], false],
    [decl({ type: 'windows' }), [{ days: ['Tue'], start: '02:00', end: '05:00', timezone: 'Europe/Paris' }], true],
    [decl({ type: 'windows' }), [{ days: ['Tue'], start: '2am', end: '05:00' }], false],
    [decl({ type: 'windows' }), [{ days: ['Tue'], start: '02:00', end: '05:00', timezone: 'Mars/Olympus' }], false],
    [decl({ type: 'windows' }), [{ days: ['Tuesday'], start: '02:00', end: '05:00' }], false],
    [decl({ type: 'windows' }), [{ start: '02:00', end: '05:00', zone: 'UTC' }], false],
  ];
  for (const [d, value, ok] of table) {
    test(`${d.type}${d.pattern ? ` /${d.pattern}/` : ''}${d.min !== undefined ? ` min ${d.min}` : ''}${d.max !== undefined ? ` max ${d.max}` : ''}: ${JSON.stringify(value)} is ${ok ? 'accepted' : 'refused'}`, () => {
      const problem = paramValueProblem(d, value);
      assert.equal(problem === undefined, ok, problem?.message);
    });
  }
});

describe('parameter schemas in a contract', () => {
  test('a value that violates its declared type, bounds or pattern is refused with the line of the value (or list item)', () => {
    const cases: [string, string, RegExp, number][] = [
      ['{default: 3, type: integer, min: 1, max: 5}', '      v: 9\n', /parameter "v" of policy "p" \(integer\): 9 is above the maximum 5/, 7],
      ['{default: [], type: registry-list}', '      v:\n        - ghcr.io/acme/\n        - ""\n', /registry-list\): an empty registry would match everything/, 9],
      ['{default: [], type: number-list, min: 1, max: 65535}', '      v: [80, 0]\n', /0 is below the minimum 1/, 7],
      ['{default: [], type: string-list}', '      v: nope\n', /must be a list of strings/, 7],
    ];
    for (const [d, values, message, line] of cases) {
      const err = refusal(contract(d, values));
      assert.match(err.message, message);
      assert.equal(err.file, 'c.yaml');
      assert.equal(err.line, line, err.message);
    }
  });

  test('an inconsistent declaration is refused where it is written', () => {
    const cases: [string, RegExp][] = [
      ['{default: 1, type: number, min: 5, max: 1}', /min 5 is above max 1/],
      ['{default: "a", type: string, min: 1}', /min and max bound numbers/],
      ['{default: [], type: string-list, pattern: "(?=a)"}', /needs backtracking/],
      ['{default: 1, type: integer, noopWhenEmpty: true}', /noopWhenEmpty is for strings, lists and maps/],
      ['{type: string-list}', /needs a default of that type/],
      ['{default: [""], type: registry-list}', /default: an empty registry/],
      ['{default: [], type: colour}', /type/],
    ];
    for (const [d, message] of cases) {
      const err = refusal(contract(d));
      assert.match(err.message, message);
      assert.equal(err.line, 13, err.message);
    }
  });

  test('v1/v2 contracts do not take parameter schemas (they are v3)', () => {
    const err = refusal(contract('{default: [], type: string-list}', '', 'v2'));
    assert.match(err.message, /countersign\.dev\/v3/);
    assert.equal(err.line, 13);
  });

  test('the digest covers the schema: type, bounds, pattern and noopWhenEmpty each change it', () => {
    const digest = (d: string) => parseContract('c.yaml', contract(d), '/nonexistent').digest;
    const base = digest('{default: 2}');
    const variants = ['{default: 2, type: integer}', '{default: 2, type: number}', '{default: 2, type: integer, min: 1}', '{default: 2, type: integer, max: 9}',
      '{default: [], type: string-list}', '{default: [], type: string-list, noopWhenEmpty: true}', '{default: [], type: string-list, pattern: "a+"}'];
    const all = [base, ...variants.map(digest)];
    assert.equal(new Set(all).size, all.length);
  });
});
