import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename } from 'node:path';
import { formatBytes, maxInputBytes } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import type { ChangeSetSource, SourceFile } from './types';

/**
 * Reads bare input files (no manifest). Each is named by its base name, so the digest does not
 * depend on where the files were on the reviewer's disk; two files with the same name are
 * therefore ambiguous and rejected.
 */
export async function readBareFiles(inputs: readonly string[]): Promise<ChangeSetSource> {
  const seen = new Map<string, string>();
  const files: SourceFile[] = [];
  for (const input of inputs) {
    const name = basename(input);
    const other = seen.get(name);
    if (other !== undefined) throw new InputError(input, `has the same file name as ${other}; bare files are identified by name, so rename one or make a bundle`);
    seen.set(name, input);
    files.push({ path: name, bytes: await readRegularFile(input) });
  }
  return { origin: inputs[0]!, manifest: null, files };
}

export async function readRegularFile(file: string): Promise<Uint8Array> {
  const info = await statOrThrow(file);
  if (!info.isFile()) throw new InputError(file, 'is not a regular file');
  if (info.size > maxInputBytes()) throw new InputError(file, `file is ${formatBytes(info.size)}, over the ${formatBytes(maxInputBytes())} input limit`);
  try {
    return await readFile(file);
  } catch (e) {
    throw new InputError(file, `cannot be read: ${(e as Error).message}`);
  }
}

export async function statOrThrow(file: string): Promise<Stats> {
  try {
    return await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such file or folder' : `cannot be read: ${(e as Error).message}`);
  }
}
