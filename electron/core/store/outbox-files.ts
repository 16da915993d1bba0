import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import { PRIVATE_FILE_MODE, makePrivateDir, tighten } from './private-files';

/**
 * A file that must exist exactly when a database row does (a signed attestation in the outbox
 * and its row). The pair cannot be one atomic step, so it is three, each safe to be killed
 * after: (1) the text goes to a temporary file in the same folder, fsynced; (2) the database
 * transaction commits; (3) the temporary file is renamed into place and the folder fsynced.
 * `reconcileOutbox` at the next start finishes or undoes whatever a kill interrupted.
 */
export type OutboxStep = 'staged' | 'committed' | 'published';

export interface OutboxFile {
  readonly name: string;
  readonly text: string;
}

export interface StagedFile {
  /** Where the file ends up. */
  readonly path: string;
  /** Renames the staged file into place (writing it again if it vanished) and fsyncs the folder. */
  publish(): string;
  /** Removes the staged file (the transaction it belonged to failed). */
  discard(): void;
}

const TEMP_SUFFIX = '.tmp';
/** `.<name>.<pid>.tmp`: hidden, never read as an attestation (not `*.dsse.json`), and names the process writing it. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.tmp$/;

export function tempName(name: string, pid = process.pid): string {
  return `.${name}.${pid}${TEMP_SUFFIX}`;
}

/** Step 1: the text in a temporary file beside its final place, on disk. */
export function stageFile(dir: string, file: OutboxFile): StagedFile {
  if (file.name.includes('/') || file.name.includes('\\') || file.name.startsWith('.')) throw new Error(`not a plain file name: ${file.name}`);
  makePrivateDir(dir);
  const path = join(dir, file.name);
  const temp = join(dir, tempName(file.name));
  writeDurably(temp, file.text);
  return {
    path,
    publish: () => {
      try {
        renameSync(temp, path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        // Removed under us (a reconcile that judged it too early): the row is committed now, so write it again.
        writeDurably(temp, file.text);
        renameSync(temp, path);
      }
      syncFolder(dir);
      return path;
    },
    discard: () => {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone: nothing to undo.
      }
    },
  };
}

/**
 * Runs `commit` (one database transaction) with `file` staged before and published after: a
 * failed commit leaves no file, a committed row always ends up with its file (here or, after a
 * kill, at the next reconcile). `onStep` observes each step (the crash tests stop there).
 */
export function commitWithFile<T>(dir: string, file: OutboxFile, commit: () => T, onStep?: (step: OutboxStep) => void): { readonly value: T; readonly path: string } {
  let staged: StagedFile;
  try {
    staged = stageFile(dir, file);
  } catch (err) {
    throw new InputError(dir, `cannot write ${file.name} here (${errorCode(err)}); nothing was recorded`);
  }
  onStep?.('staged');
  let value: T;
  try {
    value = commit();
  } catch (err) {
    staged.discard();
    throw err;
  }
  onStep?.('committed');
  let path: string;
  try {
    path = staged.publish();
  } catch (err) {
    throw new InputError(dir, `recorded in the workspace, but ${file.name} could not be put in place (${errorCode(err)}); it is completed when the workspace is next opened with this folder`);
  }
  onStep?.('published');
  return { value, path };
}

export interface OutboxTruth {
  /** Whether the database holds the attestation this file text carries (committed). */
  isCommitted(text: string): boolean;
  /** Every file the outbox must hold, rebuilt from the database. */
  expected(): readonly OutboxFile[];
}

export interface ReconcileReport {
  /** Staged files of committed rows, renamed into place. */
  readonly renamed: readonly string[];
  /** Staged files of rows never committed, deleted. */
  readonly deleted: readonly string[];
  /** Committed rows whose file was missing, written again from the database. */
  readonly rewritten: readonly string[];
}

/**
 * Makes the outbox agree with the database after a kill: a staged file whose row committed is
 * renamed into place, one whose row did not is deleted, and a committed row with no file gets
 * its file written again. A staged file of a process still running (the app and the CLI may
 * share a workspace) is left to that process.
 */
export function reconcileOutbox(dir: string, truth: OutboxTruth): ReconcileReport {
  const renamed: string[] = [], deleted: string[] = [], rewritten: string[] = [];
  // A folder that is missing or unreadable holds nothing to finish (writing to it fails later, with a clear error).
  for (const name of readdirIfAny(dir)) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && isRunning(pid)) continue;
    const temp = join(dir, name);
    let text: string | null;
    try {
      text = readFileSync(temp, 'utf8');
    } catch {
      text = null;
    }
    if (text !== null && truth.isCommitted(text)) {
      renameSync(temp, join(dir, m[1]!));
      renamed.push(m[1]!);
    } else {
      unlinkSync(temp);
      deleted.push(name);
    }
  }
  const present = new Set(readdirIfAny(dir));
  for (const file of truth.expected()) {
    if (present.has(file.name)) continue;
    stageFile(dir, file).publish();
    rewritten.push(file.name);
  }
  if (renamed.length + deleted.length > 0) syncFolder(dir);
  return { renamed, deleted, rewritten };
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

function readdirIfAny(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // Owner-only like the workspace it comes from (a mode at creation is cut by the umask).
  tighten(path, PRIVATE_FILE_MODE);
}

/** A rename is durable only once its folder is: fsync the folder (not possible on Windows, where rename is journaled). */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
