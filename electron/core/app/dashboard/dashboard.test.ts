import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import type { Finding } from '../../model/finding';
import { DashboardCounts } from '../../store/dashboard-counts';
import { MIGRATIONS } from '../../store/schema';
import type { ChangeSetState, Workspace } from '../../store';
import { propertyRuns } from '../../testing/property-runs';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../../testing/store-fixtures';
import { dashboardQueries } from './dashboard-queries';
import { dashboard, quantile } from './dashboard';

const CONTRACT = 'sha256:' + 'c'.repeat(64);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const ENFORCEMENTS = ['advisory', 'approval', 'deny', 'mandatory'] as const;
const STATES: readonly ChangeSetState[] = ['pending', 'approved', 'rejected', 'superseded'];

const finding = fc.record({ policy: fc.constantFrom('p-a', 'p-b', 'p-c', 'p-d'), severity: fc.constantFrom(...SEVERITIES), enforcement: fc.constantFrom(...ENFORCEMENTS), shadow: fc.boolean() });
/** A random history: change sets of random vendors/installs/releases, evaluations (re-evaluations), state changes (decisions, withdrawals). */
const step = fc.oneof(
  fc.record({ kind: fc.constant('import' as const), n: fc.integer({ min: 1, max: 12 }), vendor: fc.constantFrom('V1', 'V2') }),
  fc.record({ kind: fc.constant('evaluate' as const), which: fc.nat(), findings: fc.array(finding, { maxLength: 8 }) }),
  fc.record({ kind: fc.constant('state' as const), which: fc.nat(), state: fc.constantFrom(...STATES) }),
);

function findingsOf(spec: readonly { policy: string; severity: Finding['severity']; enforcement: Finding['enforcement']; shadow: boolean }[], at: string) {
  const base = syntheticEvaluation(spec.length, { at });
  return { ...base, findings: base.findings.map((f, i) => ({ ...f, policy: spec[i]!.policy, severity: spec[i]!.severity, enforcement: spec[i]!.enforcement, ...(spec[i]!.shadow ? { shadow: true as const } : {}) })) };
}

/** The figures computed the slow, obvious way from every stored row. */
function naive(ws: Workspace, scope: { vendor?: string; install?: string }) {
  const rows = ws.db.prepare('SELECT digest, vendor, install, release, received_at, state, state_changed_at FROM change_sets').all() as { digest: string; vendor: string; install: string; release: string; received_at: string; state: string; state_changed_at: string }[];
  const inScope = rows.filter((r) => (scope.vendor === undefined || r.vendor === scope.vendor) && (scope.install === undefined || r.install === scope.install));
  const releases = new Map<string, { release: string; receivedAt: string; changeSets: number; bySeverity: Record<string, number>; byEnforcement: Record<string, number> }>();
  const policies = new Map<string, { findings: number; changeSets: number }>();
  for (const cs of inScope) {
    const evaluations = ws.evaluations.listEvaluations(cs.digest);
    const latest = evaluations.at(-1);
    if (!latest) continue;
    const fs = ws.evaluations.allFindings(latest.id);
    const r = releases.get(cs.release) ?? { release: cs.release, receivedAt: cs.received_at, changeSets: 0, bySeverity: {}, byEnforcement: {} };
    r.changeSets++;
    if (cs.received_at < r.receivedAt) r.receivedAt = cs.received_at;
    for (const f of fs) {
      r.bySeverity[f.severity] = (r.bySeverity[f.severity] ?? 0) + 1;
      if (!f.shadow) r.byEnforcement[f.enforcement] = (r.byEnforcement[f.enforcement] ?? 0) + 1;
    }
    releases.set(cs.release, r);
    const seen = new Set<string>();
    for (const f of fs.filter((x) => !x.shadow)) {
      const p = policies.get(f.policy) ?? { findings: 0, changeSets: 0 };
      p.findings++;
      if (!seen.has(f.policy)) p.changeSets++;
      seen.add(f.policy);
      policies.set(f.policy, p);
    }
  }
  const hours = inScope.filter((r) => r.state === 'approved' || r.state === 'rejected')
    .map((r) => Math.max(0, (Date.parse(r.state_changed_at) - Date.parse(r.received_at)) / 3_600_000)).sort((a, b) => a - b);
  return {
    releases: [...releases.values()].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.release.localeCompare(b.release))
      .map((r) => ({ release: r.release, receivedAt: r.receivedAt, changeSets: r.changeSets, ...Object.fromEntries(SEVERITIES.map((s) => [s, r.bySeverity[s] ?? 0])), ...Object.fromEntries(ENFORCEMENTS.map((e) => [e, r.byEnforcement[e] ?? 0])) })),
    policies: [...policies].map(([policy, p]) => ({ policy, ...p })).sort((a, b) => b.findings - a.findings || a.policy.localeCompare(b.policy)),
    hours,
    changeSets: inScope.length,
  };
}

