/** Deep links to a contract and one of its policies survive any name (slashes, spaces, unicode, '%'). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hrefOf, parseRoute } from '../../renderer/src/router';
import { filterImpactRows, progressText, verdictText } from '../../renderer/src/contract/impact/impact-rows';
import type { ImpactRowDto } from '../../electron/shared/contract-editor-types';

test('#/contract, #/contract/<name> and #/contract/<name>/<policy>', () => {
  assert.deepEqual(parseRoute('#/contract'), { screen: 'contract' });
  assert.deepEqual(parseRoute('#/contract/acme-prod'), { screen: 'contract', contract: 'acme-prod' });
  assert.deepEqual(parseRoute('#/contract/acme-prod/required-tags'), { screen: 'contract', contract: 'acme-prod', policy: 'required-tags' });
  assert.equal(hrefOf({ screen: 'contract' }), '#/contract');
});

test('property: hrefOf then parseRoute gives back the contract and policy', () => {
  const part = fc.string({ minLength: 1, maxLength: 30 });
  fc.assert(fc.property(part, fc.option(part, { nil: undefined }), (contract, policy) => {
    const route = { screen: 'contract' as const, contract, ...(policy !== undefined ? { policy } : {}) };
    assert.deepEqual(parseRoute(hrefOf(route)), route);
  }));
});

test('a review link opens one finding or one resource, and round-trips', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  assert.deepEqual(parseRoute(`#/review/${digest}/resource/3`), { screen: 'review', digest, resource: 3 });
  assert.deepEqual(parseRoute(`#/review/${digest}/resource/-1`), { screen: 'review', digest });
  assert.deepEqual(parseRoute(`#/review/${digest}/7`), { screen: 'review', digest, finding: 7 });
  fc.assert(fc.property(fc.nat(), fc.boolean(), (n, asResource) => {
    const route = { screen: 'review' as const, digest, ...(asResource ? { resource: n } : { finding: n }) };
    assert.deepEqual(parseRoute(hrefOf(route)), route);
  }));
});

test('impact progress reads "312 of 1,000 change sets"', () => {
  assert.equal(progressText(312, 1000), '312 of 1,000 change sets');
  assert.equal(progressText(1, 1), '1 of 1 change set');
});

test('impact rows filter by kind and by change set, policy or address', () => {
  const row = (id: number, kind: ImpactRowDto['kind'], address: string | null): ImpactRowDto => ({
    id, kind, digest: `sha256:${'0'.repeat(64)}`, label: 'acme/app/2.14.0', state: 'pending', at: '2026-01-01T00:00:00Z',
    policy: kind === 'verdict' ? null : 'images-approved-registries', address, occurrence: kind === 'verdict' ? null : 0, resourceIndex: 0,
    before: null, after: null, verdictBefore: 'pass', verdictAfter: 'blocked',
  });
  const rows = [row(1, 'appear', 'Deployment/shop/api'), row(2, 'verdict', null), row(3, 'disappear', 'Job/shop/migrate')];
  assert.deepEqual(filterImpactRows(rows, new Set(['appear', 'disappear']), '').map((r) => r.id), [1, 3]);
  assert.deepEqual(filterImpactRows(rows, new Set(['appear', 'disappear', 'verdict', 'changed']), 'MIGRATE').map((r) => r.id), [3]);
});

test('a verdict that was never evaluated says so', () => {
  assert.equal(verdictText({ verdictBefore: null, verdictAfter: 'blocked' }), '(never evaluated) → blocked');
  assert.equal(verdictText({ verdictBefore: 'pass', verdictAfter: 'pass' }), 'pass');
});
