// v1 attestations stay verifiable: the files countersign 0.1.0 wrote (exception/v1 with a
// `resource`, decision/v1) verify with this build, and their v1 resources keep the meaning
// docs/attestations.md gives them (exact addresses waive only themselves).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContractFile } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import { readAttestations } from '../signing/attestation-files';
import { repoRoot } from '../testing/corpus';
import { verifyRelease } from './verify-release';

const FIXTURE = join(repoRoot, 'electron', 'testing', 'fixtures', 'workspace-0.1.0');
const facts = JSON.parse(readFileSync(join(FIXTURE, 'fixture.json'), 'utf8')) as { changeSets: { blocked: string }; exceptionsExpire: string; madeAt: string };
/** Inside the window the fixture's exceptions were signed for (after they were made, before they expire). */
const INSIDE = new Date((Date.parse(facts.madeAt) + Date.parse(facts.exceptionsExpire)) / 2);

async function verifyBlocked(now: Date) {
  const changeSet = await loadChangeSet([join(repoRoot, 'electron', 'demo', 'bundles', 'acme-2.14.0-blocked')]);
  assert.equal(changeSet.digest, facts.changeSets.blocked, 'the demo bundle is the one 0.1.0 signed');
  return verifyRelease({
    changeSet,
    contract: loadContractFile(join(FIXTURE, 'contract.yaml')),
    attestations: readAttestations(join(FIXTURE, 'outbox-blocked')),
    trustedKeys: ['alice.pem', 'bob.pem'].map((f) => ({ pem: readFileSync(join(FIXTURE, f), 'utf8'), source: f })),
    now,
  });
}

describe('attestations written by countersign 0.1.0 (v1)', () => {
  test('the blocked release with three 2-of-2 exception/v1 files and a decision/v1 approval verifies', async () => {
    const r = await verifyBlocked(INSIDE);
    assert.equal(r.ok, true, JSON.stringify(r.reasons, null, 2));
    assert.equal(r.exceptionsApplied.length, 3);
    assert.ok(r.exceptionsApplied.every((e) => e.version === 1 && e.signers.length === 2));
    // Each v1 resource is an exact address here, and waives exactly that resource.
    for (const e of r.exceptionsApplied) {
      const [w] = e.waives;
      assert.ok(w && 'v1Resource' in w);
      assert.deepEqual(e.waived, [{ policy: w.policy, address: w.v1Resource }]);
    }
  });

  test('after the exceptions expire, the same files no longer verify (exception-expired)', async () => {
    const r = await verifyBlocked(new Date(Date.parse(facts.exceptionsExpire) + 1000));
    assert.equal(r.ok, false);
    assert.ok(r.reasons.some((x) => x.code === 'exception-expired'));
  });
});
