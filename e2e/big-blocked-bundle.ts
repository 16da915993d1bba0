/**
 * A big blocked change set for layout tests: the demo's blocked 2.14.0 bundle with its
 * Terraform plan repeated under many long module instance keys (hundreds of deny findings,
 * addresses of 100+ characters without a space), and vendor metadata long enough to wrap.
 * Returned as the file list the folder picker hands to `importFiles`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness';

const DEMO = join(ROOT, 'electron', 'demo', 'bundles', 'acme-2.14.0-blocked');
const FOLDER = 'acme-analytics-2.15.0-big-blocked';
export const BIG_BLOCKED_RELEASE = '2.15.0-rc.1+build.20261130.eu-central-1';

interface PlanChange { readonly address: string; readonly module_address?: string; readonly [key: string]: unknown }

/** `tenants` copies of every resource change of the demo plan, under `module.tenant["<long key>"]`. */
export function bigBlockedPlan(tenants: number): string {
  const plan = JSON.parse(readFileSync(join(DEMO, 'infra', 'plan.json'), 'utf8')) as { resource_changes: PlanChange[]; planned_values?: unknown };
  const changes: PlanChange[] = [];
  for (let t = 0; t < tenants; t++) {
    const key = `module.tenant["analytics-eu-central-1-sovereign-tenant-${String(t).padStart(4, '0')}-with-a-long-identifier"]`;
    for (const rc of plan.resource_changes) {
      changes.push({ ...rc, address: `${key}.${rc.address}`, module_address: rc.module_address ? `${key}.${rc.module_address}` : key });
    }
  }
  const { planned_values: _dropped, ...rest } = plan;
  return JSON.stringify({ ...rest, resource_changes: changes }, null, 1);
}

const CHANGESET = `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: Acme Analytics Platform Engineering (EU sovereign cloud)
  app: acme-analytics
  install: prod-eu-central-1-sovereign
  release: ${BIG_BLOCKED_RELEASE}
  previousRelease: 2.14.0
  createdAt: "2026-11-28T09:15:00Z"
  plannedApplyAt: "2026-12-05T14:00:00Z"
  description: >
    Postgres 14 → 15 major upgrade for every tenant (new instances), public HTTPS ingress for the
    analytics API, exports buckets and a new export worker: https://acme.example.com/releases/2.15.0-rc.1/notes-for-the-security-review-of-the-sovereign-cloud
artifacts:
  - {kind: terraform-plan, path: infra/plan.json, component: infra}
  - {kind: kubernetes, path: k8s/release.yaml, previous: k8s/previous.yaml, component: acme-analytics}
`;

export function bigBlockedBundleFiles(tenants = 120): { path: string; dataBase64: string }[] {
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
  return [
    { path: `${FOLDER}/changeset.yaml`, dataBase64: b64(CHANGESET) },
    { path: `${FOLDER}/infra/plan.json`, dataBase64: b64(bigBlockedPlan(tenants)) },
    { path: `${FOLDER}/k8s/release.yaml`, dataBase64: b64(readFileSync(join(DEMO, 'k8s', 'release.yaml'))) },
    { path: `${FOLDER}/k8s/previous.yaml`, dataBase64: b64(readFileSync(join(DEMO, 'k8s', 'previous.yaml'))) },
  ];
}
