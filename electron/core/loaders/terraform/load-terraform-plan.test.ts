import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeText } from '../../io/decode-text';
import type { ResourceChange } from '../../model/resource-change';
import { corpusPath } from '../../testing/corpus';
import { isTerraformPlan, loadTerraformPlan, parsePlanJson } from './index';

function load(name: string, component?: string): { text: string; resources: ResourceChange[] } {
  const text = decodeText(readFileSync(corpusPath('terraform', name)), name);
  return { text, resources: loadTerraformPlan(name, text, component === undefined ? {} : { component }) };
}

function byAddress(resources: readonly ResourceChange[], address: string, drift = false): ResourceChange {
  const found = resources.find((r) => r.address === address && r.drift === drift);
  assert.ok(found, `no ${drift ? 'drift ' : ''}resource ${address}`);
  return found;
}

function tally(resources: readonly ResourceChange[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of resources) out[`${r.drift ? 'drift ' : ''}${r.action}`] = (out[`${r.drift ? 'drift ' : ''}${r.action}`] ?? 0) + 1;
  return out;
}

/** The text at a resource's location: it must be that entry's "address" (or "type") key. */
function textAt(text: string, r: ResourceChange): string {
  const line = text.split('\n')[r.location.line - 1] ?? '';
  return line.slice(r.location.column - 1);
}

// Counts and actions as SOURCES.md states them for each corpus plan.
const EXPECTED: Record<string, Record<string, number>> = {
  'checkov-for-each-module-sg-open-ingress.tfplan.json': { create: 5 },
  'checkov-github-oidc-iam-roles-data-read.tfplan.json': { read: 4, create: 5 },
  'checkov-iam-policies-wildcard-actions.tfplan.json': { create: 7 },
  'checkov-s3-bucket-utf16-encoded.tfplan.json': { create: 1 },
  'checkov-s3-nested-child-modules.tfplan.json': { create: 9 },
  'checkov-secretsmanager-create-before-destroy-replace.tfplan.json': { replace: 1 },
  'checkov-sg-rule-port-update.tfplan.json': { update: 2 },
  'checkov-terragoat-aws-55-resources-rds-public-sg-open.tfplan.json': { create: 55 },
  'infracost-ec2-resize-with-drift.tfplan.json': { update: 1, 'drift update': 1 },
  'infracost-rds-ec2-nested-modules-tf014.tfplan.json': { 'no-op': 13, create: 12, update: 1 },
  'opentofu-delete-no-resource-config.plan.json': { update: 1, delete: 1 },
  'opentofu-requires-replace-delete-create.plan.json': { replace: 1 },
  'opentofu-resource-drift.plan.json': { update: 2, 'drift update': 1 },
  'strata-rds-replace-handauthored.tfplan.json': { replace: 1, create: 1, update: 2 },
  'tfcompliance-alb-asg-iam-modules-update.tfplan.json': { 'no-op': 18, update: 4, create: 2 },
  'tfcompliance-lambda-deletes-with-drift-tf100.tfplan.json': { delete: 2, 'no-op': 7, update: 1, create: 5, 'drift update': 9, 'drift delete': 6 },
  'tfcompliance-open-ingress-db-redshift-sg.tfplan.json': { create: 9 },
  'tfcompliance-rds-publicly-accessible-create.tfplan.json': { create: 1 },
  'tfcompliance-s3-bucket-policy-principal-star.tfplan.json': { create: 4 },
  'tfjson-replace-action-reason-tf115.plan.json': { replace: 1 },
  'tfsummarize-github-for-each-drift-minified.tfplan.json': { create: 7, 'no-op': 1, 'drift delete': 3 },
};

