import type { Db } from './open-database';

/** The audit head an attestation records: the newest entry when it was signed, and entry 1's hash (the chain's name). */
export interface RecordedAuditHead {
  readonly seq: number;
  readonly hash: string;
  readonly genesis: string;
}

/** The log's head now, as a signed attestation records it; seq 0 and zero hashes for an empty log. */
export function currentAuditHead(source: Db | { readonly db: Db }): RecordedAuditHead {
  const db = 'prepare' in source ? source : source.db;
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  const first = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE seq = 1').get();
  const zero = '0'.repeat(64);
  return { seq: head?.seq ?? 0, hash: head?.hash ?? zero, genesis: first?.hash ?? zero };
}

export interface HeadClaim {
  /** Where the head was read from (the attestation file). */
  readonly source: string;
  readonly head: RecordedAuditHead;
  /** Signed by one of this workspace's own keys: it must belong to this chain. */
  readonly ownKey: boolean;
}

export type HeadProblem = 'tail-deleted' | 'head-differs' | 'chain-replaced';

export interface HeadCheck {
  /** Heads found in this chain. */
  readonly matched: number;
  /** Heads of other workspaces' chains (a co-signer's exception), not checkable here. */
  readonly foreign: readonly string[];
  readonly problems: readonly { readonly source: string; readonly problem: HeadProblem; readonly detail: string }[];
}

/**
 * Checks that every recorded head is still in this chain, with the same hash. A head missing
 * from the chain means entries at or after it were deleted (or the log was rewritten); a head
 * of another chain signed with a key of this workspace means the whole log was replaced.
 */
export function checkRecordedHeads(db: Db, claims: readonly HeadClaim[]): HeadCheck {
  const now = currentAuditHead(db);
  const bySeq = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?');
  const problems: HeadCheck['problems'][number][] = [];
  const foreign: string[] = [];
  let matched = 0;
  for (const { source, head, ownKey } of claims) {
    if (head.genesis !== now.genesis) {
      if (ownKey) {
        problems.push({ source, problem: 'chain-replaced', detail: `${source} was signed with a key of this workspace over an audit log whose first entry is ${head.genesis.slice(0, 16)}…, but this log starts with ${now.genesis.slice(0, 16)}…: the log was replaced` });
      } else {
        foreign.push(source);
      }
      continue;
    }
    if (head.seq === 0) {
      matched++;
      continue;
    }
    const row = bySeq.get(head.seq);
    if (!row) {
      problems.push({ source, problem: 'tail-deleted', detail: `${source} recorded audit entry ${head.seq}, but the log ends at entry ${now.seq}: newer entries were deleted` });
    } else if (row.hash !== head.hash) {
      problems.push({ source, problem: 'head-differs', detail: `${source} recorded audit entry ${head.seq} with hash ${head.hash.slice(0, 16)}…, but the log holds ${row.hash.slice(0, 16)}… there: entries were deleted or rewritten` });
    } else {
      matched++;
    }
  }
  return { matched, foreign, problems };
}
