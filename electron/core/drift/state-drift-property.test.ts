// The state rules as properties over random attribute trees: a value the approved plan knew,
// changed live, is drift at its path; anything under a path unknown in the approved plan never is.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTerraformPlan } from '../loaders/terraform';
import { changeSet } from '../testing/engine-fixtures';
import { propertyRuns } from '../testing/property-runs';
import { terraformStateDrift } from './state-drift';
import { pathText } from './render-drift';

const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -1e9, max: 1e9 }), fc.boolean());
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { minLength: 1, maxLength: 3 }), fc.dictionary(key, tie('v'), { minKeys: 1, maxKeys: 3 })),
})).v;
const attributes = fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 });

function planText(after: Record<string, unknown>, unknown: Record<string, unknown>): string {
  return JSON.stringify({ format_version: '1.2', resource_changes: [{ address: 'x_thing.a', mode: 'managed', type: 'x_thing', name: 'a', change: { actions: ['create'], before: null, after, after_unknown: unknown } }] });
}

function stateText(values: Record<string, unknown>): string {
  return JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [{ address: 'x_thing.a', mode: 'managed', type: 'x_thing', name: 'a', values }] } } });
}

function drift(after: Record<string, unknown>, unknown: Record<string, unknown>, live: Record<string, unknown>): string[] {
  const approved = changeSet(loadTerraformPlan('plan.json', planText(after, unknown)));
  return terraformStateDrift(approved, 'state.json', stateText(live)).items.flatMap((i) => i.fields.map((f) => pathText(f.path)));
}

describe('state drift properties', () => {
  test('live exactly as approved: no drift', () => {
    fc.assert(fc.property(attributes, (after) => assert.deepEqual(drift(after, {}, after), [])), { numRuns: propertyRuns(150) });
  });

  test('a known attribute changed live is drift at exactly its path, showing the new value', () => {
    fc.assert(fc.property(attributes, fc.nat(), fc.uuid(), (after, pick, fresh) => {
      const k = Object.keys(after)[pick % Object.keys(after).length]!;
      const paths = drift(after, {}, { ...after, [k]: fresh });
      assert.deepEqual(paths, [k]);
    }), { numRuns: propertyRuns(150) });
  });

  test('an attribute unknown in the approved plan is never drift, whatever it is live (and others still are)', () => {
    fc.assert(fc.property(attributes, fc.nat(), value, fc.uuid(), (after, pick, liveValue, fresh) => {
      const keys = Object.keys(after);
      const k = keys[pick % keys.length]!;
      const { [k]: _unknown, ...known } = after;
      assert.deepEqual(drift(known, { [k]: true }, { ...after, [k]: liveValue }), []);
      const other = keys.find((x) => x !== k);
      if (other) assert.deepEqual(drift(known, { [k]: true }, { ...after, [k]: liveValue, [other]: fresh }), [other]);
    }), { numRuns: propertyRuns(150) });
  });

  test('a value unknown deep inside a list or map hides only itself', () => {
    fc.assert(fc.property(key, value, fc.uuid(), (k, liveValue, fresh) => {
      const after = { rules: [{ id: null, cidr: '10.0.0.0/8' }], tags: { [k]: 'approved' } };
      const unknown = { rules: [{ id: true }], tags: {} };
      assert.deepEqual(drift(after, unknown, { rules: [{ id: liveValue, cidr: '10.0.0.0/8' }], tags: { [k]: 'approved' } }), []);
      assert.deepEqual(drift(after, unknown, { rules: [{ id: liveValue, cidr: fresh }], tags: { [k]: 'approved' } }), ['rules[0].cidr']);
    }), { numRuns: propertyRuns(100) });
  });
});
