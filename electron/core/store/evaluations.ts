import { evaluationDigest } from '../hashing/canonical-digest';
import { NotFoundError } from '../model/errors';
import type { Evaluation, Finding, FindingStatus } from '../model/finding';
import type { AuditLog } from './audit-log';
import { DashboardCounts } from './dashboard-counts';
import { FINDING_COLUMNS, storedFindingOf, toStoredEvaluation, toStoredFinding, toStoredFindingRaw } from './evaluation-rows';
import type { EvaluationRow, FindingRow } from './evaluation-rows';
import type { Db } from './open-database';
import type { FindingsPage, StoredEvaluation, StoredFinding, WriteResult } from './types';
import { writeTransaction } from './write-transaction';

export interface RecordEvaluationInput {
  readonly changeSetDigest: string;
  readonly contractDigest: string;
  readonly evaluation: Evaluation;
  /** Defaults to the engine's evaluationDigest(evaluation), what an approval names. */
  readonly digest?: string;
}

export interface FindingsQuery {
  readonly offset?: number;
  /** 1..1000, default 100. */
  readonly limit?: number;
  readonly status?: FindingStatus;
  readonly policy?: string;
}

const MAX_PAGE = 1000;

/** Rows per INSERT of findings: 19 parameters each, well under SQLite's 32,766. */
const FINDINGS_PER_INSERT = 200;
const FINDING_VALUES = `(${Array.from({ length: 19 }, () => '?').join(', ')})`;

/** Evaluations and their findings; immutable once recorded. */
export class EvaluationRepository {
  private readonly insertStmt;
  private readonly insertFindings;
  private readonly insertFindingsBatch;
  private readonly byIdStmt;
  private readonly byDigestStmt;
  private readonly latestStmt;
  private readonly latestForContractStmt;
  private readonly listStmt;
  private readonly changeSetExists;
  private readonly flaggedStmt;
  private readonly allFindingsStmt;
  private readonly dashboardCounts;
  private readonly pageStmts = new Map<string, { count: ReturnType<Db['prepare']>; page: ReturnType<Db['prepare']> }>();

  constructor(private readonly db: Db, private readonly audit: AuditLog, private readonly now: () => Date) {
    this.insertStmt = db.prepare(`INSERT INTO evaluations (change_set_digest, contract_digest, engine_version, at, evaluated_at,
      verdict, digest, summary, finding_count, error_count, critical_count, high_count, medium_count, low_count, info_count,
      advisory_count, approval_count, deny_count, mandatory_count)
      VALUES (@change_set_digest, @contract_digest, @engine_version, @at, @evaluated_at, @verdict, @digest, @summary,
      @finding_count, @error_count, @critical, @high, @medium, @low, @info, @advisory, @approval, @deny, @mandatory)`);
    this.insertFindings = (rows: number) => db.prepare<unknown[]>(`INSERT INTO findings (evaluation_id, policy, title, address, source, type, action, drift,
      status, enforcement, severity, message, file, line, "column", origin, remediation, shadow, also_policies)
      VALUES ${Array.from({ length: rows }, () => FINDING_VALUES).join(', ')}`);
    this.insertFindingsBatch = this.insertFindings(FINDINGS_PER_INSERT);
    this.byIdStmt = db.prepare<[number], EvaluationRow>('SELECT * FROM evaluations WHERE id = ?');
    this.allFindingsStmt = db.prepare<[number], unknown[]>(`SELECT ${FINDING_COLUMNS} FROM findings WHERE evaluation_id = ? ORDER BY id`).raw(true);
    this.byDigestStmt = db.prepare<[string, string, string, string], EvaluationRow>(
      'SELECT * FROM evaluations WHERE change_set_digest = ? AND contract_digest = ? AND digest = ? AND at = ?',
    );
    this.latestStmt = db.prepare<[string], EvaluationRow>('SELECT * FROM evaluations WHERE change_set_digest = ? ORDER BY id DESC LIMIT 1');
    this.latestForContractStmt = db.prepare<[string, string], EvaluationRow>(
      'SELECT * FROM evaluations WHERE change_set_digest = ? AND contract_digest = ? ORDER BY id DESC LIMIT 1',
    );
    this.listStmt = db.prepare<[string], EvaluationRow>('SELECT * FROM evaluations WHERE change_set_digest = ? ORDER BY id');
    // Each change set's current (latest) evaluation, found by a max() seek on (change_set_digest, id),
    // joined to its findings through (evaluation_id, policy, id): no re-evaluation, no JSON.
    this.flaggedStmt = db.prepare<{ vendor: string | null; install: string | null; contract: string | null }, [string, number, number]>(`SELECT f.policy, cs.state = 'pending', count(DISTINCT cs.digest)
FROM change_sets cs
JOIN evaluations e ON e.id = (SELECT max(id) FROM evaluations WHERE change_set_digest = cs.digest)
JOIN findings f ON f.evaluation_id = e.id
WHERE (@vendor IS NULL OR cs.vendor = @vendor) AND (@install IS NULL OR cs.install = @install)
  AND (@contract IS NULL OR e.contract_digest IN (SELECT digest FROM contract_revisions WHERE contract = @contract))
GROUP BY f.policy, cs.state = 'pending'`).raw(true);
    this.changeSetExists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM change_sets WHERE digest = ?');
    this.dashboardCounts = new DashboardCounts(db);
  }

