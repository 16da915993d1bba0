// Restore (docs/backup.md, step 4): the restored copy has exactly the triggers this build's migrations make.
import Database from 'better-sqlite3';
import { InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import { MIGRATIONS } from '../store/schema';

let expectedTriggers: ReadonlyMap<string, string> | undefined;

/** Name → SQL of the triggers (append-only log, immutable rows) every workspace of this build has: its migrations run on an empty database. */
function buildTriggers(): ReadonlyMap<string, string> {
  if (!expectedTriggers) {
    const db = new Database(':memory:');
    try {
      for (const sql of MIGRATIONS) db.exec(sql);
      expectedTriggers = triggersOf(db);
    } finally {
      db.close();
    }
  }
  return expectedTriggers;
}

function triggersOf(db: Database.Database): Map<string, string> {
  return new Map(db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all().map((t) => [t.name, t.sql]));
}

/**
 * The copy (migrated) has exactly this build's triggers: without the append-only guards its log
 * could be rewritten unseen from now on, and a trigger of its own would run inside the
 * customer's workspace on every write. Only someone who edited the file outside Countersign
 * (and knew the passphrase) makes either.
 */
export function checkGuards(file: string, db: Database.Database): void {
  const have = triggersOf(db);
  const expected = buildTriggers();
  const missing = [...expected.keys()].filter((n) => have.get(n) !== expected.get(n));
  const unknown = [...have.keys()].filter((n) => !expected.has(n));
  if (missing.length > 0 || unknown.length > 0) {
    const what = [...(missing.length ? [`missing or changed: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`] : []), ...(unknown.length ? [`unknown: ${unknown.slice(0, 5).map((n) => printable(n)).join(', ')}`] : [])];
    throw new InputError(file, `holds a workspace whose guard triggers were edited outside Countersign (${what.join('; ')}); nothing was restored`);
  }
}
