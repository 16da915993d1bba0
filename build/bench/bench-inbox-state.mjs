// Inbox state benchmark (issue 10): the desktop inbox (app/review/inbox.ts) over 10,000 change
// sets, 20% approved, against the bare store listing it wraps. The state shown is the one under
// the judging contract revision; only an approved change set with approvals under two
// revisions is judged, so after a contract edit (every approval stale) nothing is judged.
// Usage: node build/bench/bench-inbox-state.mjs [--change-sets N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const store = await import('../../electron/core/store/index.ts');
const fixtures = await import('../../electron/core/testing/store-fixtures.ts');
const { inbox } = await import('../../electron/core/app/review/inbox.ts');
const { listChangeSets } = await import('../../electron/core/app/change-set-service.ts');
const { workspaceContext } = await import('../../electron/core/app/review-context.ts');
const { judgementsMade } = await import('../../electron/core/app/workspace-judgement.ts');

const { values } = parseArgs({ options: { 'change-sets': { type: 'string', default: '10000' } } });
const N = Number(values['change-sets']);
const RUNS = 9;
const dir = mkdtempSync(join(tmpdir(), 'countersign-bench-inbox-'));
const ws = store.initWorkspace(join(dir, 'workspace.db'), { actor: 'bench' });
const median = (fn) => {
  fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)].toFixed(1);
};
const figure = (label, value) => console.log(`  ${label.padEnd(64)} ${value} ms`);

try {
  const digests = [];
  const context = workspaceContext(ws);
  let current = '';
  ws.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const { source, changeSet } = fixtures.syntheticChangeSet(i, { files: 1, bytes: 256 });
      ws.changeSets.importChangeSet(source, changeSet);
      digests.push(changeSet.digest);
    }
  })();
  current = context.contractFor(digests[0]).contract.digest;
  const approve = (digest, contractDigest, k) => ws.attestations.recordApproval({
    kind: 'approve', changeSetDigest: digest, contractDigest, evaluationDigest: `sha256:${'e'.repeat(64)}`, keyId: `sha256:${String(k).padStart(64, '0')}`,
    envelope: JSON.stringify({ payload: `p${digest}${k}${contractDigest}`, signatures: [] }), newState: 'approved',
  });
  ws.db.transaction(() => {
    digests.forEach((d, i) => {
      if (i % 5 === 0) approve(d, current, 1);
    });
  })();
  console.log(`inbox state benchmark: ${N} change sets, ${Math.ceil(N / 5)} approved, in ${dir}`);
  figure('store listing (listChangeSets, every state)', median(() => listChangeSets(ws)));
  figure('desktop inbox, approvals under the judging revision', median(() => inbox(ws, context)));
  // A contract edit: every approval now names another revision (stale) -> pending, no judging.
  const stale = `sha256:${'a'.repeat(64)}`;
  ws.db.prepare('DROP TRIGGER approvals_immutable').run();
  ws.db.prepare('UPDATE approvals SET contract_digest = ?').run(stale);
  const before = judgementsMade();
  let pending = 0;
  figure('desktop inbox after a contract edit (every approval stale)', median(() => {
    pending = inbox(ws, context).groups.flatMap((g) => g.items).filter((i) => i.state === 'pending').length;
  }));
  console.log(`  ${'shown pending / judgements made'.padEnd(64)} ${pending} / ${judgementsMade() - before}`);
} finally {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
}
