import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changeSetDigest, listFiles } from '../loaders/bundle/digest';
import { repoRoot } from '../testing/corpus';
import { reconcileOutbox } from './outbox-files';
import type { OutboxStep } from './outbox-files';
import { syntheticOutboxFileName } from '../testing/store-fixtures';
import { verifyAuditChain } from './verify-audit-chain';
import { openWorkspace } from './workspace';
import type { Workspace } from './workspace';

const WRITER = fileURLToPath(new URL('../testing/crash-writer.ts', import.meta.url));
const KILLS_AFTER_READY = 28;
/** Extra kills at a random time after spawn, often while the workspace is being created or migrated. */
const EARLY_KILLS = 4;

/** Spawns the writer and SIGKILLs it `delayMs` after it is ready (or after spawn when `early`). */
function runAndKill(path: string, round: number, delayMs: number, early: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(round)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const kill = (): void => {
      timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (!early && timer === undefined && d.toString().includes('ready')) kill();
    });
    if (early) kill();
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited by itself (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
}

function count(ws: Workspace, sql: string, ...params: unknown[]): number {
  return (ws.db.prepare(sql).get(...params) as { n: number }).n;
}

/** Everything a kill must never leave behind; returns how many change sets and approvals are stored. */
function checkConsistent(path: string): { changeSets: number; approvals: number; entries: number } {
  const ws = openWorkspace(path);
  try {
    assert.equal(ws.db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(ws.db.pragma('foreign_key_check'), []);
    const chain = verifyAuditChain(ws);
    assert.equal(chain.ok, true, JSON.stringify(chain));

    const digests = ws.db.prepare('SELECT digest FROM change_sets').pluck().all() as string[];
    for (const digest of digests) {
      const source = ws.changeSets.getChangeSetSource(digest)!;
      // All files there, bytes intact: the stored files hash back to the digest.
      assert.equal(source.files.length, count(ws, 'SELECT file_count AS n FROM change_sets WHERE digest = ?', digest));
      assert.equal(changeSetDigest(listFiles(source.files)), digest);
      assert.equal(count(ws, "SELECT count(*) AS n FROM audit_log WHERE action = 'changeset.import' AND subject = ?", digest), 1, digest);
    }
    // No audit entry without its data either.
    assert.equal(count(ws, "SELECT count(*) AS n FROM audit_log a WHERE action = 'changeset.import' AND NOT EXISTS (SELECT 1 FROM change_sets WHERE digest = a.subject)"), 0);
    assert.equal(count(ws, 'SELECT count(*) AS n FROM evaluations e WHERE finding_count <> (SELECT count(*) FROM findings WHERE evaluation_id = e.id)'), 0);
    assert.equal(count(ws, `SELECT count(*) AS n FROM evaluations e WHERE (SELECT count(*) FROM audit_log
      WHERE action = 'evaluation.record' AND json_extract(details, '$.evaluationId') = e.id) <> 1`), 0);

    const approvals = ws.db.prepare('SELECT id, kind, change_set_digest, envelope FROM approvals').all() as { id: number; kind: string; change_set_digest: string; envelope: string }[];
    for (const a of approvals) {
      const envelope = JSON.parse(a.envelope) as { payload: string; signatures: unknown[] };
      assert.ok(envelope.payload.length > 0 && envelope.signatures.length === 1);
      assert.equal(count(ws, "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'approval.%' AND json_extract(details, '$.approvalId') = ?", a.id), 1);
      // The state change rode in the same transaction as the approval.
      assert.equal(ws.changeSets.getChangeSet(a.change_set_digest)!.state, a.kind === 'approve' ? 'approved' : 'rejected');
    }
    assert.equal(count(ws, "SELECT count(*) AS n FROM audit_log a WHERE action LIKE 'approval.%' AND NOT EXISTS (SELECT 1 FROM approvals WHERE id = json_extract(a.details, '$.approvalId'))"), 0);
    return { changeSets: digests.length, approvals: approvals.length, entries: chain.ok ? chain.entries : 0 };
  } finally {
    ws.close();
  }
}

test('SIGKILL at random points never leaves a corrupt file, a broken chain, or a half-written change set or approval', { timeout: 240_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-crash-'));
  const path = join(dir, 'workspace.db');
  try {
    const rounds = [...Array.from({ length: EARLY_KILLS }, () => true), ...Array.from({ length: KILLS_AFTER_READY }, () => false)];
    let last = { changeSets: 0, approvals: 0, entries: 0 };
    for (const [round, early] of rounds.entries()) {
      const delay = early ? Math.floor(Math.random() * 800) : Math.floor(Math.random() * 300);
      await runAndKill(path, round, delay, early);
      if (!existsSync(path)) continue; // killed before the file was created
      const now = checkConsistent(path);
      assert.ok(now.changeSets >= last.changeSets && now.entries >= last.entries, 'committed data never disappears');
      last = now;
    }
    t.diagnostic(`${rounds.length} kills; committed ${last.changeSets} change sets, ${last.approvals} approvals, ${last.entries} audit entries`);
    assert.ok(last.changeSets > KILLS_AFTER_READY, 'the writer made progress between kills');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Spawns the writer with an outbox and SIGKILLs it once it reports it stopped after `step`. */
function runUntilStep(path: string, outbox: string, step: OutboxStep, stopAt: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, '0', outbox, step, String(stopAt)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '', stdout = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes(`at ${step}\n`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL' && stdout.includes(`at ${step}`)) resolve();
      else reject(new Error(`writer did not stop at ${step}: ${stdout} ${stderr}`));
    });
  });
}

for (const [step, committed, report] of [
  ['staged', 2, { renamed: 0, deleted: 1 }],
  ['committed', 3, { renamed: 1, deleted: 0 }],
  ['published', 3, { renamed: 0, deleted: 0 }],
] as const) {
  test(`SIGKILL after the outbox file is ${step}: after reconciling, the outbox holds exactly the committed decisions`, { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-outbox-crash-'));
    const path = join(dir, 'workspace.db');
    const outbox = join(dir, 'outbox');
    try {
      await runUntilStep(path, outbox, step, 2);
      checkConsistent(path);
      const ws = openWorkspace(path);
      try {
        const rows = ws.db.prepare('SELECT envelope FROM approvals').pluck().all() as string[];
        assert.equal(rows.length, committed, 'the third decision commits only once its file is staged');
        const r = reconcileOutbox(outbox, {
          isCommitted: (text) => ws.attestations.holdsEnvelope(text),
          expected: () => rows.map((e) => ({ name: syntheticOutboxFileName(e), text: `${e}\n` })),
        });
        assert.deepEqual({ renamed: r.renamed.length, deleted: r.deleted.length }, report);
        assert.deepEqual(r.rewritten, [], 'a staged file is never lost: nothing needed rewriting');
        const files = readdirSync(outbox).sort();
        assert.deepEqual(files, rows.map(syntheticOutboxFileName).sort(), 'one file per committed decision, no temporary file left');
        for (const e of rows) assert.equal(readFileSync(join(outbox, syntheticOutboxFileName(e)), 'utf8'), `${e}\n`);
        // Reconciling again changes nothing.
        const again = reconcileOutbox(outbox, { isCommitted: (text) => ws.attestations.holdsEnvelope(text), expected: () => [] });
        assert.deepEqual(again, { renamed: [], deleted: [], rewritten: [] });
      } finally {
        ws.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
