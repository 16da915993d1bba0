import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { lstat, open, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ImportFile, ImportResult } from '../shared/api-types';
import { importChangeSet } from '../core/app';
import type { ImportOptions } from '../core/app/change-set-service';
import { InputError } from '../core/model/errors';
import { MAX_ATTESTATION_FILE_CHARS } from '../core/app/import-attestations';
import { maxRequestChars, SIGNING_REQUEST_API_VERSION } from '../core/app/signing-request/format';
import type { AppContext } from './app-context';
import { importSigned } from './import-routing';
import type { ReceivedBytes } from './import-routing';

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
  const dir = mkdtempSync(join(tmpdir(), 'countersign-import-'));
  try {
    const written = files.map((f) => {
      const rel = safeRelative(f.path);
      const target = join(dir, 'files', rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, Buffer.from(f.dataBase64, 'base64'));
      return rel;
    });
    const root = bundleRoot(written);
    const inputs = root !== null ? [join(dir, 'files', root)] : written.map((rel) => join(dir, 'files', rel));
    try {
      // The audit and the change set record the user's own names, never this temporary folder.
      return await importPaths(ctx, inputs, { origin: droppedOrigin(written, root) });
    } catch (err) {
      throw withoutTempDir(err, join(dir, 'files'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The user's name for what was dropped: the bundle folder, else the first file ("+ N more"). */
export function droppedOrigin(written: readonly string[], root: string | null): string {
  if (root !== null) return root === '.' ? '(dropped files)' : root;
  return written.length === 1 ? written[0]! : `${written[0]!} (+ ${written.length - 1} more)`;
}

/** A dropped folder arrives as `bundle/changeset.yaml`, `bundle/infra/plan.json`…: the folder holding the manifest is the bundle. */
function bundleRoot(paths: readonly string[]): string | null {
  const manifests = paths.filter((p) => p === MANIFEST || p.endsWith(`/${MANIFEST}`)).sort((a, b) => a.length - b.length);
  if (manifests.length === 0) return null;
  const top = manifests[0]!;
  return top === MANIFEST ? '.' : top.slice(0, -MANIFEST.length - 1);
}

/** POSIX relative path with no `..`, no absolute part, no empty segments. */
function safeRelative(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..' || p.includes('\0')) || /^[A-Za-z]:$/.test(parts[0]!)) {
    throw new InputError(path, 'is not a usable file name (relative paths inside the dropped folder only)');
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
