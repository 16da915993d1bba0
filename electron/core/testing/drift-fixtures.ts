// Drift test inputs in Terraform's own JSON shapes (`terraform show -json` of a plan, of a
// refresh-only plan and of state; docs: developer.hashicorp.com/terraform/internals/json-format).
// An approved plan with a private security group, a database with a sensitive password and a
// bucket; a state where someone opened the security group from the console.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets planted by a test (PlantedSecrets.plant), or fixed strings. */
export interface DriftSecrets {
  readonly approvedPassword: string;
  readonly livePassword: string;
  readonly liveToken: string;
}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';

export const PRIVATE_INGRESS = { cidr_blocks: ['10.0.0.0/8'], ipv6_cidr_blocks: [], from_port: 443, to_port: 443, protocol: 'tcp', description: 'vpc' };
const OPEN_INGRESS = { cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], from_port: 22, to_port: 22, protocol: 'tcp', description: 'outage debugging' };

function change(address: string, type: string, actions: readonly string[], after: unknown, extra: Record<string, unknown> = {}): unknown {
  const name = address.split('.').pop();
  return { address, mode: 'managed', type, name, provider_name: PROVIDER, change: { actions, before: null, after, after_unknown: {}, before_sensitive: false, after_sensitive: {}, ...extra } };
}

/** The approved plan: what the vendor planned and the customer approved. */
export function approvedPlanJson(s: DriftSecrets): string {
  return `${JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_changes: [
      change('aws_security_group.web', 'aws_security_group', ['create'], { name: 'web', ingress: [PRIVATE_INGRESS], tags: { Owner: 'vendor' } }, { after_unknown: { id: true, arn: true } }),
      change('aws_db_instance.db', 'aws_db_instance', ['create'], { identifier: 'db', engine: 'postgres', password: s.approvedPassword, publicly_accessible: false }, {
        after_unknown: { id: true, endpoint: true }, after_sensitive: { password: true },
      }),
      change('aws_s3_bucket.logs', 'aws_s3_bucket', ['create'], { bucket: 'logs', tags: { Owner: 'vendor' } }, { after_unknown: { id: true } }),
      { address: 'data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', name: 'me', provider_name: PROVIDER, change: { actions: ['read'], before: null, after: {}, after_unknown: { id: true } } },
    ],
  }, null, 2)}\n`;
}

function stateResource(address: string, type: string, values: unknown, extra: Record<string, unknown> = {}): unknown {
  return { address, mode: 'managed', type, name: address.split('.').pop(), provider_name: PROVIDER, schema_version: 0, values, sensitive_values: {}, ...extra };
}

export interface StateOptions {
  /** The security group as it is live (default: opened to 0.0.0.0/0 from the console). */
  readonly ingress?: readonly unknown[];
  /** Leave the bucket in place (default: deleted outside the pipeline). */
  readonly keepBucket?: boolean;
  /** Add an instance nobody approved (default: yes). */
  readonly addedInstance?: boolean;
}

/** `terraform show -json` of the state after the console edit. */
export function liveStateJson(s: DriftSecrets, o: StateOptions = {}): string {
  const resources = [
    stateResource('aws_security_group.web', 'aws_security_group', {
      // id and arn were unknown in the approved plan: whatever they are now is no drift.
      id: 'sg-0a1b2c', arn: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a1b2c', name: 'web',
      ingress: o.ingress ?? [PRIVATE_INGRESS, OPEN_INGRESS], tags: { Owner: 'vendor' },
    }),
    stateResource('aws_db_instance.db', 'aws_db_instance', {
      id: 'db-1', endpoint: 'db.example.internal:5432', identifier: 'db', engine: 'postgres', password: s.livePassword, publicly_accessible: false,
    }, { sensitive_values: { password: true } }),
    ...(o.keepBucket ? [stateResource('aws_s3_bucket.logs', 'aws_s3_bucket', { id: 'logs', bucket: 'logs', tags: { Owner: 'vendor' } })] : []),
    ...(o.addedInstance === false ? [] : [stateResource('aws_instance.debug', 'aws_instance', { id: 'i-1', instance_type: 't3.micro', user_data: s.liveToken }, { sensitive_values: { user_data: true } })]),
    { address: 'data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', name: 'me', provider_name: PROVIDER, values: { id: '123456789012' }, sensitive_values: {} },
  ];
  return `${JSON.stringify({ format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { resources } } }, null, 2)}\n`;
}

/** `terraform show -json` of a refresh-only plan: the console edit seen by `terraform plan -refresh-only`. */
export function refreshPlanJson(s: DriftSecrets): string {
  const sg = { id: 'sg-0a1b2c', name: 'web', tags: { Owner: 'vendor' } };
  return `${JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_drift: [
      {
        address: 'aws_security_group.web', mode: 'managed', type: 'aws_security_group', name: 'web', provider_name: PROVIDER,
        change: { actions: ['update'], before: { ...sg, ingress: [PRIVATE_INGRESS] }, after: { ...sg, ingress: [PRIVATE_INGRESS, OPEN_INGRESS] }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
      },
      {
        address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_name: PROVIDER,
        change: {
          actions: ['update'], before: { identifier: 'db', password: s.approvedPassword }, after: { identifier: 'db', password: s.livePassword },
          after_unknown: {}, before_sensitive: { password: true }, after_sensitive: { password: true },
        },
      },
      {
        address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', provider_name: PROVIDER,
        change: { actions: ['delete'], before: { bucket: 'logs' }, after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false },
      },
    ],
    resource_changes: [],
  }, null, 2)}\n`;
}

/** A bundle folder (changeset.yaml + the approved plan) for the install. */
export function writeApprovedBundle(dir: string, s: DriftSecrets, install = 'prod-eu', o: { readonly vendor?: string; readonly release?: string } = {}): string {
  mkdirSync(join(dir, 'infra'), { recursive: true });
  writeFileSync(join(dir, 'changeset.yaml'), `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: ${o.vendor ?? 'Acme Analytics'}
  app: acme-analytics
  install: ${install}
  release: ${o.release ?? '2.14.0'}
artifacts:
  - {kind: terraform-plan, path: infra/plan.json, component: infra}
`);
  writeFileSync(join(dir, 'infra', 'plan.json'), approvedPlanJson(s));
  return dir;
}
