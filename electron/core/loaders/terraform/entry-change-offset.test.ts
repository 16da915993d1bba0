// Issue 13: both entry scans note where each entry's `change` value starts, so that locating a
// finding's field does not scan the whole entry again. Differential: the offset they note is
// the one a scan of the entry's text finds (the last `change` member, as JSON.parse keeps it),
// whatever the duplicates, escapes, value types and whitespace; and locate gives the same
// location with the noted offset as without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanEntryLocations } from './entry-locations';
import type { EntryPosition } from './entry-locations';
import { member } from './json-text-scan';
import { locateInEntry } from './locate-field';
import type { LocateMemo } from './locate-field';
import { scanPlanLayout } from './plan-layout';
import { Renderer, keyArb, nodeArb, objectArb, planAround, wsArb } from './plan-text-arbitrary';

/** An entry with members drawn at random, some of them `change` (spelt plainly or escaped). */
const changeKey = fc.boolean().map((escaped) => ({ key: 'change', spelling: escaped ? '"\\u0063hange"' : '"change"' }));
const entryArb = fc.array(fc.record({ k: fc.oneof(changeKey, keyArb), value: nodeArb }), { maxLength: 6 });

function planOf(members: readonly { k: { key: string; spelling: string }; value: Parameters<Renderer['node']>[0] }[], ws: readonly number[]): string {
  const r = new Renderer(ws);
  r.text = '{"format_version":"1.2","resource_changes":[{"address":"x.a","type":"x","name":"a"';
  for (const { k, value } of members) {
    r.text += ',';
    r.space();
    r.text += `${k.spelling}:`;
    r.space();
    r.node(value, undefined);
  }
  r.text += '}]}';
  return r.text;
}

function checkOffsets(text: string, positions: readonly EntryPosition[]): void {
  for (const p of positions) {
    const expected = member(text, p.brace.offset, 'change');
    assert.equal(p.change ?? -1, expected);
  }
}

test('property: both scans note the offset of the last `change` value of each entry', () => {
  fc.assert(fc.property(entryArb, wsArb, (members, ws) => {
    const text = planOf(members, ws);
    JSON.parse(text); // the scans only ever see text JSON.parse accepted
    checkOffsets(text, scanEntryLocations('p.json', text).resourceChanges);
    const layout = scanPlanLayout(text);
    if (layout) checkOffsets(text, layout.locations.resourceChanges);
  }), { numRuns: 400 });
});

test('property: locate gives the same location with the noted offset as with a scan of the entry', () => {
  fc.assert(fc.property(objectArb, objectArb, wsArb, (after, decoy, ws) => {
    const { text, r } = planAround(after, decoy, ws);
    for (const entry of scanEntryLocations('p.json', text).resourceChanges) {
      assert.notEqual(entry.change, undefined);
      const { change: _noted, ...unnoted } = entry;
      for (const { path } of r.expected.values()) {
        for (const side of ['after', 'before'] as const) {
          assert.deepEqual(locateInEntry('p.json', text, entry, side, path), locateInEntry('p.json', text, unnoted, side, path));
        }
      }
    }
  }), { numRuns: 200 });
});

test('property: locating fields one after another with a memo gives each the location found without one', () => {
  fc.assert(fc.property(objectArb, objectArb, wsArb, fc.integer({ min: 0, max: 1000 }), (after, decoy, ws, shift) => {
    const { text, r } = planAround(after, decoy, ws);
    const paths = [...r.expected.values()].map(({ path }) => path);
    // In some order other than the text's: a memo's last position may lie after the next field.
    const order = paths.map((_, k) => paths[(k + shift) % paths.length]!);
    for (const entry of scanEntryLocations('p.json', text).resourceChanges) {
      for (const side of ['after', 'before'] as const) {
        const memo: LocateMemo = {};
        for (const path of [...order, ...order.slice().reverse()]) {
          assert.deepEqual(locateInEntry('p.json', text, entry, side, path, memo), locateInEntry('p.json', text, entry, side, path));
        }
      }
    }
  }), { numRuns: 200 });
});
