import { open, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename } from 'node:path';
import { formatBytes, maxInputBytes } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import { pathCollisionKey, quotedPath, unsafeNameReason } from './bundle-path';
import type { ChangeSetSource, SourceFile } from './types';

/**
 * Reads bare input files (no manifest). Each is named by its base name, so the digest does not
 * depend on where the files were on the reviewer's disk; two files with the same name are
 * therefore ambiguous and rejected.
 */
export async function readBareFiles(inputs: readonly string[], options: ReadOptions = {}): Promise<ChangeSetSource> {
  const seen = new Map<string, string>();
  const files: SourceFile[] = [];
  for (const input of inputs) {
    const name = bareFileName(input);
    const key = pathCollisionKey(name);
    const other = seen.get(key);
    if (other !== undefined) throw new InputError(input, `has the same file name as ${other} (or one a case-insensitive file system confuses with it); bare files are identified by name, so rename one or make a bundle`);
    seen.set(key, input);
    files.push({ path: name, bytes: await readRegularFile(input, options) });
  }
  return { origin: inputs[0]!, manifest: null, files };
}

/** The base name a bare file is listed under, if it obeys the bundle path rules (it becomes a line of the digest's listing). */
function bareFileName(input: string): string {
  const name = basename(input);
  const unsafe = unsafeNameReason(name) ?? (name.includes('\\') ? 'backslash in the name (not allowed in a change-set path)' : undefined);
  if (unsafe !== undefined) throw new InputError(printable(input), `file name ${quotedPath(name)}: ${unsafe}; rename the file`);
  return name;
}

export interface ReadOptions {
  /**
   * Read files of at least SHARED_READ_MIN_BYTES into a SharedArrayBuffer, so a worker thread
   * can hash and check a big plan while the main thread parses it, without copying 60 MB.
   */
  readonly sharedMemory?: boolean;
}

/** Below this size a worker thread costs more than it saves. */
export const SHARED_READ_MIN_BYTES = 8 * 1024 * 1024;

export async function readRegularFile(file: string, options: ReadOptions = {}): Promise<Uint8Array> {
  const info = await statOrThrow(file);
  if (!info.isFile()) throw new InputError(file, 'is not a regular file');
  if (info.size > maxInputBytes()) throw new InputError(file, `file is ${formatBytes(info.size)}, over the ${formatBytes(maxInputBytes())} input limit`);
  try {
    if (options.sharedMemory && info.size >= SHARED_READ_MIN_BYTES) {
      const shared = await readShared(file, info.size);
      if (shared) return shared;
    }
    return await readFile(file);
  } catch (e) {
    throw new InputError(file, `cannot be read: ${(e as Error).message}`);
  }
}

/** The whole file in shared memory, or undefined when its size changed since `stat` (read it normally then). */
async function readShared(file: string, size: number): Promise<Uint8Array | undefined> {
  const handle = await open(file, 'r');
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) return undefined;
      at += bytesRead;
    }
    const { bytesRead } = await handle.read(new Uint8Array(1), 0, 1, size);
    return bytesRead === 0 ? bytes : undefined;
  } finally {
    await handle.close();
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
