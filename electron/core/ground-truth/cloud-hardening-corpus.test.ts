// The cloud-hardening pack on the real Terraform plans of the corpus (SOURCES.md): every plan
// evaluates without an error finding, and the verdicts their sources state for the same
// controls hold (terraform-compliance's open port 22 rule and public database, checkov's open
// security groups and the TerraGoat stack's public bucket, database and access key).
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileContract, evaluateChangeSet, parseContract } from '../engine';
import type { CompiledContract } from '../engine';
import { livePackVersion } from '../engine/contract/pack-version';
import { packsRoot } from '../io/packs-root';
import type { Evaluation } from '../model/finding';
import { AT, corpusChangeSet } from '../testing/baseline-run';
import { corpusPath } from '../testing/corpus';

function cloudHardening(): CompiledContract {
  const text = JSON.stringify({
    apiVersion: 'countersign.dev/v2',
    kind: 'Contract',
    metadata: { name: 'cloud-hardening ground truth' },
    spec: { extends: [{ pack: 'cloud-hardening', version: livePackVersion('cloud-hardening', packsRoot()) }] },
  });
  return compileContract(parseContract('(ground-truth contract)', text));
}

const contract = cloudHardening();

async function evaluate(file: string): Promise<Evaluation> {
  return evaluateChangeSet(await corpusChangeSet('terraform', file), contract, { at: AT });
}

/** `policy resource` for every finding of one status. */
function verdicts(e: Evaluation, status: string, policy?: string): string[] {
  return e.findings.filter((f) => f.status === status && (!policy || f.policy === policy)).map((f) => `${f.policy} ${f.resource.address}`).sort();
}

describe('cloud-hardening on the corpus Terraform plans', () => {
  for (const file of readdirSync(corpusPath('terraform')).filter((f) => f.endsWith('.json')).sort()) {
    test(`${file}: evaluates without an error finding`, async () => {
      assert.deepEqual(verdicts(await evaluate(file), 'error'), []);
    });
  }

  test('terraform-compliance #400: the 0.0.0.0/0 rule to port 22 fails, and so does every rule whose range reaches 22 or 3389', async () => {
    // Upstream .expected names aws_security_group_rule.example_rule_22. The groups' ranges are
    // written reversed (443 to 22, 443 to 3389), which AWS refuses: counted as the ports between.
    const e = await evaluate('tfcompliance-open-ingress-db-redshift-sg.tfplan.json');
    assert.deepEqual(verdicts(e, 'fail', 'aws-sg-no-admin-ports-from-internet'), [
      'aws-sg-no-admin-ports-from-internet aws_security_group.example_group_22',
      'aws-sg-no-admin-ports-from-internet aws_security_group.example_group_3389',
      'aws-sg-no-admin-ports-from-internet aws_security_group_rule.example_rule',
      'aws-sg-no-admin-ports-from-internet aws_security_group_rule.example_rule_22',
      'aws-sg-no-admin-ports-from-internet aws_security_group_rule.example_rule_3389',
    ]);
  });

  test('checkov for_each module: the three groups open on all ports from 0.0.0.0/0 fail', async () => {
    const e = await evaluate('checkov-for-each-module-sg-open-ingress.tfplan.json');
    assert.deepEqual(verdicts(e, 'fail', 'aws-sg-no-admin-ports-from-internet'), [
      'aws-sg-no-admin-ports-from-internet module.sg["awful_example"].aws_security_group.bad',
      'aws-sg-no-admin-ports-from-internet module.sg["bad_example"].aws_security_group.bad',
      'aws-sg-no-admin-ports-from-internet module.sg["terrible_example"].aws_security_group.bad',
    ]);
  });

  test('terraform-compliance #401: the publicly accessible, unencrypted instance fails both controls', async () => {
    const e = await evaluate('tfcompliance-rds-publicly-accessible-create.tfplan.json');
    const failed = verdicts(e, 'fail');
    assert.ok(failed.includes('aws-rds-not-public aws_db_instance.default'), failed.join('\n'));
    assert.ok(failed.includes('aws-storage-encrypted aws_db_instance.default'), failed.join('\n'));
    // backup_retention_period is computed in this plan: undecided, never a pass.
    assert.deepEqual(verdicts(e, 'unknown', 'aws-rds-backups-retained'), ['aws-rds-backups-retained aws_db_instance.default']);
  });

  test('TerraGoat: the public-read bucket, the public database, the access key and the IMDSv1 instances are caught', async () => {
    const e = await evaluate('checkov-terragoat-aws-55-resources-rds-public-sg-open.tfplan.json');
    const failed = verdicts(e, 'fail');
    for (const want of [
      'aws-s3-no-public-access aws_s3_bucket.data',
      'aws-rds-not-public aws_db_instance.default',
      'aws-iam-no-access-keys aws_iam_access_key.user',
      'aws-kms-key-rotation aws_kms_key.logs_key',
      'aws-storage-encrypted aws_db_instance.default',
    ]) assert.ok(failed.includes(want), `${want} fails`);
    // Private buckets pass; the instances' metadata options are computed (not configured).
    assert.equal(failed.some((f) => f === 'aws-s3-no-public-access aws_s3_bucket.financials'), false);
    assert.deepEqual(verdicts(e, 'unknown', 'aws-ec2-imdsv2'), ['aws-ec2-imdsv2 aws_instance.db_app', 'aws-ec2-imdsv2 aws_instance.web_host']);
  });

  test('checkov IAM wildcards: the user policy with "iam:*" on "*" fails aws-iam-user-no-admin', async () => {
    const e = await evaluate('checkov-iam-policies-wildcard-actions.tfplan.json');
    assert.deepEqual(verdicts(e, 'fail', 'aws-iam-user-no-admin'), ['aws-iam-user-no-admin aws_iam_user_policy.fail_3']);
  });
});
