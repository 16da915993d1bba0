import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { lstat, readdir, rename } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { printable } from '../core/model/printable-text';
import type { ImportResult } from '../shared/api-types';
import type { AppContext } from './app-context';
import { toApiError } from './api-errors';
import { importPaths, withoutTempDir } from './import-files';
import { InputError } from '../core/model/errors';
import { makePrivateDir } from '../core/store';
import { DRIFT_FOLDER, scanDriftFolder, watchDriftFolder } from './drift-watcher';
import type { DriftSeen } from './drift-watcher';

const IMPORTED = 'imported';
const FAILED = 'failed';
const MAX_PROBLEMS = 50;

export interface InboxWatcher {
  /** Looks at the folder now (tests; also run on every change event, debounced). */
  scan(): Promise<void>;
  close(): void;
}

/**
 * Watches the workspace's inbox/ folder: a bundle folder, archive or plan/manifest file put
 * there (or a signing request, or signed attestation files from a co-reviewer: recognised by
 * content first, see import-routing.ts) is imported once it stops changing (two looks
 * `settleMs` apart agree on its size and time, so a copy in progress is not read half-written),
 * then moved to inbox/imported/. One that fails is moved to inbox/failed/ and its error kept for
 * the UI (appInfo.watchProblems: why, and where the file is now, until dismissed); the watcher
 * itself never throws. Each import or failure emits an inbox event (ctx.inboxEvents), so the
 * screen shows it at once. Errors and the audit name the file as `inbox/<name>`, never the
 * absolute path it had while being read. Links are never followed (lstat): whoever can drop a
 * file there must not make the app read ~/.ssh or a device, so a symbolic link, a FIFO, a socket
 * or a device, at the top or anywhere inside a dropped folder, is set aside unread.
 * Issue 12: inbox/drift/<install>/<snapshot> is imported as drift of that install (drift-watcher.ts).
 */
export function watchInbox(ctx: AppContext, options: { readonly settleMs?: number; readonly log?: (line: string) => void } = {}): InboxWatcher {
  const dir = ctx.watchDir;
  const settleMs = options.settleMs ?? 700;
  const log = options.log ?? ((line: string) => console.log(line));
  if (!dir) return { scan: async () => {}, close: () => {} };
  const seen = new Map<string, string>();
  const driftSeen: DriftSeen = new Map();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const schedule = (): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void scan();
    }, settleMs);
  };

  async function scanOnce(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir!)).filter((n) => !n.startsWith('.') && n !== IMPORTED && n !== FAILED && n !== DRIFT_FOLDER).sort();
    } catch {
      return;
    }
    // Issue 12: inbox/drift/<install>/<snapshot> (drift-watcher.ts).
    let unsettled = await scanDriftFolder(ctx, dir!, driftSeen, log);
    for (const name of names) {
      const path = join(dir!, name);
      const signature = await fingerprint(path);
      if (signature === null) continue;
      if (seen.get(name) !== signature) {
        seen.set(name, signature);
        unsettled = true;
        continue;
      }
      seen.delete(name);
      await importOne(name, path);
    }
    if (unsettled) schedule();
  }

  async function importOne(name: string, path: string): Promise<void> {
    const shown = printable(name);
    try {
      const refused = await unsafeEntry(path, shown);
      if (refused !== null) throw new InputError(shown, `${refused}; the inbox folder takes only regular files and folders, never links (a link could point anywhere on this machine)`);
      // Named as the user sees it in the workspace folder (inbox/<name>): the file moves on from here.
      const r = await importPaths(ctx, [path], { origin: `inbox/${name}` }).catch((err: unknown) => {
        throw withoutTempDir(err, dir!, 'inbox');
      });
      log(`countersign: imported ${shown} from the inbox folder (${importedWhat(r)})`);
      await moveTo(dir!, IMPORTED, name);
      ctx.inboxEvents.emit('imported');
    } catch (err) {
      const e = toApiError(err, log);
      const message = e.ok ? '' : e.message;
      const moved = await moveTo(dir!, FAILED, name).catch(() => null);
      // Where the user finds the file now, relative to the workspace (inbox/failed/<stamp>-<name>).
      const movedTo = moved === null ? '' : `inbox/${FAILED}/${printable(moved)}`;
      ctx.watchProblems.unshift({ id: randomUUID(), file: shown, message, at: new Date().toISOString(), movedTo });
      ctx.watchProblems.splice(MAX_PROBLEMS);
      log(`countersign: could not import ${shown} from the inbox folder: ${printable(message)} (${movedTo ? `moved to ${movedTo}` : `left in place: it could not be moved to ${FAILED}/`})`);
      ctx.inboxEvents.emit('failed');
    }
  }

  function scan(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await scanOnce();
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, () => schedule());
    watcher.on('error', () => undefined);
  } catch (err) {
    log(`countersign: cannot watch ${dir} (${String(err)}); files put there are imported at the next start`);
  }
  // Issue 12: snapshots land one level down (drift/<install>/), which the watch above does not see.
  const driftWatcher = watchDriftFolder(dir, schedule);
  // Whatever was dropped there while the app was closed.
  schedule();
  return {
    scan,
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      driftWatcher?.close();
    },
  };
}

/** More than any bundle folder holds; bounds the walk over a hostile drop. */
const MAX_WALK_ENTRIES = 10_000;
const MAX_WALK_DEPTH = 32;

/**
 * Why the inbox entry at `path` must not be read, or null: it is (or holds, at any depth) a
 * symbolic link or anything but a regular file or folder. Checked with lstat, never following.
 */
async function unsafeEntry(path: string, shown: string): Promise<string | null> {
  let entries = 0;
  const walk = async (at: string, rel: string, depth: number): Promise<string | null> => {
    const info = await lstat(at);
    if (info.isSymbolicLink()) return `${rel} is a symbolic link`;
    if (info.isFile()) return null;
    if (!info.isDirectory()) return `${rel} is not a regular file or folder (a device, FIFO or socket)`;
    if (depth >= MAX_WALK_DEPTH) return `${rel} is nested more than ${MAX_WALK_DEPTH} folders deep`;
    for (const name of (await readdir(at)).sort()) {
      if (++entries > MAX_WALK_ENTRIES) return `${shown} holds more than ${MAX_WALK_ENTRIES} entries`;
      const why = await walk(join(at, name), `${rel}/${printable(name)}`, depth + 1);
      if (why !== null) return why;
    }
    return null;
  };
  return walk(path, shown, 0);
}

/** Size and modification time (a folder: of everything in it, two levels down), or null when it vanished. Links are not followed. */
async function fingerprint(path: string, depth = 0): Promise<string | null> {
  try {
    const info = await lstat(path);
    if (!info.isDirectory() || depth >= 3) return `${info.size}:${info.mtimeMs}`;
    const parts = [`d:${info.mtimeMs}`];
    for (const name of (await readdir(path)).sort().slice(0, 10_000)) parts.push(`${name}=${await fingerprint(join(path, name), depth + 1)}`);
    return parts.join('|');
  } catch {
    return null;
  }
}

/** Moves inbox/<name> to inbox/<sub>/<stamp>-<name> and answers that new name. */
async function moveTo(dir: string, sub: string, name: string): Promise<string> {
  makePrivateDir(join(dir, sub));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const moved = `${stamp}-${name}`;
  await rename(join(dir, name), join(dir, sub, moved));
  return moved;
}

/** The log line's account of an import: a change set's verdict, or what the signed files recorded. */
function importedWhat(r: ImportResult): string {
  if (r.kind === 'changeset') return `${r.verdict}, ${r.digest}`;
  return printable(r.summary.split('\n').join('; '));
}
