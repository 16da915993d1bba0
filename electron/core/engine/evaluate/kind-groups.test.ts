import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy } from '../compile/compile-policy';
import type { CompiledPolicy } from '../compile/compile-policy';
import { changeSet, kubernetesObject, policy, resourceChange } from '../../testing/engine-fixtures';
import { evaluateChangeSet } from './evaluate-changeset';
import { groupByKind } from './kind-groups';

/** A compiled policy whose kind test counts its calls. */
function counted(cp: CompiledPolicy): { cp: CompiledPolicy; calls: () => number } {
  let n = 0;
  const byKind = cp.matches.byKind;
  return { cp: { ...cp, matches: { ...cp.matches, byKind: (r) => (n++, byKind(r)) } }, calls: () => n };
}

const db = (i: number, over = {}) => resourceChange({ address: `aws_db_instance.db${i}`, type: 'aws_db_instance', action: 'update', ...over });

describe('groupByKind', () => {
  test('decides each policy once per kind, not once per resource', () => {
    const dbPolicy = counted(compilePolicy(policy({ id: 'db', condition: 'true', match: { types: ['aws_db_*'] } }), {}));
    const resources = [db(1), db(2), db(3), resourceChange({ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket' }), db(4)];
    const { of, groups } = groupByKind(resources, [dbPolicy.cp]);
    assert.equal(groups.length, 2);
    assert.equal(dbPolicy.calls(), 2);
    assert.equal(of[0], of[4]);
    assert.deepEqual(of.map((g) => g.policies.length), [1, 1, 1, 0, 1]);
    assert.deepEqual(groups.map((g) => g.size), [4, 1]);
  });

  test('drift, action and namespace make different kinds', () => {
    const resources = [db(1), db(2, { drift: true }), db(3, { action: 'delete' }),
      kubernetesObject('Deployment', 'a', 'team-a', {}), kubernetesObject('Deployment', 'b', 'team-b', {})];
    const cp = compilePolicy(policy({ id: 'ns', condition: 'true', match: { namespaces: ['team-a'] } }), {});
    const { of, groups } = groupByKind(resources, [cp]);
    assert.equal(groups.length, 5);
    assert.deepEqual(of.map((g) => g.policies.length), [0, 0, 0, 1, 0]);
  });

  test('a kind test that throws is an error finding for each resource of that kind', () => {
    const cp = compilePolicy(policy({ id: 'boom', condition: 'true' }), {});
    const broken: CompiledPolicy = { ...cp, matches: { ...cp.matches, byKind: () => { throw new Error('bad kind'); } } };
    const e = evaluateChangeSet(changeSet([db(1), db(2)]), { contract: {} as never, policies: [broken] }, { at: new Date('2026-01-05T03:00:00Z') });
    assert.deepEqual(e.findings.map((f) => [f.resource.address, f.status, f.message]), [
      ['aws_db_instance.db1', 'error', 'could not match the resource: bad kind'],
      ['aws_db_instance.db2', 'error', 'could not match the resource: bad kind'],
    ]);
  });

  test('labels are still checked per resource, and findings stay in resource order', () => {
    const tagged = db(1, { after: { tags: { team: 'data' } } });
    const untagged = db(2, { after: { tags: {} } });
    const p1 = compilePolicy(policy({ id: 'team-data', condition: 'false', match: { labels: { team: 'data' } } }), {});
    const p2 = compilePolicy(policy({ id: 'all-db', condition: 'false', match: { types: ['aws_db_instance'] } }), {});
    const e = evaluateChangeSet(changeSet([tagged, untagged]), { contract: {} as never, policies: [p1, p2] }, { at: new Date('2026-01-05T03:00:00Z') });
    assert.deepEqual(e.findings.map((f) => `${f.resource.address} ${f.policy}`), [
      'aws_db_instance.db1 team-data', 'aws_db_instance.db1 all-db', 'aws_db_instance.db2 all-db',
    ]);
    assert.deepEqual(e.summary.byAction, { update: 2 });
    assert.equal(e.summary.checks, 4);
  });
});
