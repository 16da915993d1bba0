import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConflictError, InputError } from '../model/errors';
import { currentAuditHead } from './audit-heads';
import type { RecordedAuditHead } from './audit-heads';
import { backupManifest, readEncryptedBackup, writeEncryptedBackup } from './backup-file';
import type { BackupKdf, BackupManifest } from './backup-file';
import type { Db } from './open-database';
import { isRunning, syncFolder } from './outbox-files';
import { PRIVATE_FILE_MODE, tighten } from './private-files';

/** SQLite's side files of a database file: removed or moved with it. */
export const SQLITE_SIDE_FILES = ['-journal', '-wal', '-shm'] as const;

/** Pages copied per step between which the event loop (and the app) runs. */
const PAGES_PER_STEP = 256;

const TEMP_NAME = /^\.countersign-(snapshot|restore)-(\d+)-[0-9a-f]{16}\.db(-journal|-wal|-shm)?$/;

export interface WrittenBackup {
  readonly file: string;
  readonly manifest: BackupManifest;
}

/**
 * Copies the open database with SQLite's online backup API (consistent while other connections
 * write: the copy is one snapshot, restarted by SQLite if a write lands mid-copy) into an
 * owner-only temporary file next to the workspace, encrypts it to `out` through an owner-only
 * temporary file renamed into place, and deletes the clear copy whatever happens.
 */
export async function writeWorkspaceBackup(
  db: Db,
  workspaceFile: string,
  options: { readonly out: string; readonly passphrase: string; readonly overwrite?: boolean; readonly now: () => Date; readonly kdf?: BackupKdf },
): Promise<WrittenBackup> {
  const { out } = options;
  const workspace = resolve(workspaceFile);
  if ([workspace, ...SQLITE_SIDE_FILES.map((x) => workspace + x)].includes(resolve(out))) {
    throw new InputError(out, 'is the workspace itself (or one of its SQLite files): write the backup elsewhere');
  }
  if (!options.overwrite && existsSync(out)) throw new ConflictError(out, 'already exists (pass --force to replace it)');
  const dir = dirname(workspaceFile);
  removeStaleTemps(dir);
  const snapshot = tempPath(dir, 'snapshot');
  const outTemp = join(dirname(out), `.${basename(out)}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    await createPrivate(snapshot).then((h) => h.close());
    let remaining = Number.POSITIVE_INFINITY;
    await db.backup(snapshot, {
      progress: ({ totalPages, remainingPages }) => {
        // A write by another connection restarts the copy (so it stays one snapshot); after a
        // restart the rest is copied in one step, so a busy writer cannot starve the backup.
        const restarted = remainingPages > remaining;
        remaining = remainingPages;
        return restarted ? totalPages : PAGES_PER_STEP;
      },
    });
    const facts = snapshotFacts(snapshot);
    const manifest = backupManifest({ createdAt: options.now().toISOString(), ...facts, databaseBytes: statSync(snapshot).size });
    const handle = await createPrivate(outTemp).catch((e: unknown) => {
      throw new InputError(out, `cannot write the backup here (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    });
    try {
      await writeEncryptedBackup(handle, snapshot, manifest, options.passphrase, options.kdf);
    } finally {
      await handle.close();
    }
    renameSync(outTemp, out);
    syncFolder(dirname(out));
    return { file: out, manifest };
  } finally {
    removeWithSideFiles(snapshot);
    rmSync(outTemp, { force: true });
  }
}

/**
 * Decrypts a backup into an owner-only temporary file in `dir` and hands it to `use` (checks,
 * then a rename into place); the temporary file and its side files are deleted afterwards
 * unless `use` moved it away. A refused file leaves nothing behind.
 */
export async function withDecryptedBackup<T>(file: string, passphrase: string, dir: string, use: (dbFile: string, manifest: BackupManifest) => Promise<T> | T): Promise<T> {
  removeStaleTemps(dir);
  const temp = tempPath(dir, 'restore');
  try {
    const handle = await createPrivate(temp).catch((e: unknown) => {
      throw new InputError(dir, `cannot restore into this folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    });
    let manifest: BackupManifest;
    try {
      manifest = await readEncryptedBackup(file, passphrase, handle);
    } finally {
      await handle.close();
    }
    return await use(temp, manifest);
  } finally {
    removeWithSideFiles(temp);
  }
}

/** Moves a database file and its side files to `aside` (and `aside-wal`…, so they stay a pair). */
export function moveWithSideFiles(file: string, aside: string): void {
  if (existsSync(aside)) throw new ConflictError(aside, 'already exists');
  for (const s of SQLITE_SIDE_FILES) if (existsSync(file + s)) renameSync(file + s, aside + s);
  if (existsSync(file)) renameSync(file, aside);
}

export function removeWithSideFiles(file: string): void {
  for (const f of [file, ...SQLITE_SIDE_FILES.map((s) => file + s)]) rmSync(f, { force: true });
}

/**
 * The copy's own facts, read from the copy (not the live database, which may have moved on),
 * and the copy switched to a rollback journal so it is one self-contained file (a WAL-mode
 * header would make its reader create -wal/-shm files; the workspace turns WAL on at open).
 */
function snapshotFacts(file: string): { schemaVersion: number; auditHead: RecordedAuditHead } {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    return { schemaVersion: copy.pragma('user_version', { simple: true }) as number, auditHead: currentAuditHead(copy) };
  } finally {
    copy.close();
  }
}

function tempPath(dir: string, kind: 'snapshot' | 'restore'): string {
  return join(dir, `.countersign-${kind}-${process.pid}-${randomBytes(8).toString('hex')}.db`);
}

/** Creates an owner-only file that must not exist yet (O_EXCL: never follows a planted link). */
async function createPrivate(file: string): Promise<FileHandle> {
  const handle = await open(file, 'wx', PRIVATE_FILE_MODE);
  tighten(file, PRIVATE_FILE_MODE);
  return handle;
}

/**
 * A clear copy left by a process that was killed mid-backup or mid-restore (its pid is gone):
 * deleted before the next one starts, so a crash leaves one at most until the next run.
 */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (m && Number(m[2]) !== process.pid && !isRunning(Number(m[2]))) rmSync(join(dir, name), { force: true });
  }
}
