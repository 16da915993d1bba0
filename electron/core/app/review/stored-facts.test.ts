// Resource rows stored at import (migration 8): a reopened change set lists its resources and
// findings from the store, never rebuilding it from its files; one imported before the rows
// were stored (or stored in an older shape) is rebuilt once and its rows stored then.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../testing/corpus';
import { initWorkspace, openWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { importChangeSet, importContract } from '../index';
import { findingDtos, resourceRows, ReviewSession } from './index';
import type { LoadedChangeSet } from './review-session';
import { policyTexts } from './policy-texts';
import { RESOURCE_FACTS_VERSION } from './stored-facts';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-stored-facts-'));
const file = join(dir, 'countersign.db');
let ws: Workspace;
let digest = '';

/** A session that counts rebuilds of change sets from their stored files. */
class CountingSession extends ReviewSession {
  rebuilds = 0;
  override load(d: string): LoadedChangeSet {
    this.rebuilds++;
    return super.load(d);
  }
}

before(async () => {
  ws = initWorkspace(file);
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  const imported = await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')]);
  digest = imported.digest;
  // As the app's import does: the session keeps the change set just built and stores its rows from it (in the background).
  const importing = new ReviewSession(ws);
  importing.remember(digest, imported.changeSet);
  importing.resourceFacts(digest);
  await importing.detailsStored(digest);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stored resource rows', () => {
  test('reopening (a new session, the workspace opened again) lists rows and findings without rebuilding the change set', () => {
    const expected = resourceRows(new ReviewSession(ws), digest);
    ws.close();
    ws = openWorkspace(file);
    const session = new CountingSession(ws);
    const rows = resourceRows(session, digest);
    const findings = findingDtos(session.resourceFacts(digest), session.judge(digest), undefined, { texts: false });
    assert.equal(session.rebuilds, 0, 'no rebuild from the stored files');
    assert.deepEqual(rows, expected);
    assert.equal(rows.length, ws.changeSets.getChangeSet(digest)!.resourceCount);
    const db = rows.find((r) => r.address === 'module.database.aws_db_instance.main')!;
    assert.equal(db.action, 'replace');
    assert.equal(db.worst, 'deny');
    const located = db as typeof db & { file: string; line: number };
    assert.ok(located.file.length > 0 && located.line > 0, 'rows carry their source location (the stored facts)');
    assert.equal(rows.reduce((n, r) => n + r.findingCount, 0), findings.length);
    for (const f of findings) assert.equal(rows[f.resourceIndex]!.address, f.address);
  });

  test('a change set whose rows were never stored (imported before migration 8) is rebuilt once, and its rows stored then (by the background write the rebuild starts)', async () => {
    ws.db.prepare('DELETE FROM resource_facts WHERE change_set_digest = ?').run(digest);
    const first = new CountingSession(ws);
    const rows = resourceRows(first, digest);
    assert.equal(first.rebuilds, 1);
    await first.detailsStored(digest);
    assert.equal(ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION)?.length, rows.length);
    const again = new CountingSession(ws);
    assert.deepEqual(resourceRows(again, digest), rows);
    assert.equal(again.rebuilds, 0);
  });

  test('rows stored in another shape (an older facts version) are computed again and replaced', async () => {
    const current = ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION)!;
    ws.db.prepare('UPDATE resource_facts SET version = ?, facts = ? WHERE change_set_digest = ?').run(RESOURCE_FACTS_VERSION - 1, '[]', digest);
    const session = new CountingSession(ws);
    assert.equal(resourceRows(session, digest).length, current.length);
    assert.equal(session.rebuilds, 1);
    await session.detailsStored(digest);
    assert.deepEqual(ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION), current);
  });

  test('a stored list whose length disagrees with its count is not trusted', async () => {
    ws.db.prepare('UPDATE resource_facts SET resource_count = resource_count + 1 WHERE change_set_digest = ?').run(digest);
    assert.equal(ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION), null);
    const session = new CountingSession(ws);
    resourceRows(session, digest);
    assert.equal(session.rebuilds, 1);
    await session.detailsStored(digest);
    assert.notEqual(ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION), null);
  });
});

describe('policy texts once', () => {
  test('the findings list carries no description or remediation; listPolicyTexts has each policy once, as the finding cards show them', () => {
    const session = new ReviewSession(ws);
    const judged = session.judge(digest);
    const facts = session.resourceFacts(digest);
    const listed = findingDtos(facts, judged, undefined, { texts: false });
    const full = findingDtos(facts, judged);
    assert.ok(listed.length > 1);
    for (const f of listed) assert.ok(!('description' in f) && !('remediation' in f), JSON.stringify(f));
    const texts = policyTexts(judged);
    assert.deepEqual(Object.keys(texts).sort(), [...new Set(listed.map((f) => f.policy))].sort());
    for (const f of full) {
      assert.equal(texts[f.policy]!.description, f.description);
      assert.equal(texts[f.policy]!.remediation, f.remediation);
      assert.equal(texts[f.policy]!.title, f.title);
    }
    assert.ok(Object.values(texts).every((t) => t.description.length > 0));
  });
});

describe('a tampered stored row (someone who can write the workspace file)', () => {
  test('a stored list whose elements are not resource facts is computed again rather than shown', () => {
    for (const facts of ['[1]', '[null]', '[{"index":"0"}]', '[{"index":0,"address":{},"action":"no-op"}]']) {
      const count = 1;
      ws.db.prepare('UPDATE resource_facts SET facts = ?, resource_count = ? WHERE change_set_digest = ?').run(facts, count, digest);
      const session = new CountingSession(ws);
      const rows = resourceRows(session, digest);
      assert.equal(rows.length, ws.changeSets.getChangeSet(digest)!.resourceCount, facts);
      assert.equal(session.rebuilds, 1, facts);
    }
  });

  test('a row that is not JSON at all (its CHECK constraint dropped) is computed again, not an internal error', () => {
    ws.db.pragma('ignore_check_constraints = ON');
    try {
      ws.db.prepare('UPDATE resource_facts SET facts = ? WHERE change_set_digest = ?').run('[{not json', digest);
    } finally {
      ws.db.pragma('ignore_check_constraints = OFF');
    }
    const session = new CountingSession(ws);
    assert.equal(resourceRows(session, digest).length, ws.changeSets.getChangeSet(digest)!.resourceCount);
    assert.equal(session.rebuilds, 1);
  });

  test('once the change set is built in the session, rows and finding placement come from it: a forged stored row is replaced', () => {
    const honest = resourceRows(new CountingSession(ws), digest);
    const forged = (ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION)! as { address: string; action: string; category: string }[])
      .map((f) => ({ ...f, address: f.address === 'module.database.aws_db_instance.main' ? 'module.database.aws_db_instance.harmless' : f.address, action: 'no-op', category: 'no-op' }));
    ws.db.prepare('UPDATE resource_facts SET facts = ? WHERE change_set_digest = ?').run(JSON.stringify(forged), digest);
    const session = new CountingSession(ws);
    // The list may come from the store first (no rebuild to show rows)…
    resourceRows(session, digest);
    // …but as soon as the change set is built (opening a resource), the forged row is found out.
    session.load(digest);
    const rows = resourceRows(session, digest);
    assert.deepEqual(rows, honest);
    assert.equal(rows.find((r) => r.address === 'module.database.aws_db_instance.main')?.action, 'replace');
    assert.deepEqual(ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION), new ReviewSession(ws).resourceFacts(digest).facts);
    assert.ok(!JSON.stringify(ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION)).includes('harmless'), 'the stored row is repaired');
  });
});
