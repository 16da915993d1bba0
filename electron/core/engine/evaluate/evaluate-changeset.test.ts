import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Policy } from '../../model/policy';
import type { FieldPath } from '../../model/resource-change';
import { compilePolicy } from '../compile/compile-policy';
import type { CompiledContract } from '../compile/compile-contract';
import type { ResolvedContract } from '../contract/resolved-contract';
import { changeSet, kubernetesObject, policy, resourceChange } from '../../testing/engine-fixtures';
import { ENGINE_VERSION } from '../version';
import { evaluateChangeSet } from './evaluate-changeset';
import { evaluationDigest } from '../../hashing/canonical-digest';

const AT = new Date('2026-01-05T03:00:00Z');

function contractOf(policies: Policy[], params: Record<string, Record<string, unknown>> = {}): CompiledContract {
  const contract = { name: 't', vendor: '', extends: [], policies, parameters: params, approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 }, digest: 'sha256:x', source: 'test' } satisfies ResolvedContract;
  return { contract, policies: policies.map((p) => compilePolicy(p, params[p.id] ?? {})) };
}

const bucket = resourceChange({ address: 'aws_s3_bucket.data', type: 'aws_s3_bucket', after: { acl: 'public-read', bucket: 'data' } });
const privateBucket = resourceChange({ address: 'aws_s3_bucket.logs', type: 'aws_s3_bucket', after: { acl: 'private' } });
const noAcl = resourceChange({ address: 'aws_s3_bucket.bare', type: 'aws_s3_bucket', after: {} });

describe('evaluateChangeSet', () => {
  const noPublic = policy({ id: 'no-public-buckets', condition: 'object.acl != "public-read"', match: { types: ['aws_s3_*'] }, message: '{{ resource.address }} is {{ object.acl }}', remediation: 'Set acl = "private".' });

  test('a failing resource is a fail finding with the interpolated message; passing ones are not findings', () => {
    const e = evaluateChangeSet(changeSet([bucket, privateBucket]), contractOf([noPublic]), { at: AT });
    assert.equal(e.findings.length, 1);
    const f = e.findings[0];
    assert.equal(f?.status, 'fail');
    assert.equal(f?.message, 'aws_s3_bucket.data is public-read');
    assert.deepEqual(f?.resource, { address: 'aws_s3_bucket.data', source: 'terraform', type: 'aws_s3_bucket', action: 'create', drift: false });
    assert.equal(f?.remediation, 'Set acl = "private".');
    assert.equal(e.verdict, 'blocked');
    assert.equal(e.at, AT.toISOString());
    assert.equal(e.engineVersion, ENGINE_VERSION);
  });

  test('a missing key fails closed: an error finding, never a pass', () => {
    const e = evaluateChangeSet(changeSet([noAcl]), contractOf([noPublic]), { at: AT });
    assert.equal(e.findings.length, 1);
    assert.equal(e.findings[0]?.status, 'error');
    assert.match(e.findings[0]?.message ?? '', /No such key: acl/);
    assert.equal(e.verdict, 'blocked');
    assert.equal(e.summary.errors, 1);
  });

  test('a non-bool result and a bad dynamic regex are error findings too', () => {
    const nonBool = policy({ id: 'non-bool', condition: 'object.flag' });
    const badRe = policy({ id: 'bad-re', condition: 'object.name.matches(params.re)', parameters: { re: { description: '', default: '(?=x)' } } });
    const e = evaluateChangeSet(changeSet([resourceChange({ address: 'a.b', after: { flag: 'yes', name: 'n' } })]), contractOf([nonBool, badRe]), { at: AT });
    assert.deepEqual(e.findings.map((f) => [f.policy, f.status]), [['non-bool', 'error'], ['bad-re', 'error']]);
    assert.match(e.findings[1]?.message ?? '', /use RE2 syntax/);
  });

  test('disabled policies are skipped entirely', () => {
    const e = evaluateChangeSet(changeSet([bucket]), contractOf([{ ...noPublic, enabled: false }]), { at: AT });
    assert.equal(e.findings.length, 0);
    assert.equal(e.summary.checks, 0);
    assert.equal(e.verdict, 'pass');
  });

  test('variables: params merged, changeset, now, oldObject, resource view', () => {
    const p = policy({
      id: 'vars',
      condition: 'params.max == 3.0 && changeset.release == "2.0" && now == timestamp("2026-01-05T03:00:00Z") && oldObject.size == 1 && object.size == 2 && resource.labels.team == "x" && resource.action == "update"',
      parameters: { max: { description: '', default: 1 } },
    });
    const r = resourceChange({ address: 'a.b', action: 'update', before: { size: 1 }, after: { size: 2, tags: { team: 'x' } } });
    const e = evaluateChangeSet(changeSet([r], { release: '2.0' }), contractOf([p], { vars: { max: 3 } }), { at: AT });
    assert.deepEqual(e.findings, []);
  });

  test('the path expression locates the finding through resource.locate', () => {
    const located: FieldPath[] = [];
    const pod = kubernetesObject('Pod', 'p', 'default', { spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] } }, {
      locate: (path) => {
        located.push(path);
        return { file: 'manifests.yaml', line: 42, column: 9 };
      },
    });
    const privileged = policy({
      id: 'no-privileged',
      condition: '!resource.containers.exists(c, lookup(c.spec, "securityContext.privileged", false) == true)',
      path: 'resource.containers.filter(c, lookup(c.spec, "securityContext.privileged", false) == true)[0].path + ["securityContext", "privileged"]',
    });
    const e = evaluateChangeSet(changeSet([pod]), contractOf([privileged]), { at: AT });
    assert.deepEqual(e.findings[0]?.location, { file: 'manifests.yaml', line: 42, column: 9 });
    assert.deepEqual(located, [['spec', 'containers', 0, 'securityContext', 'privileged']]);
  });

  test('without a usable path the finding points at the resource', () => {
    const p = policy({ id: 'p', condition: 'false', path: 'object.nope' });
    const e = evaluateChangeSet(changeSet([bucket]), contractOf([p]), { at: AT });
    assert.deepEqual(e.findings[0]?.location, bucket.location);
  });

  test('summary counts resources, actions, checks, evaluations, enforcement and severity', () => {
    const approval = policy({ id: 'net', condition: 'false', enforcement: 'approval', severity: 'medium', match: { types: ['aws_security_group*'] } });
    const advisory = policy({ id: 'adv', condition: 'false', enforcement: 'advisory', severity: 'info' });
    const sg = resourceChange({ address: 'aws_security_group.a', type: 'aws_security_group', action: 'update' });
    const noop = resourceChange({ address: 'aws_vpc.main', type: 'aws_vpc', action: 'no-op' });
    const e = evaluateChangeSet(changeSet([bucket, sg, noop]), contractOf([noPublic, approval, advisory]), { at: AT });
    assert.deepEqual(e.summary.byAction, { create: 1, update: 1, 'no-op': 1 });
    assert.equal(e.summary.resources, 3);
    assert.equal(e.summary.checks, 9);
    assert.equal(e.summary.evaluations, 4); // bucket×noPublic, bucket×adv, sg×net, sg×adv
    assert.deepEqual(e.summary.byEnforcement, { deny: 1, advisory: 2, approval: 1 });
    assert.deepEqual(e.summary.bySeverity, { high: 1, info: 2, medium: 1 });
    assert.equal(e.summary.findings, 4);
    assert.deepEqual(e.summary.matchedByPolicy, { 'no-public-buckets': 1, net: 1, adv: 2 });
  });

  test('an invalid evaluation time fails closed instead of throwing', () => {
    const e = evaluateChangeSet(changeSet([privateBucket]), contractOf([noPublic]), { at: new Date('nope') });
    assert.equal(e.findings[0]?.status, 'error');
    assert.equal(e.verdict, 'blocked');
  });

  test('the evaluation digest is stable and follows the findings', () => {
    const c = contractOf([noPublic]);
    const a = evaluateChangeSet(changeSet([bucket, privateBucket]), c, { at: AT });
    const b = evaluateChangeSet(changeSet([bucket, privateBucket]), c, { at: new Date('2026-02-01T00:00:00Z') });
    assert.equal(evaluationDigest(a), evaluationDigest(b));
    assert.notEqual(evaluationDigest(a), evaluationDigest(evaluateChangeSet(changeSet([privateBucket]), c, { at: AT })));
  });
});

