// `npm run bench -- dashboard`: the dashboard's vendor-wide queries on a generated workspace of
// 10,000 change sets and 1,000,000 findings (issue 12; target < 100 ms each). The workspace is
// created with the real migrations and filled with the store's own INSERT statements in SQL (the
// dashboard's summary rows are kept by the store's triggers and its per-evaluation summary write,
// as on the real write path); 10% of
// the change sets are evaluated twice, so every query joins with the LATEST evaluation. Figures
// are printed, never asserted: the median of 7 runs after one warm-up, and the first (cold) run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { dashboard, dashboardQueries } from '../../electron/core/app/dashboard';
import type { DashboardScope } from '../../electron/core/app/dashboard';
import { importContract, trustKey } from '../../electron/core/app';
import { judgingRevision, resolveRevision } from '../../electron/core/app/current-contract';
import { forgetExceptionChecks } from '../../electron/core/app/dashboard/exception-checks';
import { createException, exportPublicKey, generateReviewerKey } from '../../electron/core/signing';
import { initWorkspace } from '../../electron/core/store';
import type { Workspace } from '../../electron/core/store';
import { currentAuditHead } from '../../electron/core/store/audit-heads';
import { fillDashboardWorkspace } from '../../electron/core/testing/dashboard-workspace';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CHANGE_SETS = 10_000;
const FINDINGS = 1_000_000;
const TARGET_MS = 100;

const line = (label: string, value: string, target = ''): void => console.log(`  ${label.padEnd(58)} ${value.padStart(12)}  ${target}`);

function timed(run: () => unknown): { cold: number; median: number } {
  let t = performance.now();
  run();
  const cold = performance.now() - t;
  const xs: number[] = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    run();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { cold, median: xs[3]! };
}

const dir = join(root, '.bench-data', 'dashboard');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const ws = initWorkspace(join(dir, 'workspace.db'));
console.log(`dashboard: ${CHANGE_SETS.toLocaleString('en')} change sets, ${FINDINGS.toLocaleString('en')} findings (target < ${TARGET_MS} ms per query)`);
const t = performance.now();
const made = fillDashboardWorkspace(ws.db, { changeSets: CHANGE_SETS, findings: FINDINGS, seed: 12 });
line('generate (SQL through the store triggers and summary write)', `${((performance.now() - t) / 1000).toFixed(1)} s`);
const signedExceptions = addSignedExceptions(ws, 50);
line('signed exceptions (verified by the dashboard) / unsigned rows', `${signedExceptions} / ${CHANGE_SETS / 200}`);
ws.db.pragma('optimize');
const counts = ws.db.prepare('SELECT (SELECT count(*) FROM change_sets) AS cs, (SELECT count(*) FROM evaluations) AS ev, (SELECT count(*) FROM findings) AS f').get() as { cs: number; ev: number; f: number };
line('rows: change sets / evaluations / findings', `${counts.cs} / ${counts.ev} / ${counts.f}`);

const q = dashboardQueries(ws.db);
const scopes: [string, DashboardScope][] = [
  ['every vendor', {}],
  [`vendor ${made.biggestVendor} (${made.biggestVendorChangeSets} change sets)`, { vendor: made.biggestVendor }],
  [`install ${made.biggestVendor}/${made.someInstall}`, { vendor: made.biggestVendor, install: made.someInstall }],
];
let worst = 0;
for (const [label, scope] of scopes) {
  console.log(`  ${label}:`);
  const queries: [string, () => unknown][] = [
    ['findings per release (summary rows)', () => q.releases(scope)],
    ['approval lead time (all decided)', () => q.leadHours(scope)],
    ['approval lead time (latest 50)', () => q.recentDecided(scope)],
    ['most-violated policies (summary rows)', () => q.mostViolated(scope)],
    ['change sets in scope', () => q.changeSetCount(scope)],
    ['whole dashboard() (+ exceptions, selectors)', () => dashboard(ws, scope)],
    ['whole dashboard(), exceptions judged afresh (no cache)', () => { forgetExceptionChecks(ws); return dashboard(ws, scope); }],
  ];
  for (const [name, run] of queries) {
    const r = timed(run);
    worst = Math.max(worst, r.median);
    line(`    ${name}`, `${r.median.toFixed(1)} ms`, `cold ${r.cold.toFixed(1)} ms ${r.median < TARGET_MS ? '(< 100 ms: ok)' : '(OVER 100 ms)'}`);
  }
}
/**
 * Real exceptions for the dashboard to verify (issue 12): a default contract (the demo's, for
 * every vendor, one signature per exception), a trusted co-reviewer key, and `count` exceptions
 * it signed, each on its own change set (the generated rows without a signature stay, unverified).
 */
function addSignedExceptions(w: Workspace, count: number): number {
  const text = readFileSync(join(root, 'electron/demo/contract.yaml'), 'utf8').replace(/^  vendor: .*\n/m, '').replace('exceptionQuorum: 2', 'exceptionQuorum: 1');
  writeFileSync(join(dir, 'contract.yaml'), text);
  importContract(w, join(dir, 'contract.yaml'), 'bench');
  const key = generateReviewerKey();
  trustKey(w, { pem: exportPublicKey(key.publicKey).pem, source: 'bench.pem', name: 'Bench co-reviewer' });
  const contract = resolveRevision(judgingRevision(w, { vendor: 'vendor-0', install: 'install-0' })!).contract;
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const changeSetDigest = `sha256:${(i * 200 + 100).toString(16).padStart(64, '0')}`;
    const expires = new Date(now + ((i % 30) + 1) * 86_400_000);
    const signed = createException({
      contract, changeSetDigest, waives: [{ policy: 'db-no-replace', address: `aws_s3_bucket.b${i}` }], expires, justification: 'bench',
      requester: { privateKey: key.privateKey, name: 'Bench co-reviewer' }, auditHead: currentAuditHead(w),
    });
    w.attestations.recordException({
      statementDigest: signed.digest, envelope: JSON.stringify(signed.envelope), policy: 'db-no-replace', resourcePattern: `aws_s3_bucket.b${i}`,
      changeSetDigest, expiresAt: expires.toISOString(), justification: 'bench', requester: 'Bench co-reviewer', keyId: key.keyId,
    });
  }
  return count;
}

const naive = timed(() => ws.db.prepare(`SELECT f.policy, count(*) FROM change_sets cs JOIN evaluations e ON e.id = (SELECT max(id) FROM evaluations WHERE change_set_digest = cs.digest)
  JOIN findings f ON f.evaluation_id = e.id WHERE f.shadow = 0 GROUP BY f.policy ORDER BY 2 DESC LIMIT 10`).all());
line('  for comparison: most-violated over the findings table', `${naive.median.toFixed(1)} ms`, 'what the summary rows save');
line('slowest query (median)', `${worst.toFixed(1)} ms`, worst < TARGET_MS ? 'target < 100 ms: met' : 'target < 100 ms: MISSED');
ws.close();
rmSync(dir, { recursive: true, force: true });
