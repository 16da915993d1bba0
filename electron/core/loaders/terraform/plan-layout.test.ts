import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeText } from '../../io/decode-text';
import { corpusPath } from '../../testing/corpus';
import { scanEntryLocations } from './entry-locations';
import { scanPlanLayout } from './plan-layout';

const plans = readdirSync(corpusPath('terraform')).filter((f) => f.endsWith('.json')).sort();
const textOf = (f: string): string => decodeText(readFileSync(corpusPath('terraform', f)), f);

describe('scanPlanLayout', () => {
  test('on every corpus plan: the same entry locations as scanEntryLocations, and members that JSON.parse to the plan', () => {
    assert.ok(plans.length >= 15);
    for (const f of plans) {
      const text = textOf(f);
      const layout = scanPlanLayout(text);
      assert.ok(layout, f);
      assert.deepEqual(layout.locations, scanEntryLocations(f, text), f);
      const rebuilt = Object.fromEntries(layout.members.map((m) => [m.key, JSON.parse(text.slice(m.start, m.end)) as unknown]));
      assert.deepEqual(rebuilt, JSON.parse(text), f);
    }
  });

  test('a pretty-printed plan with a BOM still gets lines and columns', () => {
    const text = `\ufeff${JSON.stringify({ format_version: '1.2', resource_changes: [{ type: 't', address: 'a.b' }, { name: 'x' }] }, null, 2)}`;
    const layout = scanPlanLayout(text);
    assert.deepEqual(layout?.locations.resourceChanges, scanEntryLocations('p', text).resourceChanges);
    assert.deepEqual(layout?.locations.resourceChanges.map((p) => p.line), [6, 8]);
  });

  test('a repeated key keeps every member, and the locations of the last list (as JSON.parse keeps the last value)', () => {
    const text = '{"resource_changes":[{"address":"a"}],"format_version":"1.0","resource_changes":[{"x":1},{"address":"b"}]}';
    const layout = scanPlanLayout(text);
    assert.deepEqual(layout?.members.map((m) => m.key), ['resource_changes', 'format_version', 'resource_changes']);
    const columns = [text.indexOf('{"x"') + 1, text.indexOf('"address":"b"') + 1];
    assert.deepEqual(layout?.locations.resourceChanges.map(({ line, column }) => ({ line, column })), columns.map((column) => ({ line: 1, column })));
    // Each entry also knows where its object opens (field locations are found from there).
    assert.deepEqual(layout?.locations.resourceChanges.map((p) => p.brace.offset), [text.indexOf('{"x"'), text.indexOf('{"address":"b"')]);
  });

  test('anything but the simple shape is left to the ordinary path (undefined)', () => {
    const bad = [
      '', '[]', '{"a":1', '{"a":1,}', '{"a" 1}', '{"a":1}x', '{"a":}', '{a:1}', '{"a":[1,2}',
      '{"__proto__":{"x":1}}', '{"resource_changes":[{"address":"a"} {"address":"b"}]}',
      `{"a":${'['.repeat(300)}${']'.repeat(300)}}`,
    ];
    for (const text of bad) assert.equal(scanPlanLayout(text), undefined, text);
  });

  test('members the scan cannot judge are still split at their end (their text is checked by JSON.parse elsewhere)', () => {
    const text = '{"a":tru,"b":"x\\"y","c":{"d":"}"}}';
    const layout = scanPlanLayout(text);
    assert.deepEqual(layout?.members.map((m) => m.key), ['a', 'b', 'c']);
    // Each member's range holds exactly its value text, so the bad `tru` reaches the full parse.
    assert.deepEqual(layout?.members.map((m) => text.slice(m.start, m.end)), ['tru', '"x\\"y"', '{"d":"}"}']);
  });
});
