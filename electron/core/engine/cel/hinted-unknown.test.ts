// A hinted unknown (a field of a list entry that may not exist, resource.referencedBy): equal to
// its hint is unknown, equal to any other string is false; any other look is unknown, never a pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from './compile-expression';
import { UnknownValueError, hintedUnknownValue } from './unknown-value';

const maybeBlock = (): Record<string, unknown> => ({ type: hintedUnknownValue('referencedBy: p.bucket', 'aws_s3_bucket_public_access_block'), attribute: hintedUnknownValue('referencedBy: p.bucket', 'bucket') });
const sure = { type: 'aws_s3_bucket_policy', attribute: 'bucket' };

function outcome(expression: string, list: unknown[]): unknown {
  try {
    return compileExpression(expression).runPartial({ resource: { referencedBy: list } } as never);
  } catch (err) {
    if (err instanceof UnknownValueError) return 'unknown';
    throw err;
  }
}

test('exists over a possible entry is unknown when it would match, false when it would not', () => {
  assert.equal(outcome('resource.referencedBy.exists(r, r.type == "aws_s3_bucket_public_access_block" && r.attribute == "bucket")', [maybeBlock()]), 'unknown');
  assert.equal(outcome('resource.referencedBy.exists(r, "aws_s3_bucket_public_access_block" == r.type)', [maybeBlock()]), 'unknown');
  assert.equal(outcome('resource.referencedBy.exists(r, r.type == "aws_instance")', [maybeBlock()]), false);
  assert.equal(outcome('resource.referencedBy.exists(r, r.type == "aws_s3_bucket_policy")', [maybeBlock(), sure]), true);
});

test('negated checks and other looks stay unknown where the entry may match', () => {
  assert.equal(outcome('!resource.referencedBy.exists(r, r.type == "aws_s3_bucket_public_access_block")', [maybeBlock()]), 'unknown');
  assert.equal(outcome('resource.referencedBy.all(r, r.type != "aws_s3_bucket_public_access_block")', [maybeBlock()]), 'unknown');
  assert.equal(outcome('resource.referencedBy.all(r, r.type != "aws_instance")', [maybeBlock()]), true);
  for (const e of ['resource.referencedBy.exists(r, r.type.startsWith("aws_s3"))', 'resource.referencedBy.exists(r, r.type in ["aws_s3_bucket_public_access_block"])',
    'resource.referencedBy[0].type == "aws_s3_bucket_public_access_block"', 'size(resource.referencedBy) == 0', 'resource.referencedBy.exists(r, r.type == r.attribute)']) {
    assert.equal(outcome(e, [maybeBlock()]), 'unknown', e);
  }
});
