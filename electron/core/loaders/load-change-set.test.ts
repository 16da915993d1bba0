import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { c as tarCreate } from 'tar';
import { EMPTY_METADATA } from '../model/changeset';
import { InputError } from '../model/errors';
import { corpusPath, repoRoot } from '../testing/corpus';
import { buildChangeSet, readChangeSetSource } from './bundle';
import { tempDir } from '../testing/test-archives';
import { loadChangeSet } from './load-change-set';

const PLAN = corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json');
const LATEST_TAG = corpusPath('kubernetes', 'kyverno-disallow-latest-tag.resources.yaml');
const LABELS = corpusPath('kubernetes', 'kyverno-require-labels.resources.yaml');

const MANIFEST = `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: example-vendor
  app: payments
  install: acme-prod
  release: 2.4.10
  previousRelease: 2.4.9
  createdAt: 2026-01-04T10:00:00Z
  plannedApplyAt: 2026-01-05T03:00:00Z
artifacts:
  - kind: terraform-plan
    path: infra/plan.json
    component: infra
  - kind: kubernetes
    path: k8s/release.yaml
    previous: k8s/previous.yaml
    component: api
`;

function bundle(files: Record<string, string>, manifest = MANIFEST): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'changeset.yaml'), manifest);
  for (const [rel, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    copyFileSync(from, join(dir, rel));
  }
  return dir;
}

const realBundle = (): string => bundle({ 'infra/plan.json': PLAN, 'k8s/release.yaml': LATEST_TAG, 'k8s/previous.yaml': LABELS });

async function loadFails(inputs: string[], file: string, pattern: RegExp): Promise<InputError> {
  try {
    await loadChangeSet(inputs);
  } catch (e) {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.equal(e.file, file, e.message);
    assert.match(e.reason, pattern);
    return e;
  }
  assert.fail(`expected ${inputs.join(' ')} to be rejected`);
}

describe('loadChangeSet: bare files', () => {
  test('a bare Terraform plan', async () => {
    const cs = await loadChangeSet([PLAN]);
    assert.deepEqual(cs.metadata, EMPTY_METADATA);
    assert.equal(cs.origin, PLAN);
    const db = cs.resources.find((r) => r.address === 'aws_db_instance.default');
    assert.equal(db?.source, 'terraform');
    assert.equal(db?.action, 'create');
    assert.equal(db?.location.file, 'tfcompliance-rds-publicly-accessible-create.tfplan.json');
    assert.deepEqual(cs.artifacts.map((a) => [a.kind, a.path, a.component, a.resourceCount]), [
      ['terraform-plan', 'tfcompliance-rds-publicly-accessible-create.tfplan.json', '', cs.resources.filter((r) => r.source === 'terraform').length],
    ]);
    assert.equal(cs.artifacts[0]!.bytes, readFileSync(PLAN).length);
    assert.deepEqual(cs.files.map((f) => f.path), ['tfcompliance-rds-publicly-accessible-create.tfplan.json']);
  });

  test('bare Kubernetes manifests, with their images appended after them', async () => {
    const cs = await loadChangeSet([LATEST_TAG, LABELS]);
    assert.deepEqual(cs.artifacts.map((a) => a.kind), ['kubernetes', 'kubernetes']);
    const k8s = cs.resources.filter((r) => r.source === 'kubernetes');
    assert.equal(k8s.length, cs.artifacts[0]!.resourceCount + cs.artifacts[1]!.resourceCount);
    assert.ok(k8s.some((r) => r.address === 'Pod/badpod01' || r.name === 'badpod01'));
    assert.deepEqual(new Set(k8s.map((r) => r.location.file)), new Set(['kyverno-disallow-latest-tag.resources.yaml', 'kyverno-require-labels.resources.yaml']));
    const firstImage = cs.resources.findIndex((r) => r.source === 'image');
    assert.ok(firstImage > 0, 'images are extracted');
    assert.ok(cs.resources.slice(firstImage).every((r) => r.source === 'image'), 'images come after the other resources');
  });

  test('a UTF-16 plan written by PowerShell', async () => {
    const cs = await loadChangeSet([corpusPath('terraform', 'checkov-s3-bucket-utf16-encoded.tfplan.json')]);
    const buckets = cs.resources.filter((r) => r.type === 'aws_s3_bucket');
    assert.equal(buckets.length, 1);
    assert.equal(buckets[0]!.action, 'create');
  });

  test('a file that is neither a plan nor Kubernetes is rejected, saying what was expected', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'Release notes: bumped the API image.\n');
    await loadFails([join(dir, 'notes.txt')], join(dir, 'notes.txt'), /expected a Terraform plan/);
    writeFileSync(join(dir, 'package.json'), '{"name": "app", "version": "1.0.0"}\n');
    await loadFails([join(dir, 'package.json')], join(dir, 'package.json'), /neither a Terraform plan .* nor a Kubernetes object/);
  });
});

