import type { Db } from './open-database';

/**
 * Runs `fn` as ONE write transaction, begun IMMEDIATE: the write lock is taken up front, so two
 * processes sharing a workspace (the app and the CLI) queue on busy_timeout instead of failing
 * with SQLITE_BUSY when a read turns into a write, and the audit head read inside `fn` cannot
 * change before the append. Inside an outer transaction it becomes a savepoint of it.
 * Any throw rolls everything back: nothing is half-written.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

const deferring = new WeakMap<Db, number>();

/**
 * Runs `fn` (a write of a change set's source files: tens of MB) with SQLite's automatic WAL
 * checkpoint off. Its commit then writes the pages once, to the WAL, fsynced (as durable as any
 * commit), instead of also copying all of them into the main file before returning: the import
 * answers sooner. The next commit after it (the background write of its derived rows, moments
 * later) or closing the workspace checkpoints as usual. Nested calls keep it off until the outermost ends.
 */
export function withDeferredCheckpoint<T>(db: Db, fn: () => T): T {
  if (db.readonly) return fn();
  const depth = deferring.get(db) ?? 0;
  const saved = depth === 0 ? (db.pragma('wal_autocheckpoint', { simple: true }) as number) : 0;
  if (depth === 0) db.pragma('wal_autocheckpoint = 0');
  deferring.set(db, depth + 1);
  try {
    return fn();
  } finally {
    deferring.set(db, depth);
    if (depth === 0) db.pragma(`wal_autocheckpoint = ${saved}`);
  }
}
