// Findings with status `unknown` (values known only after apply) are stored and read back; a
// workspace written before the status existed is upgraded with its findings intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../testing/corpus';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../testing/store-fixtures';
import { openWorkspace } from './workspace';

const CONTRACT = 'sha256:' + 'c'.repeat(64);

test('an unknown finding is recorded and listed like any other, and filtered by its status', () => {
  const t = tempWorkspace();
  try {
    const { source, changeSet } = syntheticChangeSet(1);
    t.ws.changeSets.importChangeSet(source, changeSet);
    const base = syntheticEvaluation(3);
    const evaluation = { ...base, findings: base.findings.map((f, i) => (i === 1 ? { ...f, status: 'unknown' as const } : f)) };
    const { value } = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation });
    const page = t.ws.evaluations.listFindings(value.id, { limit: 10 });
    assert.deepEqual(page.findings.map((f) => f.status), ['fail', 'unknown', 'fail']);
    assert.deepEqual(t.ws.evaluations.listFindings(value.id, { limit: 10, status: 'unknown' }).findings.map((f) => f.resource.address), ['Deployment/prod/app-1']);
  } finally {
    t.cleanup();
  }
});

test('the 0.1.0 fixture workspace upgrades: same findings, still immutable, and unknown now accepted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-unknown-'));
  try {
    const path = join(dir, 'countersign.db');
    copyFileSync(join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0/countersign.db'), path);
    const rows = (file: string): unknown[] => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT * FROM findings ORDER BY id').all();
      } finally {
        db.close();
      }
    };
    const before = rows(path);
    assert.ok(before.length > 0, 'the fixture holds findings');
    const ws = openWorkspace(path, { actor: 'tester' });
    ws.close();
    // Migration 3 adds `shadow` (0 for every earlier row), migration 11 `also_policies` (NULL:
    // no earlier finding names other policies); every other column is as it was.
    const after = rows(path) as { shadow?: number; also_policies?: string | null }[];
    assert.deepEqual(after.map(({ shadow: _s, also_policies: _a, ...rest }) => rest), before);
    assert.ok(after.every((r) => r.shadow === 0), 'earlier findings are not shadow');
    assert.ok(after.every((r) => r.also_policies === null), 'earlier findings name no other policies');
    const db = new Database(path);
    try {
      assert.throws(() => db.prepare('DELETE FROM findings').run(), /never deleted/);
      assert.throws(() => db.prepare("UPDATE findings SET status = 'unknown'").run(), /immutable/);
      assert.throws(() => db.prepare("INSERT INTO findings (id, evaluation_id, policy, title, address, source, type, action, drift, status, enforcement, severity, message, file, line, \"column\", origin, remediation) SELECT NULL, evaluation_id, policy, title, address, source, type, action, drift, 'maybe', enforcement, severity, message, file, line, \"column\", origin, remediation FROM findings LIMIT 1").run(), /CHECK/);
      db.prepare("INSERT INTO findings (id, evaluation_id, policy, title, address, source, type, action, drift, status, enforcement, severity, message, file, line, \"column\", origin, remediation) SELECT NULL, evaluation_id, policy, title, address, source, type, action, drift, 'unknown', enforcement, severity, message, file, line, \"column\", origin, remediation FROM findings LIMIT 1").run();
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
