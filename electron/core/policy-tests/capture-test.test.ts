// "Add as test": a stored resource captured as an inline test of an own policy, from the
// masked model. The captured test carries no secret, and written into the contract it passes.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseContract } from '../engine';
import type { ResolvedContract } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import { corpusPath } from '../testing/corpus';
import { plantedBundle, writeBundle } from '../testing/planted-inputs';
import { assertNoPlanted, PlantedSecrets } from '../testing/planted-secrets';
import { captureTestFixture } from './capture-test';
import type { CapturedTest } from './capture-test';
import { runContractPolicyTests } from './contract-tests';

const AT = '2026-03-03T03:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'countersign-capture-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Own policies that look at everything: one fails every resource, one reads a masked value, one errors. */
const POLICIES = [
  { id: 'peek', title: 'Peek', severity: 'low', enforcement: 'advisory', match: { actions: ['create', 'update', 'delete', 'replace', 'read', 'no-op'] }, condition: 'false', message: 'after {{ object }} before {{ oldObject }}' },
  { id: 'kinds', title: 'No Secrets', severity: 'high', enforcement: 'deny', match: { actions: ['create', 'update', 'delete', 'replace', 'read', 'no-op'] }, condition: 'resource.type != "Secret"' },
  { id: 'password', title: 'Password', severity: 'high', enforcement: 'approval', match: { actions: ['create', 'update', 'delete', 'replace', 'read', 'no-op'] }, condition: 'int(object.password) > 0' },
];

function contractText(tests: Readonly<Record<string, readonly CapturedTest[]>> = {}): string {
  return stringify({
    apiVersion: 'countersign.dev/v3', kind: 'Contract', metadata: { name: 't' },
    spec: { policies: POLICIES.map((p) => ({ ...p, tests: tests[p.id] ?? [] })) },
  });
}
const contract = (tests?: Readonly<Record<string, readonly CapturedTest[]>>): ResolvedContract => parseContract('c.yaml', contractText(tests), '/nonexistent');

function captureAll(c: ResolvedContract, cs: ChangeSet): Record<string, CapturedTest[]> {
  const out: Record<string, CapturedTest[]> = {};
  for (const p of POLICIES) {
    out[p.id] = cs.resources.map((_, resourceIndex) => {
      const r = captureTestFixture({ contract: c, changeSet: cs, resourceIndex, policy: p.id, at: AT });
      assert.ok(r.ok, r.ok ? '' : r.message);
      return r.test;
    });
  }
  return out;
}

describe('captureTestFixture', () => {
  test('every resource of a bundle full of planted secrets is captured without a secret, and the tests pass', async () => {
    const secrets = new PlantedSecrets();
    const bundle = plantedBundle(secrets);
    const cs = await loadChangeSet([writeBundle(join(dir, 'planted'), bundle)]);
    const captured = captureAll(contract(), cs);
    const text = contractText(captured);
    assertNoPlanted(secrets, [{ where: 'captured tests (contract YAML)', text }]);
    // The ConfigMap values are not secret: masking did not just drop everything.
    for (const v of bundle.visible) assert.ok(text.includes(v), `${v} is kept`);
    const results = runContractPolicyTests(parseContract('c.yaml', text, '/nonexistent'));
    assert.equal(results.length, POLICIES.length * cs.resources.length);
    assert.deepEqual(results.filter((r) => !r.ok), []);
  });

  test('captured from real plans and manifests, each test passes as written (the fixture decides as the loaded resource did)', async () => {
    for (const file of [['terraform', 'infracost-ec2-resize-with-drift.tfplan.json'], ['kubernetes', 'kyverno-restrict-image-registries.resources.yaml']] as const) {
      const cs = await loadChangeSet([corpusPath(...file)]);
      const results = runContractPolicyTests(contract(captureAll(contract(), cs)));
      assert.deepEqual(results.filter((r) => !r.ok), [], file[1]);
    }
  });

  test('an explicit expectation is kept (the test then fails until the policy changes); names stay unique', async () => {
    const cs = await loadChangeSet([corpusPath('kubernetes', 'kyverno-restrict-image-registries.resources.yaml')]);
    const first = captureTestFixture({ contract: contract(), changeSet: cs, resourceIndex: 0, policy: 'peek', at: AT, expect: 'pass' });
    assert.ok(first.ok);
    assert.equal(first.outcome, 'fail');
    assert.equal(first.test.expect, 'pass');
    const again = captureTestFixture({ contract: contract({ peek: [first.test] }), changeSet: cs, resourceIndex: 0, policy: 'peek', at: AT, expect: 'pass' });
    assert.ok(again.ok);
    assert.equal(again.test.name, `${first.test.name} (2)`);
    const [result] = runContractPolicyTests(contract({ peek: [first.test] }));
    assert.equal(result!.ok, false);
    assert.match(result!.message, /expected to pass, but it failed/);
  });

  test('a resource holding a number no contract can hold (-0, infinite) is refused with its path, not written into an unloadable draft', () => {
    for (const [value, what] of [[-0, /negative zero at after\.spec\.replicas/], [Infinity, /non-finite number at after\.spec\.replicas/]] as const) {
      const cs: ChangeSet = {
        digest: 'sha256:x', metadata: { vendor: '', app: '', install: '', release: '', previousRelease: '', createdAt: '', plannedApplyAt: '', description: '' },
        artifacts: [], files: [], origin: 'x',
        resources: [{
          source: 'kubernetes', address: 'Deployment/a/b', type: 'Deployment', name: 'b', namespace: 'a', clusterScoped: false, apiVersion: 'apps/v1', action: 'create',
          actions: ['create'], mode: 'managed', before: null, after: { spec: { replicas: value } }, unknownPaths: [], sensitivePaths: [], drift: false,
          location: { file: 'x.yaml', line: 1, column: 1 }, component: '', module: '', actionReason: '',
        }],
      };
      const r = captureTestFixture({ contract: contract(), changeSet: cs, resourceIndex: 0, policy: 'peek', at: AT });
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.message, what);
    }
  });

  test('refused: a pack policy, an unknown policy, a resource index out of range, a bad time', async () => {
    const cs = await loadChangeSet([corpusPath('kubernetes', 'kyverno-restrict-image-registries.resources.yaml')]);
    const withPack = parseContract('c.yaml', 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: t}\nspec:\n  extends: [{pack: baseline, version: 3}]\n');
    const cases: [ReturnType<typeof captureTestFixture>, RegExp][] = [
      [captureTestFixture({ contract: withPack, changeSet: cs, resourceIndex: 0, policy: 'images-no-latest', at: AT }), /comes from pack "baseline".*fork it first/],
      [captureTestFixture({ contract: contract(), changeSet: cs, resourceIndex: 0, policy: 'nope', at: AT }), /no policy "nope"/],
      [captureTestFixture({ contract: contract(), changeSet: cs, resourceIndex: cs.resources.length, policy: 'peek', at: AT }), /has no resource/],
      [captureTestFixture({ contract: contract(), changeSet: cs, resourceIndex: -1, policy: 'peek', at: AT }), /has no resource/],
      [captureTestFixture({ contract: contract(), changeSet: cs, resourceIndex: 0, policy: 'peek', at: 'yesterday' }), /not an ISO-8601 time/],
    ];
    for (const [r, message] of cases) {
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.message, message);
    }
  });
});