describe('loadChangeSet: bundles', () => {
  test('a bundle of real files: metadata, components, artifacts and previous', async () => {
    const dir = realBundle();
    const cs = await loadChangeSet([dir]);
    assert.equal(cs.metadata.release, '2.4.10');
    assert.equal(cs.metadata.plannedApplyAt, '2026-01-05T03:00:00Z');
    assert.deepEqual(cs.artifacts.map((a) => [a.kind, a.path, a.previous, a.component]), [
      ['terraform-plan', 'infra/plan.json', undefined, 'infra'],
      ['kubernetes', 'k8s/release.yaml', 'k8s/previous.yaml', 'api'],
    ]);
    const tf = cs.resources.filter((r) => r.source === 'terraform');
    assert.equal(cs.artifacts[0]!.resourceCount, tf.length);
    assert.ok(tf.every((r) => r.component === 'infra' && r.location.file === 'infra/plan.json'));
    const k8s = cs.resources.filter((r) => r.source === 'kubernetes' && r.location.file === 'k8s/release.yaml');
    assert.ok(k8s.length > 0 && k8s.every((r) => r.component === 'api'));
    assert.deepEqual(cs.files.map((f) => f.path), ['changeset.yaml', 'infra/plan.json', 'k8s/previous.yaml', 'k8s/release.yaml']);
  });

  test('the same bundle as .tar.gz loads to the same change set', async () => {
    const dir = realBundle();
    const tgz = join(tempDir(), 'release.tgz');
    await tarCreate({ gzip: true, file: tgz, cwd: dir, portable: true }, ['.']);
    const fromFolder = await loadChangeSet([dir]);
    const fromArchive = await loadChangeSet([tgz]);
    assert.equal(fromArchive.digest, fromFolder.digest);
    assert.deepEqual(fromArchive.resources.map((r) => r.address), fromFolder.resources.map((r) => r.address));
  });

  test('a stored source rebuilds to the same change set', async () => {
    const source = await readChangeSetSource([realBundle()]);
    const stored = JSON.parse(JSON.stringify({ ...source, files: source.files.map((f) => ({ path: f.path, bytes: Buffer.from(f.bytes).toString('base64') })) }));
    const rebuilt = buildChangeSet({ ...stored, files: stored.files.map((f: { path: string; bytes: string }) => ({ path: f.path, bytes: Buffer.from(f.bytes, 'base64') })) });
    const original = buildChangeSet(source);
    assert.equal(rebuilt.digest, original.digest);
    assert.deepEqual(rebuilt.artifacts, original.artifacts);
    assert.equal(rebuilt.resources.length, original.resources.length);
  });

  test('the artifact kind decides the loader: a terraform-plan that is not a plan is rejected', async () => {
    const dir = bundle({ 'infra/plan.json': LATEST_TAG, 'k8s/release.yaml': LATEST_TAG, 'k8s/previous.yaml': LABELS });
    await loadFails([dir], `${dir}/infra/plan.json`, /listed as a terraform-plan .* but is not a Terraform plan/);
  });

  test('errors inside a bundle name the bundle and the file', async () => {
    const dir = realBundle();
    writeFileSync(join(dir, 'k8s/release.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n');
    const e = await loadFails([dir], `${dir}/k8s/release.yaml`, /./);
    assert.ok(e.line !== undefined, e.message);
  });

  test('the demo bundles load', async () => {
    for (const name of ['acme-2.13.2-chart-bump', 'acme-2.13.3-peering', 'acme-2.14.0-blocked']) {
      const cs = await loadChangeSet([join(repoRoot, 'electron', 'demo', 'bundles', name)]);
      assert.equal(cs.metadata.vendor, 'Acme Analytics', name);
      assert.ok(cs.resources.length > 0, name);
    }
  });
});

test('a JSON file of absurdly nested arrays is bad input, not a crash', async () => {
  const file = join(tempDir(), 'deep.json');
  writeFileSync(file, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  await assert.rejects(loadChangeSet([file]), (e: unknown) => e instanceof InputError && /deep\.json/.test(e.message));
});
