import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (works from the TypeScript sources under tsx). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The shared corpus of real public inputs: `../shared/corpus` beside the clone
 * (CI lays a copy of shared/ beside its fresh clone); COUNTERSIGN_CORPUS overrides.
 */
export const corpusDir = process.env.COUNTERSIGN_CORPUS ?? join(repoRoot, '..', 'shared', 'corpus');

export function corpusPath(...parts: string[]): string {
  const p = join(corpusDir, ...parts);
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p}`);
  return p;
}

export function readCorpus(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), 'utf8');
}
