import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AttributeDiffNodeDto, FieldPathDto } from '../../../shared/review-types';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { childPath } from '../../loaders/terraform/field-paths';
import { propertyRuns } from '../../testing/property-runs';
import { attributeDiff } from './attribute-diff';
import { parseModelPath, UNKNOWN_TEXT } from './value-tree';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const UNKNOWN_LEAF = '\u0000unknown-leaf';
const PLANT = 'PLANTED-SECRET-';

/** An object with exactly these own keys, "__proto__" included (assignment would set the prototype). */
function objectOf(entries: readonly (readonly [string, Json])[]): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const keyArb = fc.oneof(fc.constantFrom('a', 'b', 'name', '__proto__', 'constructor', 'x.y', '0', 'k"]', 'tls.key', ''), fc.string({ maxLength: 4 }));
const scalarArb = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 5 }), fc.constantFrom('v', 'w', SENSITIVE_MASK, UNKNOWN_LEAF));
const { value: valueArb } = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.uniqueArray(fc.tuple(keyArb, tie('value')), { maxLength: 4, selector: ([k]) => k }).map(objectOf),
  ),
}));

/** A before/after pair sharing structure (most real diffs change a little of a large value). */
const { pair: pairArb } = fc.letrec<{ pair: [Json, Json] }>((tie) => ({
  pair: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    valueArb.map((v): [Json, Json] => [v, structuredClone(v)]),
    fc.tuple(valueArb, valueArb),
    fc.uniqueArray(fc.tuple(keyArb, tie('pair'), fc.constantFrom('both', 'before', 'after')), { maxLength: 4, selector: ([k]) => k }).map((es): [Json, Json] => [
      objectOf(es.filter(([, , s]) => s !== 'after').map(([k, p]) => [k, p[0]])),
      objectOf(es.filter(([, , s]) => s !== 'before').map(([k, p]) => [k, p[1]])),
    ]),
    fc.array(tie('pair'), { maxLength: 3 }).chain((ps) => fc.nat(3).map((extra): [Json, Json] => [ps.map((p) => p[0]), [...ps.map((p) => p[1]), ...Array<Json>(extra).fill('new')]])),
    // A Kubernetes list of named objects: elements kept, dropped or added, and reordered.
    fc.uniqueArray(fc.tuple(fc.constantFrom('web', 'side', 'init', '__proto__', 'x'), tie('pair'), fc.constantFrom('both', 'before', 'after')), { maxLength: 4, selector: ([n]) => n })
      .chain((es) => fc.boolean().map((reverse): [Json, Json] => {
        const named = (n: string, v: Json): Json => objectOf([['name', n], ['v', v]]);
        const after = es.filter(([, , s]) => s !== 'before').map(([n, p]) => named(n, p[1]));
        return [es.filter(([, , s]) => s !== 'after').map(([n, p]) => named(n, p[0])), reverse ? after.reverse() : after];
      })),
  ),
}));

/** Terraform's shape of an unknown: the placeholder leaves become unknownPaths, and `after` omits them (null in a list). */
function extractUnknown(v: Json, path = '', out: string[] = []): { value: Json | undefined; paths: string[] } {
  if (v === UNKNOWN_LEAF) return (out.push(path), { value: undefined, paths: out });
  if (Array.isArray(v)) return { value: v.map((x, i) => extractUnknown(x, childPath(path, i), out).value ?? null), paths: out };
  if (v !== null && typeof v === 'object') {
    const kept: [string, Json][] = [];
    for (const k of Object.keys(v)) {
      const r = extractUnknown(v[k]!, childPath(path, k), out).value;
      if (r !== undefined) kept.push([k, r]);
    }
    return { value: objectOf(kept), paths: out };
  }
  return { value: v, paths: out };
}

const replaceLeaf = (v: Json, from: string, to: Json): Json =>
  v === from ? to : Array.isArray(v) ? v.map((x) => replaceLeaf(x, from, to)) : v !== null && typeof v === 'object' ? objectOf(Object.keys(v).map((k) => [k, replaceLeaf(v[k]!, from, to)])) : v;

function leafValue(n: AttributeDiffNodeDto): Json {
  if (n.after?.mark === 'sensitive') return SENSITIVE_MASK;
  if (n.after?.mark === 'unknown') return UNKNOWN_TEXT;
  return JSON.parse(n.after!.text) as Json;
}

