// A Terraform finding points at the field its policy's `path` names: the class of inputs where
// our scan and JSON.parse could disagree (duplicate keys, escaped and non-ASCII keys, lists,
// nested blocks, any whitespace) must locate exactly the member JSON.parse kept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ResourceChange } from '../../model/resource-change';
import { ENTRY_STEP } from './locate-field';
import { loadTerraformPlan } from './normalize-plan';
import { normalizeLocatedPlan } from './normalize-plan';
import { scanPlanLayout } from './plan-layout';
import { lineColumn, lookup, objectArb, planAround, prefixValue, wsArb } from './plan-text-arbitrary';

describe('Terraform locate(path): the field JSON.parse kept', () => {
  test('for random JSON (duplicates, escapes, unicode, lists, nesting, any whitespace) every field is located at its key or item', () => {
    fc.assert(fc.property(objectArb, objectArb, wsArb, (after, decoy, ws) => {
      const { text, r } = planAround(after, decoy, ws);
      const parsed = JSON.parse(text) as { resource_changes: { change: { after: unknown } }[] };
      const resource = loadTerraformPlan('p.json', text)[1]!;
      for (const { path, offset, valueText } of r.expected.values()) {
        // The renderer's idea of which member survives is JSON.parse's …
        assert.deepEqual(lookup(parsed.resource_changes[1]!.change.after, path), JSON.parse(prefixValue(valueText)));
        // … and locate points exactly there.
        assert.deepEqual(resource.locate?.(path), { file: 'p.json', ...lineColumn(text, offset) }, JSON.stringify(path));
      }
    }), { numRuns: 300 });
  });

  test('the parallel loader\'s layout scan locates the same fields', () => {
    fc.assert(fc.property(objectArb, objectArb, wsArb, (after, decoy, ws) => {
      const { text, r } = planAround(after, decoy, ws);
      const layout = scanPlanLayout(text);
      assert.ok(layout);
      const plan = JSON.parse(text) as unknown;
      const viaLayout = normalizeLocatedPlan('p.json', plan, () => layout.locations)[1]!;
      const viaScan = loadTerraformPlan('p.json', text)[1]!;
      for (const { path } of r.expected.values()) assert.deepEqual(viaLayout.locate?.(path), viaScan.locate?.(path));
    }), { numRuns: 100 });
  });
});

const PLAN = `{
  "format_version": "1.2",
  "resource_changes": [
    {
      "address": "aws_db_instance.main",
      "type": "aws_db_instance",
      "name": "main",
      "change": {
        "actions": [
          "delete",
          "create"
        ],
        "before": {"engine_version": "15.4", "publicly_accessible": false},
        "after": {
          "engine_version": "16.1",
          "publicly_accessible": true,
          "tags": {"Owner": "x"}
        },
        "after_unknown": {"endpoint": true}
      }
    },
    {
      "address": "aws_s3_bucket.old",
      "type": "aws_s3_bucket",
      "name": "old",
      "change": {
        "actions": ["delete"],
        "before": {"bucket": "old", "acl": "public-read"},
        "after": null
      }
    }
  ]
}`;

describe('Terraform locate(path): which line a finding shows', () => {
  const [db, bucket] = loadTerraformPlan('plan.json', PLAN) as [ResourceChange, ResourceChange];
  const lineOf = (needle: string, from = 0): number => PLAN.slice(0, PLAN.indexOf(needle, from)).split('\n').length;

  test('an attribute of after: its own line', () => {
    assert.equal(db.locate?.(['publicly_accessible'])?.line, lineOf('"publicly_accessible": true'));
    assert.equal(db.locate?.(['engine_version'])?.line, lineOf('"engine_version": "16.1"'));
    assert.deepEqual(db.locate?.(['engine_version']), { file: 'plan.json', line: lineOf('"engine_version": "16.1"'), column: 11 });
  });

  test('a delete locates in before', () => {
    assert.equal(bucket.locate?.(['acl'])?.line, lineOf('"acl"'));
  });

  test('a missing key points at its deepest existing ancestor; nothing found gives undefined (the engine then points at the entry)', () => {
    assert.equal(db.locate?.(['tags', 'CostCenter'])?.line, lineOf('"tags"'));
    assert.equal(db.locate?.(['no_such_attribute']), undefined);
    assert.equal(db.locate?.([]), undefined);
    assert.equal(db.locate?.([0]), undefined);
  });

  test('a value known only after apply points at its after_unknown marker', () => {
    assert.equal(db.locate?.(['endpoint'])?.line, lineOf('"endpoint": true'));
  });

  test(`"${ENTRY_STEP}" names a field of the plan entry itself: a replace blames change.actions`, () => {
    assert.deepEqual(db.locate?.([ENTRY_STEP, 'change', 'actions']), { file: 'plan.json', line: lineOf('"actions": ['), column: 9 });
    assert.equal(db.locate?.([ENTRY_STEP, 'change', 'actions', 1])?.line, lineOf('"create"'));
    assert.equal(bucket.locate?.([ENTRY_STEP, 'address'])?.line, lineOf('"address": "aws_s3_bucket.old"'));
    assert.equal(db.locate?.([ENTRY_STEP]), undefined);
    assert.equal(db.locate?.([ENTRY_STEP, 'nothing']), undefined);
  });

  test('locate stays out of JSON output', () => {
    assert.equal(Object.keys(db).includes('locate'), false);
    assert.equal(JSON.stringify(db).includes('locate'), false);
  });
});
