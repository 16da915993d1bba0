// Findings of a policy in shadow mode (countersign.dev/v3) are stored with their mark (migration
// 3): read back, they digest exactly as evaluated, so a stored shadow finding cannot come back as
// a blocking one, nor a blocking one as shadow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluationDigest } from '../hashing/canonical-digest';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../testing/store-fixtures';

const CONTRACT = 'sha256:' + 'c'.repeat(64);

test('a shadow finding is stored and read back marked; the others are not; the digest of what is read equals the recorded one', () => {
  const t = tempWorkspace();
  try {
    const { source, changeSet } = syntheticChangeSet(1);
    t.ws.changeSets.importChangeSet(source, changeSet);
    const base = syntheticEvaluation(3, { enforcement: 'deny' });
    const evaluation = { ...base, verdict: 'blocked' as const, findings: base.findings.map((f, i) => (i === 1 ? { ...f, shadow: true as const } : f)) };
    const { value } = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation });
    const read = t.ws.evaluations.listFindings(value.id, { limit: 10 }).findings;
    assert.deepEqual(read.map((f) => f.shadow === true), [false, true, false]);
    assert.ok(!('shadow' in read[0]!), 'a finding of a policy not in shadow has no shadow member');
    const asEvaluated = read.map(({ id: _id, evaluationId: _e, ...f }) => f);
    assert.equal(evaluationDigest({ ...evaluation, findings: asEvaluated }), value.digest);
    // The inbox's enforcement counts are what binds: a shadow finding never shows as a deny.
    const row = t.ws.listInbox({ limit: 10 }).items.find((i) => i.digest === changeSet.digest)!;
    assert.equal(row.latestEvaluation?.byEnforcement.deny, 2);
  } finally {
    t.cleanup();
  }
});
