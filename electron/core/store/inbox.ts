import type { Verdict } from '../model/finding';
import type { Db } from './open-database';
import type { ChangeSetState, InboxItem, InboxPage } from './types';

export interface InboxQuery {
  /** Default: 'pending'. */
  readonly state?: ChangeSetState;
  readonly vendor?: string;
  /** Page size, 1..1000 (default 200). */
  readonly limit?: number;
  readonly offset?: number;
}

const DEFAULT_PAGE = 200;
const MAX_PAGE = 1000;

// One statement. The page is cut first from the (state[, vendor], received_at) index alone, so a
// deep page skips index entries, not joined rows; then each change set of the page is joined to
// its latest evaluation, found by a max() seek on the (change_set_digest, id) index. The severity
// and enforcement counts are columns of that evaluation row, so nothing is aggregated.
// Rows come back as arrays (raw mode): building 25-property objects in the driver costs several
// times the query itself on a big inbox. The column order below is what toInboxItem reads.
function inboxSql(where: string): string {
  return `SELECT cs.digest, cs.vendor, cs.app, cs.install, cs.release, cs.previous_release, cs.planned_apply_at,
  cs.received_at, cs.state, cs.resource_count, e.id, e.contract_digest, e.at, e.verdict, e.finding_count,
  e.error_count, e.critical_count, e.high_count, e.medium_count, e.low_count, e.info_count, e.advisory_count,
  e.approval_count, e.deny_count, e.mandatory_count
FROM (SELECT rowid AS rid, received_at FROM change_sets WHERE ${where}
      ORDER BY received_at DESC, rowid DESC LIMIT @limit OFFSET @offset) AS page
JOIN change_sets cs ON cs.rowid = page.rid
LEFT JOIN evaluations e ON e.id = (SELECT max(id) FROM evaluations WHERE change_set_digest = cs.digest)
ORDER BY page.received_at DESC, page.rid DESC`;
}

export const INBOX_SQL = inboxSql('state = @state');
export const INBOX_BY_VENDOR_SQL = inboxSql('vendor = @vendor AND state = @state');

type InboxRow = [
  digest: string, vendor: string, app: string, install: string, release: string, previousRelease: string,
  plannedApplyAt: string, receivedAt: string, state: ChangeSetState, resourceCount: number,
  evaluationId: number | null, contractDigest: string, at: string, verdict: Verdict, findingCount: number, errorCount: number,
  critical: number, high: number, medium: number, low: number, info: number,
  advisory: number, approval: number, deny: number, mandatory: number,
];

/** The desktop inbox: change sets in one state (pending by default), newest first, with their latest verdict. */
export class Inbox {
  private readonly allStmt;
  private readonly byVendorStmt;
  private readonly countStmt;
  private readonly countByVendorStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<{ state: string; limit: number; offset: number }, InboxRow>(INBOX_SQL).raw(true);
    this.byVendorStmt = db.prepare<{ state: string; vendor: string; limit: number; offset: number }, InboxRow>(INBOX_BY_VENDOR_SQL).raw(true);
    this.countStmt = db.prepare<[string], number>('SELECT count(*) FROM change_sets WHERE state = ?').pluck();
    this.countByVendorStmt = db.prepare<[string, string], number>('SELECT count(*) FROM change_sets WHERE vendor = ? AND state = ?').pluck();
  }

  list(query: InboxQuery = {}): InboxPage {
    const state = query.state ?? 'pending';
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.trunc(query.limit ?? DEFAULT_PAGE)));
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const vendor = query.vendor;
    const rows = vendor === undefined ? this.allStmt.all({ state, limit, offset }) : this.byVendorStmt.all({ state, vendor, limit, offset });
    const total = vendor === undefined ? this.countStmt.get(state) : this.countByVendorStmt.get(vendor, state);
    return { total: total ?? 0, items: rows.map(toInboxItem) };
  }
}

function toInboxItem(r: InboxRow): InboxItem {
  return {
    digest: r[0],
    vendor: r[1],
    app: r[2],
    install: r[3],
    release: r[4],
    previousRelease: r[5],
    plannedApplyAt: r[6],
    receivedAt: r[7],
    state: r[8],
    resourceCount: r[9],
    latestEvaluation:
      r[10] === null
        ? null
        : {
            id: r[10],
            contractDigest: r[11],
            at: r[12],
            verdict: r[13],
            findingCount: r[14],
            errorCount: r[15],
            bySeverity: { critical: r[16], high: r[17], medium: r[18], low: r[19], info: r[20] },
            byEnforcement: { advisory: r[21], approval: r[22], deny: r[23], mandatory: r[24] },
          },
  };
}
