import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { Parser } from 'tar';
import type { ReadEntry } from 'tar';
import { formatBytes, maxInputBytes } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import { ArchiveCollector, MAX_ARCHIVE_ENTRIES } from './archive-collector';
import type { ArchiveEntryType, ArchiveScanner } from './archive-collector';

/** Room for tar headers (512 bytes each, plus pax/long-name records) beyond the content limit. */
const HEADER_ALLOWANCE = MAX_ARCHIVE_ENTRIES * 2048;

/**
 * One streaming pass over a .tar.gz: validates every entry and returns the selected files'
 * contents. We gunzip ourselves (rather than letting tar sniff gzip) to count every
 * decompressed byte, including data after the end-of-archive marker that tar would buffer.
 */
export const scanTarGz: ArchiveScanner = async (archive, select, onKept) => {
  const collector = new ArchiveCollector(archive, select, onKept);
  const parser = new Parser({ strict: true });
  let failure: unknown;
  let sawEof = false;
  const guard = (fn: () => void): void => {
    if (failure !== undefined) return;
    try { fn(); } catch (e) { failure = e; }
  };
  parser.on('eof', () => { sawEof = true; });
  parser.on('error', (e: Error) => guard(() => { throw new InputError(archive, `corrupt tar archive: ${e.message}`); }));
  parser.on('ignoredEntry', (entry: ReadEntry) => guard(() => collector.fail(entry.path, `unsupported entry type ${entry.type}`)));
  parser.on('entry', (entry: ReadEntry) => {
    guard(() => {
      const path = collector.entry(entry.path, entryType(entry.type), entry.size ?? 0);
      const sink = collector.sink(entry.path, path);
      entry.on('data', (chunk: Buffer) => guard(() => sink.write(chunk)));
      entry.on('end', () => guard(() => sink.end()));
    });
    // Always drain, so the parser moves on even after a failure (the read loop stops it).
    entry.resume();
  });

  const rawLimit = maxInputBytes() + HEADER_ALLOWANCE;
  let raw = 0;
  const input = createReadStream(archive);
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      raw += chunk.length;
      if (raw > rawLimit) throw new InputError(archive, `over the ${formatBytes(maxInputBytes())} input limit once decompressed`);
      if (sawEof) continue; // trailing padding after the end-of-archive marker
      if (!parser.write(chunk)) await once(parser, 'drain');
      if (failure !== undefined) throw failure;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(archive, `not a readable .tar.gz archive: ${gzipReason(e)}`);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  try {
    const done = once(parser, 'end');
    parser.end();
    await done;
  } catch (e) {
    guard(() => { throw new InputError(archive, `corrupt tar archive: ${(e as Error).message}`); });
  }
  if (failure !== undefined) throw failure;
  // A stream cut at an entry boundary parses cleanly; only the missing end marker tells.
  if (!sawEof) throw new InputError(archive, 'truncated tar archive (no end-of-archive marker)');
  return collector.result();
};

function entryType(type: string): ArchiveEntryType {
  switch (type) {
    case 'File': case 'OldFile': case 'ContiguousFile': return 'file';
    case 'Directory': case 'GNUDumpDir': return 'directory';
    case 'SymbolicLink': return 'symlink';
    case 'Link': return 'hardlink';
    case 'CharacterDevice': case 'BlockDevice': case 'FIFO': return 'device';
    default: return 'unsupported';
  }
}

function gzipReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'Z_BUF_ERROR') return 'the gzip stream is truncated';
  if (code === 'Z_DATA_ERROR') return 'the gzip data is corrupt';
  if (code === 'ENOENT') return 'file not found';
  return e instanceof Error ? e.message : String(e);
}
