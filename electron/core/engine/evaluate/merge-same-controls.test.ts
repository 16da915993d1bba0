import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Finding } from '../../model/finding';
import { verdictOf } from '../../base/verdict';
import { evaluationDigest } from '../../hashing/canonical-digest';
import { changeSet, resourceChange } from '../../testing/engine-fixtures';
import { compileContract } from '../compile/compile-contract';
import { parseContract } from '../contract/parse-contract';
import { evaluateChangeSet } from './evaluate-changeset';
import { mergeSameControls } from './merge-same-controls';
import { loadChangeSet } from '../../loaders/load-change-set';
import { corpusPath, repoRoot } from '../../testing/corpus';

const AT = new Date('2026-01-05T03:00:00Z');
const root = mkdtempSync(join(tmpdir(), 'countersign-merge-'));
after(() => rmSync(root, { recursive: true, force: true }));

function writePolicy(pack: string, id: string, body: string): void {
  mkdirSync(join(root, pack, id), { recursive: true });
  writeFileSync(join(root, pack, id, 'policy.yaml'), `id: ${id}\ntitle: ${id} title\ncondition: "object.safe == true"\nmessage: "{{ resource.address }} fails ${id}"\n${body}`);
}
// Two packs that both implement std:x/priv; pack-a's is deny/high, pack-b's approval/critical.
writePolicy('pack-a', 'a-priv', 'severity: high\nenforcement: deny\ncontrols: ["std:x/priv"]\n');
writePolicy('pack-a', 'a-other', 'severity: low\nenforcement: advisory\n');
writePolicy('pack-b', 'b-priv', 'severity: critical\nenforcement: approval\ncontrols: ["std:x/priv", "std:x/host"]\n');
writePolicy('pack-b', 'b-host', 'severity: low\nenforcement: advisory\ncontrols: ["std:x/host"]\n');
writePolicy('pack-c', 'c-plain', 'severity: high\nenforcement: deny\n');

function evaluate(packs: readonly string[], resources = [resourceChange({ address: 'a.bad', after: { safe: false } }), resourceChange({ address: 'a.good', after: { safe: true } })]) {
  const text = `apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: t}\nspec:\n  extends: [${packs.map((p) => `{pack: ${p}, version: 1}`).join(', ')}]\n`;
  const compiled = compileContract(parseContract('contract.yaml', text, root));
  return evaluateChangeSet(changeSet(resources), compiled, { at: AT });
}

describe('same control in two packs (merge-same-controls)', () => {
  test('a contract extending two packs with a shared control reports it once, at the stricter enforcement and higher severity, naming every id', () => {
    const e = evaluate(['pack-a', 'pack-b']);
    const onBad = e.findings.filter((f) => f.resource.address === 'a.bad');
    // a-priv and b-priv share std:x/priv; b-priv and b-host share std:x/host: one group of three.
    assert.deepEqual(onBad.map((f) => f.policy).sort(), ['a-other', 'a-priv']);
    const merged = onBad.find((f) => f.policy === 'a-priv');
    assert.equal(merged?.enforcement, 'deny');
    assert.equal(merged?.severity, 'critical');
    assert.deepEqual(merged?.alsoPolicies, ['b-host', 'b-priv']);
    assert.equal(merged?.message, 'a.bad fails a-priv');
    assert.equal(e.summary.findings, 2);
    assert.equal(e.summary.byEnforcement.approval, undefined);
    assert.equal(e.verdict, 'blocked');
  });

  test('without a shared control the evaluation and its digest are unchanged (no alsoPolicies member)', () => {
    const e = evaluate(['pack-a', 'pack-c']);
    assert.ok(e.findings.every((f) => !('alsoPolicies' in f)));
    const copy: Finding[] = [...e.findings];
    mergeSameControls(copy, [{ policy: { id: 'a-priv', controls: ['std:x/priv'] } }, { policy: { id: 'c-plain' } }]);
    assert.deepEqual(copy, e.findings);
    assert.equal(evaluationDigest(e), evaluationDigest({ ...e, findings: e.findings.map((f) => ({ ...f })) }));
  });

  test('baseline 5 (controls named, none shared) evaluates byte for byte as baseline 4: same findings, same digest', async () => {
    const cs = await loadChangeSet([
      join(repoRoot, 'policies/baseline/k8s-no-privileged/tests/workloads.yaml'),
      corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json'),
      corpusPath('terraform', 'tfcompliance-open-ingress-db-redshift-sg.tfplan.json'),
    ]);
    const at = (version: number) => evaluateChangeSet(cs, compileContract(parseContract('c.yaml', `apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: t}\nspec:\n  extends: [{pack: baseline, version: ${version}}]\n`)), { at: AT });
    const v4 = at(4), v5 = at(5);
    assert.ok(v4.findings.length > 5);
    assert.equal(JSON.stringify(v5.findings), JSON.stringify(v4.findings));
    assert.equal(evaluationDigest(v5), evaluationDigest(v4));
  });

  test('a policy alone in its pack keeps its own finding even when it names a control', () => {
    const e = evaluate(['pack-b']);
    // b-priv and b-host share std:x/host inside one pack: same rule, one finding.
    const onBad = e.findings.filter((f) => f.resource.address === 'a.bad');
    assert.equal(onBad.length, 1);
    assert.equal(onBad[0]?.policy, 'b-priv');
    assert.deepEqual(onBad[0]?.alsoPolicies, ['b-host']);
  });

  test('findings on different resources are never merged', () => {
    const e = evaluate(['pack-a', 'pack-b'], [resourceChange({ address: 'a.one', after: { safe: false } }), resourceChange({ address: 'a.two', after: { safe: false } })]);
    assert.equal(e.findings.filter((f) => f.alsoPolicies !== undefined).length, 2);
    assert.deepEqual(e.findings.map((f) => f.resource.address).sort(), ['a.one', 'a.one', 'a.two', 'a.two']);
  });
});

