import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy } from '../compile/compile-policy';
import type { CompiledContract } from '../compile/compile-contract';
import { changeSet, kubernetesObject, policy } from '../../testing/engine-fixtures';
import { evaluateChangeSet } from './evaluate-changeset';
import type { Policy } from '../../model/policy';

const AT = new Date('2026-01-05T03:00:00Z');

function contractOf(policies: Policy[]): CompiledContract {
  const contract = { name: 't', vendor: '', extends: [], policies, parameters: {}, approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 }, digest: 'sha256:x', source: 'test' };
  return { contract, policies: policies.map((p) => compilePolicy(p, {})) };
}

const problem = { location: { file: 'release.yaml', line: 9, column: 5, origin: 'chart/templates/pod.yaml' }, message: 'NEL (U+0085): read as a line break by kubectl' };
const pod = kubernetesObject('Pod', 'p', 'shop', { spec: {} }, { inputProblems: [problem, { ...problem, location: { ...problem.location, line: 11 } }] });

describe('input-integrity findings', () => {
  test('each input problem is a mandatory error finding at its location, even when no policy matches the resource', () => {
    const advisoryOnly = policy({ id: 'only-terraform', condition: 'false', match: { sources: ['terraform'] }, enforcement: 'advisory' });
    const e = evaluateChangeSet(changeSet([pod]), contractOf([advisoryOnly]), { at: AT });
    assert.equal(e.verdict, 'blocked');
    assert.deepEqual(e.findings.map((f) => [f.policy, f.status, f.enforcement, f.severity, f.resource.address, f.location.line]), [
      ['input-integrity', 'error', 'mandatory', 'critical', 'Pod/shop/p', 9],
      ['input-integrity', 'error', 'mandatory', 'critical', 'Pod/shop/p', 11],
    ]);
    assert.deepEqual(e.findings[0]!.location, problem.location);
    assert.equal(e.findings[0]!.message, problem.message);
    assert.equal(e.summary.errors, 2);
    assert.equal(e.summary.byEnforcement.mandatory, 2);
  });

  test('policies still run on the resource and report their own findings', () => {
    const deny = policy({ id: 'always-fails', condition: 'false', match: { sources: ['kubernetes'] } });
    const e = evaluateChangeSet(changeSet([pod]), contractOf([deny]), { at: AT });
    assert.deepEqual(e.findings.map((f) => f.policy), ['input-integrity', 'input-integrity', 'always-fails']);
  });

  test('a contract cannot define a policy with the reserved id', async () => {
    const { parseContract } = await import('../contract/parse-contract');
    const text = JSON.stringify({ apiVersion: 'countersign.dev/v1', kind: 'Contract', metadata: { name: 'c' }, spec: { policies: [{ id: 'input-integrity', title: 't', severity: 'low', enforcement: 'advisory', condition: 'true' }] } });
    assert.throws(() => parseContract('contract.yaml', text), /reserved for a built-in check/);
  });
});