describe('terraform corpus', () => {
  test('every corpus plan is detected and loads with the actions SOURCES.md states', () => {
    const files = readdirSync(corpusPath('terraform')).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, Object.keys(EXPECTED).sort(), 'every corpus plan has an expectation');
    for (const name of files) {
      const { text, resources } = load(name);
      assert.ok(isTerraformPlan(parsePlanJson(name, text)), `${name} detected as a plan`);
      assert.deepEqual(tally(resources), EXPECTED[name], name);
      for (const r of resources) {
        assert.equal(r.source, 'terraform');
        assert.equal(r.location.file, name);
        assert.match(textAt(text, r), /^"(address|type)"/, `${name} ${r.address} location`);
      }
    }
  });

  test('every location points at that entry\'s own "address" key', () => {
    for (const name of ['infracost-rds-ec2-nested-modules-tf014.tfplan.json', 'opentofu-resource-drift.plan.json', 'checkov-github-oidc-iam-roles-data-read.tfplan.json']) {
      const { text, resources } = load(name);
      for (const r of resources) {
        assert.ok(textAt(text, r).startsWith(`"address": ${JSON.stringify(r.address)}`), `${name}:${r.location.line} is ${r.address}`);
      }
    }
    // Same address in resource_drift and resource_changes: two different lines.
    const { resources } = load('opentofu-resource-drift.plan.json');
    const drifted = byAddress(resources, 'test_instance.should_refresh', true);
    const planned = byAddress(resources, 'test_instance.should_refresh');
    assert.ok(drifted.location.line < planned.location.line);
  });

  test('for_each module instances keep their addresses, module and provider', () => {
    const { resources } = load('checkov-for-each-module-sg-open-ingress.tfplan.json');
    const sg = byAddress(resources, 'module.sg["bad_example"].aws_security_group.bad');
    assert.equal(sg.module, 'module.sg["bad_example"]');
    assert.equal(sg.type, 'aws_security_group');
    assert.equal(sg.name, 'bad');
    assert.equal(sg.mode, 'managed');
    assert.equal(sg.apiVersion, 'registry.terraform.io/hashicorp/aws');
    const ingress = (sg.after as { ingress: { cidr_blocks: string[] }[] }).ingress;
    assert.deepEqual(ingress[0]?.cidr_blocks, ['0.0.0.0/0']);
    assert.ok(byAddress(resources, 'aws_route53_zone.example["example.com"]'));
    assert.deepEqual(resources.filter((r) => r.type === 'aws_security_group').map((r) => r.module).sort(),
      ['module.sg["awful_example"]', 'module.sg["bad_example"]', 'module.sg["terrible_example"]']);
  });

  test('unknown-until-apply attributes become dotted paths', () => {
    const { resources } = load('checkov-for-each-module-sg-open-ingress.tfplan.json');
    const sg = byAddress(resources, 'module.sg["bad_example"].aws_security_group.bad');
    for (const path of ['arn', 'id', 'egress', 'owner_id']) assert.ok(sg.unknownPaths.includes(path), path);
    // Known values (marked false in after_unknown) are not listed.
    assert.ok(!sg.unknownPaths.some((p) => p.startsWith('ingress')));
    const { resources: tofu } = load('opentofu-requires-replace-delete-create.plan.json');
    assert.deepEqual(tofu[0]?.unknownPaths, ['id']);
  });

  test('["delete","create"] and ["create","delete"] are replacements with the raw actions kept', () => {
    const tofu = load('opentofu-requires-replace-delete-create.plan.json').resources[0];
    assert.equal(tofu?.action, 'replace');
    assert.deepEqual(tofu?.actions, ['delete', 'create']);
    assert.equal(tofu?.actionReason, 'replace_because_cannot_update');

    const tainted = load('tfjson-replace-action-reason-tf115.plan.json').resources[0];
    assert.equal(tainted?.address, 'null_resource.example');
    assert.equal(tainted?.action, 'replace');
    assert.equal(tainted?.actionReason, 'replace_because_tainted');

    const db = byAddress(load('strata-rds-replace-handauthored.tfplan.json').resources, 'aws_db_instance.main');
    assert.equal(db.action, 'replace');
    assert.deepEqual(db.actions, ['delete', 'create']);

    const cbd = load('checkov-secretsmanager-create-before-destroy-replace.tfplan.json').resources[0];
    assert.equal(cbd?.address, 'aws_secretsmanager_secret.default');
    assert.equal(cbd?.action, 'replace');
    assert.deepEqual(cbd?.actions, ['create', 'delete']);
  });

  test('a pure delete is kept, with its before value and reason', () => {
    const gone = byAddress(load('opentofu-delete-no-resource-config.plan.json').resources, 'test_instance.test-delete');
    assert.equal(gone.action, 'delete');
    assert.equal(gone.actionReason, 'delete_because_no_resource_config');
    assert.deepEqual(gone.before, { ami: 'foo', id: 'placeholder' });
    assert.equal(gone.after, null);
  });

  test('resource_drift entries become drift resources, with or without an address', () => {
    const tofu = byAddress(load('opentofu-resource-drift.plan.json').resources, 'test_instance.should_refresh', true);
    assert.deepEqual([tofu.before, tofu.after], [{ ami: 'refresh-me', id: 'placeholder' }, { ami: 'refreshed', id: 'placeholder' }]);

    // Terraform 1.0 (format 0.1) wrote drift entries without "address": it is rebuilt.
    const { text, resources } = load('tfcompliance-lambda-deletes-with-drift-tf100.tfplan.json');
    const drift = resources.filter((r) => r.drift);
    assert.equal(drift.length, 15);
    const lambda = byAddress(resources, 'aws_lambda_function.lambda', true);
    assert.equal(lambda.action, 'delete');
    assert.equal(lambda.type, 'aws_lambda_function');
    // The entry has no "address" key, so its location is its "type" key, on its own line.
    assert.ok(textAt(text, lambda).startsWith('"type":"aws_lambda_function"'));
    assert.ok(new Set(drift.map((r) => r.location.column)).size === 15, 'each drift entry has its own position');
  });

  test('a minified single-line plan gives line 1 and distinct columns', () => {
    const { text, resources } = load('tfsummarize-github-for-each-drift-minified.tfplan.json');
    assert.ok(!text.trimEnd().includes('\n'));
    const drift = resources.filter((r) => r.drift);
    assert.deepEqual(drift.map((r) => r.action), ['delete', 'delete', 'delete']);
    assert.ok(resources.every((r) => r.location.line === 1));
    for (const r of resources) assert.ok(textAt(text, r).startsWith(`"address":${JSON.stringify(r.address)}`), r.address);
    // The same address in drift and in changes points at two different entries.
    const a = byAddress(resources, 'module.github["terraform-plan-summary"].github_branch.demo', true);
    const b = byAddress(resources, 'module.github["terraform-plan-summary"].github_branch.demo');
    assert.notEqual(a.location.column, b.location.column);
    assert.equal(b.action, 'no-op');
    assert.equal(b.actionReason, 'delete_because_no_resource_config');
  });

  test('a UTF-16LE plan with BOM and CRLF loads after decodeText', () => {
    const bytes = readFileSync(corpusPath('terraform', 'checkov-s3-bucket-utf16-encoded.tfplan.json'));
    assert.deepEqual([bytes[0], bytes[1]], [0xff, 0xfe]);
    const { text, resources } = load('checkov-s3-bucket-utf16-encoded.tfplan.json');
    assert.equal(resources.length, 1);
    const bucket = resources[0];
    assert.equal(bucket?.address, 'aws_s3_bucket.data');
    assert.equal((bucket?.after as { bucket: string }).bucket, 'mike-abcd123data');
    assert.ok(bucket && textAt(text, bucket).startsWith('"address": "aws_s3_bucket.data"'));
  });

  test('data source reads are kept as read, mode data, with their reason', () => {
    const reads = load('checkov-github-oidc-iam-roles-data-read.tfplan.json').resources.filter((r) => r.action === 'read');
    assert.equal(reads.length, 4);
    for (const r of reads) {
      assert.equal(r.mode, 'data');
      assert.equal(r.module, 'module.poc');
      assert.match(r.address, /^module\.poc\.data\.aws_iam_policy_document\.r[34]\["p[12]"\]$/);
      assert.match(r.actionReason, /^read_because_(dependency_pending|config_unknown)$/);
      assert.ok(r.unknownPaths.includes('json'));
    }
  });

  test('nested modules and no-ops (Terraform 0.14, format 0.1)', () => {
    const { resources } = load('infracost-rds-ec2-nested-modules-tf014.tfplan.json');
    const db = byAddress(resources, 'module.db.module.db_1.module.db_instance.aws_db_instance.this[0]');
    assert.equal(db.action, 'update');
    assert.equal(db.module, 'module.db.module.db_1.module.db_instance');
    assert.equal(db.name, 'this');
    assert.equal(byAddress(resources, 'aws_instance.instance_named["test.1"]').action, 'no-op');
    assert.equal(byAddress(resources, 'module.db.module.db_2.module.db_instance.aws_db_instance.this[0]').action, 'create');
    assert.equal(byAddress(resources, 'aws_instance.instance_1').module, '');
  });

  test('sensitive values in a real plan are masked and listed', () => {
    const { resources } = load('strata-rds-replace-handauthored.tfplan.json');
    const db = byAddress(resources, 'aws_db_instance.main');
    assert.deepEqual(db.sensitivePaths, ['password']);
    assert.equal((db.before as { password: string }).password, '(sensitive value)');
    assert.equal((db.after as { password: string }).password, '(sensitive value)');
    assert.ok(!JSON.stringify(resources).includes('sensitive-value'), 'the plan\'s password value never appears');
  });

  test('the component option is stamped on every resource; output holds exactly the model fields', () => {
    const { resources } = load('opentofu-resource-drift.plan.json', 'network');
    assert.ok(resources.every((r) => r.component === 'network'));
    assert.equal(load('opentofu-resource-drift.plan.json').resources[0]?.component, '');
    assert.deepEqual(Object.keys(resources[0] ?? {}).sort(), [
      'action', 'actionReason', 'actions', 'address', 'after', 'apiVersion', 'before', 'clusterScoped', 'component', 'drift',
      'location', 'mode', 'module', 'name', 'namespace', 'planTypes', 'referencedBy', 'referencesUnresolved', 'sensitivePaths', 'source', 'type', 'unknownPaths',
    ]);
  });
});
