import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from './compile-expression';
import type { Activation } from './compile-expression';
import { compileGlob } from './functions/glob';
import { parseJSON } from './functions/data';
import { inWindow } from './functions/time';

function activation(object: unknown): Activation {
  return { resource: {}, object, oldObject: null, params: {}, changeset: {}, now: new Date('2026-01-05T03:00:00Z') };
}

describe('constant list literals (built once per expression)', () => {
  test('membership and list results are the same on every evaluation', () => {
    const c = compileExpression('object.t in ["aws_lb", "aws_alb"] ? ["x", "y"] + [object.t] : ["x", "y"]');
    assert.deepEqual(c.run(activation({ t: 'aws_lb' })), ['x', 'y', 'aws_lb']);
    assert.deepEqual(c.run(activation({ t: 'aws_alb' })), ['x', 'y', 'aws_alb']);
    assert.deepEqual(c.run(activation({ t: 'other' })), ['x', 'y']);
    assert.deepEqual(c.run(activation({ t: 'aws_lb' })), ['x', 'y', 'aws_lb']);
  });

  test('lists with non-constant elements, comprehensions over constants and nested lists still work', () => {
    assert.deepEqual(compileExpression('[object.a, 1]').run(activation({ a: 2 })), [2, 1n]);
    assert.equal(compileExpression('[1, 2, 3].filter(x, x > 1).size() == 2').run(activation({})), true);
    assert.deepEqual(compileExpression('[["a"], ["b"]].map(l, l + ["c"])').run(activation({})), [['a', 'c'], ['b', 'c']]);
    assert.equal(compileExpression('["a", "b"].join(",")').run(activation({})), 'a,b');
  });
});

describe('engine fast paths give the same answers', () => {
  test('a glob without wildcards matches only the exact string', () => {
    const g = compileGlob('aws_db_instance');
    assert.equal(g('aws_db_instance'), true);
    assert.equal(g('aws_db_instance_x'), false);
    assert.equal(g('x_aws_db_instance'), false);
    assert.equal(compileGlob('aws_db_*')('aws_db_instance'), true);
  });

  test('UTC windows give the same, stated answers under both zone names (UTC and Etc/UTC)', () => {
    const windows = (timezone: string) => [{ days: ['Tue', 'Sun'], start: '22:00', end: '02:00', timezone }];
    const expected: readonly (readonly [string, boolean])[] = [
      ['2026-01-06T23:00:00Z', true], // Tuesday 23:00
      ['2026-01-07T01:59:00Z', true], // the Tuesday window runs past midnight into Wednesday
      ['2026-01-07T02:00:00Z', false], // the end is exclusive
      ['2026-01-05T00:30:00Z', true], // Monday 00:30, inside Sunday's window
      ['2026-01-04T21:59:00Z', false], // Sunday, before the window opens
    ];
    for (const [iso, inside] of expected) {
      assert.equal(inWindow(new Date(iso), windows('UTC')), inside, `${iso} UTC`);
      assert.equal(inWindow(new Date(iso), windows('Etc/UTC')), inside, `${iso} Etc/UTC`);
    }
  });

  test('parseJSON caches by text: a repeated document parses alike, another text never gets its result', () => {
    const doc = '{"Statement":[{"Effect":"Allow","Action":"*"}]}';
    assert.deepEqual(parseJSON(doc), { Statement: [{ Effect: 'Allow', Action: '*' }] });
    assert.deepEqual(parseJSON(doc), { Statement: [{ Effect: 'Allow', Action: '*' }] });
    assert.deepEqual(parseJSON('{"Statement":[{"Effect":"Deny","Action":"*"}]}'), { Statement: [{ Effect: 'Deny', Action: '*' }] });
    assert.throws(() => parseJSON('{"a":'), /invalid JSON/);
  });
});
