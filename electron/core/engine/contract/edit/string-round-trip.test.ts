import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { applyContractEdits } from './apply-contract-edits';
import type { EditContext } from './apply-contract-edits';
import { propertyRuns } from '../../../testing/property-runs';

const noPacks: EditContext = { packPolicy: () => undefined };

/** One own policy in each way a contract may write it, plus a neighbour that must not change. */
const STYLES: Record<string, string> = {
  'block policy, plain condition': `apiVersion: countersign.dev/v2
kind: Contract
metadata: {name: c}
spec:
  policies:
    - id: target
      title: T
      severity: low
      enforcement: advisory
      condition: object.a == 1   # keep me
    - id: other
      title: O
      severity: low
      enforcement: advisory
      condition: |
        x  
        # y: z
`,
  'block policy, literal condition, 4 spaces, CRLF': `apiVersion: countersign.dev/v2\r
kind: Contract\r
metadata:\r
    name: c\r
spec:\r
    policies:\r
    -   id: target\r
        title: T\r
        severity: low\r
        enforcement: advisory\r
        condition: |-\r
            a &&\r
              b\r
    -   id: other\r
        title: O\r
        severity: low\r
        enforcement: advisory\r
        condition: "true"\r
`,
  'flow policy': `apiVersion: countersign.dev/v2
kind: Contract
metadata: {name: c}
spec:
  policies:
    - {id: target, title: T, severity: low, enforcement: advisory, condition: 'x'}
    - {id: other, title: O, severity: low, enforcement: advisory, condition: "true"}
`,
  'no condition yet, at the end of the file without a line break': `apiVersion: countersign.dev/v2
kind: Contract
metadata: {name: c}
spec:
  policies:
    - id: other
      title: O
      severity: low
      enforcement: advisory
      condition: "true"
    - id: target
      title: T
      severity: low
      enforcement: advisory`,
};

/** Strings made of the pieces YAML treats specially, and any Unicode. */
const tricky = fc.array(fc.oneof(
  fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\r\n', '#', ' #', ': ', ':', '- ', '|', '>', '"', "'", '\\', '{', '}', '[', ']', ',', '&a', '*a', '!', '%', '@', '`', '---', '...', '~', 'null', 'true', '1e3', '0x1F', 'yes', '\u0085', '\u2028', '\ufeff', '\u0000', '\u007f', 'é', '😀', '日本'),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ maxLength: 8 }),
), { maxLength: 12 }).map((parts) => parts.join(''));

function conditionAfter(text: string): { target: unknown; other: unknown } {
  const data = parse(text) as { spec: { policies: { id: string; condition?: unknown }[] } };
  const byId = new Map(data.spec.policies.map((p) => [p.id, p.condition]));
  return { target: byId.get('target'), other: byId.get('other') };
}

describe('setPolicyField writes any string so it reads back exactly', () => {
  for (const [style, text] of Object.entries(STYLES)) {
    test(`property: ${style}`, () => {
      const otherBefore = conditionAfter(text).other;
      fc.assert(fc.property(tricky, (s) => {
        const r = applyContractEdits(text, [{ op: 'setPolicyField', policy: 'target', field: 'condition', value: s }], noPacks);
        assert.ok(r.ok, JSON.stringify(r));
        const after = conditionAfter(r.text);
        assert.equal(after.target, s);
        assert.equal(after.other, otherBefore);
        // Writing it back again changes nothing: the form chosen is stable.
        const again = applyContractEdits(r.text, [{ op: 'setPolicyField', policy: 'target', field: 'condition', value: s }], noPacks);
        assert.ok(again.ok);
        assert.equal(again.text, r.text);
      }), { seed: 11, numRuns: propertyRuns(400) });
    });
  }

  test('property: a captured resource (vendor-controlled keys and values) is written as exactly that data', () => {
    const text = STYLES['block policy, plain condition'] as string;
    const key = fc.oneof(tricky.filter((k) => k !== '__proto__'), fc.constantFrom('<<', '? x', '- a', 'a: b', '#', '', ' ', 'true', '~'));
    const leaf = fc.oneof(tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(key, tree, { maxKeys: 4 }), (after) => {
      const test = { name: 'captured', resource: { source: 'kubernetes', type: 'Service', after }, expect: 'fail' };
      const r = applyContractEdits(text, [{ op: 'addTest', policy: 'target', test }], noPacks);
      assert.ok(r.ok, JSON.stringify(r));
      const data = parse(r.text) as { spec: { policies: { id: string; tests?: unknown[] }[] } };
      assert.deepEqual(data.spec.policies.find((p) => p.id === 'target')?.tests, [JSON.parse(JSON.stringify(test))]);
      assert.ok(r.text.endsWith(text.slice(text.indexOf('    - id: other'))), 'the next policy is byte-identical');
    }), { seed: 12, numRuns: propertyRuns(300) });
  });

  test('a multi-line CEL string becomes a literal block that keeps a trailing comment on the header line', () => {
    const r = applyContractEdits(STYLES['block policy, plain condition'] as string, [{ op: 'setPolicyField', policy: 'target', field: 'condition', value: 'a == 1 &&\n  b.all(x, x > 0)' }], noPacks);
    assert.ok(r.ok);
    assert.match(r.text, /condition: \|- {3}# keep me\n {8}a == 1 &&\n {10}b\.all\(x, x > 0\)\n    - id: other/);
  });

  test('a string a block cannot hold exactly (a carriage return) is double-quoted', () => {
    const r = applyContractEdits(STYLES['block policy, plain condition'] as string, [{ op: 'setPolicyField', policy: 'target', field: 'condition', value: 'a\r\nb' }], noPacks);
    assert.ok(r.ok);
    assert.match(r.text, /condition: "a\\r\\nb" {3}# keep me\n/);
  });

  test('a lone surrogate is a problem, not a throw', () => {
    const r = applyContractEdits(STYLES['flow policy'] as string, [{ op: 'setPolicyField', policy: 'target', field: 'condition', value: 'a\ud800' }], noPacks);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.problem.message, /surrogate/);
  });
});
