import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownValue } from '../cel/unknown-value';
import { conditionPlan } from './explain-plan';
import { renderValue } from './render-value';

describe('explain plan: compiled once per condition', () => {
  test('the same condition text gives the same plan, whose programs are built once', () => {
    const condition = `resource.action != "delete" && object.tags.all(k, k != "") && object.a == ${Date.now()}`;
    const plan = conditionPlan(condition);
    assert.equal(conditionPlan(condition), plan);
    const [first, second] = plan.root;
    assert.ok(first?.kind === 'clause' && second?.kind === 'clause');
    assert.equal(first.clause.program(), first.clause.program());
    assert.equal(first.clause.references(), first.clause.references());
    assert.equal(second.clause.macros(), second.clause.macros());
    assert.equal(plan.splitProblem, null);
  });

  test('a condition that does not parse is one clause with a note', () => {
    const plan = conditionPlan('object.a == (');
    assert.equal(plan.root.length, 1);
    assert.match(plan.splitProblem ?? '', /could not be split/);
  });
});

describe('renderValue', () => {
  test('masks read as themselves, unknowns as (known after apply), and nothing is acted on by a terminal', () => {
    assert.equal(renderValue('(sensitive value)'), '(sensitive value)');
    assert.equal(renderValue({ a: unknownValue('a'), b: [1n, 'x'] }), '{"a": (known after apply), "b": [1, "x"]}');
    assert.doesNotMatch(renderValue('\u001b[31m\u202e'), /[\u001b\u202e]/);
    assert.ok(renderValue('x'.repeat(10_000)).length <= 2001);
  });
});
