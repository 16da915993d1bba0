import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../../io/decode-text';
import { packsRoot } from '../../io/packs-root';
import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';
import { cachedPack, packContentHash } from './pack-cache';
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
  return cachedPack(name, dir, files) ?? parsedOnce(name, dir, files);
}

/**
 * Packs this process already parsed, by folder and the content hash of their policy files (as
 * read now): a contract parsed again and again (the editor's draft, on every edit) does not
 * parse the packs' YAML again, and an edited file is parsed afresh. Errors are not kept.
 */
const parsedPacks = new Map<string, readonly Policy[]>();
const PARSED_PACKS_KEPT = 32;

function parsedOnce(name: string, dir: string, files: readonly PackFile[]): readonly Policy[] {
  const key = `${name}\u0000${dir}\u0000${packContentHash(files)}`;
  let policies = parsedPacks.get(key);
  if (!policies) {
    policies = Object.freeze(parsePackFiles(name, files).map((p) => Object.freeze(p)));
    parsedPacks.set(key, policies);
    if (parsedPacks.size > PARSED_PACKS_KEPT) parsedPacks.delete(parsedPacks.keys().next().value!);
  }
  return policies;
}
