import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { evaluationDigest } from '../hashing/canonical-digest';
import type { Evaluation } from '../model/finding';
import { INBOX_BY_VENDOR_SQL, INBOX_SQL } from './inbox';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../testing/store-fixtures';

const CONTRACT_A = 'sha256:' + 'a'.repeat(64);
const CONTRACT_B = 'sha256:' + 'b'.repeat(64);

describe('evaluations, findings and the inbox', () => {
  test('an evaluation is stored with every finding and round-trips to the engine model', () => {
    const t = tempWorkspace();
    try {
      const { source, changeSet } = syntheticChangeSet(1);
      t.ws.changeSets.importChangeSet(source, changeSet);
      const evaluation = syntheticEvaluation(12);
      const { created, value } = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT_A, evaluation });
      assert.equal(created, true);
      assert.equal(value.digest, evaluationDigest(evaluation));
      assert.equal(value.verdict, 'blocked');
      assert.deepEqual(value.summary, evaluation.summary);
      assert.deepEqual(value.bySeverity, { critical: 3, high: 3, medium: 2, low: 2, info: 2 });
      assert.deepEqual(value.byEnforcement, { advisory: 3, approval: 3, deny: 3, mandatory: 3 });
      assert.equal(value.errorCount, 1);
      const page = t.ws.evaluations.listFindings(value.id, { limit: 1000 });
      assert.equal(page.total, 12);
      assert.deepEqual(page.findings.map(({ id: _id, evaluationId: _e, ...f }) => f), evaluation.findings);
      // The same evaluation recorded again (a retry) is not stored twice.
      assert.equal(t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT_A, evaluation }).created, false);
      assert.equal(t.ws.evaluations.listEvaluations(changeSet.digest).length, 1);
    } finally {
      t.cleanup();
    }
  });

  test('findings are paged and filtered by status and policy', () => {
    const t = tempWorkspace();
    try {
      const { source, changeSet } = syntheticChangeSet(1);
      t.ws.changeSets.importChangeSet(source, changeSet);
      const { value } = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT_A, evaluation: syntheticEvaluation(30) });
      const p1 = t.ws.evaluations.listFindings(value.id, { offset: 0, limit: 10 });
      const p3 = t.ws.evaluations.listFindings(value.id, { offset: 20, limit: 10 });
      assert.equal(p1.total, 30);
      assert.deepEqual(p1.findings.map((f) => f.message), Array.from({ length: 10 }, (_, i) => `finding ${i}`));
      assert.deepEqual(p3.findings.map((f) => f.message), Array.from({ length: 10 }, (_, i) => `finding ${i + 20}`));
      const errors = t.ws.evaluations.listFindings(value.id, { status: 'error' });
      assert.deepEqual(errors.findings.map((f) => f.message), ['finding 8', 'finding 17', 'finding 26']);
      const p2 = t.ws.evaluations.listFindings(value.id, { policy: 'policy-2', limit: 3, offset: 1 });
      assert.equal(p2.total, 7);
      assert.deepEqual(p2.findings.map((f) => f.message), ['finding 6', 'finding 10', 'finding 14']);
      assert.equal(t.ws.evaluations.listFindings(value.id, { policy: 'policy-2', status: 'error' }).total, 1);
    } finally {
      t.cleanup();
    }
  });

  test('a failure mid-write (a bad finding after the first ones) stores no evaluation, no findings, no audit entry', () => {
    const t = tempWorkspace();
    try {
      const { source, changeSet } = syntheticChangeSet(1);
      t.ws.changeSets.importChangeSet(source, changeSet);
      const good = syntheticEvaluation(5);
      const bad: Evaluation = { ...good, findings: [...good.findings, { ...good.findings[0]!, enforcement: 'maybe' as never }] };
      assert.throws(() => t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT_A, evaluation: bad }), /CHECK constraint/);
      const count = (table: string): number => (t.ws.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      assert.equal(count('evaluations'), 0);
      assert.equal(count('findings'), 0);
      assert.equal(t.ws.audit.page(0, 10).at(-1)!.action, 'changeset.import');
      assert.throws(
        () => t.ws.evaluations.recordEvaluation({ changeSetDigest: 'sha256:' + '0'.repeat(64), contractDigest: CONTRACT_A, evaluation: good }),
        /import it first/,
      );
    } finally {
      t.cleanup();
    }
  });

  test('the inbox lists pending change sets newest first with their latest verdict and counts', () => {
    const t = tempWorkspace();
    try {
      const sets = [1, 2, 3, 4].map((n) => syntheticChangeSet(n, { vendor: n === 4 ? 'Other Vendor' : 'Acme' }));
      for (const s of sets) t.ws.changeSets.importChangeSet(s.source, s.changeSet);
      const [one, two, three, four] = sets.map((s) => s.changeSet.digest) as [string, string, string, string];
      t.ws.evaluations.recordEvaluation({ changeSetDigest: one, contractDigest: CONTRACT_A, evaluation: syntheticEvaluation(8) });
      // A later evaluation under a newer contract replaces the verdict shown.
      t.ws.evaluations.recordEvaluation({ changeSetDigest: one, contractDigest: CONTRACT_B, evaluation: syntheticEvaluation(2, { at: '2026-11-21T00:00:00.000Z' }) });
      t.ws.evaluations.recordEvaluation({ changeSetDigest: two, contractDigest: CONTRACT_A, evaluation: syntheticEvaluation(0) });
      t.ws.changeSets.setChangeSetState(three, 'approved');

      const page = t.ws.listInbox();
      assert.equal(page.total, 3);
      const inbox = page.items;
      assert.deepEqual(inbox.map((i) => i.digest), [four, two, one]);
      const first = inbox.find((i) => i.digest === one)!.latestEvaluation!;
      assert.equal(first.contractDigest, CONTRACT_B);
      assert.equal(first.verdict, 'needs-approval');
      assert.equal(first.findingCount, 2);
      assert.deepEqual(first.bySeverity, { critical: 1, high: 1, medium: 0, low: 0, info: 0 });
      assert.deepEqual(first.byEnforcement, { advisory: 1, approval: 1, deny: 0, mandatory: 0 });
      assert.equal(inbox.find((i) => i.digest === two)!.latestEvaluation!.verdict, 'pass');
      assert.equal(inbox.find((i) => i.digest === four)!.latestEvaluation, null);

      assert.deepEqual(t.ws.listInbox({ vendor: 'Acme' }).items.map((i) => i.digest), [two, one]);
      assert.deepEqual(t.ws.listInbox({ state: 'approved' }).items.map((i) => i.digest), [three]);
      const second = t.ws.listInbox({ limit: 2, offset: 2 });
      assert.deepEqual([second.total, second.items.map((i) => i.digest)], [3, [one]]);
      assert.equal(t.ws.evaluations.latestEvaluation(one)!.contractDigest, CONTRACT_B);
      assert.equal(t.ws.evaluations.latestEvaluation(one, CONTRACT_A)!.findingCount, 8);
      assert.equal(t.ws.evaluations.latestEvaluation(four), null);
    } finally {
      t.cleanup();
    }
  });

  test('the inbox query walks indexes only: no table scan, no temporary sort, the page cut from the index', () => {
    const t = tempWorkspace();
    try {
      const page = { limit: 200, offset: 0 };
      for (const [sql, params] of [[INBOX_SQL, { state: 'pending', ...page }], [INBOX_BY_VENDOR_SQL, { state: 'pending', vendor: 'Acme', ...page }]] as const) {
        const plan = (t.ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
        const text = plan.join('\n');
        assert.match(text, /SEARCH change_sets USING COVERING INDEX change_sets_(inbox|by_vendor)/, text);
        assert.match(text, /SEARCH cs USING INTEGER PRIMARY KEY/, text);
        assert.match(text, /SEARCH e USING INTEGER PRIMARY KEY/, text);
        assert.match(text, /SEARCH evaluations USING COVERING INDEX evaluations_latest/, text);
        // The only scan is of the page itself (the co-routine's rows); no table scan, no sort.
        assert.deepEqual(plan.filter((d) => d.startsWith('SCAN')), ['SCAN page'], text);
        assert.doesNotMatch(text, /TEMP B-TREE/, text);
      }
    } finally {
      t.cleanup();
    }
  });
});
