// Test fixture (used by the *.test.ts files here): a real bundle folder built in a temp dir
// from corpus files, a contract of the customer's own policies, and reviewer keys.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContract, evaluateChangeSet, parseContract } from '../engine';
import type { ResolvedContract } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import type { Evaluation } from '../model/finding';
import { corpusPath } from './corpus';
import { evaluationRef } from '../signing/evaluation-ref';
import { exportPublicKey, generateReviewerKey } from '../signing/keys';
import type { ReviewerKeyPair } from '../signing/keys';
import type { Signer } from '../signing/sign';

export const PLAN_TIME = new Date('2026-03-02T10:00:00Z');

/** An audit head as a v2 attestation records it (verify does not read it; audit verify does). */
export const TEST_AUDIT_HEAD = { seq: 7, hash: 'c'.repeat(64), genesis: 'd'.repeat(64) } as const;

/**
 * The contract under test, independent of the built-in packs. Against the bundle below:
 * rds-not-public (deny) fails aws_db_instance.default; sg-rule-not-world (deny) fails the three
 * aws_security_group_rule.example_rule*; no-privileged (mandatory unless `privileged: 'deny'`) fails Pod/nginx-privileged-disallowed;
 * new-database (approval) fails aws_db_instance.default.
 */
export function contractYaml(opts: { quorum?: number; exceptionQuorum?: number; maxExceptionDays?: number; name?: string; privileged?: 'mandatory' | 'deny' } = {}): string {
  return `apiVersion: countersign.dev/v1
kind: Contract
metadata: {name: ${opts.name ?? 'acme-production'}, vendor: acme}
spec:
  extends: []
  approvals: {quorum: ${opts.quorum ?? 2}, exceptionQuorum: ${opts.exceptionQuorum ?? 2}, maxExceptionDays: ${opts.maxExceptionDays ?? 30}}
  policies:
    - id: rds-not-public
      title: Databases are not publicly accessible
      description: A public RDS endpoint is reachable from the internet.
      severity: critical
      enforcement: deny
      match: {sources: [terraform], types: [aws_db_instance]}
      condition: '!lookup(object, "publicly_accessible", false)'
      message: "{{ resource.address }} is publicly accessible"
    - id: sg-rule-not-world
      title: Security group rules are not open to the world
      description: Ingress from 0.0.0.0/0.
      severity: high
      enforcement: deny
      match: {sources: [terraform], types: [aws_security_group_rule]}
      condition: '!asList(lookup(object, "cidr_blocks", [])).exists(c, isAnyCIDR(c))'
      message: "{{ resource.address }} is open to the world"
    - id: no-privileged
      title: No privileged containers
      description: Privileged containers own the node.
      severity: critical
      enforcement: ${opts.privileged ?? 'mandatory'}
      match: {sources: [kubernetes], types: [Pod]}
      condition: 'resource.containers.all(c, !lookup(c.spec, "securityContext.privileged", false))'
      message: "{{ resource.address }} runs a privileged container"
    - id: new-database
      title: New databases need a reviewer's sign-off
      description: Cost and data residency.
      severity: medium
      enforcement: approval
      match: {sources: [terraform], types: [aws_db_instance], actions: [create]}
      condition: 'false'
      message: "{{ resource.address }} is a new database"
`;
}

export interface Fixture {
  readonly dir: string;
  readonly bundle: string;
  readonly changeSet: ChangeSet;
  readonly contract: ResolvedContract;
  readonly evaluation: Evaluation;
  readonly alice: Reviewer;
  readonly bob: Reviewer;
  readonly carol: Reviewer;
  cleanup(): void;
}

export interface Reviewer extends ReviewerKeyPair {
  readonly signer: Signer;
  readonly pem: string;
}

export function reviewer(name: string): Reviewer {
  const k = generateReviewerKey();
  return { ...k, signer: { privateKey: k.privateKey, name }, pem: exportPublicKey(k.publicKey).pem };
}

/** Writes a bundle folder (changeset.yaml + two Terraform plans + one Kubernetes manifest) into `dir`. */
export function writeBundle(dir: string, release = '2.14.0'): string {
  const bundle = join(dir, `bundle-${release}`);
  mkdirSync(join(bundle, 'infra'), { recursive: true });
  mkdirSync(join(bundle, 'k8s'), { recursive: true });
  copyFileSync(corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json'), join(bundle, 'infra', 'db.json'));
  copyFileSync(corpusPath('terraform', 'tfcompliance-open-ingress-db-redshift-sg.tfplan.json'), join(bundle, 'infra', 'network.json'));
  copyFileSync(corpusPath('kubernetes', 'gatekeeper-privileged-container-disallowed.yaml'), join(bundle, 'k8s', 'release.yaml'));
  writeFileSync(join(bundle, 'changeset.yaml'), `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: Acme Analytics
  app: acme-analytics
  install: prod-eu
  release: "${release}"
  plannedApplyAt: "${PLAN_TIME.toISOString()}"
artifacts:
  - {kind: terraform-plan, path: infra/db.json, component: db}
  - {kind: terraform-plan, path: infra/network.json, component: network}
  - {kind: kubernetes, path: k8s/release.yaml, component: app}
`);
  return bundle;
}

export function loadContract(dir: string, yaml = contractYaml()): ResolvedContract {
  const file = join(dir, `contract-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return parseContract(file, yaml);
}

export function evaluate(changeSet: ChangeSet, contract: ResolvedContract, at = PLAN_TIME): Evaluation {
  return evaluateChangeSet(changeSet, compileContract(contract), { at });
}

export async function makeFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-verify-'));
  const bundle = writeBundle(dir);
  const changeSet = await loadChangeSet([bundle]);
  const contract = loadContract(dir);
  return {
    dir, bundle, changeSet, contract,
    evaluation: evaluate(changeSet, contract),
    alice: reviewer('Alice'), bob: reviewer('Bob'), carol: reviewer('Carol'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export { evaluationRef };
