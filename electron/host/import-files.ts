import { copyFileSync, mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { lstat, open, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ImportFile, ImportResult } from '../shared/api-types';
import { importChangeSet } from '../core/app';
import type { ImportOptions } from '../core/app/change-set-service';
import { InputError, NotFoundError } from '../core/model/errors';
import { printable } from '../core/model/printable-text';
import { MAX_ATTESTATION_FILE_CHARS } from '../core/app/import-attestations';
import { maxRequestChars, SIGNING_REQUEST_API_VERSION } from '../core/app/signing-request/format';
import type { AppContext } from './app-context';
import { importSigned } from './import-routing';
import type { ReceivedBytes } from './import-routing';
import type { UploadStore } from './upload-store';

const MANIFEST = 'changeset.yaml';

/**
 * Imports paths on this machine (dialog, watched folder, seeding) and answers in the API's terms.
 * Signed attestation files and signing requests are recognised first (import-routing.ts).
 */
export async function importPaths(ctx: AppContext, paths: readonly string[], options: ImportOptions = {}): Promise<ImportResult> {
  const signed = await signedFiles(paths);
  if (signed !== null) {
    const r = importSigned(ctx, signed);
    if (r !== null) return r;
  }
  const r = await importChangeSet(ctx.ws, paths, options);
  // The review screen opens next: hand it the change set the import just built, rather than
  // rebuilding it from the store (about a second for a 15k-resource plan).
  ctx.session.remember(r.digest, r.changeSet);
  if (r.storedFindings) ctx.session.rememberFindings(r.evaluation.id, r.storedFindings);
  // Its resource rows, computed from the change set just built for the list that opens next; they and each
  // resource's detail are stored in the background (remember), so reopening it later rebuilds nothing.
  ctx.session.resourceFacts(r.digest);
  return { kind: 'changeset', digest: r.digest, created: r.created, verdict: r.evaluation.verdict, resourceCount: ctx.ws.changeSets.getChangeSet(r.digest)?.resourceCount ?? 0, findingCount: r.evaluation.findingCount };
}

/**
 * Imports files the renderer sent as bytes (drag-and-drop or a file input; the same in both
 * modes). They are written to a private temporary folder under their own relative paths and
 * imported from there as a bundle (when a changeset.yaml is among them), an archive or bare
 * files; error messages name the user's paths, not the temporary folder. Without a bundle
 * manifest, signing requests and signed attestations are routed first (import-routing.ts).
 */
export async function importFileBytes(ctx: AppContext, files: readonly ImportFile[]): Promise<ImportResult> {
  // A bundle (a changeset.yaml among the files) is a change set: the signed files in its
  // signatures/ folder are the vendor's release signatures, which the change-set import keeps.
  if (bundleRoot(files.map((f) => safeRelative(f.path))) === null) {
    const signed = importSigned(ctx, files.map((f) => ({ name: safeRelative(f.path), bytes: Buffer.from(f.dataBase64, 'base64') })));
    if (signed !== null) return signed;
  }
  return importStaged(ctx, files.map((f) => ({ path: f.path, place: (target) => writeFileSync(target, Buffer.from(f.dataBase64, 'base64')) })));
}

/** An uploaded file to import under its relative path (the browser host's raw-byte uploads). */
export interface UploadedFile {
  /** The id PUT /upload answered. */
  readonly upload: string;
  /** Bundle-relative path (folder drop / webkitdirectory) or the file's name. */
  readonly path: string;
}

/**
 * Imports files the browser renderer streamed to the host (upload-store.ts): each upload is
 * taken once, moved (not copied) under its sanitized relative path into a private staging
 * folder, and imported from there like dropped bytes. Every name is checked before any file
 * moves; on any refusal nothing is imported and every named upload is deleted.
 */
export async function importUploads(ctx: AppContext, uploads: UploadStore, files: readonly UploadedFile[]): Promise<ImportResult> {
  const taken = files.map((f) => ({ ...f, taken: uploads.take(f.upload) }));
  try {
    const missing = taken.find((f) => f.taken === null);
    if (missing) throw new NotFoundError(missing.path, 'its upload is unknown, expired or already imported: drop the file again');
    return await importStaged(ctx, taken.map((f) => ({ path: f.path, place: (target) => moveFile(f.taken!.file, target) })));
  } finally {
    for (const f of taken) if (f.taken) rmSync(f.taken.file, { force: true });
  }
}

interface StagedInput {
  /** The user's relative path (sanitized here). */
  readonly path: string;
  /** Puts the file's bytes at `target` (a path inside the private staging folder). */
  readonly place: (target: string) => void;
}

/**
 * Writes files to a private temporary folder under their own relative paths and imports them
 * from there as a bundle (when a changeset.yaml is among them), an archive or bare files;
 * error messages name the user's paths, not the temporary folder.
 */
async function importStaged(ctx: AppContext, inputs: readonly StagedInput[]): Promise<ImportResult> {
  const rels = stagedNames(inputs.map((f) => f.path));
  const dir = mkdtempSync(join(tmpdir(), 'countersign-import-'));
  try {
    inputs.forEach((f, i) => {
      const target = join(dir, 'files', rels[i]!);
      try {
        mkdirSync(dirname(target), { recursive: true });
        f.place(target);
      } catch (err) {
        // e.g. a name longer than the file system allows: the user's name, never the temporary path.
        throw new InputError(rels[i]!, `cannot be prepared for import (${(err as NodeJS.ErrnoException).code ?? 'file system error'}: is the name too long?)`);
      }
    });
    const root = bundleRoot(rels);
    const paths = root !== null ? [join(dir, 'files', root)] : rels.map((rel) => join(dir, 'files', rel));
    try {
      // The audit and the change set record the user's own names, never this temporary folder.
      return await importPaths(ctx, paths, { origin: droppedOrigin(rels, root) });
    } catch (err) {
      throw withoutTempDir(err, join(dir, 'files'));
    }
  } finally {
    // Removed after the answer, not before it: freeing a 57 MB file takes tens of ms the review
    // waits for otherwise. The folder is private (0700) and only ever read by this import.
    void rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The user's name for what was dropped: the bundle folder, else the first file ("+ N more"). */
export function droppedOrigin(written: readonly string[], root: string | null): string {
  if (root !== null) return root === '.' ? '(dropped files)' : root;
  return written.length === 1 ? written[0]! : `${written[0]!} (+ ${written.length - 1} more)`;
}

/**
 * The sanitized relative paths, checked as a set before anything is written: the same path
 * twice, or a path that is also another's folder (`a` and `a/b`), would make one file
 * overwrite or hide another.
 */
export function stagedNames(paths: readonly string[]): string[] {
  const rels = paths.map(safeRelative);
  // Compared as a case-folding, normalizing file system (macOS, Windows) would: there
  // `Plan.json` and `plan.json` (or `é` composed and decomposed) are one file, and the second
  // written would silently replace the first.
  const seen = new Map<string, string>();
  for (const rel of rels) {
    const first = seen.get(sameFileKey(rel));
    if (first !== undefined) throw new InputError(rel, first === rel ? 'is given twice' : `is given twice (as ${first} too: the same file on many file systems)`);
    seen.set(sameFileKey(rel), rel);
  }
  for (const rel of rels) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = seen.get(sameFileKey(parts.slice(0, i).join('/')));
      if (folder !== undefined) throw new InputError(folder, `is both a file and the folder of ${rel}`);
    }
  }
  return rels;
}

function sameFileKey(rel: string): string {
  return rel.normalize('NFC').toLowerCase();
}

/** rename within the temporary folder's file system; a copy where the two differ. */
export function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

/** A dropped folder arrives as `bundle/changeset.yaml`, `bundle/infra/plan.json`…: the folder holding the manifest is the bundle. */
export function bundleRoot(paths: readonly string[]): string | null {
  const manifests = paths.filter((p) => p === MANIFEST || p.endsWith(`/${MANIFEST}`)).sort((a, b) => a.length - b.length);
  if (manifests.length === 0) return null;
  const top = manifests[0]!;
  return top === MANIFEST ? '.' : top.slice(0, -MANIFEST.length - 1);
}

/**
 * POSIX relative path with no `..`, no absolute part, no empty segments, and nothing
 * unprintable (control, bidi or zero-width characters: a name is printed in messages and on
 * terminals, where a line break could forge a line and a bidi override disguise a name).
 */
export function safeRelative(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..' || printable(p) !== p) || /^[A-Za-z]:$/.test(parts[0]!)) {
    throw new InputError(printable(path), 'is not a usable file name (relative paths inside the dropped folder only)');
  }
  return parts.join('/');
}

