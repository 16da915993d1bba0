import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importChangeSet, importContract } from '../core/app';
import type { Workspace } from '../core/store';

/**
 * The demo workspace: the demo contract (baseline, exception quorum 2) and every bundle under
 * demo/bundles, imported and evaluated like a user's imports (blocked, needs-approval, pass).
 */
export async function seedDemoWorkspace(ws: Workspace, demoDir: string): Promise<readonly string[]> {
  importContract(ws, join(demoDir, 'contract.yaml'), 'demo');
  const bundles = readdirSync(join(demoDir, 'bundles'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const digests: string[] = [];
  for (const name of bundles) digests.push((await importChangeSet(ws, [join(demoDir, 'bundles', name)])).digest);
  return digests;
}
