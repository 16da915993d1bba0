import { lstat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, normalize, sep } from 'node:path';
import { InputError } from '../core/model/errors';
import { printable } from '../core/model/printable-text';

const MANIFEST = 'changeset.yaml';

/**
 * Checks paths the desktop app received for an import (the preload took them from the File
 * objects the user dropped or picked): each must be absolute and normal (no `..`), and name an
 * existing regular file or folder, not a link, device, pipe or socket. Answers what to import:
 * the paths themselves, or, when they are the files of a picked bundle folder (a changeset.yaml
 * among them and every other file under its folder), that folder.
 */
export async function checkedLocalPaths(paths: readonly string[]): Promise<readonly string[]> {
  for (const path of paths) {
    const shown = printable(path);
    if (!isAbsolute(path) || normalize(path) !== path || path.includes('\0')) throw new InputError(shown, 'is not a full path to a file on this computer');
    let info;
    try {
      info = await lstat(path);
    } catch {
      throw new InputError(shown, 'does not exist (or cannot be read)');
    }
    if (info.isSymbolicLink()) throw new InputError(shown, 'is a link: drop the file or folder it points to');
    if (!info.isFile() && !info.isDirectory()) throw new InputError(shown, 'is not a regular file or folder');
  }
  return bundleFolder(paths) ?? paths;
}

/** The folder of the files of a picked bundle, or null when they are not one. */
function bundleFolder(paths: readonly string[]): readonly string[] | null {
  if (paths.length < 2) return null;
  const manifests = paths.filter((p) => basename(p) === MANIFEST).sort((a, b) => a.length - b.length);
  if (manifests.length === 0) return null;
  const folder = dirname(manifests[0]!);
  const inside = (p: string): boolean => p.startsWith(folder.endsWith(sep) ? folder : folder + sep);
  return paths.every(inside) ? [folder] : null;
}
