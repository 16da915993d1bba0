// The builder's two guarantees (issue 9, "Lossless round trip"):
//  1. builder → CEL → builder is the identity on every model the builder expresses;
//  2. CEL → builder → CEL gives back the exact bytes of ANY text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { toBuilder } from './to-builder';
import { toCel } from './to-cel';
import { ROW_OPS } from './types';
import type { BuilderCondition, BuilderItem, BuilderRow, GroupJoin, GroupLayout, RowOp, RowValue } from './types';
import { propertyRuns } from '../../testing/property-runs';

const ROOT = join(import.meta.dirname, '../../../..');

// --- generators of builder models -------------------------------------------------------
const celString = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', '/', '"', "'", '\\', '\n', '\t', ' ', 'é', '😀', '\u0001', '\u2028', '&', '|', '?', '(', ')', ']', '[', '/'), maxLength: 8 });
const key = fc.oneof(
  fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,6}$/),
  fc.constantFrom('app.kubernetes.io/name', 'x y', '0', '"q"', 'a\\b', 'in', 'true', 'é'),
);
const step = fc.oneof({ weight: 4, arbitrary: key }, { weight: 1, arbitrary: fc.nat({ max: 99 }) });
const resourceField = fc.constantFrom('namespace', 'type', 'name', 'action', 'address', 'source', 'drift', 'clusterScoped');
const containerField = fc.constantFrom('image', 'name', 'type', 'index');

function pathOf(inContainer: boolean): fc.Arbitrary<string> {
  const steps = fc.array(step, { maxLength: 4 }).map((s) => formatPath(s));
  const roots: fc.Arbitrary<string>[] = [
    resourceField.map((f) => `resource.${f}`),
    fc.tuple(fc.constantFrom('object', 'oldObject'), steps).map(([r, s]) => join2(r, s)),
    fc.tuple(fc.constant('resource'), fc.array(step, { minLength: 2, maxLength: 3 }).map(formatPath)).map(([r, s]) => join2(r, s)),
  ];
  if (inContainer) {
    roots.push(containerField.map((f) => `c.${f}`), fc.array(step, { minLength: 2, maxLength: 4 }).map((s) => join2('c', formatPath(['spec', ...s].slice(0, 4)))));
  }
  return fc.oneof(...roots);
}
function join2(root: string, rest: string): string {
  return rest === '' ? root : rest.startsWith('[') ? root + rest : `${root}.${rest}`;
}
function formatPath(steps: readonly (string | number)[]): string {
  let out = '';
  for (const s of steps) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

const param = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/), fc.constantFrom('approved-registries', 'x y', 'é')).map((name) => ({ param: name }));
const number = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)), fc.constantFrom(1e20, -1e21, 2 ** 60, 0.1));
const values: Readonly<Record<string, fc.Arbitrary<RowValue>>> = {
  string: celString,
  number,
  boolean: fc.boolean(),
  list: fc.array(celString, { maxLength: 3 }),
  param,
  none: fc.constant(null),
};
const OP_KINDS: Readonly<Record<RowOp, readonly string[]>> = {
  '==': ['string', 'number', 'boolean', 'param'], '!=': ['string', 'number', 'boolean', 'param'],
  '<': ['number', 'string', 'param'], '<=': ['number', 'string', 'param'], '>': ['number', 'string', 'param'], '>=': ['number', 'string', 'param'],
  in: ['list', 'param'], notIn: ['list', 'param'],
  startsWith: ['string', 'param'], endsWith: ['string', 'param'], contains: ['string', 'param'], matches: ['string', 'param'],
  glob: ['string', 'list', 'param'], exists: ['none'], notExists: ['none'],
};

function rowOf(inContainer: boolean): fc.Arbitrary<BuilderRow> {
  return fc.constantFrom(...ROW_OPS).chain((op) => fc.record({
    kind: fc.constant('row' as const),
    path: pathOf(inContainer),
    op: fc.constant(op),
    value: fc.oneof(...OP_KINDS[op].map((k) => values[k] as fc.Arbitrary<RowValue>)),
  }, { noNullPrototype: true }));
}

// Raw chips the builder cannot show as rows: valid CEL, one item (no top-level && || ?:).
const rawChip = fc.constantFrom(
  'size(object.items) > 3',
  'isPublicCIDR(lookup(object, "cidr", ""))',
  'resource.containers.exists(c, c.name == "x" || c.name == "y")',
  '(resource.action == "delete" ? true : params.allow)',
  'inWindow(now, params.windows)',
  'object.spec.replicas == 2',
  'resource.namespace=="x"',
  'lookup(object, "a", "") == "x"',
  '[1, // one && two\n 2].size() == 2',
  '"a && b || c ? d" != resource.name',
  '(resource.name)',
  'true',
  '!has(object.spec)',
).map((cel) => ({ kind: 'raw' as const, cel }));

