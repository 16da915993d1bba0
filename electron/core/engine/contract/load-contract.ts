import { readFileSync, statSync } from 'node:fs';
import { decodeText, formatBytes, maxInputBytes } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import { parseContract } from './parse-contract';
import type { ResolvedContract } from './resolved-contract';

/** Reads and resolves a contract file; unreadable, oversized or invalid files are InputErrors. */
export function loadContractFile(path: string): ResolvedContract {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxInputBytes()) throw new InputError(path, `file is ${formatBytes(size)}, over the ${formatBytes(maxInputBytes())} input limit`);
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'contract file not found' : code === 'EISDIR' ? 'is a folder, expected a contract YAML file' : `cannot read contract: ${(err as Error).message}`);
  }
  return parseContract(path, decodeText(bytes, path));
}

/** The contract used without --contract: the baseline pack with every default. */
export function defaultContract(packsRootDir?: string): ResolvedContract {
  return parseContract('(default)', 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: default}\nspec: {extends: [baseline]}\n', packsRootDir);
}
