import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../../io/decode-text';
import { packsRoot } from '../../io/packs-root';
import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';
import { cachedPack } from './pack-cache';
import type { PackFile } from './pack-cache';
import { parsePolicyFile } from './parse-policy';
import { POLICY_ID } from './schemas';

/** Pack names are folder names under policies/: no separators, so no path traversal. */
export function isPackName(name: string): boolean {
  return POLICY_ID.test(name);
}

export function packExists(name: string, root: string): boolean {
  return isPackName(name) && existsSync(join(root, name)) && statSync(join(root, name)).isDirectory();
}

/** The pack names available under `root` (sorted). */
export function listPacks(root: string = packsRoot()): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && isPackName(d.name))
    .map((d) => d.name)
    .sort();
}

/** The policy files of pack `name`, read, in policy-id order. */
export function readPackFiles(name: string, root: string = packsRoot()): { readonly dir: string; readonly files: readonly PackFile[] } {
  const dir = join(root, name);
  if (!packExists(name, root)) throw new InputError(dir, `unknown policy pack "${name}"`);
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
  const files = folders.map((folder) => {
    const file = join(dir, folder, 'policy.yaml');
    if (!existsSync(file)) throw new InputError(join(dir, folder), 'policy folder has no policy.yaml');
    return { folder, file, bytes: readFileSync(file) };
  });
  return { dir, files };
}

/** Parses a pack's policy files (the YAML path; see pack-cache.ts for the fast one). */
export function parsePackFiles(name: string, files: readonly PackFile[]): readonly Policy[] {
  return files.map(({ folder, file, bytes }) => {
    const policy = parsePolicyFile(file, decodeText(bytes, file), name);
    if (policy.id !== folder) {
      throw new InputError(file, `policy id "${policy.id}" must equal its folder name "${folder}"`, policy.definedAt.line, policy.definedAt.column);
    }
    return policy;
  });
}

/**
 * Reads `policies/<name>/<id>/policy.yaml` for every policy folder of a pack, sorted by id.
 * Folders starting with `.` or `_` are not policies (shared test data and the like).
 */
export function loadPack(name: string, root: string = packsRoot()): readonly Policy[] {
  const { dir, files } = readPackFiles(name, root);
  return cachedPack(name, dir, files) ?? parsePackFiles(name, files);
}