  /**
   * Records an evaluation with all its findings and one audit entry, in one transaction. The
   * same evaluation (change set, contract, digest and time) recorded twice is stored once.
   */
  recordEvaluation(input: RecordEvaluationInput): WriteResult<StoredEvaluation> & { readonly findings?: readonly StoredFinding[] } {
    const ev = input.evaluation;
    const digest = input.digest ?? evaluationDigest(ev);
    return writeTransaction(this.db, () => {
      if (!this.changeSetExists.get(input.changeSetDigest)) {
        throw new NotFoundError(input.changeSetDigest, 'no change set with this digest in the workspace (import it first)');
      }
      const existing = this.byDigestStmt.get(input.changeSetDigest, input.contractDigest, digest, ev.at);
      if (existing) return { created: false, value: toStoredEvaluation(existing) };
      const count = (pred: (f: Finding) => boolean): number => ev.findings.filter(pred).length;
      const { lastInsertRowid } = this.insertStmt.run({
        change_set_digest: input.changeSetDigest,
        contract_digest: input.contractDigest,
        engine_version: ev.engineVersion,
        at: ev.at,
        evaluated_at: this.now().toISOString(),
        verdict: ev.verdict,
        digest,
        summary: JSON.stringify(ev.summary),
        finding_count: ev.findings.length,
        error_count: count((f) => f.status === 'error'),
        critical: count((f) => f.severity === 'critical'),
        high: count((f) => f.severity === 'high'),
        medium: count((f) => f.severity === 'medium'),
        low: count((f) => f.severity === 'low'),
        info: count((f) => f.severity === 'info'),
        advisory: count((f) => f.enforcement === 'advisory' && f.shadow !== true),
        approval: count((f) => f.enforcement === 'approval' && f.shadow !== true),
        deny: count((f) => f.enforcement === 'deny' && f.shadow !== true),
        mandatory: count((f) => f.enforcement === 'mandatory' && f.shadow !== true),
      });
      const id = Number(lastInsertRowid);
      const first = this.storeFindings(id, ev.findings);
      // The findings as a read of these rows answers them (ids included), so the caller that
      // shows them next (the review after an import) does not read 7,000 rows back.
      let stored: StoredFinding[] | null = [];
      for (let i = 0; i < ev.findings.length && stored; i++) {
        const read = storedFindingOf(first + i, id, ev.findings[i]!);
        if (read) stored.push(read);
        else stored = null; // text that reads back otherwise: the caller reads the rows
      }
      this.dashboardCounts.findingsStored(id);
      this.audit.append({
        action: 'evaluation.record',
        subject: input.changeSetDigest,
        details: { evaluationId: id, digest, contract: input.contractDigest, verdict: ev.verdict, findings: ev.findings.length, engineVersion: ev.engineVersion },
      });
      const value = toStoredEvaluation(this.byIdStmt.get(id)!);
      return stored ? { created: true, value, findings: stored } : { created: true, value };
    });
  }

