// A small workspace for the impact replay's tests: the demo contract, a Kubernetes release
// with one image outside ghcr.io/acme/, and a Terraform plan with stateful deletes whose
// current evaluation was made at a fixed time inside the default maintenance window.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileContract, evaluateChangeSet } from '../engine';
import type { Workspace } from '../store';
import { contractFor, importChangeSet, importContract } from '../app';
import { rebuildStored } from '../app/change-set-service';
import { repoRoot } from './corpus';
import { tempWorkspace } from './store-fixtures';
import type { TempWorkspace } from './store-fixtures';

export const DEMO_CONTRACT = 'acme-prod-eu';
export const demoContractText = (): string => readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8');

/** A Tuesday, 03:00 UTC: inside the baseline's default maintenance window. */
export const STORED_AT = '2026-01-06T03:00:00.000Z';

/** The demo contract with `spec.overrides` / `spec.parameters` / own policies added (JSON is YAML). */
export function draftOf(edits: { overrides?: object; parameters?: object; policies?: readonly object[] } = {}): string {
  const lines = [
    ...(edits.overrides ? [`  overrides: ${JSON.stringify(edits.overrides)}`] : []),
    ...(edits.parameters ? [`  parameters: ${JSON.stringify(edits.parameters)}`] : []),
    ...(edits.policies ? [`  policies: ${JSON.stringify(edits.policies)}`] : []),
  ];
  return demoContractText().replace('  approvals:', `${lines.map((l) => `${l}\n`).join('')}  approvals:`);
}

const deployment = (name: string, image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;

function writeBundle(dir: string, files: Readonly<Record<string, string>>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface ImpactWorkspace extends TempWorkspace {
  readonly release: string;
  readonly plan: string;
}

/** The workspace; `releases` extra copies of the release (other release numbers) for larger jobs. */
export async function impactWorkspace(releases = 0): Promise<ImpactWorkspace> {
  const t = tempWorkspace();
  const ws: Workspace = t.ws;
  importContract(ws, join(repoRoot, 'electron/demo/contract.yaml'), 'test');
  const releaseFiles = (n: number) => ({
    'changeset.yaml': `apiVersion: countersign.dev/v1\nkind: ChangeSet\nmetadata: {vendor: "Acme Analytics", app: "shop\\u001b[31m", release: "1.${n}.0", plannedApplyAt: "${STORED_AT}"}\nartifacts:\n  - {kind: kubernetes, path: k8s/release.yaml}\n`,
    'k8s/release.yaml': `${deployment('web', 'docker.io/library/nginx:1.27')}---\n${deployment('api', 'ghcr.io/acme/api:1.0')}`,
  });
  const release = (await importChangeSet(ws, [writeBundle(join(t.dir, 'release'), releaseFiles(0))])).digest;
  for (let n = 1; n <= releases; n++) await importChangeSet(ws, [writeBundle(join(t.dir, `release-${n}`), releaseFiles(n))]);
  const planText = readFileSync(join(repoRoot, 'policies/baseline/maintenance-window/tests/stateful-deletes.tfplan.json'), 'utf8');
  const plan = (await importChangeSet(ws, [writeBundle(join(t.dir, 'plan'), {
    'changeset.yaml': 'apiVersion: countersign.dev/v1\nkind: ChangeSet\nmetadata: {vendor: Acme Analytics, app: data, release: "2.0.0"}\nartifacts:\n  - {kind: terraform-plan, path: plan.json}\n',
    'plan.json': planText,
  })])).digest;
  // Its current evaluation: made at a fixed time (no plannedApplyAt: the import used "now").
  const active = contractFor(ws, ws.changeSets.getChangeSet(plan)!.metadata);
  ws.evaluations.recordEvaluation({ changeSetDigest: plan, contractDigest: active.revision.digest, evaluation: evaluateChangeSet(rebuildStored(ws, plan), compileContract(active.contract), { at: new Date(STORED_AT) }) });
  return { ...t, release, plan };
}

/** Row counts of every table: what "stores nothing" is checked against. */
export function tableCounts(ws: Workspace): Record<string, number> {
  const tables = ws.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return Object.fromEntries(tables.map(({ name }) => [name, (ws.db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n]));
}
