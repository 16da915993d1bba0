// Issue 14, with the packs this build ships: baseline 5 beside pss-baseline (and cloud-hardening)
// reports each shared control once. Skipped while a pack is not in the packs folder (the packs
// land in parallel branches); it runs as soon as they are merged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { packsRoot } from '../../io/packs-root';
import { loadChangeSet } from '../../loaders/load-change-set';
import { repoRoot } from '../../testing/corpus';
import { compileContract } from '../compile/compile-contract';
import { packExists } from '../contract/load-pack';
import { parseContract } from '../contract/parse-contract';
import { evaluateChangeSet } from './evaluate-changeset';

const AT = new Date('2026-01-05T03:00:00Z');
const root = packsRoot();
const contract = (extra: string) => compileContract(parseContract('contract.yaml', `apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: t}\nspec:\n  extends: [{pack: baseline, version: 5}, ${extra}]\n`));

describe('same control in the shipped packs', () => {
  test('baseline 5 + pss-baseline: privileged, host namespaces and hostPath are each reported once, under k8s-no-privileged', { skip: !packExists('pss-baseline', root) && 'pss-baseline is not in this build yet' }, async () => {
    const cs = await loadChangeSet([join(repoRoot, 'policies/baseline/k8s-no-privileged/tests/workloads.yaml')]);
    const e = evaluateChangeSet(cs, contract('{pack: pss-baseline, version: 1}'), { at: AT });
    const host = e.findings.filter((f) => f.policy === 'k8s-no-privileged');
    assert.ok(host.length >= 4, JSON.stringify(e.findings.map((f) => [f.policy, f.resource.address])));
    for (const f of host) assert.ok(f.alsoPolicies?.some((id) => id.startsWith('pss-baseline-')), `${f.resource.address}: ${JSON.stringify(f.alsoPolicies)}`);
    const merged = new Set(host.map((f) => f.resource.address));
    const twice = e.findings.filter((f) => merged.has(f.resource.address) && ['pss-baseline-privileged-containers', 'pss-baseline-host-namespaces', 'pss-baseline-hostpath-volumes'].includes(f.policy));
    assert.deepEqual(twice, [], 'no second finding for a control k8s-no-privileged reported');
  });

  test('baseline 5 + cloud-hardening: an admin grant to an IAM user is reported once', { skip: !packExists('cloud-hardening', root) && 'cloud-hardening is not in this build yet' }, async () => {
    const plan = join(root, 'cloud-hardening/aws-iam-user-no-admin/tests');
    const { readdirSync } = await import('node:fs');
    const inputs = readdirSync(plan).filter((n) => n.endsWith('.json')).map((n) => join(plan, n));
    let seen = 0;
    for (const input of inputs) {
      const cs = await loadChangeSet([input]);
      const e = evaluateChangeSet(cs, contract('{pack: cloud-hardening, version: 1}'), { at: AT });
      for (const f of e.findings.filter((x) => x.policy === 'iam-no-admin' || x.policy === 'aws-iam-user-no-admin')) {
        const other = f.policy === 'iam-no-admin' ? 'aws-iam-user-no-admin' : 'iam-no-admin';
        assert.ok(!e.findings.some((g) => g !== f && g.policy === other && g.resource.address === f.resource.address), `${input}: ${f.resource.address} reported twice`);
        if (f.alsoPolicies?.includes(other)) seen++;
      }
    }
    assert.ok(seen > 0, 'some admin grant fires both policies');
  });
});