// A policy that selects labels must not be escaped by a change that also drops them: it applies
// when the resource carries the labels before OR after the change (as the apiserver applies a
// ValidatingAdmissionPolicy when the old or the new object matches its objectSelector).
describe('label matches read the labels before and after the change', () => {
  const frozen = policy({ id: 'frozen-tier', condition: 'resource.action == "create"', match: { labels: { tier: 'frozen' } } });
  const k8s = (before: Record<string, string> | null, after: Record<string, string> | null, action: 'create' | 'update' | 'delete') => resourceChange({
    source: 'kubernetes', address: 'ConfigMap/apps/settings', type: 'ConfigMap', action, actions: [action],
    before: before === null ? null : { metadata: { name: 'settings', labels: before } },
    after: after === null ? null : { metadata: { name: 'settings', labels: after } },
  });
  const tf = (before: Record<string, string> | null, after: Record<string, string>) => resourceChange({
    address: 'aws_s3_bucket.vault', type: 'aws_s3_bucket', action: 'update', actions: ['update'],
    before: before === null ? null : { tags: before }, after: { tags: after },
  });
  const flagged = (r: ReturnType<typeof resourceChange>) => evaluateChangeSet(changeSet([r]), contractOf([frozen]), { at: AT }).findings.map((f) => f.policy);

  const table: readonly [string, ReturnType<typeof resourceChange>, readonly string[]][] = [
    ['an update that removes the label', k8s({ tier: 'frozen' }, {}, 'update'), ['frozen-tier']],
    ['an update that changes the label value', k8s({ tier: 'frozen' }, { tier: 'thawed' }, 'update'), ['frozen-tier']],
    ['an update that keeps the label', k8s({ tier: 'frozen' }, { tier: 'frozen' }, 'update'), ['frozen-tier']],
    ['an update that adds the label', k8s({}, { tier: 'frozen' }, 'update'), ['frozen-tier']],
    ['a delete of a labelled object', k8s({ tier: 'frozen' }, null, 'delete'), ['frozen-tier']],
    ['an update never labelled', k8s({ tier: 'hot' }, { tier: 'warm' }, 'update'), []],
    ['a create with the label (compliant)', k8s(null, { tier: 'frozen' }, 'create'), []],
    ['a Terraform update that drops the tag', tf({ tier: 'frozen' }, {}), ['frozen-tier']],
    ['a Terraform update never tagged', tf({ tier: 'hot' }, { tier: 'hot' }), []],
  ];
  for (const [name, r, expected] of table) {
    test(name, () => assert.deepEqual(flagged(r), expected));
  }
});
