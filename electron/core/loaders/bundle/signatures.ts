import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { printable } from '../../model/printable-text';
import { pathCollisionKey, unsafeNameReason } from './bundle-path';
import type { ArchiveScan } from './archive-collector';

/**
 * The vendor's release signatures sit in the bundle's `signatures/` folder, outside the
 * change-set digest (docs/changeset-format.md, "Vendor signatures"): signing a bundle must not
 * change what is signed. They are hostile input: read with a size cap per file and a cap on
 * their number, never through a symbolic link, and a file that cannot be read becomes a
 * problem (the signature is `invalid`), never an import error.
 */
export const SIGNATURES_FOLDER = 'signatures';
/** A release signature is one small DSSE envelope (about 1 KiB): 64 KiB leaves room for many signatures. */
export const MAX_SIGNATURE_BYTES = 64 * 1024;
/** More signature files than any vendor needs; the rest are reported, not read. */
export const MAX_SIGNATURE_FILES = 32;

/** One entry of `signatures/`: its bytes, or why it cannot be read. `name` is the bundle path, already escaped for display. */
export type SignatureFile =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly problem: string };

/**
 * A signature file parsed as JSON, or why it could not be: the shape verify reads attestations
 * in (signing's LoadedAttestation), declared here because loaders sit below signing.
 */
export type ParsedSignatureFile =
  | { readonly source: string; readonly envelope: unknown }
  | { readonly source: string; readonly error: string };

/** Is this normalized bundle path (relative to the manifest's folder) inside `signatures/`, on any file system? */
export function isInSignaturesFolder(path: string): boolean {
  const key = pathCollisionKey(path);
  return key === SIGNATURES_FOLDER || key.startsWith(`${SIGNATURES_FOLDER}/`);
}

/** The display name of a path in signatures/: escaped, so a hostile name cannot drive a terminal. */
function shown(path: string): string {
  return printable(path);
}

/**
 * Reads `<root>/signatures/` of a bundle folder (`root` is a real path). Each regular file
 * directly inside is a signature file; a symbolic link, a sub-folder, a name that is not
 * printable, a file over MAX_SIGNATURE_BYTES and `signatures` itself being a file or a link are
 * problems. No folder: no signatures.
 */
