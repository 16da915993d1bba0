import { GENESIS_HASH, storedAuditEntryHash } from './audit-hash';
import type { AuditRow } from './audit-log';
import type { Db } from './open-database';

export type AuditBreakReason = 'edited' | 'deleted' | 'reordered' | 'bad-link';

export interface AuditBreak {
  /** The seq of the first broken entry (for a deletion: the first missing seq). */
  readonly seq: number;
  readonly reason: AuditBreakReason;
  /** One sentence for people. */
  readonly detail: string;
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number }
  /** `entries`: how many entries verified before the first broken one. */
  | { readonly ok: false; readonly entries: number; readonly firstBroken: AuditBreak };

export interface VerifyAuditOptions {
  /** Called every `progressEvery` entries (default 10,000) with entries checked and the total. */
  readonly onProgress?: (checked: number, total: number) => void;
  readonly progressEvery?: number;
}

type Problem = 'gap' | 'hash' | 'link' | 'hash+link';

/**
 * Walks the log in seq order, recomputing every hash and link. Streams rows with iterate(), so
 * memory stays flat whatever the log's size. What it cannot see: rows removed from the END
 * (the chain has no later entry to notice), or a log rewritten from some point on with every
 * hash recomputed; only a copy of the head kept elsewhere (an export, an attestation) catches those.
 */
export function verifyAuditChain(source: Db | { readonly db: Db }, options: VerifyAuditOptions = {}): AuditVerification {
  const db = 'prepare' in source ? source : source.db;
  const every = Math.max(1, options.progressEvery ?? 10_000);
  const total = options.onProgress ? (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log').get()?.n ?? 0) : 0;
  const rows = db.prepare<[], AuditRow>('SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq');

  let prev: { seq: number; hash: string } | null = null;
  let checked = 0;
  let broken: { row: AuditRow; problem: Problem; expectedSeq: number; expectedPrev: string } | null = null;
  for (const row of rows.iterate()) {
    const expectedSeq = prev ? prev.seq + 1 : 1;
    const expectedPrev = prev ? prev.hash : GENESIS_HASH;
    const problem = check(row, expectedSeq, expectedPrev);
    if (problem) {
      broken = { row, problem, expectedSeq, expectedPrev };
      break; // ends the iteration and frees the statement for the lookups below
    }
    prev = { seq: row.seq, hash: row.hash };
    checked++;
    if (options.onProgress && checked % every === 0) options.onProgress(checked, total);
  }
  if (!broken) {
    options.onProgress?.(checked, total);
    return { ok: true, entries: checked };
  }
  return { ok: false, entries: checked, firstBroken: classify(db, broken.row, broken.problem, broken.expectedSeq) };
}

function check(row: AuditRow, expectedSeq: number, expectedPrev: string): Problem | null {
  if (row.seq !== expectedSeq) return 'gap';
  const hashOk = recompute(row, row.seq) === row.hash;
  const linkOk = row.prev_hash === expectedPrev;
  if (hashOk && linkOk) return null;
  if (!hashOk && !linkOk) return 'hash+link';
  return hashOk ? 'link' : 'hash';
}

function recompute(row: AuditRow, seq: number): string {
  return storedAuditEntryHash(seq === row.seq ? row : { ...row, seq });
}

/** How far from its place a moved row is looked for (only for the first broken row). */
const MOVE_WINDOW = 1000;

/**
 * Names the break. A row's own hash covers its seq and prev_hash, so: a hash that no longer
 * matches while the link to the previous row holds is an edit; a row that links to a row
 * stored elsewhere in the log was moved; a row whose hash matches a different seq and whose
 * predecessor is gone had rows deleted before it and was renumbered.
 */
function classify(db: Db, row: AuditRow, problem: Problem, expectedSeq: number): AuditBreak {
  if (problem === 'gap') {
    return { seq: expectedSeq, reason: 'deleted', detail: `entry ${expectedSeq} is missing (the next stored entry is ${row.seq})` };
  }
  if (problem === 'hash') {
    return { seq: row.seq, reason: 'edited', detail: `entry ${row.seq} does not match its hash: its content was changed` };
  }
  const linked = db.prepare<[string], { seq: number }>('SELECT seq FROM audit_log WHERE hash = ?').get(row.prev_hash);
  if (linked) {
    return {
      seq: row.seq,
      reason: 'reordered',
      detail: `entry ${row.seq} follows entry ${linked.seq} in the chain but is stored at another position`,
    };
  }
  if (problem === 'hash+link' && movedFrom(row) !== null) {
    return {
      seq: row.seq,
      reason: 'deleted',
      detail: `entry ${row.seq} was renumbered from ${movedFrom(row)} and the entry it follows is gone`,
    };
  }
  if (problem === 'hash+link') {
    return { seq: row.seq, reason: 'edited', detail: `entry ${row.seq} matches neither its hash nor the previous entry` };
  }
  return { seq: row.seq, reason: 'bad-link', detail: `entry ${row.seq} does not link to the previous entry (its prev_hash names no stored entry)` };
}

function movedFrom(row: AuditRow): number | null {
  for (let d = 1; d <= MOVE_WINDOW; d++) {
    for (const s of [row.seq + d, row.seq - d]) {
      if (s >= 1 && recompute(row, s) === row.hash) return s;
    }
  }
  return null;
}
