/**
 * Parameter forms: each list item is checked (empty, duplicate, spaces, shape, the policy's
 * RE2 pattern); the editor is chosen from the declared type only when the value has that
 * shape (else JSON, so nothing is coerced); numbers respect their bounds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PolicyParamDto } from '../../electron/shared/contract-editor-types';
import { listItemProblems } from '../../renderer/src/contract/params/list-items';
import { keyRowProblems, keyRowsValue, readKeyRows } from '../../renderer/src/contract/params/key-items';
import { editorKind, fromCandidate, toCandidate, valueProblems } from '../../renderer/src/contract/params/param-value';

const param = (over: Partial<PolicyParamDto>): PolicyParamDto => ({
  name: 'p', description: '', type: 'string-list', value: [], default: [], set: false, noopWhenEmpty: false, ...over,
});
const messages = (items: string[], type: Parameters<typeof listItemProblems>[1], pattern?: string) =>
  listItemProblems(items, type, pattern).map((p) => `${p.index}: ${p.message}`);

test('list items: empty, duplicate and padded items are named by position', () => {
  assert.deepEqual(messages(['ghcr.io/acme/', '', 'ghcr.io/acme/', ' quay.io'], 'registry-list'), [
    '1: empty: an empty item would match everything; type a value or remove the row',
    '2: duplicate of item 1',
    '3: leading or trailing spaces',
    '3: expected a registry host or path prefix such as ghcr.io/acme/ (no scheme, no spaces)',
  ]);
});

test('registry items: hosts, prefixes and globs pass; URLs and spaces do not', () => {
  for (const ok of ['ghcr.io', 'ghcr.io/acme/', 'registry.example:5000/team/app', 'bitnami/', '*.dkr.ecr.*.amazonaws.com/**', 'ghcr.io/acme/api@sha256']) {
    assert.deepEqual(messages([ok], 'registry-list'), [], ok);
  }
  for (const bad of ['https://ghcr.io/acme/', 'ghcr.io/ac me', 'oci://x', '/leading-slash']) assert.notDeepEqual(messages([bad], 'registry-list'), [], bad);
});

test('namespace and label items follow Kubernetes names', () => {
  assert.deepEqual(messages(['shop', 'shop-*', 'kube-system'], 'namespace-list'), []);
  for (const bad of ['Shop', 'shop_eu', '-shop', 'a'.repeat(64)]) assert.notDeepEqual(messages([bad], 'namespace-list'), [], bad);
  assert.deepEqual(messages(['app.kubernetes.io/name', 'owner', 'team_id'], 'label-list'), []);
  for (const bad of ['/name', 'Example.com/x', 'a b']) assert.notDeepEqual(messages([bad], 'label-list'), [], bad);
});

test("the policy's pattern is RE2: a mismatch is per item, and a pattern RE2 refuses is reported once", () => {
  assert.deepEqual(messages(['prod', 'dev'], 'string-list', '^(prod|staging)$'), ['1: does not match the pattern ^(prod|staging)$']);
  // Lookahead is JavaScript-only: RE2 refuses it, so the form says so instead of guessing.
  assert.match(messages(['x'], 'string-list', '^(?=x)').join(), /not valid RE2/);
});

test('property: a list of distinct, trimmed, non-empty strings has no problems as a string-list', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== '')), (items) => {
    assert.deepEqual(listItemProblems(items, 'string-list'), []);
  }));
});

test('property: any duplicate is reported at its second position', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 8 }), (items) => {
    const dups = listItemProblems(items, 'string-list').filter((p) => p.message.startsWith('duplicate')).map((p) => p.index);
    const expected = items.flatMap((x, i) => (items.indexOf(x) < i ? [i] : []));
    assert.deepEqual(dups, expected);
  }));
});

test('the editor follows the declared type only when the value has that shape', () => {
  assert.equal(editorKind(param({ type: 'registry-list', value: ['ghcr.io'] })), 'list');
  assert.equal(editorKind(param({ type: 'tag-list', value: ['Owner', { key: 'Env', allowedRegex: '^prod$' }] })), 'key-list');
  assert.equal(editorKind(param({ type: 'tag-list', value: [{ key: 'Env', values: ['prod'] }] })), 'json');
  assert.equal(editorKind(param({ type: 'label-list', value: [42] })), 'json');
  assert.equal(editorKind(param({ type: 'windows', value: [{ days: ['Mon'], start: '01:00', end: '02:00', timezone: 'UTC' }] })), 'windows');
  assert.equal(editorKind(param({ type: 'windows', value: [{ days: ['Mon'], start: '01:00', end: '02:00', tz: 'UTC' }] })), 'json');
  assert.equal(editorKind(param({ type: 'number', value: '5' })), 'json');
  assert.equal(editorKind(param({ type: 'label-map', value: { team: 'a' } })), 'label-map');
  assert.equal(editorKind(param({ type: 'label-map', value: { team: 1 } })), 'json');
  assert.equal(editorKind(param({ type: 'json', value: ['x'] })), 'json');
});

test('numbers: bounds, integers and empty input', () => {
  const p = param({ type: 'integer', value: 5, min: 1, max: 65535 });
  assert.deepEqual(valueProblems(p, 'number', 443), []);
  assert.deepEqual(valueProblems(p, 'number', 0), ['must be at least 1']);
  assert.deepEqual(valueProblems(p, 'number', 70000), ['must be at most 65535']);
  assert.deepEqual(valueProblems(p, 'number', 1.5), ['must be a whole number']);
  assert.deepEqual(valueProblems(p, 'number', Number.NaN), ['enter a number']);
});

test('label maps keep duplicate keys visible until fixed; JSON text must parse', () => {
  const p = param({ type: 'label-map', value: { team: 'a' } });
  assert.deepEqual(valueProblems(p, 'label-map', [['team', 'a'], ['team', 'b'], ['', 'c']]), ['label 2: duplicate key team', 'label 3: empty key']);
  assert.deepEqual(fromCandidate('label-map', toCandidate('label-map', { a: '1', b: '2' })), { ok: true, value: { a: '1', b: '2' } });
  assert.deepEqual(fromCandidate('json', toCandidate('json', [{ x: 1 }])), { ok: true, value: [{ x: 1 }] });
  const bad = fromCandidate('json', '[1,');
  assert.equal(bad.ok, false);
});

test('the pattern must match the whole item, as the engine checks it', () => {
  assert.deepEqual(messages(['production'], 'string-list', 'prod'), ['0: does not match the pattern prod']);
  assert.deepEqual(messages(['prod'], 'string-list', 'prod'), []);
});

test('an empty item is refused in allow-lists (it would match everything) but allowed in a plain string list', () => {
  assert.match(messages([''], 'namespace-list').join(), /would match everything/);
  assert.deepEqual(messages([''], 'string-list'), []);
});

test('number lists: each item a number within the bounds, written as numbers', () => {
  const p = param({ type: 'number-list', value: [443], min: 1, max: 65535 });
  assert.equal(editorKind(p), 'number-list');
  assert.deepEqual(toCandidate('number-list', [443, 8443]), ['443', '8443']);
  assert.deepEqual(valueProblems(p, 'number-list', ['443', '', '0', '70000', 'x']), [
    'item 2: enter a number', 'item 3: must be at least 1', 'item 4: must be at most 65535', 'item 5: enter a number',
  ]);
  assert.deepEqual(fromCandidate('number-list', ['443', '8443']), { ok: true, value: [443, 8443] });
});

test('required tags: a bare key, or {key, allowedRegex}; written back in the short form when no regex is given', () => {
  const value = ['Owner', { key: 'Environment', allowedRegex: '^(prod|staging)$' }];
  const rows = readKeyRows(value)!;
  assert.deepEqual(rows, [{ key: 'Owner', allowedRegex: '' }, { key: 'Environment', allowedRegex: '^(prod|staging)$' }]);
  assert.deepEqual(keyRowsValue(rows), value);
  assert.deepEqual(fromCandidate('key-list', toCandidate('key-list', value)), { ok: true, value });
});

test('required tags: duplicate keys and a regex RE2 refuses are named by item', () => {
  const problems = keyRowProblems([{ key: 'Owner', allowedRegex: '' }, { key: 'Owner', allowedRegex: '(?<=x)' }], 'tag-list').map((p) => `${p.index}: ${p.message}`);
  assert.equal(problems[0], '1: duplicate of item 1');
  assert.match(problems[1] ?? '', /^1: allowed values: not valid RE2/);
  assert.deepEqual(keyRowProblems([{ key: 'app.kubernetes.io/name', allowedRegex: '^[a-z-]+$' }], 'label-list'), []);
});
