import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { canonicalJson } from '../base/canonical-json';
import { auditEntryHash, GENESIS_HASH, storedAuditEntryHash } from './audit-hash';
import { exportAudit } from './export-audit';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../testing/store-fixtures';
import type { TempWorkspace } from '../testing/store-fixtures';
import { verifyAuditChain } from './verify-audit-chain';

/** A workspace with 1 + 3×3 = 10 audit entries (init, then import/evaluation/state per change set). */
function populated(): TempWorkspace {
  const t = tempWorkspace();
  for (let i = 0; i < 3; i++) {
    const { source, changeSet } = syntheticChangeSet(i);
    t.ws.changeSets.importChangeSet(source, changeSet);
    t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: 'sha256:' + 'c'.repeat(64), evaluation: syntheticEvaluation(3) });
    t.ws.changeSets.setChangeSetState(changeSet.digest, 'rejected');
  }
  return t;
}

/** What an attacker with the file does first: the append-only triggers are in the file too. */
function dropGuards(t: TempWorkspace): void {
  t.ws.db.exec('DROP TRIGGER audit_log_append_only; DROP TRIGGER audit_log_no_delete;');
}

describe('audit log', () => {
  test('every write appends a linked entry and the chain verifies', () => {
    const t = populated();
    try {
      const entries = t.ws.audit.page(0, 100);
      assert.equal(entries.length, 10);
      assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.equal(entries[0]!.prevHash, GENESIS_HASH);
      for (let i = 1; i < entries.length; i++) assert.equal(entries[i]!.prevHash, entries[i - 1]!.hash);
      const progress: number[] = [];
      const result = verifyAuditChain(t.ws, { onProgress: (n) => progress.push(n), progressEvery: 4 });
      assert.deepEqual(result, { ok: true, entries: 10 });
      assert.deepEqual(progress, [4, 8, 10]);
    } finally {
      t.cleanup();
    }
  });

  test('the log refuses UPDATE and DELETE through the app', () => {
    const t = populated();
    try {
      assert.throws(() => t.ws.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").run(), /append-only/);
      assert.throws(() => t.ws.db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), /append-only/);
    } finally {
      t.cleanup();
    }
  });

  test("an edited row's details: the first broken entry is that seq, named edited", () => {
    const t = populated();
    try {
      dropGuards(t);
      t.ws.db.prepare(`UPDATE audit_log SET details = json_set(details, '$.verdict', 'pass') WHERE seq = 6`).run();
      const r = verifyAuditChain(t.ws);
      assert.equal(r.ok, false);
      assert.deepEqual(r.ok ? null : { ...r.firstBroken, detail: undefined }, { seq: 6, reason: 'edited', detail: undefined });
      assert.equal(r.entries, 5);
    } finally {
      t.cleanup();
    }
  });

  test('a deleted middle row is named deleted at its seq', () => {
    const t = populated();
    try {
      dropGuards(t);
      t.ws.db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
      const r = verifyAuditChain(t.ws);
      assert.equal(r.ok ? null : r.firstBroken.reason, 'deleted');
      assert.equal(r.ok ? null : r.firstBroken.seq, 4);
    } finally {
      t.cleanup();
    }
  });

  test('a deleted row with the later rows renumbered to hide the gap is still named deleted', () => {
    const t = populated();
    try {
      dropGuards(t);
      t.ws.db.exec('DELETE FROM audit_log WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq > 4;');
      const r = verifyAuditChain(t.ws);
      assert.equal(r.ok ? null : r.firstBroken.reason, 'deleted');
      assert.equal(r.ok ? null : r.firstBroken.seq, 4);
    } finally {
      t.cleanup();
    }
  });

  test("two rows' seq swapped: named reordered at the first of them", () => {
    const t = populated();
    try {
      dropGuards(t);
      t.ws.db.exec('UPDATE audit_log SET seq = -1 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 7; UPDATE audit_log SET seq = 7 WHERE seq = -1;');
      const r = verifyAuditChain(t.ws);
      assert.equal(r.ok ? null : r.firstBroken.reason, 'reordered');
      assert.equal(r.ok ? null : r.firstBroken.seq, 5);
    } finally {
      t.cleanup();
    }
  });

  test('a row re-hashed after its prev_hash was changed is named bad-link', () => {
    const t = populated();
    try {
      dropGuards(t);
      const row = t.ws.audit.page(7, 1)[0]!;
      const prev_hash = 'f'.repeat(64);
      const hash = auditEntryHash({ ...row, prev_hash });
      t.ws.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = 8').run(prev_hash, hash);
      const r = verifyAuditChain(t.ws);
      assert.deepEqual(r.ok ? null : [r.firstBroken.seq, r.firstBroken.reason], [8, 'bad-link']);
    } finally {
      t.cleanup();
    }
  });

  test('export writes JSON lines from which every hash and link can be recomputed', async () => {
    const t = populated();
    try {
      const chunks: string[] = [];
      const out = new Writable({
        highWaterMark: 64, // tiny, to exercise back-pressure
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk.toString('utf8'));
          setImmediate(done);
        },
      });
      const written = await exportAudit(t.ws, out);
      assert.equal(written, 10);
      const lines = chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as Parameters<typeof auditEntryHash>[0] & { hash: string });
      assert.equal(lines.length, 10);
      let prev = GENESIS_HASH;
      for (const line of lines) {
        assert.equal(line.prev_hash, prev);
        assert.equal(auditEntryHash(line), line.hash);
        prev = line.hash;
      }
      assert.deepEqual(Object.keys(lines[0]!), ['seq', 'at', 'actor', 'action', 'subject', 'details', 'prev_hash', 'hash']);
    } finally {
      t.cleanup();
    }
  });
});

describe('audit entry hash', () => {
  test('the fast hash over a stored row equals the defined hash over the parsed entry', () => {
    const fields = { seq: 7, at: '2026-11-20T10:00:00.000Z', actor: 'zoë', action: 'changeset.import', subject: 'sha256:ab', details: { z: [1, 'x'], a: { é: null, b: true } }, prev_hash: 'f'.repeat(64) };
    assert.equal(storedAuditEntryHash({ ...fields, details: canonicalJson(fields.details) }), auditEntryHash(fields));
    // Non-canonical text (key order) is not what the app writes, and does not verify.
    assert.notEqual(storedAuditEntryHash({ ...fields, details: JSON.stringify(fields.details) }), auditEntryHash(fields));
  });
});
