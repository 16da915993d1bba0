// Store benchmark: a workspace with 10,000 change sets (each with an evaluation of ~5 findings)
// and 1,000,000 audit entries, written through the real store API into a temporary folder.
// Prints: the inbox query (median, ms), one change set's findings page (median, ms) and the audit
// chain verification rate (entries/s). Data is generated in batches of ~10k rows per transaction.
// Usage: node build/bench/bench-store.mjs [--change-sets N] [--audit N] [--keep]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const store = await import('../../electron/core/store/index.ts');
const fixtures = await import('../../electron/core/testing/store-fixtures.ts');
const { INBOX_SQL } = await import('../../electron/core/store/inbox.ts');

const { values } = parseArgs({
  options: {
    'change-sets': { type: 'string', default: '10000' },
    audit: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
  },
});
const CHANGE_SETS = Number(values['change-sets']);
const AUDIT_ENTRIES = Number(values.audit);
const CONTRACT = 'sha256:' + 'c'.repeat(64);
const RUNS = 15;

const dir = mkdtempSync(join(tmpdir(), 'countersign-bench-store-'));
const path = join(dir, 'workspace.db');
const ws = store.initWorkspace(path, { actor: 'bench' });
const figure = (label, value, unit) => console.log(`  ${label.padEnd(58)} ${value}${unit ? ` ${unit}` : ''}`);
const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1);

function median(fn) {
  fn(); // warm the statement and the page cache
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)].toFixed(2);
}

/** Runs `count` steps in outer transactions of `perBatch` steps (each API write becomes a savepoint). */
function batched(count, perBatch, step) {
  for (let start = 0; start < count; start += perBatch) {
    ws.db.transaction(() => {
      for (let i = start; i < Math.min(count, start + perBatch); i++) step(i);
    })();
  }
}

try {
  console.log(`store benchmark (better-sqlite3, WAL, synchronous=FULL) in ${dir}`);

  // 1. Change sets with evaluations: ~10 rows per change set (files, evaluation, findings, audit), ~1,000 per batch.
  let t0 = performance.now();
  const digests = [];
  batched(CHANGE_SETS, 1000, (i) => {
    const { source, changeSet } = fixtures.syntheticChangeSet(i, { files: 2, bytes: 512 });
    ws.changeSets.importChangeSet(source, changeSet);
    ws.evaluations.recordEvaluation({
      changeSetDigest: changeSet.digest,
      contractDigest: CONTRACT,
      evaluation: fixtures.syntheticEvaluation(3 + (i % 5)),
    });
    digests.push(changeSet.digest);
  });
  // One large evaluation, for a findings page deep inside 2,000 findings.
  const big = fixtures.syntheticChangeSet(CHANGE_SETS, { files: 3 });
  ws.changeSets.importChangeSet(big.source, big.changeSet);
  const bigEvaluation = ws.evaluations.recordEvaluation({ changeSetDigest: big.changeSet.digest, contractDigest: CONTRACT, evaluation: fixtures.syntheticEvaluation(2000) }).value;
  const findings = ws.db.prepare('SELECT count(*) FROM findings').pluck().get();
  console.log(`generated ${CHANGE_SETS + 1} change sets with evaluations (${findings} findings) in ${seconds(t0)} s`);

  console.log('inbox query plan:');
  for (const row of ws.db.prepare(`EXPLAIN QUERY PLAN ${INBOX_SQL}`).all({ state: 'pending', limit: 200, offset: 0 })) console.log(`    ${row.detail}`);

  // 2. Inbox with every change set pending (worst case), then with a realistic 20% pending.
  // listInbox returns pages (default 200, max 1000); "whole inbox" reads every page.
  const wholeInbox = (query) => {
    let items = 0;
    for (let offset = 0; ; offset += 1000) {
      const page = ws.listInbox({ ...query, limit: 1000, offset });
      items += page.items.length;
      if (offset + 1000 >= page.total) return items;
    }
  };
  let rows = 0;
  let total = 0;
  figure(`inbox, first page, all change sets pending (median of ${RUNS})`, median(() => ({ total } = ws.listInbox())), 'ms');
  figure(`inbox, whole: ${total} pending, 1000 per page (median of ${RUNS})`, median(() => (rows = wholeInbox({}))), 'ms');
  batched(digests.length, 2000, (i) => {
    if (i % 5 !== 0) ws.changeSets.setChangeSetState(digests[i], ['approved', 'rejected', 'superseded', 'approved'][i % 4]);
  });
  figure(`inbox, first page, 20% pending (median of ${RUNS})`, median(() => ({ total } = ws.listInbox())), 'ms');
  figure(`inbox, whole: ${total} of ${CHANGE_SETS + 1} pending (median of ${RUNS})`, median(() => (rows = wholeInbox({}))), 'ms');
  figure(`inbox, one vendor (median of ${RUNS})`, median(() => (rows = ws.listInbox({ vendor: 'Vendor 3' }).total)), `ms (${rows} pending)`);

  // 3. Findings pages.
  const someEvaluation = ws.evaluations.latestEvaluation(digests[Math.floor(digests.length / 2)]);
  figure('findings page of one change set (first 50)', median(() => ws.evaluations.listFindings(someEvaluation.id, { limit: 50 })), 'ms');
  figure('findings page 21 of 40 (2,000 findings, offset 1000)', median(() => ws.evaluations.listFindings(bigEvaluation.id, { offset: 1000, limit: 50 })), 'ms');
  figure('findings page filtered by policy (2,000 findings)', median(() => ws.evaluations.listFindings(bigEvaluation.id, { policy: 'policy-2', limit: 50 })), 'ms');
  figure('latest evaluation of one change set', median(() => ws.evaluations.latestEvaluation(digests[42])), 'ms');

  // 4. Fill the audit log to AUDIT_ENTRIES, 10,000 appends per transaction.
  t0 = performance.now();
  const missing = Math.max(0, AUDIT_ENTRIES - ws.audit.count());
  batched(missing, 10_000, (i) => {
    const digest = digests[i % digests.length];
    ws.audit.append({ action: 'evaluation.record', subject: digest, details: { evaluationId: i, contract: CONTRACT, verdict: 'blocked', findings: 5 } });
  });
  const appendSeconds = (performance.now() - t0) / 1000;
  const entries = ws.audit.count();
  console.log(`appended ${missing} audit entries in ${appendSeconds.toFixed(1)} s (${Math.round(missing / appendSeconds)} entries/s, batched)`);
  ws.db.pragma('wal_checkpoint(TRUNCATE)');

  // 5. Verify the whole chain, streaming; watch the heap stay flat.
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  t0 = performance.now();
  const result = store.verifyAuditChain(ws, {
    progressEvery: 50_000,
    onProgress: () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)),
  });
  const verifySeconds = (performance.now() - t0) / 1000;
  if (!result.ok) throw new Error(`chain broken: ${JSON.stringify(result.firstBroken)}`);
  figure(`audit chain verification (${entries} entries, ${verifySeconds.toFixed(1)} s)`, Math.round(result.entries / verifySeconds), 'entries/s');
  figure('heap growth during verification (peak - start)', ((heapPeak - heapBefore) / 1048576).toFixed(1), 'MiB');
  figure('workspace file size', (statSync(path).size / 1048576).toFixed(0), 'MiB');
} finally {
  ws.close();
  if (values.keep) console.log(`kept ${path}`);
  else rmSync(dir, { recursive: true, force: true });
}
