// Reports quote the plan text at a finding (SARIF snippets). A plan holds sensitive values in
// clear: the quote must be the exact text there, and never show what the masked model hides.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ResourceChange, TextRegion } from '../../model/resource-change';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { ENTRY_STEP } from './locate-field';
import { loadTerraformPlan } from './normalize-plan';
import { lookup, objectArb, planAround, wsArb } from './plan-text-arbitrary';

/** The text a region covers, read back from the file by its line/column bounds. */
function textOf(text: string, r: TextRegion): string {
  const lines = text.split('\n');
  const offsetOf = (line: number, column: number): number => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return text.slice(offsetOf(r.startLine, r.startColumn), offsetOf(r.endLine, r.endColumn));
}

describe('Terraform snippetAt: the exact text at a field, never a masked value', () => {
  test('for random plans with random sensitive attributes: snippets are the file\'s text, and a sensitive attribute shows its key only', () => {
    fc.assert(fc.property(objectArb, objectArb, wsArb, fc.array(fc.boolean(), { maxLength: 8 }), (after, decoy, ws, marks) => {
      const plain = planAround(after, decoy, ws);
      const parsedAfter = (JSON.parse(plain.text) as { resource_changes: { change: { after: Record<string, unknown> } }[] }).resource_changes[1]!.change.after;
      const keys = Object.keys(parsedAfter);
      const sensitive = new Set(keys.filter((_, i) => marks[i % Math.max(marks.length, 1)] === true));
      const markers = Object.fromEntries([...sensitive].map((k) => [k, true]));
      const text = plain.text.replace(/,"after_unknown":\{\}\}\}\]\}$/, `,"after_unknown":{},"after_sensitive":${JSON.stringify(markers)}}}]}`);
      assert.notEqual(text, plain.text);
      const resource = loadTerraformPlan('p.json', text)[1]!;
      for (const { path } of plain.r.expected.values()) {
        const at = resource.locate?.(path);
        assert.ok(at);
        const snippet = resource.snippetAt?.(at);
        if (!snippet) continue;
        assert.equal(textOf(text, snippet.region), snippet.region.text);
        assert.equal(snippet.region.startLine, at.line);
        assert.equal(snippet.region.startColumn, at.column);
        if (snippet.context) {
          assert.equal(textOf(text, snippet.context), snippet.context.text);
          // The quoted value is exactly what the masked model shows there: never a masked value.
          const value = snippet.context.text.slice(snippet.region.text.length).replace(/^\s*:/, '');
          assert.deepEqual(JSON.parse(value), lookup(resource.after, path));
          assert.notEqual(lookup(resource.after, path), SENSITIVE_MASK);
        }
        if (sensitive.has(path[0] as string)) {
          // Under a sensitive attribute nothing is quoted: its own key at most.
          assert.equal(path.length, 1, JSON.stringify(path));
          assert.deepEqual(JSON.parse(snippet.region.text), path[0]);
        }
      }
    }), { numRuns: 200 });
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
        "before": null,
        "after": {
          "password": "hunter2-PLANTED",
          "publicly_accessible": true,
          "tags": {"Owner": "x", "Token": "tok-PLANTED"}
        },
        "after_unknown": {"endpoint": true},
        "after_sensitive": {"password": true, "tags": {"Token": true}}
      }
    }
  ]
}`;
  const [db] = loadTerraformPlan('plan.json', PLAN) as [ResourceChange];
  const snippet = (path: (string | number)[]) => db.snippetAt?.(db.locate!(path)!);

  test('a plain attribute: its key as region, the whole attribute as context', () => {
    const s = snippet(['publicly_accessible']);
    assert.equal(s?.region.text, '"publicly_accessible"');
    assert.deepEqual(s?.context, { startLine: 16, startColumn: 11, endLine: 16, endColumn: 38, text: '"publicly_accessible": true' });
  });

  test('a sensitive attribute, or a map holding one: the key only, never the value', () => {
    assert.deepEqual(snippet(['password']), { region: { startLine: 15, startColumn: 11, endLine: 15, endColumn: 21, text: '"password"' } });
    assert.equal(snippet(['tags'])?.context, undefined);
    assert.equal(snippet(['tags', 'Token'])?.context, undefined);
    assert.equal(snippet(['tags', 'Owner'])?.context?.text, '"Owner": "x"');
    for (const path of [['password'], ['tags'], ['tags', 'Token']]) assert.doesNotMatch(JSON.stringify(snippet(path)), /PLANTED/);
  });

  test('a replacement\'s actions, and a value known only after apply', () => {
    assert.equal(snippet([ENTRY_STEP, 'change', 'actions'])?.context?.text, '"actions": [\n          "delete",\n          "create"\n        ]');
    assert.equal(snippet(['endpoint'])?.context?.text, '"endpoint": true');
  });

  test('a location outside the entry, or not at a field, quotes nothing', () => {
    assert.equal(db.snippetAt?.({ file: 'plan.json', line: 2, column: 3 }), undefined);
    assert.equal(db.snippetAt?.({ file: 'other.json', line: 16, column: 11 }), undefined);
    assert.equal(db.snippetAt?.({ file: 'plan.json', line: 16, column: 12 }), undefined);
  });
});