/** Applies a diff node to the before value: what the reviewer is told will be there after. */
function apply(before: Json | undefined, n: AttributeDiffNodeDto): Json | undefined {
  if (n.change === 'unchanged' || n.change === 'moved') return before;
  if (n.change === 'masked') return SENSITIVE_MASK;
  if (n.change === 'removed') return undefined;
  if (!n.container) return leafValue(n);
  const all = [...(n.children ?? []), ...(n.unchanged ?? [])];
  if (n.container === 'map') {
    const base = n.change === 'added' || before === null || typeof before !== 'object' || Array.isArray(before) ? {} : before;
    const entries = new Map<string, Json>(Object.keys(base).map((k) => [k, base[k]!]));
    for (const c of all) {
      const v = apply(entries.get(c.key as string), c);
      if (v === undefined) entries.delete(c.key as string);
      else entries.set(c.key as string, v);
    }
    return objectOf([...entries]);
  }
  const old = Array.isArray(before) && n.change !== 'added' ? before : [];
  const out: Json[] = [];
  for (const c of all) if (c.afterIndex !== undefined) out[c.afterIndex] = apply(c.beforeIndex === undefined ? undefined : old[c.beforeIndex], c)!;
  return out;
}

function nodeAt(root: AttributeDiffNodeDto, path: FieldPathDto): AttributeDiffNodeDto | undefined {
  let n: AttributeDiffNodeDto | undefined = root;
  for (let i = 0; i < path.length && n; i++) n = [...(n.children ?? []), ...(n.unchanged ?? [])].find((c) => c.path[i] === path[i] && c.change !== 'removed');
  return n;
}

describe('attribute diff: as a class of before/after values', () => {
  test('applying its changes to before gives after, unknowns labelled "(known after apply)"', () => {
    fc.assert(fc.property(pairArb, fc.boolean(), ([before, rawAfter], byName) => {
      const { value: after, paths: unknownPaths } = extractUnknown(rawAfter);
      const b = replaceLeaf(before, UNKNOWN_LEAF, 'v');
      const diff = attributeDiff({ before: b, after: after ?? null, sensitivePaths: [], unknownPaths, matchListsByName: byName });
      const expected = replaceLeaf(rawAfter, UNKNOWN_LEAF, UNKNOWN_TEXT);
      const rootBefore = b === null ? undefined : b;
      assert.deepStrictEqual(apply(rootBefore, diff.root) ?? null, expected === UNKNOWN_TEXT || expected !== null ? expected : null);
      for (const p of unknownPaths) {
        const node = nodeAt(diff.root, parseModelPath(p)!);
        assert.equal(node?.after?.mark, 'unknown', `unknown ${p} is labelled`);
        assert.equal(node?.after?.text, UNKNOWN_TEXT);
      }
    }), { numRuns: propertyRuns(400) });
  });

  test('a value at a sensitive path never appears, whatever the model failed to mask', () => {
    // Plant a marker at random string leaves and name their paths sensitive, as Terraform's
    // before_sensitive/after_sensitive and the Secret masker do.
    const planted = (v: Json, path: string, out: string[], n: { i: number }): Json => {
      if (typeof v === 'string') return (out.push(path), `${PLANT}${n.i++}`);
      if (Array.isArray(v)) return v.map((x, i) => planted(x, childPath(path, i), out, n));
      if (v !== null && typeof v === 'object') return objectOf(Object.keys(v).map((k) => [k, planted(v[k]!, childPath(path, k), out, n)]));
      return v;
    };
    fc.assert(fc.property(pairArb, fc.boolean(), ([before, after], byName) => {
      const paths: string[] = [];
      const n = { i: 0 };
      const b = planted(before, '', paths, n);
      const a = planted(after, '', paths, n);
      const text = JSON.stringify(attributeDiff({ before: b, after: a, sensitivePaths: paths, unknownPaths: [], matchListsByName: byName }));
      assert.ok(!text.includes(PLANT), text);
    }), { numRuns: propertyRuns(400) });
  });

  test('a secret under a sensitive map or a path that does not fit the value is masked whole (fail closed)', () => {
    const secret = `${PLANT}x`;
    for (const [value, path] of [
      [{ data: { p: secret } }, 'data'],
      [{ data: [secret] }, 'data.p'],
      [{ data: { p: secret } }, 'data[0]'],
      [{ data: secret }, 'data.p'],
      [{ data: { p: secret } }, 'data[unparseable'],
    ] as const) {
      const text = JSON.stringify(attributeDiff({ before: null, after: value, sensitivePaths: [path], unknownPaths: [], matchListsByName: false }));
      assert.ok(!text.includes(PLANT), `${path}: ${text}`);
    }
  });
});

