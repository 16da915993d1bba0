import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FindingDto, ResourceRow } from '../../electron/shared/api-types';
import { NO_FILTER, filterOptions, filterRows, isFiltered } from '../../renderer/src/review/resource-filter';

const row = (index: number, over: Partial<ResourceRow>): ResourceRow =>
  ({ index, address: `r${index}`, source: 'terraform', type: 'aws_s3_bucket', action: 'create', drift: false, findingCount: 0, worst: null, ...over });
const finding = (resourceIndex: number, policy: string): FindingDto => ({
  id: resourceIndex * 100 + policy.length, policy, title: policy, resourceIndex, address: `r${resourceIndex}`, status: 'fail',
  enforcement: 'deny', severity: 'high', message: '', remediation: '', description: '', location: { file: 'f', line: 1, column: 1 }, waived: false,
});

const rows = [
  row(0, { findingCount: 2, worst: 'deny' }),
  row(1, { action: 'delete', type: 'aws_db_instance', findingCount: 1, worst: 'deny' }),
  row(2, { source: 'kubernetes', type: 'Deployment', action: 'update' }),
  row(3, { source: 'image', type: 'image', action: 'create', findingCount: 1, worst: 'advisory' }),
];
const findings = [finding(0, 'required-tags'), finding(0, 'storage-encryption'), finding(1, 'db-no-replace'), finding(3, 'images-no-latest')];

test('no filter shows every row, in order', () => {
  assert.equal(isFiltered(NO_FILTER), false);
  assert.equal(filterRows(rows, findings, NO_FILTER), rows);
});

test('each criterion narrows the rows, and criteria combine', () => {
  const ids = (f: Partial<typeof NO_FILTER>) => filterRows(rows, findings, { ...NO_FILTER, ...f }).map((r) => r.index);
  assert.deepEqual(ids({ action: 'create' }), [0, 3]);
  assert.deepEqual(ids({ source: 'kubernetes' }), [2]);
  assert.deepEqual(ids({ type: 'aws_db_instance' }), [1]);
  assert.deepEqual(ids({ finding: 'with' }), [0, 1, 3]);
  assert.deepEqual(ids({ finding: 'without' }), [2]);
  assert.deepEqual(ids({ finding: 'policy:required-tags' }), [0]);
  assert.deepEqual(ids({ finding: 'policy:db-no-replace', action: 'create' }), []);
  assert.deepEqual(ids({ source: 'terraform', finding: 'with', action: 'create' }), [0]);
});

test('a policy filter matches the policy id exactly, never by prefix', () => {
  const more = [...findings, finding(2, 'required-tags-extra')];
  assert.deepEqual(filterRows(rows, more, { ...NO_FILTER, finding: 'policy:required-tags' }).map((r) => r.index), [0]);
});

test('the options offered are exactly the values present, sorted, so no choice matches nothing', () => {
  assert.deepEqual(filterOptions(rows, findings), {
    actions: ['create', 'delete', 'update'],
    sources: ['image', 'kubernetes', 'terraform'],
    types: ['Deployment', 'aws_db_instance', 'aws_s3_bucket', 'image'],
    policies: ['db-no-replace', 'images-no-latest', 'required-tags', 'storage-encryption'],
  });
  assert.deepEqual(filterOptions([], []), { actions: [], sources: [], types: [], policies: [] });
});
