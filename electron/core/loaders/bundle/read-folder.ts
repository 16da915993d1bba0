import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { decodeText, formatBytes, maxInputBytes } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import { displayPath, listedPaths } from './bundle-files';
import { parseChangeSetManifest } from './manifest';
import { readFolderSignatures } from './signatures';
import { MANIFEST_NAME } from './types';
import type { ChangeSetSource, SourceFile } from './types';

/** Reads a bundle folder: its changeset.yaml and the files it lists, nothing else. */
export async function readFolderBundle(folder: string): Promise<ChangeSetSource> {
  const root = await realpath(folder);
  const manifestFile = displayPath(folder, MANIFEST_NAME);
  const manifestBytes = await readInside(root, MANIFEST_NAME, manifestFile);
  if (manifestBytes === undefined) throw new InputError(folder, `the folder has no ${MANIFEST_NAME} (a change-set bundle needs one)`);
  const manifest = parseChangeSetManifest(manifestFile, decodeText(manifestBytes, manifestFile));
  const files: SourceFile[] = [{ path: MANIFEST_NAME, bytes: manifestBytes }];
  for (const [path, line] of listedPaths(manifest)) {
    const bytes = await readInside(root, path, displayPath(folder, path), () => new InputError(manifestFile, `lists ${path}, which points outside the bundle folder (symbolic link)`, line));
    if (bytes === undefined) throw new InputError(manifestFile, `lists ${path}, which is not in the bundle`, line);
    files.push({ path, bytes });
  }
  return { origin: folder, manifest, files, signatures: await readFolderSignatures(root) };
}

/**
 * Reads `rel` under `root` (a real path), or undefined when it does not exist. Symbolic links
 * are followed only while they stay inside the folder: a bundle must not read the reviewer's files.
 */
async function readInside(root: string, rel: string, shown: string, outside?: () => InputError): Promise<Uint8Array | undefined> {
  let real: string;
  try {
    real = await realpath(join(root, ...rel.split('/')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new InputError(shown, `cannot be read: ${(e as Error).message}`);
  }
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw outside ? outside() : new InputError(shown, 'points outside the bundle folder (symbolic link)');
  }
  const info = await stat(real);
  if (!info.isFile()) throw new InputError(shown, 'is not a regular file');
  if (info.size > maxInputBytes()) throw new InputError(shown, `file is ${formatBytes(info.size)}, over the ${formatBytes(maxInputBytes())} input limit`);
  return readFile(real);
}
