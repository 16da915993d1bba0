import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (works from the TypeScript sources under tsx). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The corpus of real public inputs kept in the repository (`electron/testing/corpus/`;
 * provenance and licences in its SOURCES.md, files byte-for-byte as published upstream).
 */
export const corpusDir = join(repoRoot, 'electron', 'testing', 'corpus');

export function corpusPath(...parts: string[]): string {
  const p = join(corpusDir, ...parts);
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p}`);
  return p;
}

export function readCorpus(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), 'utf8');
}
