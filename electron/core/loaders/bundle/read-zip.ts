import { getFileNameLowLevel, openPromise } from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { InputError } from '../../model/errors';
import { ArchiveCollector, MAX_ARCHIVE_ENTRIES } from './archive-collector';
import { quotedPath } from './bundle-path';
import type { ArchiveEntryType, ArchiveScanner } from './archive-collector';

/**
 * Validates every entry of a .zip from its central directory, then inflates only the selected
 * files. yauzl checks each inflated size against the declared one, and the collector counts
 * the real bytes too, so a lying header cannot make us inflate more than the limit.
 */
export const scanZip: ArchiveScanner = async (archive, select, onKept) => {
  let zip: ZipFile;
  try {
    // decodeStrings off: we decode and validate names ourselves, so every format reports the same way.
    zip = await openPromise(archive, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
  } catch (e) {
    throw new InputError(archive, `not a readable .zip archive: ${(e as Error).message}`);
  }
  try {
    if (zip.entryCount > MAX_ARCHIVE_ENTRIES) {
      throw new InputError(archive, `the archive has ${zip.entryCount} entries, more than the ${MAX_ARCHIVE_ENTRIES} allowed`);
    }
    const collector = new ArchiveCollector(archive, select, onKept);
    const wanted: { readonly entry: Entry; readonly name: string; readonly path: string }[] = [];
    for await (const entry of entries(zip, archive)) {
      const name = entryName(entry);
      await checkOneName(zip, entry, name, archive);
      const path = collector.entry(name, entryType(entry, name), entry.uncompressedSize);
      if (collector.isSelected(path)) wanted.push({ entry, name, path });
    }
    for (const { entry, name, path } of wanted) {
      if (entry.isEncrypted()) collector.fail(name, 'encrypted entries are not supported');
      const sink = collector.sink(name, path);
      try {
        for await (const chunk of await zip.openReadStreamPromise(entry)) sink.write(chunk as Buffer);
      } catch (e) {
        if (e instanceof InputError) throw e;
        collector.fail(name, `cannot be read: ${(e as Error).message}`);
      }
      sink.end();
    }
    return collector.result();
  } finally {
    zip.close();
  }
};

function entryName(entry: Entry): string {
  // The stored name only (no extra fields): see checkOneName. strictFileNames=false turns
  // Windows backslashes into "/" (the collector checks the result).
  return getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, [], false);
}

/** Info-ZIP Unicode Path extra field: a second name some readers prefer to the stored one. */
const UNICODE_PATH_FIELD = 0x7075;

/**
 * An entry must have one name for every zip reader: yauzl prefers an Info-ZIP Unicode Path
 * field to the stored name, Python's zipfile ignores it, and streaming readers use the local
 * header's name instead of the central directory's. Where they differ, the file we review and
 * the file another tool extracts under that name are not the same: refuse the archive.
 */
async function checkOneName(zip: ZipFile, entry: Entry, name: string, archive: string): Promise<void> {
  if (entry.extraFields.some((f) => f.id === UNICODE_PATH_FIELD)) {
    const unicode = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, false);
    if (unicode !== name) {
      throw new InputError(archive, `entry ${quotedPath(name)} carries a second (Unicode Path) name ${quotedPath(unicode)}: zip readers disagree on which name applies`);
    }
  }
  let local: Buffer;
  try {
    local = (await zip.readLocalFileHeaderPromise(entry)).fileName;
  } catch (e) {
    throw new InputError(archive, `corrupt .zip archive: entry ${quotedPath(name)}: ${(e as Error).message}`);
  }
  if (!local.equals(entry.fileName as unknown as Buffer)) {
    throw new InputError(archive, `entry ${quotedPath(name)} has another name in its local header: zip readers disagree on which name applies`);
  }
}


const UNIX_HOST = 3;
const S_IFMT = 0o170000;

function entryType(entry: Entry, name: string): ArchiveEntryType {
  // Only archives made on Unix carry a file type in the upper 16 bits of the external attributes.
  if (entry.versionMadeBy >> 8 === UNIX_HOST) {
    const fmt = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (fmt === 0o120000) return 'symlink';
    if (fmt === 0o040000) return 'directory';
    if (fmt !== 0o100000 && fmt !== 0) return 'device';
  }
  return name.endsWith('/') ? 'directory' : 'file';
}

async function* entries(zip: ZipFile, archive: string): AsyncGenerator<Entry> {
  for (;;) {
    const next = await new Promise<Entry | null>((resolve, reject) => {
      const cleanup = (): void => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError); };
      const onEntry = (e: Entry): void => { cleanup(); resolve(e); };
      const onEnd = (): void => { cleanup(); resolve(null); };
      const onError = (e: Error): void => { cleanup(); reject(new InputError(archive, `corrupt .zip archive: ${e.message}`)); };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (next === null) return;
    yield next;
  }
}
