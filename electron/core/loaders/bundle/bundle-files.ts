import { InputError } from '../../model/errors';
import { MANIFEST_NAME } from './types';
import type { ChangeSetManifest, SourceFile } from './types';

/** How errors name a file inside a bundle: the folder or archive, then the bundle path. */
export function displayPath(origin: string, path: string): string {
  return `${origin.replace(/[/\\]+$/, '')}/${path}`;
}

/** Every path the manifest lists (artifacts and their previous files), each once, with its manifest line. */
export function listedPaths(manifest: ChangeSetManifest): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of manifest.artifacts) {
    if (!out.has(a.path)) out.set(a.path, a.pathLine);
    if (a.previous !== undefined && a.previousLine !== undefined && !out.has(a.previous)) out.set(a.previous, a.previousLine);
  }
  return out;
}

/**
 * The files of a bundle in a stable order (manifest first, then as listed), fetched with `get`;
 * a listed file that is not there is an InputError pointing at its line in changeset.yaml.
 */
export function collectBundleFiles(
  origin: string,
  manifestBytes: Uint8Array,
  manifest: ChangeSetManifest,
  get: (path: string) => Uint8Array | undefined,
): SourceFile[] {
  const files: SourceFile[] = [{ path: MANIFEST_NAME, bytes: manifestBytes }];
  for (const [path, line] of listedPaths(manifest)) {
    const bytes = get(path);
    if (bytes === undefined) throw new InputError(displayPath(origin, MANIFEST_NAME), `lists ${path}, which is not in the bundle`, line);
    files.push({ path, bytes });
  }
  return files;
}
