import { chmodSync, closeSync, lstatSync, mkdirSync, openSync } from 'node:fs';

/**
 * Workspace files hold key material, decisions and vendor data: only their owner may read
 * them. Modes are set explicitly (chmod), because a mode given at creation is cut by the
 * process umask, and a file SQLite creates follows the database file's mode. On Windows,
 * chmod only toggles read-only; the user-profile ACLs protect the files there.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** The files SQLite keeps next to a workspace file. */
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/**
 * Creates `dir` (and missing parents) owner-only; an existing folder is tightened only when
 * `tightenExisting` (a folder the app owns, never one the user merely named, such as their home).
 */
export function makePrivateDir(dir: string, { tightenExisting = false }: { readonly tightenExisting?: boolean } = {}): void {
  const created = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (created !== undefined || tightenExisting) tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty owner-only file; fails if it exists (a race with another writer is the caller's error). */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  tighten(file, PRIVATE_FILE_MODE);
}

/** Makes a workspace file and its SQLite side files (WAL, SHM, journal) owner-only, where they exist. */
export function tightenWorkspaceFiles(file: string): void {
  for (const f of [file, ...SIDE_FILES.map((s) => file + s)]) tighten(f, PRIVATE_FILE_MODE);
}

/**
 * chmod when the path is a regular file or folder of ours whose mode is looser. Links are not
 * followed. A file we cannot change (another user's, a read-only mount) is left as it is: the
 * open goes on, since refusing would not make it any more private.
 */
export function tighten(path: string, mode: number): void {
  let info;
  try {
    info = lstatSync(path);
  } catch {
    return;
  }
  if (!info.isFile() && !info.isDirectory()) return;
  if ((info.mode & 0o777) === mode) return;
  try {
    chmodSync(path, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EACCES' && code !== 'EROFS') throw e;
  }
}
