// Upgrade: a workspace written by countersign 0.1.0 (electron/testing/fixtures/workspace-0.1.0,
// committed, never regenerated) still opens, approves and verifies with this build, also after
// a later release edits the baseline pack. The fixture is copied first: it is never modified.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveChangeSet, importChangeSet, listChangeSets, listContractRevisions, openWorkspaceAt } from '../core/app';
import { loadContractFile } from '../core/engine';
import { snapshotFile, snapshotOfLivePack } from '../core/engine/contract/pack-version';
import { packsRoot } from '../core/io/packs-root';
import { loadChangeSet } from '../core/loaders/load-change-set';
import { readAttestations } from '../core/signing/attestation-files';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { verifyRelease } from '../core/verify';

const FIXTURE = join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0');
const BUNDLES = join(repoRoot, 'electron/demo/bundles');
const facts = JSON.parse(readFileSync(join(FIXTURE, 'fixture.json'), 'utf8')) as {
  readonly passphrase: string;
  readonly madeAt: string;
  readonly exceptionsExpire: string;
  readonly keys: { readonly alice: string; readonly bob: string };
  readonly changeSets: { readonly peering: string; readonly blocked: string };
};
const STORED_CONTRACT_DIGEST = 'sha256:5d0d721f74e168cb1cd6751fcddb126f5be5fb0c847d18528eb36a0f66ce70f8';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-upgrade-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh copy of the fixture folder (the committed files are never opened for writing). */
function copyFixture(name: string): string {
  const dir = join(tmp, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** A packs root where a later release changed the baseline: db-no-replace advises, the next version. */
function laterPacksRoot(): string {
  const root = join(tmp, 'later-policies');
  cpSync(packsRoot(), root, { recursive: true });
  const policy = join(root, 'baseline', 'db-no-replace', 'policy.yaml');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace(/^enforcement: \w+$/m, 'enforcement: advisory'));
  const meta = join(root, 'baseline', 'pack.yaml');
  const current = snapshotOfLivePack('baseline', root).version;
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(new RegExp(`^version: ${current}$`, 'm'), `version: ${current + 1}`));
  writeFileSync(snapshotFile('baseline', current + 1, root), JSON.stringify(snapshotOfLivePack('baseline', root)));
  return root;
}

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function verifyCli(changeset: string, contract: string, attestations: string, trust: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [
    join(repoRoot, 'electron/cli/countersign.mjs'), 'verify', '--changeset', changeset, '--contract', contract, '--attestations', attestations,
    ...trust.flatMap((t) => ['--trust', t]), '--format', 'json',
  ], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_WORKSPACE: '', COUNTERSIGN_DEBUG: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertVerified(r: Run): void {
  assert.equal(r.code, 0, `verify failed: ${r.stdout}\n${r.stderr}`);
  assert.equal((JSON.parse(r.stdout) as { ok: boolean }).ok, true);
}

before(() => {
  ensureCliBuilt();
});

describe('a workspace written by 0.1.0', () => {
  test('opens; its contract revision and change sets are listed with their states', () => {
    const dir = copyFixture('open');
    const ws = openWorkspaceAt(join(dir, 'countersign.db'));
    try {
      assert.deepEqual(listContractRevisions(ws).map((r) => [r.contract, r.revision, r.digest, r.current]), [['acme-prod-eu', 1, STORED_CONTRACT_DIGEST, true]]);
      const states = Object.fromEntries(listChangeSets(ws).map((c) => [c.digest, c.state]));
      assert.deepEqual(states, { [facts.changeSets.peering]: 'approved', [facts.changeSets.blocked]: 'approved' });
    } finally {
      ws.close();
    }
  });

  test('the peering approval in outbox-peering verifies with the built CLI', () => {
    assertVerified(verifyCli(join(BUNDLES, 'acme-2.13.3-peering'), join(FIXTURE, 'contract.yaml'), join(FIXTURE, 'outbox-peering'), [join(FIXTURE, 'alice.pem')]));
  });

  test('the blocked release verifies through its 2-of-2 exceptions (library, inside the exception window)', async () => {
    const now = new Date(Date.parse(facts.madeAt) + 24 * 3600 * 1000);
    assert.ok(now < new Date(facts.exceptionsExpire));
    const result = verifyRelease({
      changeSet: await loadChangeSet([join(BUNDLES, 'acme-2.14.0-blocked')]),
      contract: loadContractFile(join(FIXTURE, 'contract.yaml')),
      attestations: readAttestations(join(FIXTURE, 'outbox-blocked')),
      trustedKeys: [{ pem: readFileSync(join(FIXTURE, 'alice.pem'), 'utf8') }, { pem: readFileSync(join(FIXTURE, 'bob.pem'), 'utf8') }],
      now,
    });
    assert.deepEqual(result.reasons, []);
    assert.equal(result.ok, true);
    assert.equal(result.exceptionsApplied.length, 3);
  });

  /** Imports and approves the chart bump in a copy of the workspace; the approval's folder. */
  async function approveChartBump(name: string): Promise<string> {
    const dir = copyFixture(name);
    const ws = openWorkspaceAt(join(dir, 'countersign.db'));
    try {
      const imported = await importChangeSet(ws, [join(BUNDLES, 'acme-2.13.2-chart-bump')]);
      assert.equal(imported.evaluation.contractDigest, STORED_CONTRACT_DIGEST, 'evaluated under the stored revision');
      const out = join(dir, 'outbox-new');
      const r = await approveChangeSet(ws, { digest: imported.digest, keyId: facts.keys.alice, passphrase: facts.passphrase, comment: 'after the upgrade', outboxDir: out, layout: 'flat' });
      assert.equal(r.contractDigest, STORED_CONTRACT_DIGEST);
      return out;
    } finally {
      ws.close();
    }
  }

  test('a new approval made in it (fixture key and passphrase) verifies with the built CLI', async () => {
    const out = await approveChartBump('approve');
    assertVerified(verifyCli(join(BUNDLES, 'acme-2.13.2-chart-bump'), join(FIXTURE, 'contract.yaml'), out, [join(FIXTURE, 'alice.pem')]));
  });

  describe('after a later release edits the baseline (the next version)', () => {
    let later = '';
    const saved = process.env.COUNTERSIGN_POLICIES;
    before(() => {
      later = laterPacksRoot();
      process.env.COUNTERSIGN_POLICIES = later;
    });
    after(() => {
      if (saved === undefined) delete process.env.COUNTERSIGN_POLICIES;
      else process.env.COUNTERSIGN_POLICIES = saved;
    });

    test('the stored contract still resolves to its digest (baseline version 1) and new approvals verify', async () => {
      assert.equal(loadContractFile(join(FIXTURE, 'contract.yaml')).digest, STORED_CONTRACT_DIGEST);
      const out = await approveChartBump('approve-later');
      assertVerified(verifyCli(join(BUNDLES, 'acme-2.13.2-chart-bump'), join(FIXTURE, 'contract.yaml'), out, [join(FIXTURE, 'alice.pem')], { COUNTERSIGN_POLICIES: later }));
      assertVerified(verifyCli(join(BUNDLES, 'acme-2.13.3-peering'), join(FIXTURE, 'contract.yaml'), join(FIXTURE, 'outbox-peering'), [join(FIXTURE, 'alice.pem')], { COUNTERSIGN_POLICIES: later }));
    });

    test('a build that no longer holds baseline version 1 refuses the contract, naming the version', () => {
      const thin = join(tmp, 'thin-policies');
      cpSync(later, thin, { recursive: true });
      rmSync(snapshotFile('baseline', 1, thin));
      const r = verifyCli(join(BUNDLES, 'acme-2.13.3-peering'), join(FIXTURE, 'contract.yaml'), join(FIXTURE, 'outbox-peering'), [join(FIXTURE, 'alice.pem')], { COUNTERSIGN_POLICIES: thin });
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, /contract\.yaml:8:\d+: the contract needs policy pack "baseline" version 1; this Countersign holds versions? [\d, ]+ of it/);
      assert.doesNotMatch(r.stderr, /holds versions? 1[,\s]/);
    });
  });
});
