/**
 * A large generated workspace for the dashboard bench (and its tests): change sets,
 * evaluations (10% of change sets evaluated twice) and findings written with the store's own
 * INSERT statements in one transaction, with the store's triggers and its per-evaluation summary
 * write (DashboardCounts), so the dashboard's summary rows are kept exactly as the real write path
 * keeps them. Deterministic for a seed. Not audited (a bench
 * fixture, never a user's workspace).
 */
import { DashboardCounts } from '../store/dashboard-counts';
import type { Db } from '../store/open-database';

export interface GeneratedDashboard {
  readonly biggestVendor: string;
  readonly biggestVendorChangeSets: number;
  readonly someInstall: string;
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const ENFORCEMENTS = ['advisory', 'approval', 'deny', 'mandatory'] as const;
const STATES = ['pending', 'approved', 'approved', 'approved', 'rejected', 'superseded'] as const;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Vendor v's share: vendor 0 gets half of all change sets, so "vendor-wide" is the big case. */
function vendorOf(i: number): number {
  return i % 2 === 0 ? 0 : 1 + (i % 9);
}

export function fillDashboardWorkspace(db: Db, options: { readonly changeSets: number; readonly findings: number; readonly seed: number }): GeneratedDashboard {
  const rnd = mulberry32(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const insertCs = db.prepare(`INSERT INTO change_sets (digest, vendor, app, install, release, previous_release, created_at,
    planned_apply_at, description, install_id, origin, manifest, artifacts, received_at, state, state_changed_at, resource_count, file_count, total_bytes)
    VALUES (@digest, @vendor, 'app', @install, @release, '', @at, @at, '', NULL, 'bench', NULL, '[]', @at, @state, @decided, 100, 1, 1000)`);
  const insertEv = db.prepare(`INSERT INTO evaluations (change_set_digest, contract_digest, engine_version, at, evaluated_at, verdict, digest, summary,
    finding_count, error_count, critical_count, high_count, medium_count, low_count, info_count, advisory_count, approval_count, deny_count, mandatory_count)
    VALUES (@cs, @contract, 'bench', @at, @at, 'needs-approval', @digest, '{}', @n, 0, @critical, @high, @medium, @low, @info, @advisory, @approval, @deny, @mandatory)`);
  const insertF = db.prepare(`INSERT INTO findings (evaluation_id, policy, title, address, source, type, action, drift, status, enforcement, severity,
    message, file, line, "column", origin, remediation, shadow) VALUES (?, ?, 'title', ?, 'terraform', 'aws_s3_bucket', 'update', 0, 'fail', ?, ?, 'message', 'plan.json', 1, 1, NULL, 'fix', ?)`);
  const insertX = db.prepare(`INSERT INTO exceptions (statement_digest, envelope, policy, resource_pattern, change_set_digest, expires_at, justification, requester, created_at)
    VALUES (?, '{}', ?, '*', ?, ?, 'bench', 'bench', ?)`);
  const dashboardCounts = new DashboardCounts(db);
  const evaluationsTotal = Math.round(options.changeSets * 1.1);
  const perEvaluation = Math.max(1, Math.round(options.findings / evaluationsTotal));
  const start = Date.parse('2024-01-01T00:00:00Z');
  let biggest = 0;
  let findingsLeft = options.findings;
  db.transaction(() => {
    for (let i = 0; i < options.changeSets; i++) {
      const v = vendorOf(i);
      if (v === 0) biggest++;
      const install = `install-${Math.floor(rnd() * 20)}`;
      const received = start + i * 3_600_000 * 2;
      const state = pick(STATES);
      const digest = `sha256:${i.toString(16).padStart(64, '0')}`;
      const decided = state === 'pending' ? received : received + Math.floor(rnd() * 96) * 3_600_000;
      insertCs.run({ digest, vendor: `vendor-${v}`, install, release: `1.${Math.floor(i / 40)}.0`, at: new Date(received).toISOString(), state, decided: new Date(decided).toISOString() });
      const evaluations = i % 10 === 0 ? 2 : 1;
      for (let k = 0; k < evaluations; k++) {
        const n = Math.min(findingsLeft, perEvaluation + (i === options.changeSets - 1 && k === evaluations - 1 ? findingsLeft : 0));
        const rows = Array.from({ length: Math.max(0, n) }, () => ({ policy: `policy-${Math.floor(rnd() * rnd() * 60)}`, enforcement: pick(ENFORCEMENTS), severity: pick(SEVERITIES), shadow: rnd() < 0.05 ? 1 : 0 }));
        findingsLeft -= rows.length;
        const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
        const { lastInsertRowid } = insertEv.run({
          cs: digest, contract: `sha256:${'c'.repeat(64)}`, at: new Date(received + k * 60_000).toISOString(), digest: `sha256:${(i * 2 + k).toString(16).padStart(64, '0')}`,
          n: rows.length, critical: count((r) => r.severity === 'critical'), high: count((r) => r.severity === 'high'), medium: count((r) => r.severity === 'medium'),
          low: count((r) => r.severity === 'low'), info: count((r) => r.severity === 'info'),
          advisory: count((r) => r.enforcement === 'advisory' && r.shadow === 0), approval: count((r) => r.enforcement === 'approval' && r.shadow === 0),
          deny: count((r) => r.enforcement === 'deny' && r.shadow === 0), mandatory: count((r) => r.enforcement === 'mandatory' && r.shadow === 0),
        });
        for (const [j, r] of rows.entries()) insertF.run(lastInsertRowid, r.policy, `aws_s3_bucket.b${j}`, r.enforcement, r.severity, r.shadow);
        dashboardCounts.findingsStored(Number(lastInsertRowid));
      }
      if (i % 200 === 0) insertX.run(`sha256:${(i + 1).toString(16).padStart(64, 'e')}`, 'policy-1', digest, new Date(Date.now() + (i % 30) * 86_400_000).toISOString(), new Date(received).toISOString());
    }
  })();
  return { biggestVendor: 'vendor-0', biggestVendorChangeSets: biggest, someInstall: 'install-3' };
}
