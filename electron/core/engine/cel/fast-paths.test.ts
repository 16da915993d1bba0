// Differential tests of the evaluator's fast paths against plain reference versions of what
// they replaced: the scan for values unknown until apply (no walk when a container holds no
// object), the sentinel's brand (no WeakMap), lookup's list of keys (no copy when all are
// strings) and image() (parsed references reused).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseImageReference } from '../../base/image-reference';
import { image, imageView } from './functions/image';
import { lookup } from './functions/data';
import { isUnknownValue, known, unknownValue, unknownsIn, UnknownValueError } from './unknown-value';
import { propertyRuns } from '../../testing/property-runs';

/** The scan as it was: every container walked, paths in the same order. */
function referenceUnknownsIn(v: unknown, paths: Map<object, string>): string[] {
  const out: string[] = [];
  const stack: unknown[] = [v];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const cur = stack.pop();
    if (typeof cur !== 'object' || cur === null) continue;
    const path = paths.get(cur);
    if (path !== undefined) {
      out.push(path);
      continue;
    }
    if (seen.has(cur)) continue;
    const proto: unknown = Object.getPrototypeOf(cur);
    if (!Array.isArray(cur) && proto !== Object.prototype && proto !== null) continue;
    seen.add(cur);
    for (const x of Array.isArray(cur) ? cur : Object.values(cur)) if (typeof x === 'object' && x !== null) stack.push(x);
  }
  return out;
}

/** Marks where a sentinel goes (fast-check looks into the values it generates; a sentinel refuses that). */
class Hole {
  constructor(readonly path: string) {}
}

/** Plain values with holes at random places. */
const holed = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null), fc.boolean(),
    fc.string({ maxLength: 4 }).map((p) => new Hole(p)), tie('list'), tie('map'), fc.constantFrom(new Date(0), new Map([['k', 1]]))),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 4 }),
})).value;

/** The value with a sentinel in each hole; `paths` records each sentinel's path. */
function fill(v: unknown, paths: Map<object, string>): unknown {
  if (v instanceof Hole) {
    const s = unknownValue(v.path);
    paths.set(s, v.path);
    return s;
  }
  if (Array.isArray(v)) return v.map((x) => fill(x, paths));
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, paths)]));
  }
  return v;
}

describe('evaluator fast paths answer as the code they replaced', () => {
  test('unknownsIn finds the same sentinels, in the same order, as a full walk', () => {
    fc.assert(fc.property(holed, (generated) => {
      const paths = new Map<object, string>();
      const v = fill(generated, paths);
      assert.deepEqual(unknownsIn(v), referenceUnknownsIn(v, paths));
    }), { numRuns: propertyRuns(500) });
  });

  test('a sentinel is recognised without being touched; nothing else is one', () => {
    const s = unknownValue('tags_all.Owner');
    assert.equal(isUnknownValue(s), true);
    assert.throws(() => known(s), (e: unknown) => e instanceof UnknownValueError && e.paths[0] === 'tags_all.Owner');
    // Any look at it throws its error, as before: a type check, a key, a comparison.
    assert.throws(() => (s as { constructor: unknown }).constructor, UnknownValueError);
    assert.throws(() => Object.keys(s), UnknownValueError);
    assert.throws(() => `${String(s)}`, UnknownValueError);
    for (const other of [{}, [], new Proxy({}, {}), Object.create(null), null, 'x', 1, new Date(0)]) assert.equal(isUnknownValue(other), false);
    assert.notEqual(unknownValue('a'), unknownValue('a')); // never shared: two unknowns are never known equal
  });

  test('lookup with a list of keys walks as it did when each key was copied first', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b', '0', '1'), fc.constantFrom(0, 1), fc.constantFrom(0n, 1n), fc.constantFrom(1.5, true, null));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.constant(null), tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 3 }),
      map: fc.dictionary(fc.constantFrom('a', 'b', '0', '1'), tie('value'), { maxKeys: 3 }),
    })).value;
    fc.assert(fc.property(tree, fc.array(key, { maxLength: 4 }), (obj, path) => {
      const copied = [...path];
      let want: string;
      try {
        want = `value ${JSON.stringify(lookup(obj, copied.map((p) => (typeof p === 'bigint' ? Number(p) : p)), 'fallback'))}`;
      } catch (err) {
        want = `error ${(err as Error).message}`;
      }
      let got: string;
      try {
        got = `value ${JSON.stringify(lookup(obj, path, 'fallback'))}`;
      } catch (err) {
        got = `error ${(err as Error).message}`;
      }
      // bigint keys read as numbers, everything else as written (a non-key refuses the whole path).
      assert.equal(got, want);
      assert.deepEqual(path, copied, 'the list of keys is not modified');
    }), { numRuns: propertyRuns(500) });
  });

  test('image() gives the parsed view every time, and refuses a bad reference every time', () => {
    const ref = fc.oneof(
      fc.constantFrom('nginx', 'nginx:1.25', 'ghcr.io/acme/app:2', 'localhost:5000/x@sha256:' + 'a'.repeat(64), 'Bad Ref', '', 'a//b', 'x:'),
      fc.stringMatching(/^[a-z0-9.:/@-]{0,20}$/),
    );
    fc.assert(fc.property(ref, (r) => {
      let want: string;
      try {
        want = JSON.stringify(imageView(parseImageReference(r)));
      } catch {
        want = 'error';
      }
      for (let i = 0; i < 2; i++) {
        let got: string;
        try {
          got = JSON.stringify(image(r));
        } catch (err) {
          assert.match((err as Error).message, /^image: invalid image reference /);
          got = 'error';
        }
        assert.equal(got, want);
      }
    }), { numRuns: propertyRuns(300) });
  });
});
