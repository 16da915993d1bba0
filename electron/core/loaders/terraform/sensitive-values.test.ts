// Terraform's *_sensitive markers mirror the value's shape; a marker shaped otherwise, or of a
// type Terraform never writes, masks what it covers rather than letting it through.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { maskSensitive } from './sensitive-values';

const ctx = { file: 'plan.json', line: 1, column: 1 };

function masked(value: unknown, marker: unknown): { value: unknown; paths: string[] } {
  const paths: string[] = [];
  return { value: maskSensitive(value, marker, ctx, paths), paths };
}

describe('maskSensitive', () => {
  test('markers shaped like the value mask exactly what they mark', () => {
    const r = masked({ a: 'x', list: ['p', 'q'], m: { k: 'v', s: 'w' } }, { a: false, list: [false, true], m: { s: true } });
    assert.deepEqual(r.value, { a: 'x', list: ['p', SENSITIVE_MASK], m: { k: 'v', s: SENSITIVE_MASK } });
    assert.deepEqual(r.paths, ['list[1]', 'm.s']);
  });

  const failClosed: readonly [string, unknown, unknown][] = [
    ['a list marker on a map', { k: 'secret' }, [true]],
    ['a map marker on a list', ['secret'], { 0: true }],
    ['a map marker on a string', 'secret', { x: true }],
    ['a list marker on a string', 'secret', [true]],
    ['a string marker', 'secret', 'true'],
    ['a number marker', 'secret', 1],
    ['a nested mismatch', { outer: { k: 'secret' } }, { outer: [false, [true]] }],
  ];
  for (const [name, value, marker] of failClosed) {
    test(`${name} masks the value it covers`, () => {
      const r = masked(value, marker);
      assert.ok(!JSON.stringify(r.value).includes('secret'), JSON.stringify(r.value));
      assert.ok(r.paths.length > 0);
    });
  }

  test('markers that hide nothing leave a mismatched value alone; null stays null', () => {
    assert.deepEqual(masked({ k: 'v' }, [false]).value, { k: 'v' });
    assert.deepEqual(masked('v', {}).value, 'v');
    assert.deepEqual(masked(null, { a: true }).value, null);
    assert.deepEqual(masked({ a: null }, { a: true }).value, { a: null });
  });
});
