import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { repoRoot } from '../../testing/corpus';
import { configurationSpec, contractOwner, fleetContractYaml, ownPolicy } from '../../testing/fleet-fixtures';
import { parseContract } from './parse-contract';
import { withPackResolutionMemo } from './pack-version';
import { GOLDEN_CONTRACTS } from './digest-golden-contracts';
import { parseYamlSource, rangeIn } from './yaml-source';
import type { YamlSource } from './yaml-source';
import { segmentedYamlSource, withYamlSegmentMemo } from './yaml-segments';

/**
 * Every node's kind, start and value end, scalar type and value, in document order: what
 * positions and data are read from. Not range[2] (the end with trailing comments and blank
 * lines): an empty value before a column-0 comment ends differently alone, and no reader of a
 * parsed contract looks at it.
 */
function shape(src: YamlSource, node: Node | null, out: unknown[] = []): unknown[] {
  if (node === null) {
    out.push(null);
    return out;
  }
  out.push([node.constructor.name, rangeIn(src, node), isScalar(node) ? [node.type, node.value, node.source] : null]);
  if (isMap(node)) {
    for (const p of node.items) {
      shape(src, p.key as Node, out);
      shape(src, p.value as Node | null, out);
    }
  }
  if (isSeq(node)) for (const n of node.items) shape(src, n as Node | null, out);
  return out;
}

function whole(text: string): YamlSource | Error {
  try {
    return parseYamlSource('f.yaml', text);
  } catch (err) {
    return err as Error;
  }
}

/** When the shortcut reads a text, the whole-file parse reads it too, to the same nodes, lines and data. */
function assertSameReading(text: string, label: string): boolean {
  const fast = withYamlSegmentMemo(() => {
    segmentedYamlSource('f.yaml', text); // the second read takes every entry from the memo
    return segmentedYamlSource('f.yaml', text);
  });
  if (fast === null) return false;
  const slow = whole(text);
  assert.ok(!(slow instanceof Error), `${label}: the shortcut read a text the whole-file parse refuses (${String(slow)})`);
  assert.deepEqual(fast.data, slow.data, `${label}: data`);
  assert.deepEqual(fast.lines.lineStarts, slow.lines.lineStarts, `${label}: line starts`);
  assert.deepEqual(shape(fast, fast.doc.contents as Node), shape(slow, slow.doc.contents as Node), `${label}: nodes`);
  return true;
}

