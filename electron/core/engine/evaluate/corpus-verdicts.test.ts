// End to end on real public inputs (see electron/testing/corpus/SOURCES.md for the upstream verdicts):
// loader → resource view → CEL → findings, compared with what upstream states.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadChangeSet } from '../../loaders/load-change-set';
import { corpusPath, readCorpus } from '../../testing/corpus';
import { compilePolicy } from '../compile/compile-policy';
import { policy } from '../../testing/engine-fixtures';
import { evaluateChangeSet } from './evaluate-changeset';

const AT = new Date('2026-01-05T03:00:00Z');

function compiled(...policies: ReturnType<typeof policy>[]) {
  return {
    contract: { name: 't', vendor: '', extends: [], policies, parameters: {}, approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 }, digest: 'sha256:x', source: 'test' },
    policies: policies.map((p) => compilePolicy(p, {})),
  };
}

describe('kyverno disallow-privileged-containers corpus', () => {
  const noPrivileged = policy({
    id: 'no-privileged',
    match: { sources: ['kubernetes'] },
    condition: 'resource.containers.all(c, !lookup(c.spec, "securityContext.privileged", false))',
    path: 'resource.containers.filter(c, lookup(c.spec, "securityContext.privileged", false))[0].path + ["securityContext", "privileged"]',
    message: '{{ resource.containers.filter(c, lookup(c.spec, "securityContext.privileged", false)).map(c, c.name).join(", ") }} privileged',
  });

  test('fails exactly badpod01-05, baddeployment01-05, badcronjob01-05', async () => {
    const cs = await loadChangeSet([corpusPath('kubernetes', 'kyverno-disallow-privileged-containers.resources.yaml')]);
    const e = evaluateChangeSet(cs, compiled(noPrivileged), { at: AT });
    const failed = e.findings.filter((f) => f.status === 'fail').map((f) => f.resource.address.split('/').pop()).sort();
    const expected = ['pod', 'deployment', 'cronjob'].flatMap((k) => [1, 2, 3, 4, 5].map((i) => `bad${k}0${i}`)).sort();
    assert.deepEqual(failed, expected);
    assert.equal(e.summary.errors, 0);
    assert.equal(e.verdict, 'blocked');
  });

  test('the finding points at the privileged line of the manifest', async () => {
    const file = 'kyverno-disallow-privileged-containers.resources.yaml';
    const cs = await loadChangeSet([corpusPath('kubernetes', file)]);
    const e = evaluateChangeSet(cs, compiled(noPrivileged), { at: AT });
    const first = e.findings[0];
    assert.ok(first);
    const line = readCorpus('kubernetes', file).split('\n')[first.location.line - 1] ?? '';
    assert.match(line, /privileged:\s*true/);
  });
});

describe('checkov for_each security groups corpus', () => {
  test('all three module SGs open to 0.0.0.0/0 fail; route53 zones are not matched', async () => {
    const cs = await loadChangeSet([corpusPath('terraform', 'checkov-for-each-module-sg-open-ingress.tfplan.json')]);
    const openIngress = policy({
      id: 'no-world-ingress',
      match: { types: ['aws_security_group'] },
      condition: '!asList(lookup(object, "ingress", [])).exists(i, asList(lookup(i, "cidr_blocks", [])).exists(c, isAnyCIDR(c)))',
      enforcement: 'approval',
    });
    const e = evaluateChangeSet(cs, compiled(openIngress), { at: AT });
    assert.deepEqual(e.findings.map((f) => f.resource.address).sort(), [
      'module.sg["awful_example"].aws_security_group.bad',
      'module.sg["bad_example"].aws_security_group.bad',
      'module.sg["terrible_example"].aws_security_group.bad',
    ]);
    assert.equal(e.verdict, 'needs-approval');
    assert.equal(e.summary.evaluations, 3);
  });
});
