// Small builders for tests and the measure script: a ResourceChange / ChangeSet / Policy with
// sensible defaults, so each test states only what it is about.
import type { ChangeSet } from '../model/changeset';
import { EMPTY_METADATA } from '../model/changeset';
import type { Policy } from '../model/policy';
import type { ResourceChange } from '../model/resource-change';

export function resourceChange(over: Partial<ResourceChange> & Pick<ResourceChange, 'address'>): ResourceChange {
  return {
    source: 'terraform', type: 'aws_instance', name: over.address.split('.').pop() ?? '', namespace: '', clusterScoped: false,
    apiVersion: '', action: 'create', actions: [over.action ?? 'create'], mode: 'managed', before: null, after: {},
    unknownPaths: [], sensitivePaths: [], drift: false, location: { file: 'plan.json', line: 1, column: 1 },
    component: '', module: '', actionReason: '',
    ...over,
  };
}

export function kubernetesObject(kind: string, name: string, namespace: string, body: Record<string, unknown>, over: Partial<ResourceChange> = {}): ResourceChange {
  const after = { apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...body };
  return resourceChange({
    source: 'kubernetes', address: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`, type: kind, name, namespace,
    apiVersion: 'v1', after, location: { file: 'manifests.yaml', line: 1, column: 1 }, ...over,
  });
}

export function changeSet(resources: readonly ResourceChange[], metadata: Partial<ChangeSet['metadata']> = {}): ChangeSet {
  return { digest: 'sha256:test', metadata: { ...EMPTY_METADATA, ...metadata }, artifacts: [], files: [], resources, origin: 'test' };
}

export function policy(over: Partial<Policy> & Pick<Policy, 'id' | 'condition'>): Policy {
  return {
    title: over.id, description: '', severity: 'high', enforcement: 'deny', enabled: true, match: {}, message: '',
    parameters: {}, remediation: '', tags: [], pack: '', tests: [], definedAt: { file: 'policy.yaml', line: 1, column: 1 },
    ...over,
  };
}