describe('attribute diff: what the reviewer sees', () => {
  const deployment = (containers: Json[]) => ({ spec: { replicas: 2, template: { spec: { containers } } } });

  test('Kubernetes containers reordered are matched by name; the path keeps the after index', () => {
    const diff = attributeDiff({
      before: deployment([{ name: 'web', image: 'a:1' }, { name: 'side', image: 's:1' }]),
      after: deployment([{ name: 'side', image: 's:1' }, { name: 'web', image: 'a:2' }]),
      sensitivePaths: [], unknownPaths: [], matchListsByName: true,
    });
    const list = nodeAt(diff.root, ['spec', 'template', 'spec', 'containers'])!;
    assert.equal(list.matchedBy, 'name');
    assert.deepEqual(list.children!.map((c) => [c.key, c.change, c.path.at(-1), c.beforeIndex]), [['side', 'moved', 0, 1], ['web', 'changed', 1, 0]]);
    assert.deepEqual(list.unchanged, []);
    const image = nodeAt(diff.root, ['spec', 'template', 'spec', 'containers', 1, 'image'])!;
    assert.deepEqual([image.change, image.before?.text, image.after?.text], ['changed', '"a:1"', '"a:2"']);
    assert.deepEqual(diff.root.children!.map((c) => c.key), ['spec']);
    assert.equal(nodeAt(diff.root, ['spec'])!.unchanged!.length, 1, 'replicas is one unchanged attribute');
  });

  test('init containers swapped keep their names but are "moved", never folded as unchanged; an insertion moves nothing', () => {
    const a = { name: 'a', image: 'x' };
    const b = { name: 'b', image: 'y' };
    const swapped = attributeDiff({ before: deployment([a, b]), after: deployment([b, a]), sensitivePaths: [], unknownPaths: [], matchListsByName: true });
    const list = nodeAt(swapped.root, ['spec', 'template', 'spec', 'containers'])!;
    assert.deepEqual(list.children!.map((c) => [c.key, c.change, c.beforeIndex, c.afterIndex]), [['b', 'moved', 1, 0], ['a', 'moved', 0, 1]]);
    const inserted = attributeDiff({ before: deployment([a, b]), after: deployment([{ name: 'c', image: 'z' }, a, b]), sensitivePaths: [], unknownPaths: [], matchListsByName: true });
    const list2 = nodeAt(inserted.root, ['spec', 'template', 'spec', 'containers'])!;
    assert.deepEqual(list2.children!.map((c) => [c.key, c.change]), [['c', 'added']]);
    assert.deepEqual(list2.unchanged!.map((c) => c.key), ['a', 'b']);
  });

  test('hidden and bidirectional characters in values are escaped, and the text still parses to the value', () => {
    const tricky = 'admin\u202egnp.exe\u200b';
    const diff = attributeDiff({ before: { user: 'x' }, after: { user: tricky }, sensitivePaths: [], unknownPaths: [], matchListsByName: false });
    const text = diff.root.children![0]!.after!.text;
    assert.equal(text, '"admin\\u202egnp.exe\\u200b"');
    assert.equal(JSON.parse(text), tricky);
  });

  test('NaN and infinities read as numbers, never "NaN" strings or null, and an unchanged NaN is unchanged', () => {
    const diff = attributeDiff({ before: { cpu: Number.NaN, mem: 1, lim: { x: Number.POSITIVE_INFINITY } }, after: { cpu: Number.NaN, mem: Number.NEGATIVE_INFINITY, lim: { x: Number.POSITIVE_INFINITY } }, sensitivePaths: [], unknownPaths: [], matchListsByName: false });
    assert.deepEqual(diff.root.children!.map((c) => [c.key, c.after?.text]), [['mem', '-Infinity']]);
    assert.deepEqual(diff.root.unchanged!.map((c) => [c.key, c.after?.text]), [['cpu', 'NaN'], ['lim', '{"x":Infinity}']]);
  });

  test('lists fall back to index when a name repeats or is missing, and for Terraform', () => {
    const cases: [Json[], boolean][] = [
      [[{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }], true],
      [[{ name: 'a', image: 'x' }, { image: 'y' }], true],
      [[{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }], false],
    ];
    for (const [containers, byName] of cases) {
      const diff = attributeDiff({ before: deployment([...containers].reverse()), after: deployment([...containers]), sensitivePaths: [], unknownPaths: [], matchListsByName: byName });
      assert.equal(nodeAt(diff.root, ['spec', 'template', 'spec', 'containers'])!.matchedBy, 'index');
    }
  });

  test('equal masks on both sides are "masked", never counted unchanged', () => {
    const diff = attributeDiff({ before: { password: SENSITIVE_MASK, a: 1 }, after: { password: SENSITIVE_MASK, a: 2 }, sensitivePaths: ['password'], unknownPaths: [], matchListsByName: false });
    assert.deepEqual(diff.root.children!.map((c) => [c.key, c.change]), [['password', 'masked'], ['a', 'changed']]);
    assert.equal(diff.root.unchanged!.length, 0);
  });

  test('an unknown attribute of an update shows "(known after apply)"; a create is all added', () => {
    const update = attributeDiff({ before: { id: 'i-1', arn: 'x' }, after: { arn: 'x' }, sensitivePaths: [], unknownPaths: ['id'], matchListsByName: false });
    assert.deepEqual(update.root.children!.map((c) => [c.key, c.change, c.before?.text, c.after?.text]), [['id', 'changed', '"i-1"', UNKNOWN_TEXT]]);
    const create = attributeDiff({ before: null, after: { a: 1, tags: { k: 'v' } }, sensitivePaths: [], unknownPaths: [], matchListsByName: false });
    assert.equal(create.root.change, 'added');
    assert.deepEqual(nodeAt(create.root, ['tags', 'k'])?.change, 'added');
  });
});
