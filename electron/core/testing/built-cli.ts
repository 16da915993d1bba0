import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './corpus';

/** The built CLI (out/cli) that CLI tests spawn, as a user runs it. */
export const builtCli = join(repoRoot, 'electron/cli/countersign.mjs');

/**
 * Builds the CLI unless the test runner already did for this run (build/run-tests.mjs builds it
 * once and sets COUNTERSIGN_CLI_BUILT=1), so a run pays for one build, not one per test file.
 */
export function ensureCliBuilt(): void {
  if (process.env.COUNTERSIGN_CLI_BUILT === '1') return;
  const build = spawnSync(process.execPath, [join(repoRoot, 'build/build-cli.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed: ${build.stderr}`);
}
