import { decodeText } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import { collectBundleFiles, displayPath, listedPaths } from './bundle-files';
import { parseChangeSetManifest } from './manifest';
import { scanTarGz } from './read-tar';
import { scanZip } from './read-zip';
import { archiveSignatures, MAX_SIGNATURE_BYTES, maybeArchiveSignature } from './signatures';
import { MANIFEST_NAME } from './types';
import type { ArchiveScan } from './archive-collector';
import type { ChangeSetSource } from './types';

export type ArchiveFormat = 'tar.gz' | 'zip';

/** Where a manifest may sit: the archive root, or one top-level folder (`tar czf bundle.tgz bundle/`). */
const isManifestCandidate = (p: string): boolean => p === MANIFEST_NAME || /^[^/]+\/changeset\.yaml$/.test(p);

interface EarlyManifest {
  readonly root: string;
  readonly wanted: ReadonlySet<string>;
}

/**
 * Reads a bundle archive without ever holding unlisted files in memory. The first pass
 * validates every entry and keeps the manifest; when the manifest comes before the files it
 * lists (the usual order), it also keeps those, and one pass is enough. Otherwise a second
 * pass keeps only the listed files (a .tar.gz is then decompressed twice; a .zip's second
 * pass only inflates the listed entries, so zips always take it). Paths are relative to the
 * manifest's folder.
 */
export async function readArchiveBundle(archive: string, format: ArchiveFormat): Promise<ChangeSetSource> {
  const scan = format === 'zip' ? scanZip : scanTarGz;
  let early: EarlyManifest | null | undefined;
  const first = await scan(
    archive,
    (p) => isManifestCandidate(p) || (early?.wanted.has(p) ?? false) || (maybeArchiveSignature(p) ? MAX_SIGNATURE_BYTES : false),
    (p, bytes) => { if (early === undefined && isManifestCandidate(p)) early = readEarly(p, bytes); },
  );
  const root = manifestRoot(archive, first);
  const manifestBytes = first.files.get(root + MANIFEST_NAME)!;
  const manifestFile = displayPath(archive, MANIFEST_NAME);
  const manifest = parseChangeSetManifest(manifestFile, decodeText(manifestBytes, manifestFile));
  const wanted = [...listedPaths(manifest).keys()].map((p) => root + p);
  if (early?.root === root && wanted.every((p) => first.files.has(p))) {
    return { origin: archive, manifest, files: collectBundleFiles(archive, manifestBytes, manifest, (p) => first.files.get(root + p)), signatures: archiveSignatures(first, root) };
  }
  // Fail on a missing file before decompressing everything a second time.
  collectBundleFiles(archive, manifestBytes, manifest, (p) => (first.paths.has(root + p) ? manifestBytes : undefined));

  const keep = new Set([root + MANIFEST_NAME, ...wanted]);
  const second = await scan(archive, (p) => keep.has(p) || (p.startsWith(root) && maybeArchiveSignature(p.slice(root.length)) ? MAX_SIGNATURE_BYTES : false));
  const again = second.files.get(root + MANIFEST_NAME);
  if (!again || Buffer.compare(again, manifestBytes) !== 0) throw new InputError(archive, 'the archive changed while it was being read');
  return { origin: archive, manifest, files: collectBundleFiles(archive, manifestBytes, manifest, (p) => second.files.get(root + p)), signatures: archiveSignatures(second, root) };
}

/** The first manifest seen, if it parses: which files to keep from here on. Errors are reported later, from the manifest that wins. */
function readEarly(path: string, bytes: Uint8Array): EarlyManifest | null {
  try {
    const root = path.slice(0, -MANIFEST_NAME.length);
    const manifest = parseChangeSetManifest(path, decodeText(bytes, path));
    return { root, wanted: new Set([...listedPaths(manifest).keys()].map((p) => root + p)) };
  } catch {
    return null;
  }
}

function manifestRoot(archive: string, scan: ArchiveScan): string {
  if (scan.paths.has(MANIFEST_NAME)) return '';
  const nested = [...scan.paths].filter((p) => p !== MANIFEST_NAME && isManifestCandidate(p));
  if (nested.length === 1) return nested[0]!.slice(0, -MANIFEST_NAME.length);
  const why = nested.length > 1 ? `several top-level folders have one (${nested.join(', ')})` : 'the archive has none';
  throw new InputError(archive, `no ${MANIFEST_NAME} at the top of the archive or of its single top-level folder: ${why}`);
}
