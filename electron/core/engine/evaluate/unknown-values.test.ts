// Issue 7, hole 10: a value known only after apply never passes silently. Each resource below
// passed on the engine before unknown values were values (no finding at all).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { packsRoot } from '../../io/packs-root';
import { loadChangeSet } from '../../loaders/load-change-set';
import { normalizeTerraformPlan } from '../../loaders/terraform';
import type { Policy } from '../../model/policy';
import { corpusPath } from '../../testing/corpus';
import { compilePolicy } from '../compile/compile-policy';
import { loadPack } from '../contract/load-pack';
import { changeSet, policy, resourceChange } from '../../testing/engine-fixtures';
import { evaluateChangeSet } from './evaluate-changeset';
import { evaluationDigest } from '../../hashing/canonical-digest';

const AT = new Date('2026-01-05T03:00:00Z');
const baseline = loadPack('baseline', packsRoot());

function baselinePolicy(id: string): Policy {
  const p = baseline.find((x) => x.id === id);
  assert.ok(p, id);
  return p;
}

function compiled(policies: readonly Policy[], params: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {}) {
  return {
    contract: { name: 't', vendor: '', extends: [], policies, parameters: {}, approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 }, digest: 'sha256:x', source: 'test' },
    policies: policies.map((p) => compilePolicy(p, params[p.id] ?? {})),
  };
}

/** The commonest untagged resource in real plans: no tags of its own, default_tags unknown. */
function untaggedBucketPlan(): string {
  return JSON.stringify({
    format_version: '1.2',
    resource_changes: [{
      address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: { bucket: 'logs', tags: null }, after_unknown: { id: true, arn: true, tags_all: true }, after_sensitive: {}, before_sensitive: false },
    }],
  });
}

describe('values known only after apply', () => {
  test('tags: null with tags_all unknown is an unknown finding of required-tags, naming tags_all, and needs approval', () => {
    const text = untaggedBucketPlan();
    const cs = changeSet(normalizeTerraformPlan('plan.json', text, JSON.parse(text)));
    const e = evaluateChangeSet(cs, compiled([baselinePolicy('required-tags')], { 'required-tags': { tags: ['Owner'] } }), { at: AT });
    assert.deepEqual(e.findings.map((f) => [f.resource.address, f.status, f.enforcement]), [['aws_s3_bucket.logs', 'unknown', 'deny']]);
    assert.match(e.findings[0]?.message ?? '', /tags_all/);
    assert.equal(e.verdict, 'needs-approval');
    assert.equal(e.summary.unknowns, 1);
    assert.equal(e.summary.errors, 0);
  });

  test('corpus: GitHub OIDC roles whose managed policies are known only after apply are unknown under iam-no-admin', async () => {
    const cs = await loadChangeSet([corpusPath('terraform', 'checkov-github-oidc-iam-roles-data-read.tfplan.json')]);
    const e = evaluateChangeSet(cs, compiled([baselinePolicy('iam-no-admin')]), { at: AT });
    assert.deepEqual(e.findings.map((f) => f.resource.address).sort(), [
      'module.poc.aws_iam_role.r1["p1"]', 'module.poc.aws_iam_role.r1["p2"]', 'module.poc.aws_iam_role.r6["p1"]', 'module.poc.aws_iam_role.r6["p2"]',
    ]);
    for (const f of e.findings) {
      assert.equal(f.status, 'unknown');
      assert.match(f.message, /depends on managed_policy_arns \(known only after apply\)$/);
    }
    // deny policy: an unknown needs approval, it does not block
    assert.equal(e.verdict, 'needs-approval');
  });

  test('corpus: an unknown id decides only the policies that read it', async () => {
    const cs = await loadChangeSet([corpusPath('terraform', 'opentofu-requires-replace-delete-create.plan.json')]);
    const readsId = policy({ id: 'reads-id', condition: 'object.id != ""', enforcement: 'approval' });
    const readsAmi = policy({ id: 'reads-ami', condition: 'object.ami != "force-replace"' });
    const ignoresUnknown = policy({ id: 'ignores', condition: 'object.ami == "force-replace" || object.id != ""' });
    const e = evaluateChangeSet(cs, compiled([readsId, readsAmi, ignoresUnknown]), { at: AT });
    assert.deepEqual(e.findings.map((f) => [f.policy, f.status]), [['reads-id', 'unknown'], ['reads-ami', 'fail']]);
    assert.equal(e.verdict, 'blocked');
  });

  test('every baseline policy leaves a resource with no unknowns exactly as before', async () => {
    // The partial program is used only for resources with unknown paths.
    const cs = await loadChangeSet([corpusPath('terraform', 'checkov-sg-rule-port-update.tfplan.json')]);
    assert.ok(cs.resources.every((r) => r.unknownPaths.length === 0));
    const e = evaluateChangeSet(cs, compiled(baseline), { at: AT });
    assert.equal(e.summary.unknowns, 0);
  });

  test('label criteria on unknown tags: the policy applies unless its condition holds anyway', () => {
    const r = resourceChange({ address: 'aws_instance.web', after: { tags: null, ami: 'x' }, unknownPaths: ['tags_all'] });
    const holds = policy({ id: 'holds', match: { labels: { team: '*' } }, condition: 'object.ami == "x"' });
    const fails = policy({ id: 'fails', match: { labels: { team: '*' } }, condition: 'object.ami == "y"' });
    const e = evaluateChangeSet(changeSet([r]), compiled([holds, fails]), { at: AT });
    assert.deepEqual(e.findings.map((f) => [f.policy, f.status]), [['fails', 'unknown']]);
    assert.match(e.findings[0]?.message ?? '', /tags_all/);
  });

  test('the enforcement decides what an unknown weighs: advisory never, mandatory needs approval', () => {
    const r = resourceChange({ address: 'aws_instance.web', after: {}, unknownPaths: ['encrypted'] });
    const check = (enforcement: Policy['enforcement']) =>
      evaluateChangeSet(changeSet([r]), compiled([policy({ id: 'enc', enforcement, condition: 'object.encrypted == true' })]), { at: AT }).verdict;
    assert.equal(check('advisory'), 'pass');
    assert.equal(check('approval'), 'needs-approval');
    assert.equal(check('deny'), 'needs-approval');
    assert.equal(check('mandatory'), 'needs-approval');
  });

  test('the evaluation digest tells an unknown from a failure', () => {
    const p = policy({ id: 'enc', condition: 'object.encrypted == true' });
    const unknown = evaluateChangeSet(changeSet([resourceChange({ address: 'a.b', after: {}, unknownPaths: ['encrypted'] })]), compiled([p]), { at: AT });
    const failed = evaluateChangeSet(changeSet([resourceChange({ address: 'a.b', after: { encrypted: false } })]), compiled([p]), { at: AT });
    assert.equal(unknown.findings[0]?.status, 'unknown');
    assert.equal(failed.findings[0]?.status, 'fail');
    assert.notEqual(evaluationDigest(unknown), evaluationDigest(failed));
  });

  test('a failing message that reads an unknown says so instead of an error', () => {
    const p = policy({ id: 'm', condition: 'object.a == 1', message: 'a is {{ object.a }}, b is {{ object.b }}' });
    const e = evaluateChangeSet(changeSet([resourceChange({ address: 'a.b', after: { a: 2 }, unknownPaths: ['b'] })]), compiled([p]), { at: AT });
    assert.equal(e.findings[0]?.message, 'a is 2, b is (known only after apply: b)');
  });
});
