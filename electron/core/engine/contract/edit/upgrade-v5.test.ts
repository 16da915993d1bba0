// An edit that needs a v3 or v4 field never rewrites a countersign.dev/v5 contract to an older
// apiVersion: v5 reads every v3 and v4 field, and going back would drop (or make unreadable)
// its pack standard-version option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseContract } from '../parse-contract';
import { upgradeToV3 } from './upgrade-v3';
import { upgradeToV4 } from './upgrade-v4';
import { upgradeToV5 } from './upgrade-v5';

const V5 = `apiVersion: countersign.dev/v5
kind: Contract
metadata: {name: acme, vendor: acme-vendor}
spec:
  extends:
    - {pack: pss-restricted, version: 1, standard: v1.30}
`;

test('upgradeToV3 and upgradeToV4 return a v5 contract as it is', () => {
  assert.equal(upgradeToV3(V5), V5);
  assert.equal(upgradeToV4(V5), V5);
  assert.equal(parseContract('c.yaml', upgradeToV4(V5)).packs?.[0]?.standard, 'v1.30');
});

test('upgradeToV5 rewrites a v1 or v4 contract as v5, pins and rules kept, and leaves v5 alone', () => {
  assert.equal(upgradeToV5(V5), V5);
  const v1 = 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: acme}\nspec:\n  extends: [baseline]\n';
  const up = parseContract('c.yaml', upgradeToV5(v1));
  assert.equal(up.apiVersion, 'countersign.dev/v5');
  assert.deepEqual(up.packs?.map((p) => [p.pack, p.version]), [['baseline', 1]]);
  const v4 = V5.replace('countersign.dev/v5', 'countersign.dev/v4').replace(', standard: v1.30', '');
  const fromV4 = parseContract('c.yaml', upgradeToV5(v4));
  assert.equal(fromV4.apiVersion, 'countersign.dev/v5');
  assert.equal(fromV4.packs?.[0]?.standard, 'v1.36', 'no standard written: latest');
});
