// Hand-made model objects for the report tests (not a test file itself).
import type { ChangeSet } from '../model/changeset';
import type { Evaluation, Finding } from '../model/finding';
import type { Enforcement, Policy, Severity } from '../model/policy';
import type { ResourceChange } from '../model/resource-change';
import type { ReportInput } from '../reports/report-input';

/** A value that sits in a resource's before/after: no report may ever print it. */
export const SECRET = 'hunter2-do-not-print';

export function policy(id: string, enforcement: Enforcement, severity: Severity, extra: Partial<Policy> = {}): Policy {
  return {
    id, title: `Title of ${id}`, description: `Why ${id} matters.`, severity, enforcement, enabled: true,
    match: {}, condition: 'true', message: 'msg', parameters: {}, remediation: `Fix ${id}.`, tags: ['security'],
    pack: 'baseline', tests: [], definedAt: { file: `policies/baseline/${id}/policy.yaml`, line: 1, column: 1 },
    ...extra,
  };
}

export function finding(p: Policy, address: string, extra: Partial<Finding> = {}): Finding {
  return {
    policy: p.id, title: p.title,
    resource: { address, source: 'terraform', type: address.split('.')[0] ?? '', action: 'create', drift: false },
    status: 'fail', enforcement: p.enforcement, severity: p.severity,
    message: `${address} breaks ${p.id}`, location: { file: 'plan.json', line: 12, column: 7 }, remediation: p.remediation,
    ...extra,
  };
}

const resource: ResourceChange = {
  source: 'terraform', address: 'aws_db_instance.main', type: 'aws_db_instance', name: 'main', namespace: '',
  clusterScoped: false, apiVersion: 'registry.terraform.io/hashicorp/aws', action: 'create', actions: ['create'],
  mode: 'managed', before: null, after: { password: SECRET, storage_encrypted: false }, unknownPaths: [],
  sensitivePaths: [], drift: false, location: { file: 'plan.json', line: 12, column: 7 }, component: 'infra',
  module: '', actionReason: '',
};

export const POLICIES = {
  mandatory: policy('no-root', 'mandatory', 'critical'),
  deny: policy('storage-encryption', 'deny', 'high'),
  approval: policy('network-change-approval', 'approval', 'medium'),
  advisory: policy('run-as-non-root', 'advisory', 'low'),
  disabled: policy('namespace-scope', 'deny', 'medium', { enabled: false }),
  clean: policy('images-no-latest', 'deny', 'high'),
} as const;

export function reportInput(findings: readonly Finding[], verdict: Evaluation['verdict'] = 'blocked'): ReportInput {
  const changeSet: ChangeSet = {
    digest: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
    metadata: {
      vendor: 'example-vendor', app: 'shop', install: 'acme-prod', release: '1.4.0', previousRelease: '1.3.2',
      createdAt: '2026-01-04T10:00:00Z', plannedApplyAt: '2026-01-05T03:00:00Z', description: 'Quarterly release',
    },
    artifacts: [{ kind: 'terraform-plan', path: 'plan.json', component: 'infra', sha256: 'ab'.repeat(32), bytes: 3407, resourceCount: 1 }],
    files: [{ path: 'plan.json', sha256: 'ab'.repeat(32), bytes: 3407 }],
    resources: [resource],
    origin: 'release-bundle',
  };
  const count = (key: (f: Finding) => string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const f of findings) out[key(f)] = (out[key(f)] ?? 0) + 1;
    return out;
  };
  const evaluation: Evaluation = {
    verdict,
    findings,
    summary: {
      resources: 1, byAction: { create: 1 }, findings: findings.length,
      byEnforcement: count((f) => f.enforcement), bySeverity: count((f) => f.severity),
      errors: findings.filter((f) => f.status === 'error').length, checks: 6, evaluations: 4,
    },
    at: '2026-01-05T03:00:00.000Z',
    engineVersion: 'countersign-engine/1',
  };
  return {
    changeSet,
    contract: {
      name: 'acme-production', vendor: 'example-vendor', source: 'contract.yaml',
      digest: 'sha256:2222222222222222222222222222222222222222222222222222222222222222',
      policies: Object.values(POLICIES),
    },
    evaluation,
  };
}

/** One finding per enforcement level plus an evaluation error, as a blocked evaluation. */
export function mixedInput(): ReportInput {
  const P = POLICIES;
  return reportInput([
    finding(P.advisory, 'Deployment/shop/api', { location: { file: 'k8s/release.yaml', line: 40, column: 9, origin: 'shop/templates/api.yaml' } }),
    finding(P.approval, 'aws_security_group.web'),
    finding(P.deny, 'aws_db_instance.main'),
    finding(P.deny, 'aws_ebs_volume.data', { status: 'error', message: 'no such key: encrypted' }),
    finding(P.mandatory, 'aws_iam_role.admin'),
  ]);
}
