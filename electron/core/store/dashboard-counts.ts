import type { Db } from './open-database';

/**
 * The dashboard's per-policy summary rows of one evaluation (migrations 13 and 14), written once
 * its findings are stored: one grouped insert per evaluation instead of a trigger per finding
 * (7,700 trigger runs cost an import of the 15k-resource plan about a quarter of a second).
 * - dashboard_policy_counts: the evaluation's non-shadow findings per policy;
 * - dashboard_current_policy: when it is its change set's latest evaluation, those counts are
 *   added to its vendor/install's rows (one change set per policy). The evaluations trigger
 *   (migration 13) has already taken the previous latest evaluation's counts out.
 * Every write of findings calls this in the same transaction (the store's recordEvaluation, the
 * dashboard bench's fixture); an evaluation's findings are never written in two parts.
 */
export class DashboardCounts {
  private readonly policyCounts;
  private readonly currentPolicy;

  constructor(db: Db) {
    this.policyCounts = db.prepare<[number]>(`INSERT INTO dashboard_policy_counts (evaluation_id, policy, findings)
      SELECT evaluation_id, policy, count(*) FROM findings WHERE evaluation_id = ? AND shadow = 0 GROUP BY policy`);
    this.currentPolicy = db.prepare<[number]>(`INSERT INTO dashboard_current_policy (vendor, install, policy, findings, change_sets)
      SELECT cs.vendor, cs.install, pc.policy, pc.findings, 1
      FROM evaluations e JOIN change_sets cs ON cs.digest = e.change_set_digest JOIN dashboard_policy_counts pc ON pc.evaluation_id = e.id
      WHERE e.id = ? AND NOT EXISTS (SELECT 1 FROM evaluations later WHERE later.change_set_digest = e.change_set_digest AND later.id > e.id)
      ON CONFLICT (vendor, install, policy) DO UPDATE SET findings = findings + excluded.findings, change_sets = change_sets + 1`);
  }

  /** Adds evaluation `id`'s summary rows; call after all its findings are inserted, in their transaction. */
  findingsStored(id: number): void {
    this.policyCounts.run(id);
    this.currentPolicy.run(id);
  }
}
