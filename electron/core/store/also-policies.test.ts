// A finding reported once for a shared standard control (countersign-engine/5) keeps the other
// policy ids through the store (migration 11): read back, it digests exactly as evaluated, and
// every other finding reads back without the member.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluationDigest } from '../hashing/canonical-digest';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../testing/store-fixtures';

const CONTRACT = 'sha256:' + 'c'.repeat(64);

test('alsoPolicies is stored and read back on its finding only; the digest of what is read equals the recorded one', () => {
  const t = tempWorkspace();
  try {
    const { source, changeSet } = syntheticChangeSet(1);
    t.ws.changeSets.importChangeSet(source, changeSet);
    const base = syntheticEvaluation(3, { enforcement: 'deny' });
    const evaluation = { ...base, findings: base.findings.map((f, i) => (i === 1 ? { ...f, alsoPolicies: ['pss-baseline-privileged-containers', 'z-other'] } : f)) };
    const { value } = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation });
    const read = t.ws.evaluations.listFindings(value.id, { limit: 10 }).findings;
    assert.deepEqual(read.map((f) => f.alsoPolicies), [undefined, ['pss-baseline-privileged-containers', 'z-other'], undefined]);
    assert.ok(!('alsoPolicies' in read[0]!));
    const asEvaluated = read.map(({ id: _id, evaluationId: _e, ...f }) => f);
    assert.equal(evaluationDigest({ ...evaluation, findings: asEvaluated }), value.digest);
  } finally {
    t.cleanup();
  }
});
