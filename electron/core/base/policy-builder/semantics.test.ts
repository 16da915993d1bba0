// The model toBuilder makes of a text means what the text means: its items, read as CEL and
// joined as the model says, parse to the same expression as the text (compared as cel-js
// serialises the AST). Inputs are generated CEL with the tricky parts around `&&`/`||`:
// strings and comments holding operators, "\r" in comments, raw strings with backslashes,
// conditionals, parentheses, "for every container".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Environment, serialize } from '@marcbachmann/cel-js';
import { rowCel } from './row-cel';
import { toBuilder } from './to-builder';
import { toCel } from './to-cel';
import type { BuilderItem } from './types';

const env = new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false });

function canonicalAst(text: string): string | undefined {
  try {
    return serialize(env.parse(text).ast);
  } catch {
    return undefined;
  }
}

/** The model's meaning as CEL: every item parenthesised, groups folded left. */
function meaning(item: BuilderItem): string {
  switch (item.kind) {
    case 'row':
      return rowCel(item);
    case 'raw':
      return `(${item.cel}\n)`;
    case 'group':
    case 'forEachContainer': {
      const op = item.join === 'all' ? ' && ' : ' || ';
      const body = item.items.length === 0 ? (item.join === 'all' ? 'true' : 'false') : item.items.map((i) => `(${meaning(i)})`).reduce((a, b) => `(${a}${op}${b})`);
      return item.kind === 'group' ? body : `resource.containers.all(c, ${body})`;
    }
  }
}

const ws = fc.constantFrom('', ' ', '\n  ', '\t', ' // a || b && c\n', ' // x\r|| y\n', '\r\n');
const atom = fc.constantFrom(
  'resource.namespace == "a"', 'lookup(object, "spec.x", null) >= 2', '!(resource.type in ["a||b", "c"])',
  'r"\\" || x" == resource.name', '"&& \\" ||" != resource.name', "'''a || b''' == resource.name", 'b"||" == x',
  'resource.containers.all(c, c.image.startsWith("r") || c.name == "x")', 'x.?y.orValue(1) == 1', 'size(object.items) > 0',
  'c.name == "q"', 'glob("a*", resource.name)', 'true', 'params.flag',
);
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), ws, fc.constantFrom('&&', '||'), ws, tie('e')).map((p) => p.join('')),
    fc.tuple(ws, tie('e'), ws).map(([a, e, b]) => `(${a}${e}${b})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
    tie('e').map((e) => `!(${e})`),
    tie('e').map((e) => `resource.containers.all(c,${e})`)),
})).e;

test('toBuilder\'s model means what the text means, and writes back its bytes', () => {
  let checked = 0;
  fc.assert(fc.property(ws, expr, ws, (a, e, b) => {
    const text = a + e + b;
    const want = canonicalAst(text);
    const model = toBuilder(text);
    assert.equal(toCel(model), text);
    if (want === undefined) return;
    checked++;
    assert.equal(canonicalAst(meaning(model)), want, JSON.stringify(model));
  }), { numRuns: 3000 });
  assert.ok(checked > 1000, `only ${checked} generated texts parsed`);
});