const ENFORCEMENTS = ['advisory', 'approval', 'deny', 'mandatory'] as const;
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
const STATUSES = ['fail', 'error', 'unknown'] as const;

function findingOf(policy: string, address: string, status: Finding['status'], enforcement: Finding['enforcement'], severity: Finding['severity'], shadow: boolean): Finding {
  return {
    policy, title: policy, resource: { address, source: 'terraform', type: 't', action: 'create', drift: false }, status, enforcement, severity,
    message: `${policy} on ${address}`, location: { file: 'plan.json', line: 1, column: 1 }, remediation: '', ...(shadow ? { shadow: true as const } : {}),
  };
}

describe('merge-same-controls, any findings', () => {
  const arbFinding = fc.record({
    policy: fc.constantFrom('p0', 'p1', 'p2', 'p3'),
    address: fc.constantFrom('r.a', 'r.b'),
    status: fc.constantFrom(...STATUSES),
    enforcement: fc.constantFrom(...ENFORCEMENTS),
    severity: fc.constantFrom(...SEVERITIES),
    shadow: fc.boolean(),
  });
  const arbControls = fc.array(fc.subarray(['c:1', 'c:2', 'c:3']), { minLength: 4, maxLength: 4 });

  test('the verdict never weakens, no violation disappears unnamed, and each resource keeps every id', () => {
    fc.assert(fc.property(fc.uniqueArray(arbFinding, { selector: (f) => `${f.policy}@${f.address}` }), arbControls, (raw, controls) => {
      const findings = raw.map((f) => findingOf(f.policy, f.address, f.status, f.enforcement, f.severity, f.shadow));
      const before = [...findings];
      const policies = controls.map((c, i) => ({ policy: { id: `p${i}`, controls: c } }));
      mergeSameControls(findings, policies);
      assert.equal(verdictOf(findings), verdictOf(before));
      for (const address of ['r.a', 'r.b']) {
        const ids = (list: readonly Finding[]) => list.filter((f) => f.resource.address === address).flatMap((f) => [f.policy, ...(f.alsoPolicies ?? [])]).sort();
        assert.deepEqual(ids(findings), ids(before));
      }
      for (const f of findings) {
        if (f.alsoPolicies) assert.ok(f.alsoPolicies.length > 0 && !f.alsoPolicies.includes(f.policy));
      }
    }));
  });

  test('two resources sharing an address keep both findings of one policy', () => {
    const findings = [findingOf('p0', 'dup', 'fail', 'deny', 'high', false), findingOf('p0', 'dup', 'fail', 'deny', 'high', false), findingOf('p1', 'dup', 'fail', 'approval', 'low', false)];
    mergeSameControls(findings, [{ policy: { id: 'p0', controls: ['c:1'] } }, { policy: { id: 'p1', controls: ['c:1'] } }]);
    assert.equal(findings.length, 3);
  });

  test('an unknown deny (weighs approval) does not outrank a failed mandatory', () => {
    const findings = [findingOf('p0', 'r', 'unknown', 'deny', 'low', false), findingOf('p1', 'r', 'fail', 'mandatory', 'low', false)];
    mergeSameControls(findings, [{ policy: { id: 'p0', controls: ['c:1'] } }, { policy: { id: 'p1', controls: ['c:1'] } }]);
    assert.deepEqual(findings.map((f) => [f.policy, f.alsoPolicies]), [['p1', ['p0']]]);
  });
});