describe('dashboard queries', () => {
  test('match a naive computation over every stored row, after imports, re-evaluations, decisions and withdrawals (property)', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
      const t = tempWorkspace();
      try {
        const digests: string[] = [];
        let clock = 0;
        for (const s of steps) {
          if (s.kind === 'import') {
            const { source, changeSet } = syntheticChangeSet(s.n, { vendor: s.vendor });
            if (t.ws.changeSets.getChangeSet(changeSet.digest)) continue;
            t.ws.changeSets.importChangeSet(source, changeSet);
            digests.push(changeSet.digest);
          } else if (digests.length > 0) {
            const digest = digests[s.which % digests.length]!;
            if (s.kind === 'evaluate') t.ws.evaluations.recordEvaluation({ changeSetDigest: digest, contractDigest: CONTRACT, evaluation: findingsOf(s.findings, new Date(Date.UTC(2026, 10, 1) + ++clock * 1000).toISOString()) });
            else t.ws.changeSets.setChangeSetState(digest, s.state); // approved / rejected = a final decision; back to pending = a withdrawal
          }
        }
        for (const scope of [{}, { vendor: 'V1' }, { vendor: 'V2', install: 'prod-1' }]) {
          const want = naive(t.ws, scope);
          const q = dashboardQueries(t.ws.db);
          assert.deepEqual(q.releases(scope).map((r) => ({ ...r })), want.releases);
          assert.deepEqual(q.mostViolated(scope).map((r) => ({ ...r })), want.policies.slice(0, 10));
          assert.deepEqual(q.leadHours(scope).map((h) => Math.round(h * 1000)), want.hours.map((h) => Math.round(h * 1000)));
          assert.equal(q.changeSetCount(scope), want.changeSets);
        }
      } finally {
        t.cleanup();
      }
    }), { numRuns: propertyRuns(60) });
  });

  test('the migration backfills the summary rows of a workspace written before it; later evaluations keep them right', () => {
    const db = new Database(':memory:');
    try {
      const before = 12; // migration 13 (dashboard summary rows) and every later one run on the rows below
      for (const m of MIGRATIONS.slice(0, before)) db.exec(m);
      db.exec(`INSERT INTO change_sets (digest, vendor, app, install, release, previous_release, created_at, planned_apply_at, description, install_id, origin, manifest, artifacts, received_at, state, state_changed_at, resource_count, file_count, total_bytes)
        VALUES ('d1', 'V', 'a', 'i', '1.0', '', 't', 't', '', NULL, 'o', NULL, '[]', '2026-01-01T00:00:00Z', 'pending', '2026-01-01T00:00:00Z', 1, 1, 1)`);
      const ev = db.prepare(`INSERT INTO evaluations (change_set_digest, contract_digest, engine_version, at, evaluated_at, verdict, digest, summary, finding_count, error_count,
        critical_count, high_count, medium_count, low_count, info_count, advisory_count, approval_count, deny_count, mandatory_count) VALUES ('d1', 'c', 'e', ?, 't', 'pass', ?, '{}', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`);
      const f = db.prepare(`INSERT INTO findings (evaluation_id, policy, title, address, source, type, action, drift, status, enforcement, severity, message, file, line, "column", origin, remediation, shadow)
        VALUES (?, ?, 't', 'a', 's', 't', 'update', 0, 'fail', 'deny', 'high', 'm', 'f', 1, 1, NULL, 'r', ?)`);
      const old = Number(ev.run('t1', 'x1').lastInsertRowid);
      f.run(old, 'stale', 0);
      const latest = Number(ev.run('t2', 'x2').lastInsertRowid);
      f.run(latest, 'p', 0); f.run(latest, 'p', 0); f.run(latest, 'q', 0); f.run(latest, 'shadowed', 1);
      for (const m of MIGRATIONS.slice(before)) db.exec(m);
      assert.deepEqual(dashboardQueries(db).mostViolated({}).map((r) => ({ ...r })), [{ policy: 'p', findings: 2, changeSets: 1 }, { policy: 'q', findings: 1, changeSets: 1 }]);
      // One change set counted once (its latest evaluation), not once per evaluation.
      assert.deepEqual(dashboardQueries(db).releases({ vendor: 'V' }).map((r) => [r.release, r.receivedAt, r.changeSets]), [['1.0', '2026-01-01T00:00:00Z', 1]]);
      // A new evaluation on the migrated file, written as the store writes one (findings, then its summary rows): only it counts.
      const next = Number(ev.run('t3', 'x3').lastInsertRowid);
      f.run(next, 'q', 0); f.run(next, 'r', 0); f.run(next, 'r', 1);
      new DashboardCounts(db).findingsStored(next);
      assert.deepEqual(dashboardQueries(db).mostViolated({}).map((r) => ({ ...r })), [{ policy: 'q', findings: 1, changeSets: 1 }, { policy: 'r', findings: 1, changeSets: 1 }]);
      assert.deepEqual(dashboardQueries(db).releases({ vendor: 'V' }).map((r) => [r.release, r.changeSets]), [['1.0', 1]]);
    } finally {
      db.close();
    }
  });

  test('quantile is the nearest rank of ascending values, null when none', () => {
    assert.equal(quantile([], 0.5), null);
    assert.equal(quantile([5], 0.9), 5);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2);
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
  });

  test('exception rows without a verifying signature are never in force, whatever their columns say (verified ones: exception-checks.test.ts)', () => {
    const t = tempWorkspace();
    try {
      const now = new Date('2026-11-20T00:00:00Z');
      const x = t.ws.db.prepare(`INSERT INTO exceptions (statement_digest, envelope, policy, resource_pattern, change_set_digest, expires_at, justification, requester, created_at) VALUES (?, '{}', ?, '*', NULL, ?, 'j', 'r', 't')`);
      x.run('s1', 'expired', '2026-11-19T00:00:00Z');
      x.run('s2', 'soon', '2026-11-22T00:00:00Z');
      x.run('s3', 'later', '2027-02-01T00:00:00Z');
      x.run('s4', 'garbled', 'not a date');
      const e = dashboard(t.ws, {}, now).exceptions;
      assert.deepEqual(e.list, []);
      assert.equal(e.inForce, 0);
      assert.equal(e.expiringSoon, 0);
      assert.equal(e.notCounted, 4);
    } finally {
      t.cleanup();
    }
  });

  test('names from vendor metadata are escaped for display; the selectors keep the stored name to query with', () => {
    const t = tempWorkspace();
    try {
      const hostile = 'Evil\u202Ecorp\u001b[31m';
      const { source, changeSet } = syntheticChangeSet(3, { vendor: hostile });
      t.ws.changeSets.importChangeSet(source, changeSet);
      t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation: syntheticEvaluation(2) });
      const d = dashboard(t.ws, { vendor: hostile });
      assert.deepEqual(d.vendors.map((v) => [v.vendor, v.label]), [[hostile, 'Evil\\u{202E}corp\\x1b[31m']]);
      assert.equal(d.changeSets, 1);
      assert.equal(d.releases.length, 1);
    } finally {
      t.cleanup();
    }
  });
});
