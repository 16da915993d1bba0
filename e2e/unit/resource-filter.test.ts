/**
 * The review list's search, filters (with counts), sort and "next unviewed": pure functions of
 * rows, findings and viewed marks. Counts must say what picking that option would show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FindingDto, ResourceRow, Severity } from '../../electron/shared/api-types';
import {
  ANY, FACETS, NO_FILTER, applyFilter, filterFromParams, filterToParams, indexRows, isFiltered, nextUnviewed, sortRows,
} from '../../renderer/src/review/resource-filter';
import type { ResourceFilter } from '../../renderer/src/review/resource-filter';

const row = (index: number, over: Partial<ResourceRow>): ResourceRow => ({
  index, address: `r${index}`, source: 'terraform', type: 'aws_s3_bucket', name: `n${index}`, action: 'create', category: 'create', drift: false,
  file: 'plan.json', line: index + 1, column: 1, disambiguator: '', findingCount: 0, worst: null, worstSeverity: null, waivedCount: 0, ...over,
});
const finding = (resourceIndex: number, policy: string, severity: Severity = 'high', enforcement: FindingDto['enforcement'] = 'deny'): FindingDto => ({
  id: resourceIndex * 100 + policy.length, policy, title: policy, resourceIndex, address: `r${resourceIndex}`, status: 'fail',
  enforcement, severity, message: '', remediation: '', description: '', location: { file: 'f', line: 1, column: 1 }, waived: false,
});

const rows = [
  row(0, { findingCount: 2, worst: 'deny', worstSeverity: 'high' }),
  row(1, { action: 'delete', category: 'delete', type: 'aws_db_instance', name: 'main', findingCount: 1, worst: 'deny', worstSeverity: 'critical' }),
  row(2, { source: 'kubernetes', type: 'Deployment', action: 'update', category: 'update', name: 'web', file: 'deploy.yaml', address: 'Deployment/prod/web', disambiguator: 'document 1' }),
  row(3, { source: 'image', type: 'image', findingCount: 1, worst: 'advisory', worstSeverity: 'low' }),
  row(4, { action: 'update', category: 'drift', drift: true, address: 'r0', disambiguator: 'drift' }),
  row(5, { source: 'kubernetes', type: 'Deployment', action: 'update', category: 'update', name: 'web', file: 'deploy.yaml', address: 'Deployment/prod/web', disambiguator: 'document 2' }),
];
const findings = [
  finding(0, 'required-tags', 'high'), finding(0, 'storage-encryption', 'medium', 'approval'),
  finding(1, 'db-no-replace', 'critical'), finding(3, 'images-no-latest', 'low', 'advisory'),
];
const index = indexRows(rows, findings);
const none = new Set<number>();
const ids = (f: Partial<ResourceFilter>, viewed: ReadonlySet<number> = none) => applyFilter(index, { ...NO_FILTER, ...f }, viewed).shown.map((r) => r.index);

test('no filter shows every row, in order, and counts every value present', () => {
  assert.equal(isFiltered(NO_FILTER), false);
  const { shown, counts } = applyFilter(index, NO_FILTER, none);
  assert.deepEqual(shown, rows);
  assert.deepEqual(Object.fromEntries(counts.category), { create: 2, delete: 1, update: 2, drift: 1 });
  assert.deepEqual(Object.fromEntries(counts.severity), { high: 1, medium: 1, critical: 1, low: 1 });
  assert.deepEqual(Object.fromEntries(counts.finding), { with: 3, without: 3 });
  assert.deepEqual(Object.fromEntries(counts.viewed), { unviewed: 6 });
});

test('drift is its own category, never counted in updates', () => {
  assert.deepEqual(ids({ category: 'drift' }), [4]);
  assert.deepEqual(ids({ category: 'update' }), [2, 5]);
});

test('search matches address, type, name, file and disambiguator; every word must match, case-insensitively', () => {
  assert.deepEqual(ids({ q: 'DEPLOYMENT' }), [2, 5]);
  assert.deepEqual(ids({ q: 'aws_db_instance' }), [1]);
  assert.deepEqual(ids({ q: 'main' }), [1]);
  assert.deepEqual(ids({ q: 'deploy.yaml document 2' }), [5]);
  assert.deepEqual(ids({ q: 'r0 drift' }), [4]);
  assert.deepEqual(ids({ q: '  ' }), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(ids({ q: 'nothing-like-this' }), []);
});

test('each facet narrows the rows, and facets combine', () => {
  assert.deepEqual(ids({ source: 'kubernetes' }), [2, 5]);
  assert.deepEqual(ids({ enforcement: 'approval' }), [0]);
  assert.deepEqual(ids({ severity: 'critical' }), [1]);
  assert.deepEqual(ids({ policy: 'required-tags' }), [0]);
  assert.deepEqual(ids({ finding: 'without' }), [2, 4, 5]);
  assert.deepEqual(ids({ policy: 'db-no-replace', category: 'create' }), []);
  assert.deepEqual(ids({ source: 'terraform', finding: 'with', category: 'create' }), [0]);
  assert.deepEqual(ids({ viewed: 'unviewed' }, new Set([0, 2])), [1, 3, 4, 5]);
});

test('a policy filter matches the policy id exactly, never by prefix', () => {
  const more = indexRows(rows, [...findings, finding(2, 'required-tags-extra')]);
  assert.deepEqual(applyFilter(more, { ...NO_FILTER, policy: 'required-tags' }, none).shown.map((r) => r.index), [0]);
});

test('property: an option\'s count is exactly how many rows picking it would show', () => {
  const sample = fc.record({
    category: fc.constantFrom(ANY, 'create', 'update', 'delete', 'drift'),
    source: fc.constantFrom(ANY, 'terraform', 'kubernetes', 'image'),
    severity: fc.constantFrom(ANY, 'high', 'critical', 'low', 'medium'),
    finding: fc.constantFrom(ANY, 'with', 'without'),
    viewed: fc.constantFrom(ANY, 'viewed', 'unviewed'),
    q: fc.constantFrom(ANY, 'r', 'deploy', 'aws'),
  });
  fc.assert(fc.property(sample, fc.subarray([0, 1, 2, 3, 4, 5]), (partial, marked) => {
    const viewed = new Set(marked);
    const filter = { ...NO_FILTER, ...partial };
    const { counts } = applyFilter(index, filter, viewed);
    for (const facet of FACETS) {
      for (const [value, n] of counts[facet]) {
        assert.equal(applyFilter(index, { ...filter, [facet]: value }, viewed).shown.length, n, `${facet}=${value}`);
      }
    }
  }));
});

test('sort by severity (open worst first), by action (riskiest first) or by address (then disambiguator); ties keep order', () => {
  assert.deepEqual(sortRows(rows, 'order'), rows);
  assert.deepEqual(sortRows(rows, 'severity').map((r) => r.index), [1, 0, 3, 2, 4, 5]);
  assert.deepEqual(sortRows(rows, 'action').map((r) => r.index), [1, 4, 2, 5, 0, 3]);
  assert.deepEqual(sortRows(rows, 'address').map((r) => r.index), [2, 5, 0, 4, 1, 3]);
});

test('the filter and sort survive the URL, and a URL never injects an unknown sort', () => {
  const filter = { ...NO_FILTER, q: 'web &x=1', category: 'drift', policy: 'db-no-replace', viewed: 'unviewed' };
  const params = filterToParams(filter, 'severity');
  assert.deepEqual(filterFromParams(params), { filter, sort: 'severity' });
  assert.deepEqual(filterToParams(NO_FILTER, 'order'), {});
  assert.deepEqual(filterFromParams({ sort: 'constructor', toString: 'x' }), { filter: NO_FILTER, sort: 'order' });
});

test('next unviewed: the next row not viewed after the selected one, wrapping; none when all are viewed', () => {
  assert.equal(nextUnviewed(rows, new Set([1, 2]), 0)?.index, 3);
  assert.equal(nextUnviewed(rows, new Set([0, 1, 2, 3]), 4)?.index, 5);
  assert.equal(nextUnviewed(rows, new Set([1, 2, 3, 4, 5]), 5)?.index, 0);
  assert.equal(nextUnviewed(rows, new Set([1]), null)?.index, 0);
  assert.equal(nextUnviewed(rows, new Set([0, 1, 2, 3, 4, 5]), 2), undefined);
});
