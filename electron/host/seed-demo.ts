import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importChangeSet, importContract } from '../core/app';
import { importDriftSnapshot } from '../core/app/drift';
import type { Workspace } from '../core/store';

/**
 * The demo workspace: the demo contract (baseline, exception quorum 2) and every bundle under
 * demo/bundles, imported and evaluated like a user's imports (blocked, needs-approval, pass),
 * and the drift snapshots under demo/drift.
 */
export async function seedDemoWorkspace(ws: Workspace, demoDir: string): Promise<readonly string[]> {
  importContract(ws, join(demoDir, 'contract.yaml'), 'demo');
  const bundles = readdirSync(join(demoDir, 'bundles'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const digests: string[] = [];
  for (const name of bundles) digests.push((await importChangeSet(ws, [join(demoDir, 'bundles', name)])).digest);
  seedDemoDrift(ws, demoDir);
  return digests;
}

/**
 * Issue 12 (D3): the demo's drift, `demo/drift/<install>/<snapshot>` as the watched inbox's
 * drift/ folder takes it: a refresh-only plan in which someone opened the API's security group
 * to 0.0.0.0/0 from the console during an outage and a peering route was deleted.
 */
function seedDemoDrift(ws: Workspace, demoDir: string): void {
  const root = join(demoDir, 'drift');
  if (!existsSync(root)) return;
  for (const install of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const files = readdirSync(join(root, install)).sort().map((name) => ({ name: `demo/drift/${install}/${name}`, bytes: readFileSync(join(root, install, name)) }));
    if (files.length > 0) importDriftSnapshot(ws, { install, files });
  }
}
