import { open } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { InputError, UsageError } from '../../model/errors';
import type { ArchiveFormat } from './read-archive';
import { readBareFiles, statOrThrow } from './read-bare';
import type { ReadOptions } from './read-bare';
import { readFolderBundle } from './read-folder';
import { MANIFEST_NAME } from './types';
import type { ChangeSetSource } from './types';

type InputKind = { readonly kind: 'folder' } | { readonly kind: 'archive'; readonly format: ArchiveFormat } | { readonly kind: 'file' };

/**
 * Reads what the user named: a bundle folder (or its changeset.yaml), a .tar.gz/.tgz/.zip
 * bundle, or one or more bare files (Terraform plan JSON, Kubernetes YAML/JSON).
 */
export async function readChangeSetSource(inputs: readonly string[], options: ReadOptions = {}): Promise<ChangeSetSource> {
  if (inputs.length === 0) throw new UsageError('no change set given: name a bundle folder, a .tar.gz/.tgz/.zip bundle, or plan/manifest files');
  const kinds = await Promise.all(inputs.map(classify));
  const bundleAt = kinds.findIndex((k) => k.kind !== 'file');
  if (bundleAt >= 0 && inputs.length > 1) {
    throw new InputError(inputs[bundleAt]!, 'a bundle folder or archive must be the only input (bare files are given without one)');
  }
  const only = kinds[0]!;
  if (only.kind === 'folder') return readFolderBundle(inputs[0]!);
  // Loaded only for an archive: tar and yauzl are a tenth of what `countersign evaluate` loads.
  if (only.kind === 'archive') return (await import('./read-archive')).readArchiveBundle(inputs[0]!, only.format);
  if (inputs.length === 1 && basename(inputs[0]!) === MANIFEST_NAME) return readFolderBundle(dirname(inputs[0]!));
  return readBareFiles(inputs, options);
}

async function classify(input: string): Promise<InputKind> {
  const info = await statOrThrow(input);
  if (info.isDirectory()) return { kind: 'folder' };
  const lower = input.toLowerCase();
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return { kind: 'archive', format: 'tar.gz' };
  if (lower.endsWith('.zip')) return { kind: 'archive', format: 'zip' };
  // A renamed or extension-less archive is still recognized by its magic bytes.
  const magic = await readHead(input, 4);
  if (magic[0] === 0x1f && magic[1] === 0x8b) return { kind: 'archive', format: 'tar.gz' };
  if (magic[0] === 0x50 && magic[1] === 0x4b && (magic[2] === 3 || magic[2] === 5) && (magic[3] === 4 || magic[3] === 6)) {
    return { kind: 'archive', format: 'zip' };
  }
  return { kind: 'file' };
}

async function readHead(file: string, n: number): Promise<Uint8Array> {
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await handle.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new InputError(file, `cannot be read: ${(e as Error).message}`);
  }
}
