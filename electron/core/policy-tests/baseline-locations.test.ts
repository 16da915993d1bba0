// Every baseline finding points at the field to blame (its policy's `path`), in the plan or
// manifest a reviewer opens, except where a policy blames the resource as a whole and says why
// in its policy.yaml. Run over the baseline's own test inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadPack } from '../engine';
import { packsRoot } from '../io/packs-root';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import type { Finding } from '../model/finding';
import { runPolicyTests } from './run-policy-tests';

/** Policy → sources (or one type) whose findings blame the resource as a whole, as the policy file explains. */
const BLAMES_RESOURCE: Readonly<Record<string, (f: Finding) => boolean>> = {
  // A StatefulSet / PVC delete is the object itself.
  'db-no-replace': (f) => f.resource.source === 'kubernetes',
  'maintenance-window': (f) => f.resource.source === 'kubernetes',
  // Changing a network resource at all needs sign-off; only a Service is blamed on its type.
  'network-change-approval': (f) => f.resource.type !== 'Service',
};

/** Findings whose exact field is checked: policy, address → the key (or value) at the location. */
const FIELD: readonly (readonly [string, string, string])[] = [
  ['db-no-replace', 'aws_db_instance.main', '"actions"'],
  ['maintenance-window', 'aws_ebs_volume.data', '"actions"'],
  ['no-public-ingress', 'aws_db_instance.reporting', '"publicly_accessible"'],
  ['no-public-ingress', 'aws_s3_bucket_acl.assets', '"acl"'],
  ['no-public-ingress', 'aws_security_group_rule.ssh', '"cidr_blocks"'],
  ['no-public-ingress', 'aws_s3_bucket.acl_after_apply', '"policy"'],
  ['iam-no-admin', 'aws_iam_role.inline_admin', '"inline_policy"'],
  ['iam-no-admin', 'aws_iam_role_policy_attachment.admin', '"policy_arn"'],
  ['iam-no-admin', 'ClusterRoleBinding/vendor-admin', 'name: cluster-admin'],
  ['elevated-access-approval', 'google_project_iam_member.owner', '"role"'],
  ['storage-encryption', 'aws_opensearch_domain.search', '"enabled"'],
  ['storage-encryption', 'aws_db_instance.unset', '"storage_encrypted"'],
  ['required-tags', 'aws_instance.bad_environment', '"Environment"'],
  ['required-tags', 'aws_s3_bucket.known_missing', '"tags"'],
  ['required-tags', 'aws_sqs_queue.jobs', '"tags_all"'],
];

interface Located {
  readonly finding: Finding;
  /** The source text from the finding's location to the end of its line. */
  readonly text: string;
  /** Whether the location is the resource's own (its entry / document), not a field. */
  readonly atResource: boolean;
}

async function locatedFindings(): Promise<Located[]> {
  const policies = loadPack('baseline', packsRoot());
  const report = await runPolicyTests(policies, { now: new Date('2026-01-05T03:00:00Z') });
  const loaded = new Map<string, Promise<ChangeSet>>();
  const out: Located[] = [];
  for (const result of report.results) {
    const folder = statSync(result.input).isDirectory() ? result.input : dirname(result.input);
    let cs = loaded.get(result.input);
    if (!cs) loaded.set(result.input, cs = loadChangeSet([result.input]));
    const changeSet = await cs;
    for (const finding of result.findings) {
      if (finding.resource.source === 'image') continue;
      const { file, line, column } = finding.location;
      const text = (readFileSync(join(folder, file), 'utf8').split('\n')[line - 1] ?? '').slice(column - 1);
      const resources = changeSet.resources.filter((r) => r.address === finding.resource.address && r.drift === finding.resource.drift);
      assert.ok(resources.length > 0, finding.resource.address);
      const atResource = resources.some((r) => r.location.file === file && r.location.line === line && r.location.column === column);
      out.push({ finding, text, atResource });
    }
  }
  return out;
}

describe('baseline findings point at the field to blame', async () => {
  const found = await locatedFindings();

  test('the baseline tests produce Terraform and Kubernetes findings to check', () => {
    assert.ok(found.filter((f) => f.finding.resource.source === 'terraform').length >= 40);
    assert.ok(found.filter((f) => f.finding.resource.source === 'kubernetes').length >= 30);
  });

  test('every finding points at a field, except where its policy blames the resource', () => {
    const wrong = found
      .filter(({ finding, atResource }) => atResource !== (BLAMES_RESOURCE[finding.policy]?.(finding) ?? false))
      .map(({ finding, text }) => `${finding.policy} ${finding.status} ${finding.resource.address}: ${text.slice(0, 40)}`);
    assert.deepEqual(wrong, []);
  });

  test('a Terraform field location is a key of the entry, never its "address"', () => {
    for (const { finding, text, atResource } of found) {
      if (finding.resource.source !== 'terraform' || atResource) continue;
      assert.match(text, /^"/, `${finding.policy} ${finding.resource.address}`);
      assert.doesNotMatch(text, /^"(address|type)"/, `${finding.policy} ${finding.resource.address}`);
    }
  });

  for (const [policy, address, key] of FIELD) {
    test(`${policy} on ${address} points at ${key}`, () => {
      const hits = found.filter((f) => f.finding.policy === policy && f.finding.resource.address === address);
      assert.ok(hits.length > 0, 'no finding');
      for (const hit of hits) assert.ok(hit.text.startsWith(key), hit.text);
    });
  }
});
