import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withFleetParseMemo } from './fleet-parse-memo';
import { parseContract } from './parse-contract';
import { segmentedYamlSource } from './yaml-segments';

const contract = (install: string) => `apiVersion: countersign.dev/v4\nkind: Contract\nmetadata: {name: n, install: ${install}}\nspec:\n  extends: [{pack: baseline, version: 4}]\n`;

test('withFleetParseMemo reads a pack once for many contracts and each shared YAML entry once; nothing is kept after it', () => {
  const outside = [parseContract('a.yaml', contract('a')), parseContract('b.yaml', contract('b'))];
  assert.notEqual(outside[0]!.policies[0], outside[1]!.policies[0], 'outside: each contract reads the pack itself');
  assert.equal(segmentedYamlSource('a.yaml', contract('a')), null, 'outside: no shared entries');
  const inside = withFleetParseMemo(() => {
    assert.notEqual(segmentedYamlSource('a.yaml', contract('a')), null, 'inside: the entries are read through the memo');
    return [parseContract('a.yaml', contract('a')), parseContract('b.yaml', contract('b'))];
  });
  assert.equal(inside[0]!.policies[0], inside[1]!.policies[0], 'inside: one reading of the pack, shared');
  assert.deepEqual(inside, outside, 'the same contracts either way');
  assert.equal(segmentedYamlSource('a.yaml', contract('a')), null, 'after: nothing kept');
  const after = parseContract('c.yaml', contract('c'));
  assert.notEqual(after.policies[0], inside[0]!.policies[0], 'after: the pack is read again (edits between calls are seen)');
});
