/*
 * The watched inbox's `drift/` folder (issue 12, D3). A live snapshot (a refresh-only plan,
 * `terraform show -json` state, or `kubectl get -o yaml` List of the vendor's namespaces) saved
 * as `inbox/drift/<install>/<file>` is imported as a drift report of the install named by its
 * folder (the reviewer names it: snapshots carry no trustworthy install name), once it stops
 * changing, then moved to `inbox/imported/`; a failure is moved to `inbox/failed/` with its
 * error kept for the UI, like any inbox file. A file put straight into `drift/` (no install
 * folder) is set aside with that explanation. Links and special files are never followed or
 * read (lstat), at any level; names are escaped wherever they are shown.
 */
import { randomUUID } from 'node:crypto';
import { lstatSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { lstat, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { importDriftSnapshot } from '../core/app/drift';
import { outboxSegment } from '../core/app/outbox-layout';
import { InputError } from '../core/model/errors';
import { printable } from '../core/model/printable-text';
import { makePrivateDir } from '../core/store';
import { toApiError } from './api-errors';
import type { AppContext } from './app-context';

export const DRIFT_FOLDER = 'drift';
/** Larger than any realistic state or namespace List; a bigger file is set aside unread. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;
const MAX_PROBLEMS = 50;

/** What the watcher remembers between looks: each file's size and time, to wait until it settles. */
export type DriftSeen = Map<string, string>;

/**
 * One look at `inbox/drift/`: imports each settled snapshot; answers whether something is still
 * changing (the caller looks again later). Never throws.
 */
export async function scanDriftFolder(ctx: AppContext, inboxDir: string, seen: DriftSeen, log: (line: string) => void): Promise<boolean> {
  const root = join(inboxDir, DRIFT_FOLDER);
  try {
    const info = await lstat(root);
    if (!info.isDirectory()) return false; // a link or file named drift is not our folder: left alone
  } catch {
    try {
      makePrivateDir(root);
    } catch {
      // The inbox itself is gone or read-only: nothing to watch.
    }
    return false;
  }
  let unsettled = false;
  for (const entry of await names(root)) {
    const at = join(root, entry);
    const info = await lstat(at).catch(() => null);
    if (info === null) continue;
    if (!info.isDirectory()) {
      if (await settled(seen, `${entry}`, at)) {
        await setAside(ctx, inboxDir, at, `drift/${entry}`, new InputError(`drift/${printable(entry)}`, `put a snapshot in a folder named after its install: inbox/drift/<install>/${printable(entry)}`), log);
      } else unsettled = true;
      continue;
    }
    for (const name of await names(at)) {
      const path = join(at, name);
      const key = `${entry}/${name}`;
      if (!(await settled(seen, key, path))) {
        unsettled = true;
        continue;
      }
      await importOne(ctx, inboxDir, entry, name, path, log);
    }
  }
  return unsettled;
}

async function importOne(ctx: AppContext, inboxDir: string, install: string, name: string, path: string, log: (line: string) => void): Promise<void> {
  const shown = `drift/${printable(install)}/${printable(name)}`;
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) throw new InputError(shown, 'is a symbolic link; the drift folder takes only regular files, never links (a link could point anywhere on this machine)');
    if (!info.isFile()) throw new InputError(shown, 'is not a regular file (a folder, device, FIFO or socket): put snapshot files straight in the install folder');
    if (info.size > MAX_SNAPSHOT_BYTES) throw new InputError(shown, `is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB`);
    const bytes = await readFile(path);
    // The file is named as the user sees it in the workspace folder; never this machine's absolute path.
    const [r] = importDriftSnapshot(ctx.ws, { install, files: [{ name: `inbox/${shown}`, bytes }] });
    log(`countersign: imported drift snapshot ${shown} (${r!.report.items.length} drifted resource(s), ${r!.report.evaluation.verdict})`);
    await moveAside(inboxDir, 'imported', path, install, name);
    ctx.inboxEvents.emit('imported');
  } catch (err) {
    await setAside(ctx, inboxDir, path, shown, err, log);
  }
}

async function setAside(ctx: AppContext, inboxDir: string, path: string, shown: string, err: unknown, log: (line: string) => void): Promise<void> {
  const e = toApiError(err, log);
  const message = e.ok ? '' : e.message;
  const parts = shown.split('/');
  const moved = await moveAside(inboxDir, 'failed', path, parts.length > 2 ? parts[1]! : '', parts.at(-1)!).catch(() => null);
  const movedTo = moved === null ? '' : `inbox/failed/${printable(moved)}`;
  ctx.watchProblems.unshift({ id: randomUUID(), file: printable(shown), message, at: new Date().toISOString(), movedTo });
  ctx.watchProblems.splice(MAX_PROBLEMS);
  log(`countersign: could not import ${printable(shown)} from the inbox folder: ${printable(message)} (${movedTo ? `moved to ${movedTo}` : 'left in place'})`);
  ctx.inboxEvents.emit('failed');
}

/** Moves the file to inbox/<sub>/<stamp>-drift-<install>-<name> (the install as one safe segment) and answers that name. */
async function moveAside(inboxDir: string, sub: 'imported' | 'failed', path: string, install: string, name: string): Promise<string> {
  makePrivateDir(join(inboxDir, sub));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const moved = `${stamp}-drift-${install === '' ? '' : `${outboxSegment(install)}-`}${name}`;
  await rename(path, join(inboxDir, sub, moved));
  return moved;
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    return [];
  }
}

/** True when the entry looked the same (size and time, lstat) at the previous look as now. */
async function settled(seen: DriftSeen, key: string, path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => null);
  if (info === null) {
    seen.delete(key);
    return false;
  }
  const signature = `${info.size}:${info.mtimeMs}`;
  if (seen.get(key) !== signature) {
    seen.set(key, signature);
    return false;
  }
  seen.delete(key);
  return true;
}

/**
 * Watches inbox/drift/ and its install folders (recursive: a snapshot lands two levels below
 * the inbox) and calls `onChange`; null when it cannot (the next scan of the inbox still looks).
 * A `drift` that is a link or a file is not watched.
 */
export function watchDriftFolder(inboxDir: string, onChange: () => void): FSWatcher | null {
  const root = join(inboxDir, DRIFT_FOLDER);
  try {
    // Checked before anything is made or changed: a link named drift is never followed (nor its target's mode touched).
    const info = lstatSync(root, { throwIfNoEntry: false });
    if (info === undefined) makePrivateDir(root);
    else if (!info.isDirectory()) return null;
    const w = watch(root, { recursive: true }, () => onChange());
    w.on('error', () => undefined);
    return w;
  } catch {
    return null;
  }
}
