// A Terraform finding points at the field its policy's `path` names: the class of inputs where
// our scan and JSON.parse could disagree (duplicate keys, escaped and non-ASCII keys, lists,
// nested blocks, any whitespace) must locate exactly the member JSON.parse kept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FieldPath, ResourceChange } from '../../model/resource-change';
import { ENTRY_STEP } from './locate-field';
import { loadTerraformPlan } from './normalize-plan';
import { normalizeLocatedPlan } from './normalize-plan';
import { scanPlanLayout } from './plan-layout';

type Node =
  | { readonly kind: 'leaf'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly Node[] }
  | { readonly kind: 'object'; readonly members: readonly { readonly key: string; readonly spelling: string; readonly value: Node }[] };

/** Every key spelt plainly or with every character \u-escaped: both decode to the same key. */
const escapeAll = (key: string): string => `"${key.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
const KEYS = ['a', 'b', 'engine_version', '', 'é', '😀', 'a b', 'x"y', '\\', '__proto__', 'constructor', '0'];
const keyArb = fc.tuple(fc.constantFrom(...KEYS), fc.boolean()).map(([key, escaped]) => ({ key, spelling: escaped ? escapeAll(key) : JSON.stringify(key) }));
const leafArb = fc.oneof(
  fc.constantFrom('true', 'false', 'null', '0', '-1.5e3', '"}"', '"]\\"["', '"\\n"', '"😀"'),
  fc.jsonValue({ maxDepth: 0 }).map((v) => JSON.stringify(v)),
);
const nodeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb.map((text): Node => ({ kind: 'leaf', text })),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ kind: 'list', items })),
    fc.array(fc.record({ k: keyArb, value: tie('node') }), { maxLength: 5 })
      .map((ms): Node => ({ kind: 'object', members: ms.map(({ k, value }) => ({ ...k, value })) })),
  ),
})).node;
const objectArb = nodeArb.filter((n) => n.kind === 'object');
const WS = ['', ' ', '\n', '\r\n    ', '\t', '\n\n  '];

/** Renders a node, recording where each field JSON.parse keeps is written (member: its key; item: its value). */
class Renderer {
  text = '';
  readonly expected = new Map<string, { path: FieldPath; offset: number; valueText: string }>();
  private w = 0;
  constructor(private readonly ws: readonly number[]) {}

  space(): void {
    this.text += WS[this.ws[this.w++ % this.ws.length]! % WS.length];
  }

  node(n: Node, path: FieldPath | undefined): void {
    if (n.kind === 'leaf') {
      this.text += n.text;
      return;
    }
    const list = n.kind === 'list';
    this.text += list ? '[' : '{';
    this.space();
    const count = list ? n.items.length : n.members.length;
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        this.text += ',';
        this.space();
      }
      if (list) {
        const here = path && [...path, i];
        const start = this.text.length;
        this.node(n.items[i]!, here);
        if (here) this.expected.set(JSON.stringify(here), { path: here, offset: start, valueText: this.text.slice(start) });
      } else {
        const m = n.members[i]!;
        // Only the last member of a key survives JSON.parse: only it (and its subtree) is recorded.
        const kept = n.members.findLastIndex((o) => o.key === m.key) === i;
        const here = path && kept ? [...path, m.key] : undefined;
        const keyAt = this.text.length;
        this.text += m.spelling;
        this.space();
        this.text += ':';
        this.space();
        const start = this.text.length;
        this.node(m.value, here);
        if (here) this.expected.set(JSON.stringify(here), { path: here, offset: keyAt, valueText: this.text.slice(start) });
      }
    }
    this.space();
    this.text += list ? ']' : '}';
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function lookup(value: unknown, path: FieldPath): unknown {
  let v = value;
  for (const step of path) v = (v as Record<string | number, unknown>)[step];
  return v;
}

/** A plan whose second entry's change.after is `after`, after a decoy entry, a decoy "change" and a decoy "after". */
function planAround(after: Node, decoy: Node, ws: readonly number[]): { text: string; r: Renderer } {
  const r = new Renderer(ws);
  const prefix = '{"format_version":"1.2","resource_changes":[\n'
    + '{"address":"x.decoy","type":"x","name":"decoy","change":{"actions":["create"],"after":';
  r.text = prefix;
  r.node(decoy, undefined);
  r.text += '}},\n  {"address":"x.y","type":"x","name":"y",\n "change":{"after":';
  r.node(decoy, undefined);
  r.text += '},\n "change": {"actions":["update"],"before":null,"after":';
  r.space();
  r.node(after, []);
  r.space();
  r.text += ',"after_unknown":{}}}]}';
  return { text: r.text, r };
}

const wsArb = fc.array(fc.nat(), { minLength: 1, maxLength: 16 });

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

/** The leading JSON value of `text` (the renderer's slice runs to the end of the text written so far). */
function prefixValue(text: string): string {
  for (let end = text.length; end > 0; end--) {
    try {
      JSON.parse(text.slice(0, end));
      return text.slice(0, end);
    } catch {
      // shorter
    }
  }
  return text;
}

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
