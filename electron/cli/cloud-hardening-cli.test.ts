// The built CLI ships the cloud-hardening pack: its parsed policies are in the pack cache the
// build writes (out/cli/packs.json), a contract extending it evaluates, and `countersign test`
// runs its tests.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packsRoot } from '../core/io/packs-root';
import { builtCli, ensureCliBuilt } from '../core/testing/built-cli';
import { corpusPath, repoRoot } from '../core/testing/corpus';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-cloud-cli-'));

function cli(...args: string[]): { readonly code: number | null; readonly stdout: string; readonly stderr: string } {
  const r = spawnSync(process.execPath, [builtCli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => ensureCliBuilt());

describe('countersign ships cloud-hardening', () => {
  test('the build caches every policy of the pack', () => {
    const cache = JSON.parse(readFileSync(join(repoRoot, 'out/cli/packs.json'), 'utf8')) as { packs: Record<string, { policies: { id: string }[] }> };
    const folders = readdirSync(join(packsRoot(), 'cloud-hardening'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    assert.deepEqual(cache.packs['cloud-hardening']?.policies.map((p) => p.id), folders);
  });

  test('a contract extending cloud-hardening version 1 blocks the public, unencrypted database', () => {
    const contract = join(tmp, 'contract.yaml');
    writeFileSync(contract, 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: cloud}\nspec:\n  extends: [{pack: cloud-hardening, version: 1}]\n');
    const r = cli('evaluate', '--format', 'json', '--contract', contract, corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json'));
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { policy: string; status: string; resource: { address: string } }[] };
    const failed = report.findings.filter((f) => f.status === 'fail').map((f) => `${f.policy} ${f.resource.address}`).sort();
    assert.deepEqual(failed, ['aws-rds-deletion-protection aws_db_instance.default', 'aws-rds-not-public aws_db_instance.default', 'aws-storage-encrypted aws_db_instance.default']);
  });

  test('version 2: buckets of the corpus plan with and without their own public access block; version 1 never saw them', () => {
    const plan = corpusPath('terraform', 'checkov-s3-nested-child-modules.tfplan.json');
    const run = (version: number): string[] => {
      const contract = join(tmp, `contract-${version}.yaml`);
      writeFileSync(contract, `apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: cloud}\nspec:\n  extends: [{pack: cloud-hardening, version: ${version}}]\n`);
      const r = cli('evaluate', '--format', 'json', '--contract', contract, plan);
      const report = JSON.parse(r.stdout) as { findings: { policy: string; status: string; resource: { address: string } }[] };
      return report.findings.filter((f) => f.policy === 'aws-s3-bucket-public-access-block').map((f) => `${f.status} ${f.resource.address}`).sort();
    };
    assert.deepEqual(run(1), []);
    // Root and nested-module buckets each have a block referring to them by .id; the registry
    // module's block names its bucket through a conditional over two resources: unknown.
    assert.deepEqual(run(2), ['unknown module.s3_bucket.aws_s3_bucket.this[0]']);
  });

  test('countersign test runs the pack\'s tests', () => {
    const r = cli('test', join(packsRoot(), 'cloud-hardening'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS aws-sg-no-admin-ports-from-internet/m);
    assert.match(r.stdout, /^\d+ passed, 0 failed\n$/m);
  });
});