/** The error with `dir` written as `shownAs` (default: left out) in its file and message: the user's names, not ours. */
export function withoutTempDir(err: unknown, dir: string, shownAs = ''): unknown {
  if (!(err instanceof InputError)) return err;
  const strip = (s: string) => s.split(`${dir}/`).join(shownAs ? `${shownAs}/` : '').split(dir).join(shownAs || '.');
  return err.restated(strip(err.file), strip(err.reason));
}

/**
 * The files' bytes when every path is a regular file small enough to be a signing request or an
 * attestation (else null: a folder or an archive is a change set). Read once here; the loaders
 * read change-set files again themselves.
 */
async function signedFiles(paths: readonly string[]): Promise<ReceivedBytes[] | null> {
  const out: ReceivedBytes[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await lstat(path);
    } catch {
      return null;
    }
    if (!info.isFile() || info.size > maxRequestChars()) return null;
    // Too big for an attestation: read it whole only when its head says it is a signing request (a big plan is read once, by its loader).
    if (info.size > MAX_ATTESTATION_FILE_CHARS && !(await headOf(path)).includes(`"${SIGNING_REQUEST_API_VERSION}"`)) return null;
    out.push({ name: basename(path), bytes: await readFile(path) });
  }
  return out;
}

async function headOf(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
