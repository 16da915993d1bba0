import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importChangeSet, importContract } from '../core/app';
import { importDriftSnapshot } from '../core/app/drift';
import type { Workspace } from '../core/store';
import { DEMO_EXCEPTION, seedDemoException } from './seed-demo-exception';

/**
 * Earlier releases of the demo install (issue 12, dashboard; owner DB), so the dashboard has a
 * trend: each is a copy of a demo bundle under another release number and date, imported and
 * evaluated like any import, then marked superseded (a newer release replaced it), so the inbox
 * shows only the current ones.
 */
const PAST_RELEASES: readonly { readonly bundle: string; readonly release: string; readonly previous: string; readonly createdAt: string }[] = [
  { bundle: 'acme-2.13.2-chart-bump', release: '2.11.0', previous: '2.10.4', createdAt: '2026-09-02T10:00:00Z' },
  { bundle: 'acme-2.13.3-peering', release: '2.12.0', previous: '2.11.0', createdAt: '2026-09-30T10:00:00Z' },
  { bundle: 'acme-2.13.2-chart-bump', release: '2.12.1', previous: '2.12.0', createdAt: '2026-10-14T10:00:00Z' },
  { bundle: 'acme-2.14.0-blocked', release: '2.13.0', previous: '2.12.1', createdAt: '2026-10-28T10:00:00Z' },
  { bundle: 'acme-2.13.2-chart-bump', release: '2.13.1', previous: '2.13.0', createdAt: '2026-11-11T10:00:00Z' },
];

/** Imports the past releases: their digests by release. */
async function seedPastReleases(ws: Workspace, demoDir: string): Promise<ReadonlyMap<string, string>> {
  const tmp = mkdtempSync(join(tmpdir(), 'countersign-demo-past-'));
  const digests = new Map<string, string>();
  try {
    for (const past of PAST_RELEASES) {
      const dir = join(tmp, `${past.bundle}-${past.release}`);
      cpSync(join(demoDir, 'bundles', past.bundle), dir, { recursive: true });
      const manifest = readFileSync(join(dir, 'changeset.yaml'), 'utf8')
        .replace(/^( {2}release: ).*$/m, `$1${past.release}`)
        .replace(/^( {2}previousRelease: ).*$/m, `$1${past.previous}`)
        .replace(/^( {2}createdAt: ).*$/m, `$1"${past.createdAt}"`)
        .replace(/^( {2}plannedApplyAt: ).*$/m, `$1"${past.createdAt}"`);
      writeFileSync(join(dir, 'changeset.yaml'), manifest);
      const { digest } = await importChangeSet(ws, [dir]);
      ws.changeSets.setChangeSetState(digest, 'superseded', { reason: 'demo: an earlier release, replaced by a newer one' });
      digests.set(past.release, digest);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return digests;
}

/**
 * The demo workspace: the demo contract (baseline, exception quorum 2), earlier releases of the
 * demo install (superseded), and every bundle under demo/bundles, imported and evaluated like a
 * user's imports (blocked, needs-approval, pass), the drift snapshots under demo/drift, and one
 * exception on the past release 2.13.0, signed by two demo co-reviewers, expiring a few days
 * after the seeding (seed-demo-exception.ts).
 */
export async function seedDemoWorkspace(ws: Workspace, demoDir: string): Promise<readonly string[]> {
  importContract(ws, join(demoDir, 'contract.yaml'), 'demo');
  const past = await seedPastReleases(ws, demoDir);
  const excepted = past.get(DEMO_EXCEPTION.release);
  if (excepted !== undefined) seedDemoException(ws, excepted);
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
