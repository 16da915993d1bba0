// The Kyverno policy library's own test verdicts (ground-truth/kyverno/*.kyverno-test.yaml),
// checked per resource name against the matching built-in policy, with the upstream policy's
// parameters where the verdict depends on them. Kyverno results for Deployments and CronJobs
// come from its auto-generated pod-controller rules; ours look at the pod template directly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readCorpus } from '../testing/corpus';
import type { Parameters } from '../testing/baseline-run';
import { findingFor, kyvernoNames, namesWith, runPolicy, workloadOutcomes } from '../testing/baseline-run';

interface Case {
  readonly kyverno: string;
  readonly policy: string;
  readonly parameters?: Parameters;
  readonly why: string;
}

const CASES: readonly Case[] = [
  { kyverno: 'disallow-privileged-containers', policy: 'k8s-no-privileged', why: 'privileged containers' },
  { kyverno: 'disallow-host-namespaces', policy: 'k8s-no-privileged', why: 'hostNetwork/hostPID/hostIPC' },
  { kyverno: 'disallow-host-path', policy: 'k8s-no-privileged', why: 'hostPath volumes' },
  // Our policy is both upstream rules at once (require-image-tag and validate-image-tag).
  { kyverno: 'disallow-latest-tag', policy: 'images-no-latest', why: 'untagged or :latest images' },
  // Upstream pattern: metadata.labels["app.kubernetes.io/name"]: "?*".
  { kyverno: 'require-labels', policy: 'required-tags', parameters: { 'required-tags': { labels: ['app.kubernetes.io/name'] } }, why: 'the app.kubernetes.io/name label' },
  // Upstream pattern: image "eu.foo.io/* | bar.io/*".
  { kyverno: 'restrict-image-registries', policy: 'images-approved-registries', parameters: { 'images-approved-registries': { registries: ['eu.foo.io/', 'bar.io/'] } }, why: 'registries eu.foo.io and bar.io' },
  { kyverno: 'require-run-as-nonroot', policy: 'k8s-run-as-non-root', why: 'runAsNonRoot at pod or container level' },
];

describe('Kyverno ground truth on the built-in policies', () => {
  for (const c of CASES) {
    test(`${c.kyverno} → ${c.policy} (${c.why}): exactly the upstream failures fail, the upstream passes pass`, async () => {
      const run = await runPolicy('kubernetes', `kyverno-${c.kyverno}.resources.yaml`, c.policy, c.parameters);
      const outcomes = workloadOutcomes(run);
      const fail = kyvernoNames(c.kyverno, 'fail');
      const pass = kyvernoNames(c.kyverno, 'pass').filter((n) => !fail.includes(n));
      assert.ok(fail.length > 0 && pass.length > 0, 'upstream lists both failures and passes');
      assert.deepEqual(namesWith(outcomes, 'fail'), fail);
      assert.deepEqual(namesWith(outcomes, 'pass'), pass);
      assert.deepEqual(namesWith(outcomes, 'error'), []);
      // Every workload in the file was judged by the policy (none slipped past its match).
      assert.equal(run.findings.filter((f) => f.resource.source === 'image').length, 0, 'images are judged on their workloads, not twice');
      assert.ok(run.matched >= outcomes.size, `matched ${run.matched} of ${outcomes.size} workloads`);
    });
  }

  test('require-pod-requests-limits → k8s-resource-limits: upstream failures fail; upstream passes fail only for the missing cpu limit', async () => {
    // Kyverno's rule wants cpu+memory REQUESTS and a memory limit; ours wants cpu AND memory
    // LIMITS. goodpod01/02 set no cpu limit, so under our definition they fail, for that reason
    // alone; every upstream failure (a container with no limits at all) fails ours too.
    const run = await runPolicy('kubernetes', 'kyverno-require-pod-requests-limits.resources.yaml', 'k8s-resource-limits');
    const outcomes = workloadOutcomes(run);
    for (const name of kyvernoNames('require-pod-requests-limits', 'fail')) assert.equal(outcomes.get(name), 'fail', name);
    for (const name of kyvernoNames('require-pod-requests-limits', 'pass')) {
      const message = findingFor(run, `Pod/${name}`).message;
      assert.match(message, /has no cpu limit/, `${name}: ${message}`);
      assert.doesNotMatch(message, /memory/, `${name}: ${message}`);
    }
    assert.match(findingFor(run, 'Pod/badpod03').message, /container busybox has no cpu or memory limit/);
  });

  test('findings point at the offending line of the manifest', async () => {
    const cases = [
      { kyverno: 'disallow-privileged-containers', line: /privileged:\s*true/ },
      { kyverno: 'disallow-host-namespaces', line: /host(Network|PID|IPC):\s*true/ },
      { kyverno: 'disallow-host-path', line: /^\s*volumes:/ },
    ];
    for (const c of cases) {
      const file = `kyverno-${c.kyverno}.resources.yaml`;
      const run = await runPolicy('kubernetes', file, 'k8s-no-privileged');
      const lines = readCorpus('kubernetes', file).split('\n');
      assert.ok(run.findings.length > 0);
      for (const f of run.findings) {
        assert.equal(f.location.file.endsWith(file), true, f.location.file);
        assert.match(lines[f.location.line - 1] ?? '', c.line, `${f.resource.address} → line ${f.location.line}`);
      }
    }
  });

  test('messages name the offending container and image', async () => {
    const registries = await runPolicy('kubernetes', 'kyverno-restrict-image-registries.resources.yaml', 'images-approved-registries', {
      'images-approved-registries': { registries: ['eu.foo.io/', 'bar.io/'] },
    });
    const badpod02 = findingFor(registries, 'Pod/badpod02').message;
    assert.match(badpod02, /container k8s-nginx uses registry\.k8s\.io\/nginx:1\.7\.9/);
    assert.doesNotMatch(badpod02, /bar\.io\/busybox/, 'the allowed image is not blamed');

    const tags = await runPolicy('kubernetes', 'kyverno-disallow-latest-tag.resources.yaml', 'images-no-latest');
    assert.match(findingFor(tags, 'Pod/badpod02').message, /container nginx uses nginx \(untagged/);
    assert.match(findingFor(tags, 'Pod/badpod02').message, /init container nginxinit uses nginx/);
    assert.doesNotMatch(findingFor(tags, 'Pod/badpod02').message, /busybox/);
    assert.match(findingFor(tags, 'Deployment/vit-baddeployment01').message, /busybox:latest/);
  });
});
