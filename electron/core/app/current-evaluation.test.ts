// An evaluation stored by an older engine (before values unknown until apply were `unknown`
// findings, it could pass them silently) is not reused as current: the app re-evaluates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_VERSION } from '../engine';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../testing/store-fixtures';
import { currentEvaluation } from './change-set-service';

const CONTRACT = 'sha256:' + 'd'.repeat(64);

test('only an evaluation made by this engine is current', () => {
  const t = tempWorkspace();
  try {
    const { source, changeSet } = syntheticChangeSet(1);
    t.ws.changeSets.importChangeSet(source, changeSet);
    const old = { ...syntheticEvaluation(2), engineVersion: 'countersign-engine/1' };
    t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation: old });
    assert.equal(currentEvaluation(t.ws, changeSet.digest, CONTRACT), null);
    const now = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation: { ...old, at: '2026-11-21T00:00:00.000Z', engineVersion: ENGINE_VERSION } });
    assert.equal(currentEvaluation(t.ws, changeSet.digest, CONTRACT)?.id, now.value.id);
    assert.notEqual(ENGINE_VERSION, 'countersign-engine/1');
  } finally {
    t.cleanup();
  }
});
