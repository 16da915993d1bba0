// Regression for issue 7, hole 1: manifests must be judged on the data the cluster gets.
// kubectl and Helm read YAML as go-yaml v2 does (YAML 1.1): `privileged: yes` IS privileged.
// These tests run the real loader, the engine and the built-in baseline pack together.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateChangeSet } from '../../engine';
import { AT, baselineContract } from '../../testing/baseline-run';
import { loadChangeSet } from '../load-change-set';
import type { Evaluation } from '../../model/finding';

async function evaluateManifest(text: string, name = 'release.yaml'): Promise<Evaluation> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-cluster-reading-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    const cs = await loadChangeSet([file]);
    return evaluateChangeSet(cs, baselineContract(), { at: AT });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const podWith = (podSpecLines: string, containerLines = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
spec:
${podSpecLines}  containers:
    - name: app
      image: registry.example.com/shop/app:1.0.0
${containerLines}`;

/** Every YAML 1.1 spelling of true in go-yaml v2's resolve table (resolve.go, resolveMapList). */
const TRUE_SPELLINGS = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'];
const FALSE_SPELLINGS = ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'];

describe('boolean policies see YAML 1.1 booleans as the cluster does', () => {
  for (const spelling of TRUE_SPELLINGS) {
    test(`privileged: ${spelling} fails k8s-no-privileged`, async () => {
      const e = await evaluateManifest(podWith('', `      securityContext:\n        privileged: ${spelling}\n`));
      const f = e.findings.filter((x) => x.policy === 'k8s-no-privileged');
      assert.equal(f.length, 1, JSON.stringify(e.findings.map((x) => x.policy)));
      assert.equal(f[0]!.status, 'fail');
      assert.match(f[0]!.message, /privileged container app/);
      assert.equal(f[0]!.location.line, 11, 'points at the privileged line');
      assert.equal(e.verdict, 'blocked');
    });
  }

  test('hostNetwork: on, hostPID: Y and hostIPC: YES fail, in block and flow style', async () => {
    for (const [field, spelling] of [['hostNetwork', 'on'], ['hostPID', 'Y'], ['hostIPC', 'YES']]) {
      const block = await evaluateManifest(podWith(`  ${field}: ${spelling}\n`));
      assert.match(block.findings.find((x) => x.policy === 'k8s-no-privileged')?.message ?? '', new RegExp(`${field}: true`), field);
      const flow = await evaluateManifest(`---\n{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: shop}, spec: {${field}: ${spelling}, containers: [{name: app, image: "registry.example.com/shop/app:1.0.0"}]}}\n`);
      assert.match(flow.findings.find((x) => x.policy === 'k8s-no-privileged')?.message ?? '', new RegExp(`${field}: true`), `${field} flow`);
    }
  });

  test('inside a kind: List, items are read the same way', async () => {
    const e = await evaluateManifest(`apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a, namespace: shop}
  spec:
    hostPID: yes
    containers: [{name: app, image: "registry.example.com/shop/app:1.0.0"}]
`);
    const f = e.findings.find((x) => x.policy === 'k8s-no-privileged');
    assert.equal(f?.resource.address, 'Pod/shop/a');
    assert.match(f?.message ?? '', /hostPID: true/);
  });

  for (const spelling of FALSE_SPELLINGS) {
    test(`privileged: ${spelling} passes k8s-no-privileged`, async () => {
      const e = await evaluateManifest(podWith('', `      securityContext:\n        privileged: ${spelling}\n`));
      assert.deepEqual(e.findings.filter((x) => x.policy === 'k8s-no-privileged'), []);
    });
  }

  test('runAsNonRoot: "yes" (quoted) is a string, not true: k8s-run-as-non-root still fails', async () => {
    const quoted = await evaluateManifest(podWith('  securityContext:\n    runAsNonRoot: "yes"\n'));
    assert.ok(quoted.findings.some((x) => x.policy === 'k8s-run-as-non-root'));
    const plain = await evaluateManifest(podWith('  securityContext:\n    runAsNonRoot: yes\n'));
    assert.ok(!plain.findings.some((x) => x.policy === 'k8s-run-as-non-root'));
  });
});

describe('input the two readers would disagree on blocks, as a mandatory input-integrity error', () => {
  test('a value JSON cannot hold (.inf) is an error finding at its line, and blocks', async () => {
    const e = await evaluateManifest(podWith('  terminationGracePeriodSeconds: .inf\n'));
    const f = e.findings.filter((x) => x.policy === 'input-integrity');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.status, 'error');
    assert.equal(f[0]!.enforcement, 'mandatory');
    assert.equal(f[0]!.resource.address, 'Pod/shop/p');
    assert.deepEqual([f[0]!.location.file.endsWith('release.yaml'), f[0]!.location.line, f[0]!.location.column], [true, 7, 34]);
    assert.equal(e.verdict, 'blocked');
  });

  test('a U+2028 inside a value is an error finding (libyaml reads it as a line break)', async () => {
    const e = await evaluateManifest(podWith('', '      securityContext:\n        privileged: false\u2028\n'));
    const f = e.findings.find((x) => x.policy === 'input-integrity');
    assert.ok(f);
    assert.equal(f.location.line, 11);
    assert.equal(e.verdict, 'blocked');
  });
});
