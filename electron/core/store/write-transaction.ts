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