const trivia = fc.array(fc.constantFrom(' ', '  ', '\n', '\t', '// why && || ?\n', '\r\n'), { maxLength: 3 }).map((xs) => xs.join(''));
function layoutFor(join: GroupJoin, items: number): fc.Arbitrary<GroupLayout> {
  const op = join === 'all' ? '&&' : '||';
  return fc.record({
    lead: trivia,
    seps: fc.array(fc.tuple(trivia, trivia).map(([a, b]) => a + op + b), { minLength: items - 1, maxLength: items - 1 }),
    trail: trivia,
  }, { noNullPrototype: true });
}
function canonical(layout: GroupLayout, join: GroupJoin, lead: string): boolean {
  const sep = join === 'all' ? ' && ' : ' || ';
  return layout.lead === lead && layout.trail === '' && layout.seps.every((s) => s === sep);
}

type Place = 'top' | 'nested' | 'container';
function withLayout<T extends { join: GroupJoin; items: readonly BuilderItem[] }>(node: T, place: Place): fc.Arbitrary<T> {
  const lead = place === 'container' ? ' ' : '';
  return fc.option(layoutFor(node.join, node.items.length), { freq: 3 }).map((layout) => {
    if (!layout || canonical(layout, node.join, lead)) return node;
    // A trailing comment is closed before `)`; at the very end of the text it may stay open.
    return { ...node, layout };
  });
}

// Inside a container, rows may read `c.…` and nested groups hold such rows; no container nests in another.
const tree = fc.letrec<{ item: BuilderItem; inner: BuilderItem; group: BuilderItem; innerGroup: BuilderItem; container: BuilderItem }>((tie) => ({
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, rowOf(false), rawChip, tie('group'), tie('container')),
  inner: fc.oneof({ depthSize: 'small', withCrossShrink: true }, rowOf(true), rawChip, tie('innerGroup')),
  group: fc.record({ join: fc.constantFrom<GroupJoin>('all', 'any'), items: fc.array(tie('item'), { minLength: 2, maxLength: 4 }) }, { noNullPrototype: true })
    .chain((g) => withLayout({ kind: 'group' as const, ...g }, 'nested')),
  innerGroup: fc.record({ join: fc.constantFrom<GroupJoin>('all', 'any'), items: fc.array(tie('inner'), { minLength: 2, maxLength: 3 }) }, { noNullPrototype: true })
    .chain((g) => withLayout({ kind: 'group' as const, ...g }, 'nested')),
  container: fc.record({ join: fc.constantFrom<GroupJoin>('all', 'any'), items: fc.array(tie('inner'), { minLength: 1, maxLength: 3 }) }, { noNullPrototype: true })
    .map((g) => (g.items.length === 1 ? { ...g, join: 'all' as const } : g))
    .chain((g) => withLayout({ kind: 'forEachContainer' as const, ...g }, 'container')),
}));
const condition: fc.Arbitrary<BuilderCondition> = fc.record({ join: fc.constantFrom<GroupJoin>('all', 'any'), items: fc.array(tree.item, { minLength: 1, maxLength: 4 }) }, { noNullPrototype: true })
  .map((g) => (g.items.length === 1 ? { ...g, join: 'all' as const } : g))
  .chain((g) => withLayout({ kind: 'group' as const, ...g }, 'top'));

describe('builder → CEL → builder', () => {
  test('is the identity on every model the builder expresses', () => {
    fc.assert(fc.property(condition, (b) => {
      assert.deepStrictEqual(toBuilder(toCel(b)), b);
    }), { numRuns: propertyRuns(3000) });
  });
});

// --- any text ---------------------------------------------------------------------------
function baselineConditions(): string[] {
  const dir = join(ROOT, 'policies/baseline');
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).map((id) => (parseYaml(readFileSync(join(dir, id, 'policy.yaml'), 'utf8')) as { condition: string }).condition);
}
function demoConditions(): string[] {
  const doc = parseYaml(readFileSync(join(ROOT, 'electron/demo/contract.yaml'), 'utf8')) as { spec?: { policies?: { condition: string }[] } };
  return (doc.spec?.policies ?? []).map((p) => p.condition);
}

const celish = fc.string({ unit: fc.constantFrom('a', 'resource', '.', 'namespace', ' ', '\n', '(', ')', '[', ']', '"', "'", '\\', '&&', '||', '?', ':', '!', '==', 'in', '//', 'lookup(object, "x", null)', ', ', '1', 'c', 'resource.containers.all(c,', 'r', 'b', '"""', '{', '}'), maxLength: 30 });

describe('CEL → builder → CEL', () => {
  test('gives back the exact bytes of arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), celish), (text) => {
      assert.equal(toCel(toBuilder(text)), text);
    }), { numRuns: propertyRuns(5000) });
  });
  test('gives back every baseline and demo condition byte for byte', () => {
    const all = [...baselineConditions(), ...demoConditions()];
    assert.ok(all.length >= 10);
    for (const text of all) assert.equal(toCel(toBuilder(text)), text);
  });
  test('gives back every model the builder writes, edited by hand around its parts', () => {
    fc.assert(fc.property(condition, trivia, trivia, (b, before, after) => {
      const text = `${before}${toCel(b)}${after}`;
      assert.equal(toCel(toBuilder(text)), text);
    }), { numRuns: propertyRuns(1000) });
  });
});
