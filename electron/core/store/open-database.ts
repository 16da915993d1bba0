import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../model/errors';
import { createPrivateFile, makePrivateDir, tightenWorkspaceFiles } from './private-files';
import { MIGRATIONS } from './schema';

export type Db = Database.Database;

/** PRAGMA application_id of a workspace file ('CSWS'): tells our file apart from any other SQLite file. */
export const APPLICATION_ID = 0x43535753;

/** The schema version this build writes: the number of migrations it knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const SQLITE_MAGIC = 'SQLite format 3\0';

/** The page size of a workspace created by this build (see openDatabase). */
export const WORKSPACE_PAGE_SIZE = 65536;

export interface OpenDatabaseOptions {
  /** Create the file (and its folder) when it does not exist. */
  readonly create?: boolean;
  /** Open read-only (verification, export); never migrates. */
  readonly readonly?: boolean;
}

/**
 * Opens a workspace file and brings its schema up to date.
 *
 * - WAL: readers (the UI, `audit verify`) never block the writer and a crash never leaves a
 *   half-applied transaction (the WAL frames of an uncommitted transaction are ignored).
 * - synchronous=FULL: every commit is fsynced. NORMAL would be crash-consistent too but can lose
 *   the last commits on power loss; an approval the reviewer was told is saved must stay saved,
 *   and writes here are few (one per reviewer action), so durability wins over speed.
 * - page_size=65536 for a new workspace (SQLite's default is 4096): a change set's files are stored
 *   whole, and a 57 MB plan written as 4 KiB pages costs about twice the CPU and time of the
 *   same bytes as 64 KiB pages (14,600 WAL frames, each copied and checksummed, then copied again
 *   by the checkpoint). The size is fixed when the file is created; a workspace made with 4 KiB
 *   pages keeps them (it reads and writes the same, only slower on big imports).
 * - busy_timeout: the desktop app and the CLI may share a workspace; a writer waits for the other.
 * - the file, its WAL and SHM are owner-only (0600), tightened on every open (private-files.ts).
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const exists = existsSync(file);
  if (!exists && !options.create) {
    throw new InputError(file, 'no workspace here (create one with `countersign workspace init`)');
  }
  if (exists) checkLooksLikeSqlite(file);
  else {
    // Owner-only from the first byte: SQLite gives the WAL and SHM files the same mode.
    makePrivateDir(dirname(file));
    try {
      createPrivateFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(file, `cannot create the workspace: ${(e as Error).message}`);
    }
  }

  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly === true, fileMustExist: exists });
  } catch (e) {
    throw new InputError(file, `cannot open the workspace: ${(e as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Before the first table (and before WAL, which fixes the page size): a no-op on a file
    // another process has just created and written.
    if (!exists && !options.readonly) db.pragma(`page_size = ${WORKSPACE_PAGE_SIZE}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, file, options.readonly === true);
    // A workspace made by an older build (or copied in) was world-readable: tighten it now.
    tightenWorkspaceFiles(file);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof InputError) throw e;
    throw new InputError(file, `cannot open the workspace: ${(e as Error).message}`);
  }
}

function checkLooksLikeSqlite(file: string): void {
  const info = statSync(file);
  if (info.isDirectory()) throw new InputError(file, 'is a folder, not a workspace file');
  if (info.size === 0) return; // an empty file is a fresh database to SQLite
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_MAGIC) {
    throw new InputError(file, 'is not a Countersign workspace (not an SQLite database)');
  }
}

/** Forward-only: applies the migrations after the file's user_version, each in its own transaction. */
function migrate(db: Db, file: string, readonly: boolean): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (appId !== APPLICATION_ID && (version !== 0 || tables !== 0)) {
    throw new InputError(file, 'is an SQLite database but not a Countersign workspace');
  }
  if (version > SCHEMA_VERSION) {
    throw new InputError(
      file,
      `was written by a newer Countersign (workspace schema version ${version}; this version reads up to ${SCHEMA_VERSION}): update Countersign to open it`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  if (readonly) throw new InputError(file, `needs a schema upgrade (version ${version} → ${SCHEMA_VERSION}); open it once for writing`);
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const sql = MIGRATIONS[v]!;
    db.transaction(() => {
      // Another process may have migrated while we waited for the write lock.
      if ((db.pragma('user_version', { simple: true }) as number) !== v) return;
      db.exec(sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
