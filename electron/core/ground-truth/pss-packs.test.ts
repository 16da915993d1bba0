// The Pod Security Standards packs on the corpus: every corpus input evaluates under
// pss-baseline and pss-restricted without an error finding, and the verdicts the corpus's
// upstream sources state for the same controls (Kyverno's pod-security library tests, the
// Gatekeeper PSP library suites; SOURCES.md) hold for the pack policies that implement them.
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileContract, evaluateChangeSet, parseContract } from '../engine';
import { livePackVersion } from '../engine/contract/pack-version';
import { packsRoot } from '../io/packs-root';
import { isPodBearingKind } from '../base/pod-spec';
import { corpusDir } from '../testing/corpus';
import { AT, corpusChangeSet, kyvernoNames, namesWith, workloadOutcomes } from '../testing/baseline-run';
import type { PolicyRun } from '../testing/baseline-run';
import type { Evaluation } from '../model/finding';

const PACKS = ['pss-baseline', 'pss-restricted'] as const;
type Pack = (typeof PACKS)[number];

const compiled = new Map<Pack, ReturnType<typeof compileContract>>();
/** The pack as a customer's countersign.dev/v5 contract extends it (latest standard). */
function packContract(pack: Pack) {
  let c = compiled.get(pack);
  if (!c) {
    const text = JSON.stringify({
      apiVersion: 'countersign.dev/v5',
      kind: 'Contract',
      metadata: { name: `corpus-${pack}` },
      spec: { extends: [{ pack, version: livePackVersion(pack, packsRoot()) }] },
    });
    c = compileContract(parseContract(`(${pack} contract)`, text));
    compiled.set(pack, c);
  }
  return c;
}

async function evaluate(dir: 'terraform' | 'kubernetes', file: string, pack: Pack): Promise<Evaluation> {
  return evaluateChangeSet(await corpusChangeSet(dir, file), packContract(pack), { at: AT });
}

async function runPackPolicy(file: string, pack: Pack, policy: string): Promise<PolicyRun> {
  const changeSet = await corpusChangeSet('kubernetes', file);
  const evaluation = evaluateChangeSet(changeSet, packContract(pack), { at: AT });
  const matched = evaluation.summary.matchedByPolicy?.[policy];
  assert.ok(matched !== undefined && matched > 0, `${policy} matched nothing in ${file}`);
  return { changeSet, evaluation, findings: evaluation.findings.filter((f) => f.policy === policy), matched };
}

describe('every corpus input evaluates under the PSS packs without errors', () => {
  const inputs = (['kubernetes', 'terraform'] as const).flatMap((dir) => readdirSync(`${corpusDir}/${dir}`).map((file) => ({ dir, file })));
  test('the corpus holds Kubernetes and Terraform inputs', () => {
    assert.ok(inputs.filter((i) => i.dir === 'kubernetes').length >= 20);
    assert.ok(inputs.filter((i) => i.dir === 'terraform').length >= 5);
  });
  for (const pack of PACKS) {
    for (const { dir, file } of inputs) {
      test(`${pack}: ${dir}/${file}`, async () => {
        const e = await evaluate(dir, file, pack);
        const errors = e.findings.filter((f) => f.status === 'error').map((f) => `${f.policy} ${f.resource.address}: ${f.message}`);
        assert.deepEqual(errors, []);
        // Every workload is really looked at: the packs match every pod-bearing kind.
        const workloads = (await corpusChangeSet(dir, file)).resources.filter((r) => r.source === 'kubernetes' && isPodBearingKind(r.type)).length;
        assert.equal(e.summary.matchedByPolicy?.['pss-baseline-privileged-containers'] ?? 0, workloads);
      });
    }
  }

  test('the rendered charts are judged control by control (linkerd-init adds NET_ADMIN and NET_RAW)', async () => {
    const e = await evaluate('kubernetes', 'helm-render-linkerd-control-plane-ha.yaml', 'pss-baseline');
    const caps = e.findings.filter((f) => f.policy === 'pss-baseline-capabilities');
    assert.ok(caps.length > 0);
    for (const f of caps) assert.match(f.message, /init container linkerd-init adds NET_ADMIN, NET_RAW/);
  });
});

interface Case {
  readonly kyverno: string;
  readonly policy: string;
  readonly packs: readonly Pack[];
}

// The Kyverno library's pod-security policies whose control a pack policy implements.
const KYVERNO: readonly Case[] = [
  { kyverno: 'disallow-privileged-containers', policy: 'pss-baseline-privileged-containers', packs: PACKS },
  { kyverno: 'disallow-host-namespaces', policy: 'pss-baseline-host-namespaces', packs: PACKS },
  { kyverno: 'disallow-host-path', policy: 'pss-baseline-hostpath-volumes', packs: ['pss-baseline'] },
  // In the restricted profile Volume Types replaces HostPath Volumes: the same verdicts.
  { kyverno: 'disallow-host-path', policy: 'pss-restricted-volume-types', packs: ['pss-restricted'] },
  { kyverno: 'require-run-as-nonroot', policy: 'pss-restricted-running-as-non-root', packs: ['pss-restricted'] },
];

describe('Kyverno ground truth on the PSS packs', () => {
  for (const c of KYVERNO) {
    for (const pack of c.packs) {
      test(`${c.kyverno} → ${pack} ${c.policy}: exactly the upstream failures fail, the upstream passes pass`, async () => {
        const run = await runPackPolicy(`kyverno-${c.kyverno}.resources.yaml`, pack, c.policy);
        const outcomes = workloadOutcomes(run);
        const fail = kyvernoNames(c.kyverno, 'fail');
        const pass = kyvernoNames(c.kyverno, 'pass').filter((n) => !fail.includes(n));
        assert.ok(fail.length > 0 && pass.length > 0);
        assert.deepEqual(namesWith(outcomes, 'fail'), fail);
        assert.deepEqual(namesWith(outcomes, 'pass'), pass);
        assert.deepEqual(namesWith(outcomes, 'error'), []);
      });
    }
  }
});

describe('Gatekeeper ground truth on the PSS packs', () => {
  const outcome = async (file: string, pack: Pack, policy: string) => {
    const run = await runPackPolicy(file, pack, policy);
    const objects = run.changeSet.resources.filter((r) => r.source === 'kubernetes');
    assert.equal(objects.length, 1, `${file} holds one object`);
    return run.findings.find((f) => f.resource.address === objects[0]?.address);
  };
  for (const pack of PACKS) {
    test(`${pack}: psp-host-namespace example_disallowed (hostPID, hostIPC) fails`, async () => {
      const f = await outcome('gatekeeper-host-namespace-disallowed.yaml', pack, 'pss-baseline-host-namespaces');
      assert.equal(f?.status, 'fail');
      assert.match(f?.message ?? '', /hostPID, hostIPC must be undefined or false/);
    });
    test(`${pack}: psp-privileged-container: the privileged container and init container fail, privileged: false passes`, async () => {
      const f = await outcome('gatekeeper-privileged-container-disallowed.yaml', pack, 'pss-baseline-privileged-containers');
      assert.equal(f?.status, 'fail');
      assert.match(f?.message ?? '', /init container nginx-init/);
      assert.match(f?.message ?? '', /(: |, )container nginx(,| must)/);
      assert.equal(await outcome('gatekeeper-privileged-container-allowed.yaml', pack, 'pss-baseline-privileged-containers'), undefined);
    });
  }
});
