import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the built-in policy packs (`policies/`). Found by walking up from this
 * module, so it works from the TypeScript sources, the bundled CLI (out/cli) and a packaged app;
 * COUNTERSIGN_POLICIES overrides it.
 */
export function packsRoot(): string {
  const fromEnv = process.env.COUNTERSIGN_POLICIES;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'policies');
    if (existsSync(join(candidate, 'baseline'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('built-in policy packs not found (set COUNTERSIGN_POLICIES to the policies/ folder)');
}
