import { existsSync, renameSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConflictError, InputError } from '../model/errors';
import { passphraseProblem } from '../signing';
import {
  APPLICATION_ID, currentAuditHead, makePrivateDir, moveWithSideFiles, openWorkspace, SCHEMA_VERSION, verifyAuditChain,
  withDecryptedBackup, writeWorkspaceBackup,
} from '../store';
import type { BackupKdf, BackupManifest, RecordedAuditHead, Workspace } from '../store';
import { syncFolder } from '../store/outbox-files';
import { writeTransaction } from '../store/write-transaction';
import { verifyStoredAuditHeads } from './audit-service';
import { checkGuards } from './restore-guards';

/**
 * The backup decrypted and is authentic, but the workspace inside fails its audit checks
 * (a broken chain, a head that differs from the one recorded): restoring it would hide that.
 */
export class RestoredAuditError extends InputError {}

export interface BackupResult {
  readonly file: string;
  readonly createdAt: string;
  readonly schemaVersion: number;
  readonly auditHead: RecordedAuditHead;
}

/** Writes an encrypted, consistent copy of the open workspace to `out` (see docs/backup.md). */
export async function backupWorkspace(
  ws: Workspace,
  input: { readonly out: string; readonly passphrase: string; readonly overwrite?: boolean; readonly now?: () => Date; readonly kdf?: BackupKdf },
): Promise<BackupResult> {
  const problem = passphraseProblem(input.passphrase);
  if (problem) throw new InputError('backup passphrase', problem);
  const written = await writeWorkspaceBackup(ws.db, ws.path, {
    out: input.out, passphrase: input.passphrase, overwrite: input.overwrite === true, now: input.now ?? (() => new Date()),
    ...(input.kdf ? { kdf: input.kdf } : {}),
  });
  const m = written.manifest;
  return { file: written.file, createdAt: m.createdAt, schemaVersion: m.schemaVersion, auditHead: m.auditHead };
}

export interface RestoreResult {
  readonly workspace: string;
  /** Where the workspace that was there before now is (`--force`), else null. */
  readonly previous: string | null;
  readonly backupCreatedAt: string;
  /** Audit entries verified in the restored chain (before the restore's own entry). */
  readonly auditEntries: number;
  /** Recorded heads of attestations signed here, found in the restored chain. */
  readonly headsMatched: number;
}

/** Refuses, before any passphrase is asked, to restore over a workspace unless told to (`force`). */
export function checkRestoreTarget(target: string, force: boolean): void {
  if (!force && existsSync(target)) {
    throw new ConflictError(target, 'a workspace exists here: pass --force to replace it (the old one is kept aside), or restore to another --workspace');
  }
}

/**
 * Decrypts a backup next to `target`, checks the copy (a Countersign workspace of a schema this
 * build reads, SQLite integrity, the audit chain end to end, the head the backup recorded, the
 * heads recorded in the attestations it holds) and only then renames it into place; an
 * existing workspace (with `force`) is moved aside first, never deleted.
 */
export async function restoreWorkspace(input: {
  readonly file: string;
  readonly target: string;
  readonly passphrase: string;
  readonly force?: boolean;
  readonly now?: () => Date;
}): Promise<RestoreResult> {
  const { file, target } = input;
  const force = input.force === true;
  checkRestoreTarget(target, force);
  const dir = dirname(target);
  makePrivateDir(dir);
  const now = input.now ?? (() => new Date());
  return withDecryptedBackup(file, input.passphrase, dir, (dbFile, manifest) => {
    const { auditEntries, headsMatched } = asInputError(file, () => {
      const entries = checkCopy(file, dbFile, manifest);
      return { auditEntries: entries, headsMatched: checkHeadsAndRecord(file, dbFile, manifest, target, now) };
    });
    checkRestoreTarget(target, force); // again: another process may have created it meanwhile
    const previous = existsSync(target) ? `${target}.before-restore-${now().toISOString().replace(/[:.]/g, '-')}` : null;
    if (previous) moveWithSideFiles(target, previous);
    else moveWithSideFiles(target, `${target}.stale-${process.pid}`); // orphan -wal/-shm would be read as the new file's
    renameSync(dbFile, target);
    syncFolder(dir);
    return { workspace: target, previous, backupCreatedAt: manifest.createdAt, auditEntries, headsMatched };
  });
}

/**
 * SQLite's own refusals of the decrypted copy (not a database, a malformed page, a missing
 * table, a trigger of the copy that aborts the restore's audit entry) as bad input naming the
 * backup: whoever wrote it knew the passphrase, but it is no workspace this build can take.
 */
function asInputError<T>(file: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof Database.SqliteError) throw new InputError(file, `holds a damaged or foreign database (SQLite: ${err.message}); nothing was restored`);
    throw err;
  }
}

/** Read-only checks of the decrypted copy; returns the number of audit entries verified. */
function checkCopy(file: string, dbFile: string, manifest: BackupManifest): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
      throw new InputError(file, 'holds an SQLite database that is not a Countersign workspace');
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new InputError(file, `holds a workspace of a newer Countersign (schema version ${version}; this version reads up to ${SCHEMA_VERSION}): update Countersign to restore it`);
    }
    const integrity = db.pragma('quick_check', { simple: true }) as string;
    if (integrity !== 'ok') throw new InputError(file, `holds a damaged database (SQLite quick_check: ${integrity})`);
    const chain = verifyAuditChain(db);
    if (!chain.ok) {
      throw new RestoredAuditError(file, `holds a workspace whose audit log is broken at entry ${chain.firstBroken.seq} (${chain.firstBroken.reason}): ${chain.firstBroken.detail}; nothing was restored`);
    }
    const head = currentAuditHead(db);
    const recorded = manifest.auditHead;
    if (head.seq !== recorded.seq || head.hash !== recorded.hash || head.genesis !== recorded.genesis) {
      throw new RestoredAuditError(file, `holds an audit log ending at entry ${head.seq} (${head.hash.slice(0, 16)}…), but the backup recorded entry ${recorded.seq} (${recorded.hash.slice(0, 16)}…); nothing was restored`);
    }
    return chain.entries;
  } finally {
    db.close();
  }
}

/**
 * Opens the copy as a workspace (an older schema is migrated here, as any open would), checks
 * the heads its own signed attestations recorded, and appends the restore to its audit log.
 */
function checkHeadsAndRecord(file: string, dbFile: string, manifest: BackupManifest, target: string, now: () => Date): number {
  const ws = openWorkspace(dbFile, { now });
  try {
    checkGuards(file, ws.db);
    const heads = verifyStoredAuditHeads(ws);
    if (heads.problems.length > 0) {
      throw new RestoredAuditError(file, `holds a workspace whose audit log lost entries its own attestations recorded: ${heads.problems[0]!.detail}; nothing was restored`);
    }
    writeTransaction(ws.db, () => ws.audit.append({
      action: 'workspace.restore',
      subject: target,
      details: { backup: basename(file), backupCreatedAt: manifest.createdAt, restoredHead: { seq: manifest.auditHead.seq, hash: manifest.auditHead.hash } },
    }));
    // One self-contained file to rename: the workspace turns WAL on again when it is opened.
    ws.db.pragma('journal_mode = DELETE');
    return heads.matched;
  } finally {
    ws.close();
  }
}
