// Real rendered charts (no upstream policy verdict; the facts are in SOURCES.md): what the
// built-in policies must catch in them with their defaults.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readCorpus } from '../testing/corpus';
import { findingFor, namesWith, runPolicy, workloadOutcomes } from '../testing/baseline-run';

const ARGOCD = 'argocd-install-large.yaml';
const INGRESS_NGINX = 'helm-template-ingress-nginx-4.0.15-cloud.yaml';
const LINKERD_CNI = 'helm-render-linkerd-cni-daemonset-hostpath.yaml';

describe('rendered charts under the baseline defaults', () => {
  test('linkerd-cni: the DaemonSet\'s hostPath volumes trip k8s-no-privileged, at the volumes line', async () => {
    const run = await runPolicy('kubernetes', LINKERD_CNI, 'k8s-no-privileged');
    assert.deepEqual(run.findings.map((f) => f.resource.address), ['DaemonSet/linkerd-test/linkerd-cni']);
    const f = findingFor(run, 'DaemonSet/linkerd-test/linkerd-cni');
    assert.equal(f.enforcement, 'deny');
    assert.match(f.message, /hostPath volume cni-bin-dir \(\/opt\/cni\/bin\)/);
    assert.match(f.message, /hostPath volume cni-net-dir \(\/etc\/cni\/net\.d\)/);
    assert.doesNotMatch(f.message, /privileged (init )?container/, 'privileged: false is not blamed');
    assert.match(readCorpus('kubernetes', LINKERD_CNI).split('\n')[f.location.line - 1] ?? '', /^\s*volumes:/);
  });

  test('argocd: every workload runs quay.io/argoproj/argocd:latest somewhere; dex and redis are blamed only for their init containers', async () => {
    const run = await runPolicy('kubernetes', ARGOCD, 'images-no-latest');
    const outcomes = workloadOutcomes(run);
    assert.equal(outcomes.size, 7, '6 Deployments + 1 StatefulSet');
    assert.deepEqual(namesWith(outcomes, 'fail'), [...outcomes.keys()].sort());
    for (const f of run.findings) assert.match(f.message, /quay\.io\/argoproj\/argocd:latest/);
    const dex = findingFor(run, 'Deployment/argocd-dex-server').message;
    assert.match(dex, /init container copyutil uses quay\.io\/argoproj\/argocd:latest/);
    assert.doesNotMatch(dex, /ghcr\.io\/dexidp\/dex/);
    assert.doesNotMatch(findingFor(run, 'Deployment/argocd-redis').message, /redis:8\.10\.1-alpine/);
  });

  test('argocd: no container sets resources, so every Deployment and the StatefulSet trip k8s-resource-limits', async () => {
    const run = await runPolicy('kubernetes', ARGOCD, 'k8s-resource-limits');
    const failed = run.findings.map((f) => f.resource.address).sort();
    assert.deepEqual(failed, [
      'Deployment/argocd-applicationset-controller', 'Deployment/argocd-dex-server', 'Deployment/argocd-notifications-controller',
      'Deployment/argocd-redis', 'Deployment/argocd-repo-server', 'Deployment/argocd-server', 'StatefulSet/argocd-application-controller',
    ]);
    assert.ok(run.findings.every((f) => f.status === 'fail' && f.enforcement === 'deny'));
  });

  test('ingress-nginx: the LoadBalancer Service needs approval as public ingress; the internal admission Service does not', async () => {
    const run = await runPolicy('kubernetes', INGRESS_NGINX, 'no-public-ingress');
    assert.deepEqual(run.findings.map((f) => f.resource.address), ['Service/ingress-nginx/ingress-nginx-controller']);
    const f = findingFor(run, 'Service/ingress-nginx/ingress-nginx-controller');
    assert.equal(f.enforcement, 'approval');
    assert.match(f.message, /internet-facing LoadBalancer Service on ports 80\/TCP, 443\/TCP/);
    assert.match(readCorpus('kubernetes', INGRESS_NGINX).split('\n')[f.location.line - 1] ?? '', /type: LoadBalancer/);
    assert.equal(run.evaluation.verdict === 'blocked' || run.evaluation.verdict === 'needs-approval', true);
  });

  test('ingress-nginx: the admission Jobs (no resources at all) and the controller (requests only) trip k8s-resource-limits', async () => {
    const run = await runPolicy('kubernetes', INGRESS_NGINX, 'k8s-resource-limits');
    assert.deepEqual(run.findings.map((f) => f.resource.address).sort(), [
      'Deployment/ingress-nginx/ingress-nginx-controller',
      'Job/ingress-nginx/ingress-nginx-admission-create',
      'Job/ingress-nginx/ingress-nginx-admission-patch',
    ]);
    assert.match(findingFor(run, 'Job/ingress-nginx/ingress-nginx-admission-create').message, /container create has no cpu or memory limit/);
  });

  test('ingress-nginx: digest-pinned images (tag@sha256) pass images-no-latest', async () => {
    const run = await runPolicy('kubernetes', INGRESS_NGINX, 'images-no-latest');
    assert.equal(run.findings.length, 0);
    assert.ok(run.matched >= 3, `matched ${run.matched}`);
  });
});
