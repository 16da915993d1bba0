// Verdicts the sources of the real Terraform plans state (SOURCES.md), against the built-in
// policies with their defaults, plus drift: resource_drift entries are evaluated too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingFor, runPolicy } from '../testing/baseline-run';

describe('Terraform ground truth on the built-in policies', () => {
  test('terraform-compliance #401: aws_db_instance.default without storage_encrypted fails storage-encryption', async () => {
    // Upstream .expected: storage_encrypted "does not match ^true$ ... It is set to None".
    const run = await runPolicy('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json', 'storage-encryption');
    const f = findingFor(run, 'aws_db_instance.default');
    assert.equal(f.status, 'fail');
    assert.equal(f.enforcement, 'deny');
    assert.match(f.message, /storage_encrypted is not set/);
    assert.equal(run.findings.length, 1);
    // The same instance is publicly_accessible = true: exposure that needs approval.
    const exposure = await runPolicy('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json', 'no-public-ingress');
    assert.match(findingFor(exposure, 'aws_db_instance.default').message, /publicly_accessible = true/);
  });

  test('terraform-compliance #400: the 0.0.0.0/0 rule reaching port 22 fails no-public-ingress, naming the CIDR and ports', async () => {
    const run = await runPolicy('terraform', 'tfcompliance-open-ingress-db-redshift-sg.tfplan.json', 'no-public-ingress');
    const f = findingFor(run, 'aws_security_group_rule.example_rule_22');
    assert.equal(f.enforcement, 'approval');
    assert.match(f.message, /ingress tcp 0-22 from 0\.0\.0\.0\/0/);
    // Every 0.0.0.0/0 shape in the file is caught (SG inline ingress, SG rules, DB/Redshift SG
    // ingress cidr); the ElastiCache SG (named groups only, no CIDR) is not exposure.
    const failed = run.findings.map((x) => x.resource.address).sort();
    assert.deepEqual(failed, [
      'aws_db_security_group.example_db', 'aws_redshift_security_group.example_redshift',
      'aws_security_group.example_group', 'aws_security_group.example_group_22', 'aws_security_group.example_group_3389',
      'aws_security_group_rule.example_rule', 'aws_security_group_rule.example_rule_22', 'aws_security_group_rule.example_rule_3389',
    ]);
  });

  test('checkov for_each module: all three module.sg[...] groups open to 0.0.0.0/0 fail no-public-ingress', async () => {
    const run = await runPolicy('terraform', 'checkov-for-each-module-sg-open-ingress.tfplan.json', 'no-public-ingress');
    assert.deepEqual(run.findings.map((f) => f.resource.address).sort(), [
      'module.sg["awful_example"].aws_security_group.bad',
      'module.sg["bad_example"].aws_security_group.bad',
      'module.sg["terrible_example"].aws_security_group.bad',
    ]);
    for (const f of run.findings) assert.match(f.message, /ingress all traffic from 0\.0\.0\.0\/0/);
  });

  test('checkov IAM wildcards: fail_1..3 ("iam:*" on "*") fail iam-no-admin, policy_pass ("s3:*" on "*") passes', async () => {
    const run = await runPolicy('terraform', 'checkov-iam-policies-wildcard-actions.tfplan.json', 'iam-no-admin');
    const failed = run.findings.filter((f) => f.status === 'fail');
    assert.deepEqual(failed.map((f) => f.resource.address).sort(), [
      'aws_iam_group_policy.fail_2', 'aws_iam_role_policy.fail_1', 'aws_iam_user_policy.fail_3',
    ]);
    for (const f of failed) assert.match(f.message, /allows iam:\* on Resource \*/);
    // The role's inline and managed policies are known only after apply: undecided, never a pass.
    assert.deepEqual(run.findings.filter((f) => f.status === 'unknown').map((f) => [f.resource.address, f.message]), [
      ['aws_iam_role.example', 'No administrator-equivalent permissions: cannot be decided before apply; depends on inline_policy, managed_policy_arns (known only after apply)'],
    ]);
    // policy_pass was judged (matched) and passed; the group/user themselves are not policies.
    assert.equal(run.matched, 5, 'group policy, policy_pass, role, role policy, user policy');
    assert.equal(run.findings.some((f) => f.resource.address === 'aws_iam_policy.policy_pass'), false);
  });

  test('strata: the aws_db_instance.main replacement fails db-no-replace', async () => {
    const run = await runPolicy('terraform', 'strata-rds-replace-handauthored.tfplan.json', 'db-no-replace');
    assert.deepEqual(run.findings.map((f) => f.resource.address), ['aws_db_instance.main']);
    const f = findingFor(run, 'aws_db_instance.main');
    assert.equal(f.resource.action, 'replace');
    assert.equal(f.severity, 'critical');
    assert.match(f.message, /would be replaced/);
    assert.equal(run.evaluation.verdict, 'blocked');
  });

  test('opentofu requires-replace: a test_instance replacement is not a database, so no db-no-replace finding', async () => {
    const run = await runPolicy('terraform', 'opentofu-requires-replace-delete-create.plan.json', 'db-no-replace');
    assert.equal(run.changeSet.resources[0]?.action, 'replace');
    assert.equal(run.matched, 0);
    assert.deepEqual(run.findings, []);
  });

  test('drift: security groups deleted outside Terraform are flagged by network-change-approval as drift', async () => {
    const run = await runPolicy('terraform', 'tfcompliance-lambda-deletes-with-drift-tf100.tfplan.json', 'network-change-approval');
    const drifted = run.findings.filter((f) => f.resource.drift);
    assert.deepEqual(drifted.map((f) => `${f.resource.address} ${f.resource.action}`).sort(), [
      'aws_security_group.lambda_sg delete',
      'aws_security_group_rule.task_sg_egress_rule delete',
    ]);
    for (const f of drifted) assert.match(f.message, /^Drift: .* was deleted outside the pipeline/);
    // The planned (non-drift) re-creation of the same resources is a separate finding.
    assert.equal(run.findings.filter((f) => !f.resource.drift).length, 2);
  });

  test('drift: every finding on a drifted resource says so, and maintenance windows ignore drift', async () => {
    const files = [
      'tfcompliance-lambda-deletes-with-drift-tf100.tfplan.json',
      'tfsummarize-github-for-each-drift-minified.tfplan.json',
      'infracost-ec2-resize-with-drift.tfplan.json',
      'opentofu-resource-drift.plan.json',
    ];
    for (const file of files) {
      const run = await runPolicy('terraform', file, 'maintenance-window');
      const drift = run.changeSet.resources.filter((r) => r.drift);
      assert.ok(drift.length > 0, `${file} has drift entries`);
      const driftAddresses = new Set(drift.map((r) => `${r.address}|${r.action}`));
      for (const f of run.evaluation.findings) {
        if (f.resource.drift) assert.ok(driftAddresses.has(`${f.resource.address}|${f.resource.action}`), `${file}: ${f.resource.address}`);
      }
      assert.equal(run.findings.some((f) => f.resource.drift), false, `${file}: maintenance-window does not judge drift`);
    }
  });
});
