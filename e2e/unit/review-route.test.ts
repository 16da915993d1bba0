/** Issue 11 (navigation): the review list's search, filters and sort live in the URL's query part and round-trip. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hrefOf, parseRoute } from '../../renderer/src/router';

const digest = `sha256:${'b'.repeat(64)}`;

test('a review link keeps the search and filters after the finding or resource', () => {
  assert.deepEqual(parseRoute(`#/review/${digest}?q=web&category=drift&sort=severity`), { screen: 'review', digest, params: { q: 'web', category: 'drift', sort: 'severity' } });
  assert.deepEqual(parseRoute(`#/review/${digest}/7?q=a%20b`), { screen: 'review', digest, finding: 7, params: { q: 'a b' } });
  assert.deepEqual(parseRoute(`#/review/${digest}/resource/3?q=x`), { screen: 'review', digest, resource: 3, params: { q: 'x' } });
  // Empty values and an empty query part leave no params; the first of a repeated key wins.
  assert.deepEqual(parseRoute(`#/review/${digest}?q=`), { screen: 'review', digest });
  assert.deepEqual(parseRoute(`#/review/${digest}?q=a&q=b`), { screen: 'review', digest, params: { q: 'a' } });
  assert.equal(hrefOf({ screen: 'review', digest, params: {} }), hrefOf({ screen: 'review', digest }));
});

test('a contract or policy name with "?" is still one path segment (the query part is the review route\'s only)', () => {
  const route = { screen: 'contract' as const, contract: 'a?b=c', policy: 'p?q' };
  assert.deepEqual(parseRoute(hrefOf(route)), route);
});

test('property: any search text and filter values round-trip through the URL', () => {
  const text = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
  fc.assert(fc.property(fc.dictionary(fc.constantFrom('q', 'category', 'source', 'policy', 'sort', 'viewed'), text, { minKeys: 1 }), fc.option(fc.nat(), { nil: undefined }), (params, finding) => {
    const route = { screen: 'review' as const, digest, ...(finding !== undefined ? { finding } : {}), params: { ...params } };
    assert.deepEqual(parseRoute(hrefOf(route)), route);
  }));
});