export async function readFolderSignatures(root: string): Promise<SignatureFile[]> {
  const folder = join(root, SIGNATURES_FOLDER);
  let info;
  try {
    info = await lstat(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    return [{ name: SIGNATURES_FOLDER, problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` }];
  }
  if (info.isSymbolicLink()) return [{ name: SIGNATURES_FOLDER, problem: 'is a symbolic link; the signatures folder must be a real folder inside the bundle' }];
  if (!info.isDirectory()) return [{ name: SIGNATURES_FOLDER, problem: 'is a file, not a folder; release signatures go in a signatures/ folder' }];
  let entries;
  try {
    entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  } catch (e) {
    return [{ name: SIGNATURES_FOLDER, problem: `cannot be listed (${(e as NodeJS.ErrnoException).code ?? String(e)})` }];
  }
  const out: SignatureFile[] = [];
  for (const entry of entries.slice(0, MAX_SIGNATURE_FILES)) {
    const path = `${SIGNATURES_FOLDER}/${entry.name}`;
    const unsafe = unsafeNameReason(entry.name);
    if (unsafe !== undefined) out.push({ name: shown(path), problem: unsafe });
    else if (entry.isSymbolicLink()) out.push({ name: shown(path), problem: 'is a symbolic link (refused, as in the rest of the bundle)' });
    else if (entry.isDirectory()) out.push({ name: shown(path), problem: 'is a folder; only files directly in signatures/ are read' });
    else if (!entry.isFile()) out.push({ name: shown(path), problem: 'is not a regular file' });
    else out.push(await readSignatureFile(join(folder, entry.name), shown(path)));
  }
  if (entries.length > MAX_SIGNATURE_FILES) out.push(tooMany(entries.length));
  return out;
}

/** Opens without following a link (the entry may have been swapped since it was listed), and reads at most the cap. */
async function readSignatureFile(file: string, name: string): Promise<SignatureFile> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { name, problem: code === 'ELOOP' ? 'is a symbolic link (refused, as in the rest of the bundle)' : `cannot be read (${code ?? String(e)})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { name, problem: 'is not a regular file' };
    if (info.size > MAX_SIGNATURE_BYTES) return oversized(name, info.size);
    const buf = Buffer.alloc(MAX_SIGNATURE_BYTES + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead > MAX_SIGNATURE_BYTES) return oversized(name, bytesRead);
    return { name, bytes: buf.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

export function oversized(name: string, size: number): SignatureFile {
  return { name, problem: `is ${size} bytes or more, over the ${MAX_SIGNATURE_BYTES}-byte limit of a signature file` };
}

function tooMany(count: number): SignatureFile {
  return { name: SIGNATURES_FOLDER, problem: `holds ${count} entries; only the first ${MAX_SIGNATURE_FILES} (by name) were read` };
}

/**
 * Why an archive entry directly in a signatures/ folder (at the root or one level down, named
 * without `.`/`..` segments) is a signature problem rather than a file: a link or other special
 * entry, or a name that is not printable. Null for anything else (the archive rules apply).
 * With `any`, a non-null result ('' for a plain file) only says the entry is such a signature entry.
 */
export function archiveSignatureEntryProblem(rawName: string, type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'unsupported', any = false): string | null {
  const parts = rawName.split('/');
  const at = parts.length - 2;
  if (type === 'directory' || (parts.length !== 2 && parts.length !== 3) || parts[at] !== SIGNATURES_FOLDER) return null;
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\')) || (parts.length === 3 && unsafeNameReason(parts[0]!) !== undefined)) return null;
  if (type === 'symlink') return 'is a symbolic link (refused, as in the rest of the bundle)';
  if (type === 'hardlink') return 'is a hard link (refused, as in the rest of the bundle)';
  if (type !== 'file') return 'is not a regular file';
  // `any`: the caller has its own reason (a second entry of the same name), given only for entries in signatures/.
  return any ? '' : (unsafeNameReason(parts.at(-1)!) ?? null);
}

/** Does an archive entry's path (before the manifest's folder is known) lie in a signatures/ folder at the root or one level down? */
export function maybeArchiveSignature(path: string): boolean {
  return /^([^/]+\/)?signatures\/[^/]+$/.test(path);
}

/**
 * The signature files of an archive whose manifest sits in `root` (`''` or `top/`), from one
 * scan that kept the files of signatures/ up to MAX_SIGNATURE_BYTES. The archive reader
 * already refused links, devices and unsafe names for the whole archive. Only a folder named
 * exactly `signatures` is read, as from a bundle folder.
 */
export function archiveSignatures(scan: ArchiveScan, root: string): SignatureFile[] {
  const inRoot = [...scan.paths].filter((p) => p.startsWith(root)).map((p) => p.slice(root.length));
  if (inRoot.includes(SIGNATURES_FOLDER)) return [{ name: SIGNATURES_FOLDER, problem: 'is a file, not a folder; release signatures go in a signatures/ folder' }];
  const refused = new Map([...scan.signatureProblems].filter(([p]) => p.startsWith(`${root}${SIGNATURES_FOLDER}/`)).map(([p, why]) => [p.slice(root.length), why]));
  // A name held twice is one problem (which copy would a tool unpack?), listed once.
  const inFolder = [...new Set([...inRoot.filter((p) => p.startsWith(`${SIGNATURES_FOLDER}/`)), ...refused.keys()])].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out: SignatureFile[] = [];
  for (const path of inFolder.slice(0, MAX_SIGNATURE_FILES)) {
    const bytes = scan.files.get(root + path);
    const why = refused.get(path);
    if (why !== undefined) out.push({ name: shown(path), problem: why });
    else if (path.slice(SIGNATURES_FOLDER.length + 1).includes('/')) out.push({ name: shown(path), problem: 'is in a sub-folder; only files directly in signatures/ are read' });
    else if (bytes !== undefined) out.push({ name: shown(path), bytes });
    else out.push(oversized(shown(path), scan.oversized.get(root + path) ?? MAX_SIGNATURE_BYTES + 1));
  }
  if (inFolder.length > MAX_SIGNATURE_FILES) out.push(tooMany(inFolder.length));
  return out;
}

/**
 * The signature files as verify reads attestations: each parsed as JSON (a file that is not
 * text or not JSON carries the reason instead). What they hold is checked later, under the
 * contract that judges the change set (verify/vendor-signature.ts).
 */
export function signatureAttestations(files: readonly SignatureFile[]): ParsedSignatureFile[] {
  return files.map((f) => {
    if ('problem' in f) return { source: f.name, error: f.problem };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(f.bytes);
    } catch {
      return { source: f.name, error: 'is not UTF-8 text' };
    }
    try {
      return { source: f.name, envelope: JSON.parse(text.replace(/^\ufeff/, '')) as unknown };
    } catch (e) {
      return { source: f.name, error: `is not valid JSON (${(e as Error).message.slice(0, 200)})` };
    }
  });
}
