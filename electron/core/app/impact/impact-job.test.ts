import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_CONTRACT, STORED_AT, draftOf, demoContractText, impactWorkspace, tableCounts } from '../../testing/impact-fixtures';
import type { ImpactWorkspace } from '../../testing/impact-fixtures';
import { startImpactJob } from './impact-job';
import type { ImpactJob, ImpactRow } from './impact-job';
import { ChangeSetCache } from './change-set-cache';
import { PolicyCompileCache } from './policy-compile-cache';

let t: ImpactWorkspace;
before(async () => {
  t = await impactWorkspace();
});
after(() => t.cleanup());

function start(text: string): ImpactJob {
  const started = startImpactJob(t.ws, { contract: DEMO_CONTRACT, text });
  assert.ok(started.ok, started.ok ? '' : started.problem.message);
  return started.job;
}

/** Every row of a finished job, read page by page. */
async function rowsOf(text: string): Promise<ImpactRow[]> {
  const job = start(text);
  await job.whenDone();
  const rows: ImpactRow[] = [];
  for (let cursor = 0; ;) {
    const page = job.poll(cursor, 2);
    rows.push(...page.rows);
    if (page.rows.length === 0) {
      assert.equal(page.done, true);
      assert.deepEqual(page.progress, { done: 2, total: 2 });
      return rows;
    }
    cursor = page.nextCursor;
  }
}

const storedFindings = (digest: string) => t.ws.evaluations.listFindings(t.ws.evaluations.latestEvaluation(digest)!.id, { limit: 1000 }).findings;
const brief = (rows: readonly ImpactRow[]) => rows.map((r) => `${r.kind} ${r.policy} ${r.address}`).sort();

describe('impact rows', () => {
  test('the contract as stored changes nothing', async () => {
    assert.deepEqual(await rowsOf(demoContractText()), []);
  });

  test('approving only ghcr.io/acme/ makes the other image a new finding, with the resource to open', async () => {
    const rows = await rowsOf(draftOf({ parameters: { 'images-approved-registries': { registries: ['ghcr.io/acme/'] } } }));
    assert.deepEqual(brief(rows), ['appear images-approved-registries Deployment/shop/web']);
    const row = rows[0]!;
    assert.equal(row.digest, t.release);
    assert.equal(row.after?.status, 'fail');
    assert.equal(row.after?.enforcement, 'deny');
    assert.match(row.after!.message, /docker\.io\/library\/nginx:1\.27/);
    assert.equal(row.before, null);
    assert.equal(row.at, STORED_AT);
    assert.equal(row.state, 'pending');
    const index = row.resourceIndex!;
    assert.equal(t.ws.changeSets.getChangeSet(t.release) !== null, true);
    const { rebuildStored } = await import('../change-set-service');
    assert.equal(rebuildStored(t.ws, t.release).resources[index]!.address, 'Deployment/shop/web');
  });

  test('the label is the vendor/app/release with control characters escaped', async () => {
    const rows = await rowsOf(draftOf({ parameters: { 'images-approved-registries': { registries: ['ghcr.io/acme/'] } } }));
    assert.equal(rows[0]!.label, 'Acme Analytics/shop\\x1b[31m/1.0.0');
  });

  test('disabling a policy makes exactly its stored findings disappear', async () => {
    const stored = storedFindings(t.release);
    const policy = stored[0]!.policy;
    const rows = (await rowsOf(draftOf({ overrides: { [policy]: { enabled: false } } }))).filter((r) => r.kind !== 'verdict');
    assert.deepEqual(brief(rows), stored.filter((f) => f.policy === policy).map((f) => `disappear ${policy} ${f.resource.address}`).sort());
    for (const r of rows) {
      assert.equal(r.after, null);
      assert.equal(r.before?.enforcement, stored.find((f) => f.policy === policy)!.enforcement);
    }
  });

  test('a new enforcement is a changed row with both sides', async () => {
    const stored = storedFindings(t.release).filter((f) => f.enforcement !== 'advisory');
    const policy = stored[0]!.policy;
    const rows = (await rowsOf(draftOf({ overrides: { [policy]: { enforcement: 'advisory' } } }))).filter((r) => r.policy === policy);
    assert.ok(rows.length > 0);
    for (const r of rows) {
      assert.equal(r.kind, 'changed');
      assert.equal(r.before?.enforcement, stored[0]!.enforcement);
      assert.equal(r.after?.enforcement, 'advisory');
      assert.equal(r.after?.status, r.before?.status);
    }
  });

  test('making every flagged policy advisory flips the verdict to pass, once per change set', async () => {
    const before = t.ws.evaluations.latestEvaluation(t.release)!.verdict;
    assert.notEqual(before, 'pass');
    const policies = [...new Set([...storedFindings(t.release), ...storedFindings(t.plan)].map((f) => f.policy))];
    const rows = await rowsOf(draftOf({ overrides: Object.fromEntries(policies.map((p) => [p, { enforcement: 'advisory' }])) }));
    const flips = rows.filter((r) => r.kind === 'verdict' && r.digest === t.release);
    assert.equal(flips.length, 1);
    assert.equal(flips[0]!.verdictBefore, before);
    assert.equal(flips[0]!.verdictAfter, 'pass');
    assert.ok(rows.filter((r) => r.digest === t.release && r.kind === 'changed').every((r) => r.verdictAfter === 'pass'));
  });

  test('a maintenance window is checked at the time of the stored evaluation, not now', async () => {
    // Only 03:00-03:01 UTC on Tuesdays: the stored time is inside it, the test's "now" is not.
    const narrow = await rowsOf(draftOf({ parameters: { 'maintenance-window': { windows: [{ days: ['Tue'], start: '03:00', end: '03:01', timezone: 'UTC' }] } } }));
    assert.deepEqual(narrow.filter((r) => r.digest === t.plan), []);
    // The policy does look at these resources: with no window at all they fail.
    const none = await rowsOf(draftOf({ parameters: { 'maintenance-window': { windows: [] } } }));
    const appear = none.filter((r) => r.digest === t.plan && r.kind === 'appear');
    assert.deepEqual(appear.map((r) => r.policy), ['maintenance-window', 'maintenance-window', 'maintenance-window']);
    assert.ok(appear.every((r) => r.at === STORED_AT && r.after?.message.includes('2026-01-06T03:00:00')));
  });
});

