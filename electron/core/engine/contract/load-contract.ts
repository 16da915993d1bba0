import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, formatBytes, maxInputBytes } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import { packsRoot } from '../../io/packs-root';
import { livePackVersion, resolvePackVersion } from './pack-version';
import { parseContract } from './parse-contract';
import type { ResolvedContract } from './resolved-contract';

/** Reads and resolves a contract file; unreadable, oversized or invalid files are InputErrors. */
export function loadContractFile(path: string): ResolvedContract {
  return parseContract(path, readContractText(path));
}

/** A contract file's text: unreadable, oversized or undecodable files are InputErrors naming it. */
export function readContractText(path: string): string {
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
  return decodeText(bytes, path);
}

/**
 * The default contract as a file: the baseline pack at the version this build's folders are,
 * pinned by version and digest, with every default. Pinned, so that once stored or handed to
 * a vendor it keeps meaning the same policies after later releases edit the baseline.
 */
export function defaultContractYaml(packsRootDir: string = packsRoot()): string {
  const version = livePackVersion('baseline', packsRootDir);
  const { digest } = resolvePackVersion('baseline', version, packsRootDir, (reason) => new InputError(join(packsRootDir, 'baseline'), reason));
  return `apiVersion: countersign.dev/v2
kind: Contract
metadata: {name: default}
spec:
  extends: [{pack: baseline, version: ${version}, digest: "${digest}"}]
`;
}

/** The contract used without --contract: the baseline pack with every default. */
export function defaultContract(packsRootDir?: string): ResolvedContract {
  const root = packsRootDir ?? packsRoot();
  return parseContract('(default)', defaultContractYaml(root), root);
}