  /**
   * Inserts an evaluation's findings in statements of FINDINGS_PER_INSERT rows (positional
   * parameters): one statement per row made the 15k-resource plan's 7,700 findings cost about
   * twice as much (issue 11). Rows get consecutive ids in insertion order (the table's rowid is
   * the largest so far plus one, and the write transaction holds the lock): answers the first.
   */
  private storeFindings(evaluationId: number, findings: readonly Finding[]): number {
    let first: number | null = null;
    for (let at = 0; at < findings.length; at += FINDINGS_PER_INSERT) {
      const batch = findings.slice(at, at + FINDINGS_PER_INSERT);
      const values: unknown[] = [];
      for (const f of batch) {
        values.push(
          evaluationId, f.policy, f.title, f.resource.address, f.resource.source, f.resource.type, f.resource.action, f.resource.drift ? 1 : 0,
          f.status, f.enforcement, f.severity, f.message, f.location.file, f.location.line, f.location.column, f.location.origin ?? null,
          f.remediation, f.shadow === true ? 1 : 0, f.alsoPolicies !== undefined && f.alsoPolicies.length > 0 ? JSON.stringify(f.alsoPolicies) : null,
        );
      }
      const stmt = batch.length === FINDINGS_PER_INSERT ? this.insertFindingsBatch : this.insertFindings(batch.length);
      const { lastInsertRowid, changes } = stmt.run(...values);
      if (changes !== batch.length) throw new Error(`stored ${changes} of ${batch.length} findings`);
      const last = Number(lastInsertRowid);
      if (first === null) first = last - batch.length + 1;
      else if (last !== first + at + batch.length - 1) throw new Error('finding ids are not consecutive');
    }
    return first ?? 0;
  }

  /**
   * Per policy id: how many stored change sets its findings are on in their current evaluation,
   * pending and past (approved, rejected, superseded). `vendor`/`install` narrow it to the
   * change sets a contract judges (absent: every change set).
   */
  flaggedByPolicy(filter: { readonly vendor?: string; readonly install?: string; readonly contract?: string } = {}): ReadonlyMap<string, { readonly pending: number; readonly past: number }> {
    const out = new Map<string, { pending: number; past: number }>();
    for (const [policy, pending, n] of this.flaggedStmt.all({ vendor: filter.vendor ?? null, install: filter.install ?? null, contract: filter.contract ?? null })) {
      const entry = out.get(policy) ?? { pending: 0, past: 0 };
      if (pending === 1) entry.pending += n;
      else entry.past += n;
      out.set(policy, entry);
    }
    return out;
  }

  getEvaluation(id: number): StoredEvaluation | null {
    const row = this.byIdStmt.get(id);
    return row ? toStoredEvaluation(row) : null;
  }

  /** The most recent evaluation of a change set (under one contract when given). */
  latestEvaluation(changeSetDigest: string, contractDigest?: string): StoredEvaluation | null {
    const row = contractDigest === undefined ? this.latestStmt.get(changeSetDigest) : this.latestForContractStmt.get(changeSetDigest, contractDigest);
    return row ? toStoredEvaluation(row) : null;
  }

  listEvaluations(changeSetDigest: string): readonly StoredEvaluation[] {
    return this.listStmt.all(changeSetDigest).map(toStoredEvaluation);
  }

  /** One page of an evaluation's findings, in the order the engine reported them. */
  listFindings(evaluationId: number, query: FindingsQuery = {}): FindingsPage {
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.trunc(query.limit ?? 100)));
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const params: Record<string, string | number> = { evaluation_id: evaluationId, limit, offset };
    if (query.status !== undefined) params.status = query.status;
    if (query.policy !== undefined) params.policy = query.policy;
    const stmts = this.pageStatements(query.status !== undefined, query.policy !== undefined);
    const total = (stmts.count.get(params) as { n: number }).n;
    const findings = (stmts.page.all(params) as FindingRow[]).map(toStoredFinding);
    return { total, findings };
  }

  /**
   * Every finding of an evaluation, in one pass (the review's 7,000: pages of listFindings skip
   * their offset again for each page, and count each time).
   */
  allFindings(evaluationId: number): StoredFinding[] {
    return this.allFindingsStmt.all(evaluationId).map(toStoredFindingRaw);
  }

  /** One prepared pair per filter combination, prepared on first use and kept. */
  private pageStatements(byStatus: boolean, byPolicy: boolean): { count: ReturnType<Db['prepare']>; page: ReturnType<Db['prepare']> } {
    const key = `${byStatus}:${byPolicy}`;
    let stmts = this.pageStmts.get(key);
    if (!stmts) {
      const where = ['evaluation_id = @evaluation_id', ...(byStatus ? ['status = @status'] : []), ...(byPolicy ? ['policy = @policy'] : [])].join(' AND ');
      stmts = {
        count: this.db.prepare(`SELECT count(*) AS n FROM findings WHERE ${where}`),
        page: this.db.prepare(`SELECT * FROM findings WHERE ${where} ORDER BY id LIMIT @limit OFFSET @offset`),
      };
      this.pageStmts.set(key, stmts);
    }
    return stmts;
  }
}