describe('YAML read by top-level entries (fleet shortcut)', () => {
  test('every YAML file of the repository reads the same as the whole-file parse', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
    let read = 0;
    for (const f of files) if (assertSameReading(readFileSync(`${repoRoot}${f}`, 'utf8'), f)) read++;
    assert.ok(read > files.length / 2, `most files take the shortcut (${read} of ${files.length})`);
  });

  test('texts it cannot vouch for are left to the whole-file parse', () => {
    const refused = [
      '# a comment first\na: 1\n', '\na: 1\n', '%YAML 1.2\n---\na: 1\n', '---\na: 1\n', 'a: 1\na: 2\n', 'a: &x 1\nb: *x\n',
      'a: [1,\nb: 2]\n', 'a: "x\nb: y"\n', "a: 'x\nb: y'\n", 'true: 1\n', 'a: 1\nnull: 2\n', 'a: .inf\n', 'a: !!binary aGk=\n',
      'a: 1\n---\nb: 2\n', '- a\n- b\n', 'a b: 1\n', '"a": 1\n', 'a:1\n', 'a: 1\n? b\n: c\n',
    ];
    for (const text of refused) {
      const fast = withYamlSegmentMemo(() => segmentedYamlSource('f.yaml', text));
      if (fast !== null) assertSameReading(text, JSON.stringify(text));
    }
    assert.equal(withYamlSegmentMemo(() => segmentedYamlSource('f.yaml', 'a: 1\na: 2\n')), null);
    assert.equal(withYamlSegmentMemo(() => segmentedYamlSource('f.yaml', 'a: &x 1\nb: *x\n')), null);
    assert.equal(segmentedYamlSource('f.yaml', 'a: 1\n'), null, 'outside withYamlSegmentMemo: never');
    // A roster hidden after U+2028 in a comment: a comment to YAML, never a key of the fleet's reading.
    for (const hidden of ['a: 1\n#\u2028roster: [x]\n', 'a: 1\n# c\rroster: [x]\n', 'a: 1\n#\u2029roster: [x]\n']) {
      assert.equal(withYamlSegmentMemo(() => segmentedYamlSource('f.yaml', hidden)), null, JSON.stringify(hidden));
    }
  });

  test('texts made of tricky entries: whenever the shortcut reads one, it reads it as the whole file does', () => {
    const lines = [
      'a: 1', 'b: x', 'c: "q\\"u"', "d: 'it''s'", 'e: [1, {f: 2}]', 'g:', '  h: 1', '  - i', '- j', 'k: |', '  block', '    more', 'l: >-', '  folded',
      '# comment', '', '   ', '\tt: 1', 'm: "open', 'n: [open', '  ]', 'o: plain', '  continued', 'p: &anchor {q: 1}', 'r: *anchor', '---', '...',
      'true: 1', 's: 1 # trailing', 'u: {v: [', 'w]}', '"x": 1', 'y: -0', 'z: 0x1F', 'aa: 1e3', 'bb: ~', 'cc:  ', 'dd: "multi', ' line"', 'ee: a: b',
      'ff: - x', 'gg: @x', 'hh: `x`', 'ii: {', '}', 'jj: ? k', 'kk: [a, b]\r', 'll: é',
      // Line starts to JavaScript's `^` but not to YAML: a key after one is inside a comment or a scalar.
      '#\u2028mm: 1', 'nn: x\u2029oo: 2', '# c\roo: 3', 'pp: "a\u0085qq: 4"', '\ufeffrr: 5', 'ss: 1\u2028',
    ];
    fc.assert(fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 12 }), fc.boolean(), (picked, endNewline) => {
      const text = `${picked.join('\n')}${endNewline ? '\n' : ''}`;
      assertSameReading(text, JSON.stringify(text));
    }), { numRuns: 3000 });
  });

  test('a fleet of contracts parses to the same resolved contracts, and a bad one fails as it does alone', () => {
    const owner = contractOwner();
    const texts = [
      readFileSync(`${repoRoot}electron/demo/contract.yaml`, 'utf8'),
      ...GOLDEN_CONTRACTS.map((g) => g.text),
      ...[0, 1, 2, 3].map((k) => fleetContractYaml({ name: `c${k}`, install: `i${k}`, ...configurationSpec(k), policies: [ownPolicy('mine', `k${k}`)], roster: [owner.entry] })),
      // own policy written as block YAML, with its CEL on the next lines: positions come from the entry's copy
      'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: b, vendor: V, install: i}\nspec:\n  extends: []\n  policies:\n    - id: mine\n      title: Mine\n      severity: low\n      enforcement: deny\n      match: {sources: [terraform]}\n      condition: |\n        resource.type != "x"\n',
    ];
    withPackResolutionMemo(() => {
      for (const [i, text] of texts.entries()) {
        const alone = parseContract(`c${i}.yaml`, text);
        const inFleet = withYamlSegmentMemo(() => (parseContract(`c${i}.yaml`, text), parseContract(`c${i}.yaml`, text)));
        assert.deepEqual(inFleet, alone, `contract ${i}`);
      }
      const bad = 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: b, vendor: V, install: i}\nspec:\n  extends: []\n  overrides: {nope: {enabled: false}}\n';
      const message = (fn: () => unknown): string => {
        try {
          fn();
        } catch (err) {
          return String(err);
        }
        return 'no error';
      };
      assert.equal(withYamlSegmentMemo(() => message(() => parseContract('bad.yaml', bad))), message(() => parseContract('bad.yaml', bad)));
    });
  });
});
