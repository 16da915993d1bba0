// Issue 11 (navigation): "Viewed" marks persist per reviewer and change set (a reopened workspace
// shows them), follow the personal key once there is one, and refuse indexes outside the change
// set without storing anything.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../testing/corpus';
import { initWorkspace, openWorkspace, osActor } from '../../store';
import type { Workspace } from '../../store';
import { createKey, importChangeSet, importContract } from '../index';
import { ReviewSession } from './review-session';
import { markViewed, viewedResources } from './viewed';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-viewed-'));
const file = join(dir, 'countersign.db');
let ws: Workspace;
let blocked = '';
let peering = '';

before(async () => {
  ws = initWorkspace(file);
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  blocked = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  peering = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.13.3-peering')])).digest;
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('viewed resources', () => {
  test('marks persist across a reopen, per change set, and can be undone', () => {
    const session = new ReviewSession(ws);
    assert.deepEqual(viewedResources(session, blocked).indexes, []);
    const marked = markViewed(session, blocked, [2, 0, 2], true);
    assert.deepEqual(marked.indexes, [0, 2]);
    assert.equal(marked.reviewer, osActor());
    assert.equal(marked.total, session.changeSet(blocked).resources.length);
    assert.deepEqual(viewedResources(session, peering).indexes, [], 'another change set has its own marks');
    ws.close();
    ws = openWorkspace(file);
    const reopened = new ReviewSession(ws);
    assert.deepEqual(viewedResources(reopened, blocked).indexes, [0, 2]);
    assert.deepEqual(markViewed(reopened, blocked, [0], false).indexes, [2]);
  });

  test('an index outside the change set is refused and nothing of the call is stored', () => {
    const session = new ReviewSession(ws);
    const before = viewedResources(session, blocked).indexes;
    const total = session.changeSet(blocked).resources.length;
    assert.throws(() => markViewed(session, blocked, [1, total], true), /has no resource/);
    assert.throws(() => ws.viewed.mark(blocked, osActor(), [1, -1], true), /not a whole number/);
    assert.deepEqual(viewedResources(session, blocked).indexes, before);
  });

  test('with a personal key the marks are the key’s: the OS user’s marks are not shown as its own', async () => {
    const session = new ReviewSession(ws);
    markViewed(session, peering, [0], true);
    const key = await createKey(ws, { name: 'Alice', passphrase: 'a long enough passphrase' });
    const mine = viewedResources(session, peering);
    assert.equal(mine.reviewer, `key:${key.id}`);
    assert.deepEqual(mine.indexes, []);
    assert.deepEqual(markViewed(session, peering, [1], true).indexes, [1]);
  });
});
