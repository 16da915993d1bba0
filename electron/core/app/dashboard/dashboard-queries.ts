/**
 * The dashboard's reads, in SQL over the summary rows kept at write time (store migration
 * "issue 12, dashboard"): dashboard_release_counts (each change set's LATEST evaluation's severity
 * and enforcement counts, per release), dashboard_current_policy for the most-violated policies, and the covering
 * index dashboard_change_sets for everything scoped by vendor / install. One statement per scope
 * kind, so SQLite plans each with its index (an `(@x IS NULL OR col = @x)` filter would not).
 */
import type { Db } from '../../store/open-database';

export interface Scope {
  readonly vendor?: string;
  readonly install?: string;
}

type ScopeKind = 'all' | 'vendor' | 'install';
const kindOf = (s: Scope): ScopeKind => (s.install !== undefined && s.vendor !== undefined ? 'install' : s.vendor !== undefined ? 'vendor' : 'all');
const WHERE: Record<ScopeKind, string> = { all: '1 = 1', vendor: 'cs.vendor = @vendor', install: 'cs.vendor = @vendor AND cs.install = @install' };
/** Scope over the summary tables (vendor / install columns). */
const POLICY_WHERE: Record<ScopeKind, string> = { all: '1 = 1', vendor: 'vendor = @vendor', install: 'vendor = @vendor AND install = @install' };

export interface ReleaseRow {
  readonly release: string;
  readonly receivedAt: string;
  readonly changeSets: number;
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly info: number;
  readonly advisory: number;
  readonly approval: number;
  readonly deny: number;
  readonly mandatory: number;
}

export interface DecidedRow {
  readonly release: string;
  readonly install: string;
  readonly state: 'approved' | 'rejected';
  readonly decidedAt: string;
  readonly hours: number;
}

export interface PolicyRow {
  readonly policy: string;
  readonly findings: number;
  readonly changeSets: number;
}

export interface ExceptionRow {
  readonly id: number;
  readonly statementDigest: string;
  /** The request's envelope as stored (the signed copies are read by exception-checks.ts). */
  readonly envelope: string;
  readonly changeSetDigest: string | null;
  readonly policy: string;
  readonly resourcePattern: string;
  readonly expiresAt: string | null;
  readonly vendor: string | null;
  readonly install: string | null;
  readonly release: string | null;
}

/** The most releases a trend shows (the latest ones). */
export const TREND_RELEASES = 100;
/** Decided change sets listed for the lead-time chart (the latest ones). */
export const RECENT_DECISIONS = 50;
export const TOP_POLICIES = 10;

const sql = {
  count: (k: ScopeKind) => `SELECT count(*) AS n FROM change_sets cs WHERE ${WHERE[k]}`,
  // Every change set counts, superseded ones too (an earlier release replaced by a newer one is
  // still history); a release re-sent as several change sets shows their number (changeSets).
  releases: (k: ScopeKind) => `SELECT release, receivedAt, changeSets, critical, high, medium, low, info, advisory, approval, deny, mandatory FROM (
  SELECT release, min(received_at) AS receivedAt, sum(change_sets) AS changeSets, sum(critical) AS critical, sum(high) AS high,
    sum(medium) AS medium, sum(low) AS low, sum(info) AS info, sum(advisory) AS advisory, sum(approval) AS approval, sum(deny) AS deny, sum(mandatory) AS mandatory
  FROM dashboard_release_counts WHERE ${POLICY_WHERE[k]}
  GROUP BY release HAVING sum(change_sets) > 0 ORDER BY receivedAt DESC, release DESC LIMIT ${TREND_RELEASES}) ORDER BY receivedAt, release`,
  leadHours: (k: ScopeKind) => `SELECT max(0, (julianday(cs.state_changed_at) - julianday(cs.received_at)) * 24) AS hours
  FROM change_sets cs INDEXED BY dashboard_change_sets WHERE ${WHERE[k]} AND cs.state IN ('approved', 'rejected') ORDER BY hours`,
  recentDecided: (k: ScopeKind) => `SELECT release, install, state, decidedAt, hours FROM (
  SELECT cs.release AS release, cs.install AS install, cs.state AS state, cs.state_changed_at AS decidedAt,
    max(0, (julianday(cs.state_changed_at) - julianday(cs.received_at)) * 24) AS hours
  FROM change_sets cs INDEXED BY dashboard_change_sets WHERE ${WHERE[k]} AND cs.state IN ('approved', 'rejected')
  ORDER BY cs.state_changed_at DESC, cs.digest DESC LIMIT ${RECENT_DECISIONS}) ORDER BY decidedAt, release`,
  policies: (k: ScopeKind) => `SELECT policy, sum(findings) AS findings, sum(change_sets) AS changeSets FROM dashboard_current_policy
  WHERE ${POLICY_WHERE[k]} GROUP BY policy HAVING sum(findings) > 0 ORDER BY findings DESC, policy LIMIT ${TOP_POLICIES}`,
  vendors: 'SELECT DISTINCT vendor, install FROM change_sets INDEXED BY dashboard_change_sets ORDER BY vendor, install',
  exceptions: `SELECT x.id AS id, x.statement_digest AS statementDigest, x.envelope AS envelope, x.change_set_digest AS changeSetDigest, x.policy AS policy, x.resource_pattern AS resourcePattern, x.expires_at AS expiresAt,
  cs.vendor AS vendor, cs.install AS install, cs.release AS release
  FROM exceptions x LEFT JOIN change_sets cs ON cs.digest = x.change_set_digest ORDER BY x.id`,
};

