// Issue 12 (day-2 gaps): a plan's drift entries (Terraform `resource_drift`, resource.drift) are
// their own category in the evaluate summary, text and JSON, as in the app's review list; they
// were counted as changes the plan makes (mostly `update`).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileContract, defaultContract, evaluateChangeSet } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import { resourceCategory } from '../model/resource-change';
import { corpusPath } from '../testing/corpus';
import { jsonReport } from './json-report';
import type { ReportInput } from './report-input';
import { resourceCategories } from './report-input';
import { renderTextReport } from './text-report';

const AT = new Date('2026-01-05T03:00:00Z');

async function inputOf(file: string): Promise<ReportInput> {
  const contract = defaultContract();
  const changeSet = await loadChangeSet([corpusPath('terraform', file)]);
  return { changeSet, contract, evaluation: evaluateChangeSet(changeSet, compileContract(contract), { at: AT }) };
}

/** What the app's review list counts: one per resource, under its category. */
function appCategories(cs: ChangeSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of cs.resources) out[resourceCategory(r)] = (out[resourceCategory(r)] ?? 0) + 1;
  return out;
}

type Summary = { resources: number; byAction: Record<string, number>; drift?: number };

describe('evaluate summary: drift is its own category', () => {
  // Every corpus plan with a resource_drift section: drift as updates and as deletes, beside planned changes.
  const inputs = [
    'opentofu-resource-drift.plan.json', 'tfcompliance-lambda-deletes-with-drift-tf100.tfplan.json',
    'infracost-ec2-resize-with-drift.tfplan.json', 'tfsummarize-github-for-each-drift-minified.tfplan.json',
  ];
  for (const file of inputs) {
    test(`${file}: JSON byAction + drift are the app's categories`, async () => {
      const input = await inputOf(file);
      const drifted = input.changeSet.resources.filter((r) => r.drift).length;
      assert.ok(drifted > 0, 'the corpus input has drift entries');
      const s = (jsonReport(input) as { summary: Summary; reportVersion: number }).summary;
      assert.equal(s.drift, drifted);
      assert.deepEqual({ ...s.byAction, drift: s.drift }, appCategories(input.changeSet));
      const sum = Object.values(s.byAction).reduce((a, b) => a + b, 0);
      assert.equal(sum + drifted, s.resources, 'every resource counted once');
    });
  }

  test('drift is not counted as an update, in JSON and text', async () => {
    // 3 resources: 2 planned updates and 1 drift entry (an update outside Terraform).
    const input = await inputOf('opentofu-resource-drift.plan.json');
    const json = jsonReport(input) as { summary: Summary; reportVersion: number };
    assert.equal(json.reportVersion, 4);
    assert.deepEqual(json.summary.byAction, { update: 2 });
    assert.equal(json.summary.drift, 1);
    const text = renderTextReport(input);
    assert.match(text, /^Resources: 3 \(update 2, drift 1\)$/m);
    assert.match(text, /^Drift: {5}1 changed outside the pipeline/m);
  });

  test('drift deletes are not counted as deletes the plan makes', async () => {
    const input = await inputOf('tfsummarize-github-for-each-drift-minified.tfplan.json');
    const s = (jsonReport(input) as { summary: Summary }).summary;
    assert.deepEqual(s.byAction, { create: 7, 'no-op': 1 });
    assert.equal(s.drift, 3);
    assert.match(renderTextReport(input), /^Resources: 11 \(create 7, no-op 1, drift 3\)$/m);
  });

  test('a plan without drift has no drift key or line (reads as report version 3 did)', async () => {
    const input = await inputOf('tfcompliance-rds-publicly-accessible-create.tfplan.json');
    assert.equal(input.changeSet.resources.filter((r) => r.drift).length, 0);
    const s = (jsonReport(input) as { summary: Summary }).summary;
    assert.equal(Object.hasOwn(s, 'drift'), false);
    assert.deepEqual(s.byAction, appCategories(input.changeSet));
    assert.doesNotMatch(renderTextReport(input), /^Drift:/m);
  });

  test('resourceCategories takes each drift entry out of its own action, whatever the action', () => {
    const resources = [
      { action: 'update', drift: true }, { action: 'delete', drift: true }, { action: 'update', drift: false },
      { action: 'create', drift: false }, { action: 'delete', drift: true },
    ] as const;
    const got = resourceCategories({ byAction: { update: 2, delete: 2, create: 1 } }, resources);
    assert.deepEqual(got, { byAction: { update: 1, create: 1 }, drift: 3 });
  });
});