describe('impact job', () => {
  test('cancel stops it between change sets; the rows so far stay readable', async () => {
    const big = await impactWorkspace(6);
    try {
      const started = startImpactJob(big.ws, { contract: DEMO_CONTRACT, text: draftOf({ parameters: { 'images-approved-registries': { registries: ['ghcr.io/acme/'] } } }) });
      assert.ok(started.ok);
      const job = started.job;
      assert.equal(job.total, 8);
      while (job.poll().progress.done < 2) await new Promise((r) => setImmediate(r));
      job.cancel();
      const at = job.poll();
      assert.equal(at.done, true);
      assert.equal(at.cancelled, true);
      await job.whenDone();
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      const later = job.poll();
      assert.equal(later.progress.done, at.progress.done, 'no change set is evaluated after cancel');
      assert.ok(later.progress.done < 8);
      assert.deepEqual(later.rows, at.rows);
      assert.equal(later.summary.appear, at.rows.length);
    } finally {
      big.cleanup();
    }
  });

  test('a change set that cannot be rebuilt is a problem of the job; the others are replayed', async () => {
    class Damaged extends ChangeSetCache {
      override load(ws: Parameters<ChangeSetCache['load']>[0], digest: string) {
        if (digest === t.plan) throw new Error('stored files rebuild to another digest: \u001b]0;pwned\u0007');
        return super.load(ws, digest);
      }
    }
    const started = startImpactJob(t.ws, { contract: DEMO_CONTRACT, text: draftOf({ parameters: { 'images-approved-registries': { registries: ['ghcr.io/acme/'] } } }) }, { changeSetCache: new Damaged() });
    assert.ok(started.ok);
    await started.job.whenDone();
    const page = started.job.poll();
    assert.deepEqual([page.summary.evaluated, page.summary.errors, page.summary.appear], [1, 1, 1]);
    assert.equal(page.problems.length, 1);
    assert.equal(page.problems[0]!.digest, t.plan);
    assert.equal(page.problems[0]!.message, 'stored files rebuild to another digest: \\x1b]0;pwned\\x07');
  });

  test('a replay stores nothing', async () => {
    const counts = tableCounts(t.ws);
    await rowsOf(draftOf({ overrides: { 'maintenance-window': { enabled: false } } }));
    assert.deepEqual(tableCounts(t.ws), counts);
  });

  const badDrafts: readonly (readonly [string, string, number | undefined])[] = [
    ['YAML that does not parse', demoContractText().replace('kind: Contract', 'kind: [Contract'), 5],
    ['an override of an unknown policy', draftOf({ overrides: { 'no-such-policy': { enabled: false } } }), 11],
    ['a parameter of the wrong kind', draftOf({ parameters: { 'images-approved-registries': { registries: 'ghcr.io' } } }), 11],
    ['a condition that does not compile', draftOf({ policies: [{ id: 'own', title: 'Own', severity: 'low', enforcement: 'deny', condition: 'object.spec.replicas >' }] }), 11],
    ['not a contract at all', '- just\n- a list\n', undefined],
    ['a newer apiVersion', demoContractText().replace(/countersign\.dev\/v\d/, 'countersign.dev/v9'), 3],
  ];
  for (const [name, text, line] of badDrafts) {
    test(`a bad draft is a problem, not a job, and stores nothing: ${name}`, () => {
      const counts = tableCounts(t.ws);
      const started = startImpactJob(t.ws, { contract: DEMO_CONTRACT, text });
      assert.equal(started.ok, false);
      if (started.ok) return;
      assert.match(started.problem.message, /^contract "acme-prod-eu" \(draft\)(:\d+:\d+)?: \S/);
      assert.equal(started.problem.line, line ?? started.problem.line);
      assert.deepEqual(tableCounts(t.ws), counts);
    });
  }

  test('own caches can be given (a cold run) and give the same rows', async () => {
    const text = draftOf({ parameters: { 'images-approved-registries': { registries: ['ghcr.io/'] } } });
    const cold = startImpactJob(t.ws, { contract: DEMO_CONTRACT, text }, { policyCache: new PolicyCompileCache(0), changeSetCache: new ChangeSetCache({ maxEntries: 0, maxSourceBytes: 0 }), reusePolicyResults: false });
    assert.ok(cold.ok);
    await cold.job.whenDone();
    assert.deepEqual(cold.job.poll(0, 5000).rows, await rowsOf(text));
  });
});