function params(s: Scope): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.vendor !== undefined) out.vendor = s.vendor;
  if (s.vendor !== undefined && s.install !== undefined) out.install = s.install;
  return out;
}

interface NoParams { all(): unknown[] }

/** The dashboard's prepared statements of one workspace database. */
export class DashboardQueries {
  private readonly cache = new Map<string, ReturnType<Db['prepare']>>();
  constructor(private readonly db: Db) {}

  private stmt(key: string, text: string): ReturnType<Db['prepare']> {
    let s = this.cache.get(key);
    if (!s) {
      s = this.db.prepare(text);
      this.cache.set(key, s);
    }
    return s;
  }

  changeSetCount(scope: Scope): number {
    const k = kindOf(scope);
    return (this.stmt(`count:${k}`, sql.count(k)).get(params(scope)) as { n: number }).n;
  }

  /** Findings per release (latest evaluation of each of its change sets), oldest release first. */
  releases(scope: Scope): readonly ReleaseRow[] {
    const k = kindOf(scope);
    return this.stmt(`releases:${k}`, sql.releases(k)).all(params(scope)) as ReleaseRow[];
  }

  /** Hours from received to final decision of every decided change set, ascending. */
  leadHours(scope: Scope): readonly number[] {
    const k = kindOf(scope);
    return (this.stmt(`lead:${k}`, sql.leadHours(k)).raw(true).all(params(scope)) as [number][]).map((r) => r[0]);
  }

  recentDecided(scope: Scope): readonly DecidedRow[] {
    const k = kindOf(scope);
    return this.stmt(`recent:${k}`, sql.recentDecided(k)).all(params(scope)) as DecidedRow[];
  }

  /** Policies by findings in the change sets' latest evaluations (shadow findings weigh nothing). */
  mostViolated(scope: Scope): readonly PolicyRow[] {
    const k = kindOf(scope);
    return this.stmt(`policies:${k}`, sql.policies(k)).all(params(scope)) as PolicyRow[];
  }

  vendorInstalls(): readonly { readonly vendor: string; readonly install: string }[] {
    return (this.stmt('vendors', sql.vendors) as unknown as NoParams).all() as { vendor: string; install: string }[];
  }

  /** Every recorded exception with the change set it is tied to (null: contract-wide). */
  exceptions(): readonly ExceptionRow[] {
    return (this.stmt('exceptions', sql.exceptions) as unknown as NoParams).all() as ExceptionRow[];
  }
}

const queriesOf = new WeakMap<Db, DashboardQueries>();
export function dashboardQueries(db: Db): DashboardQueries {
  let q = queriesOf.get(db);
  if (!q) {
    q = new DashboardQueries(db);
    queriesOf.set(db, q);
  }
  return q;
}
