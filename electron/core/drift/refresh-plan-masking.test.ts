// Sensitive values in a refresh-only plan, as a property: whatever the shape of the attributes
// and wherever Terraform's markers put `true` (on one side or both), no value under a marked
// place reaches the items or the live resources, and a change there is still drift.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PlantedSecrets, assertNoPlanted } from '../testing/planted-secrets';
import { propertyRuns } from '../testing/property-runs';
import { terraformRefreshDrift } from './refresh-plan-drift';

/** An attribute tree's shape: leaves are filled in later (planted under a marker, plain elsewhere). */
type Shape = { leaf: true } | { list: Shape[] } | { map: Record<string, Shape> };
const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
const shape: fc.Arbitrary<Shape> = fc.letrec<{ s: Shape }>((tie) => ({
  s: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.constant({ leaf: true } as Shape),
    fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((list) => ({ list }) as Shape),
    fc.dictionary(key, tie('s'), { minKeys: 1, maxKeys: 3 }).map((map) => ({ map }) as Shape)),
})).s;

/** A marker mirroring the shape, `true` where `marks` says (consumed in walk order). */
function markerOf(s: Shape, marks: () => boolean): unknown {
  if (marks()) return true;
  if ('leaf' in s) return false;
  if ('list' in s) return s.list.map((x) => markerOf(x, marks));
  return Object.fromEntries(Object.entries(s.map).map(([k, x]) => [k, markerOf(x, marks)]));
}

/** A value of the shape: a planted secret at every leaf under a `true` marker, `plain` elsewhere. */
function valueOf(s: Shape, marker: unknown, planted: PlantedSecrets, plain: string): unknown {
  const secret = marker === true;
  const child = (m: unknown, k: string | number): unknown => (secret ? true : typeof m === 'object' && m !== null ? (m as Record<string | number, unknown>)[k] : false);
  if ('leaf' in s) return secret ? planted.plant('under a sensitive marker') : plain;
  if ('list' in s) return s.list.map((x, i) => valueOf(x, child(marker, i), planted, plain));
  return Object.fromEntries(Object.entries(s.map).map(([k, x]) => [k, valueOf(x, child(marker, k), planted, plain)]));
}

describe('refresh-only plan masking (property)', () => {
  test('no value under a sensitive marker, on either side, is ever shown; its change is still drift', () => {
    fc.assert(fc.property(fc.dictionary(key, shape, { minKeys: 1, maxKeys: 4 }), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), fc.constantFrom('both', 'before', 'after'), (attrs, bits, side) => {
      let n = 0;
      const marks = (): boolean => bits[n++ % bits.length]! && n % 3 === 0;
      const tree: Shape = { map: attrs };
      const marker = markerOf(tree, marks);
      const planted = new PlantedSecrets();
      const before = valueOf(tree, marker, planted, 'same');
      const after = valueOf(tree, marker, planted, 'same');
      const change = {
        actions: ['update'], before, after, after_unknown: {},
        before_sensitive: side === 'after' ? {} : marker, after_sensitive: side === 'before' ? {} : marker,
      };
      const text = JSON.stringify({ format_version: '1.2', resource_drift: [{ address: 'x_thing.a', mode: 'managed', type: 'x_thing', name: 'a', change }] });
      const { items, liveResources } = terraformRefreshDrift('drift.json', text);
      assertNoPlanted(planted, [{ where: 'items', text: JSON.stringify(items) }, { where: 'live resources', text: JSON.stringify(liveResources) }]);
      // Every planted value differs between before and after: drift exactly when something is marked.
      assert.equal(items.length, planted.all.length > 0 ? 1 : 0);
      for (const f of items.flatMap((i) => i.fields)) assert.ok(f.approved === '(sensitive value)' && f.live === '(sensitive value)', JSON.stringify(f));
    }), { numRuns: propertyRuns(200) });
  });
});
