import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboard } from '../core/app/dashboard';
import { driftInbox } from '../core/app/drift';
import { inbox as buildInbox } from '../core/app/review/inbox';
import { initWorkspace } from '../core/store';
import { repoRoot } from '../core/testing/corpus';
import { seedDemoWorkspace } from './seed-demo';
import { DEMO_CO_REVIEWERS, DEMO_EXCEPTION } from './seed-demo-exception';

test('the demo workspace gives the dashboard a trend of past releases, and the inbox only the current ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-demo-dash-'));
  const ws = initWorkspace(join(dir, 'workspace.db'));
  try {
    const current = await seedDemoWorkspace(ws, join(repoRoot, 'electron/demo'));
    const d = dashboard(ws, { vendor: 'Acme Analytics', install: 'prod-eu' });
    assert.deepEqual(d.releases.map((r) => r.release), ['2.11.0', '2.12.0', '2.12.1', '2.13.0', '2.13.1', '2.13.2', '2.13.3', '2.14.0']);
    // Findings differ between releases: a trend, not a flat line.
    assert.ok(new Set(d.releases.map((r) => r.critical + r.high + r.medium + r.low + r.info)).size > 1);
    assert.ok(d.mostViolated.length > 0);
    assert.deepEqual(d.vendors, [{ vendor: 'Acme Analytics', label: 'Acme Analytics', installs: [{ install: 'prod-eu', label: 'prod-eu' }] }]);
    // The demo's drift snapshot (a console-opened security group, a deleted route) is open drift of prod-eu.
    const demoDrift = driftInbox(ws);
    assert.deepEqual(demoDrift.map((r) => r.install), ['prod-eu']);
    assert.ok(demoDrift[0]!.openCount > 0);
    assert.equal(d.openDrift, demoDrift[0]!.openCount);
    assert.equal(dashboard(ws, {}).openDrift, demoDrift[0]!.openCount);
    const inbox = buildInbox(ws);
    assert.deepEqual(inbox.groups.flatMap((g) => g.items.map((i) => i.digest)).sort(), [...current].sort());
  } finally {
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the demo workspace holds one exception expiring soon, signed by two demo co-reviewers to the quorum, so it counts in force', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-demo-exc-'));
  const ws = initWorkspace(join(dir, 'workspace.db'));
  try {
    const seededAt = Date.now();
    await seedDemoWorkspace(ws, join(repoRoot, 'electron/demo'));
    const e = dashboard(ws, { vendor: 'Acme Analytics', install: 'prod-eu' }).exceptions;
    assert.deepEqual([e.inForce, e.expiringSoon, e.notCounted], [1, 1, 0]);
    assert.equal(e.list[0]!.policy, DEMO_EXCEPTION.waiver.policy);
    assert.equal(e.list[0]!.release, DEMO_EXCEPTION.release);
    assert.equal(e.list[0]!.daysLeft, 4);
    assert.ok(Math.abs(Date.parse(e.list[0]!.expiresAt!) - seededAt - DEMO_EXCEPTION.expiresAfterMs) < 60_000, e.list[0]!.expiresAt!);
    // Verified as verify judges it: two signatures of two distinct trusted keys, the contract's exceptionQuorum.
    const row = ws.attestations.getException(e.list[0]!.id)!;
    assert.equal(row.signatures.length, 2);
    assert.deepEqual(ws.keys.listTrustedKeys('reviewer').map((k) => k.name).sort(), [...DEMO_CO_REVIEWERS].sort());
    // Their private halves were never stored: the workspace holds no key of its own, so a visitor still makes theirs.
    assert.deepEqual(ws.keys.listReviewerKeys(), []);
    // Once the warning period is shorter than its days left, it is in force but not "expiring soon".
    ws.settings.update({ exceptionExpiryWarningDays: 2 });
    assert.deepEqual([dashboard(ws, {}).exceptions.inForce, dashboard(ws, {}).exceptions.expiringSoon], [1, 0]);
    // Past its expiry it is no longer in force.
    assert.equal(dashboard(ws, {}, new Date(seededAt + DEMO_EXCEPTION.expiresAfterMs + 120_000)).exceptions.inForce, 0);
  } finally {
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
