// Issue 10: exceptions near expiry show in the inbox (the warning period is a workspace
// setting, 7 days by default, 1..90), and a contract-wide exception made under another
// contract revision is labelled stale ("signed under revision N: re-sign under revision M"),
// never "not in force yet".
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import { repoRoot } from '../testing/corpus';
import { createKey, importChangeSet, importContract, initWorkspaceAt, openWorkspaceAt, requestException } from './index';
import { exceptionList, inbox, ReviewSession } from './review';
import { auditReportHtml, buildChangeSetAuditReport } from './audit-report';

const BLOCKED = join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked');
const PASS = 'a long enough passphrase';
const DAY = 24 * 3600_000;
const dir = mkdtempSync(join(tmpdir(), 'countersign-expiry-'));
const outboxDir = join(dir, 'outbox');
after(() => rmSync(dir, { recursive: true, force: true }));
const DEMO = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8');
function contractFile(name: string, maxDays: number): string {
  const file = join(dir, name);
  writeFileSync(file, DEMO.replace(/approvals: \{[^}]*\}/, `approvals: {quorum: 1, exceptionQuorum: 1, maxExceptionDays: ${maxDays}}`));
  return file;
}

async function withException(name: string, expiresInDays: number, scope: 'changeset' | 'contract') {
  initWorkspaceAt(join(dir, name));
  const ws = openWorkspaceAt(join(dir, name));
  importContract(ws, contractFile(`${name}.yaml`, 30), 'test');
  const key = await createKey(ws, { name: 'Alice', passphrase: PASS });
  const { digest } = await importChangeSet(ws, [BLOCKED]);
  const session = new ReviewSession(ws);
  const deny = session.judge(digest).findings.find((f) => f.enforcement === 'deny')!;
  await requestException(ws, {
    digest, scope, waives: [{ policy: deny.policy, address: deny.resource.address }], justification: 'vendor fix next week',
    expires: new Date(Date.now() + expiresInDays * DAY + 3600_000), keyId: key.id, passphrase: PASS, outboxDir,
  }, session);
  return { ws, session, digest, policy: deny.policy };
}

describe('expiry warnings and settings', () => {
  test('settings: 7 days by default; 1..90 whole days accepted; anything else refused and nothing stored', async () => {
    initWorkspaceAt(join(dir, 'settings.db'));
    const ws = openWorkspaceAt(join(dir, 'settings.db'));
    try {
      assert.deepEqual(ws.settings.get(), { exceptionExpiryWarningDays: 7 });
      for (const bad of [0, -1, 91, 1.5, Number.NaN, Infinity, '7', null, true]) {
        assert.throws(() => ws.settings.update({ exceptionExpiryWarningDays: bad }), (e: unknown) => e instanceof InputError && /whole number of days from 1 to 90/.test(e.message), String(bad));
      }
      assert.throws(() => ws.settings.update({ expiryDays: 3 }), /unknown setting/);
      assert.deepEqual(ws.settings.get(), { exceptionExpiryWarningDays: 7 });
      for (const good of [1, 30, 90]) assert.deepEqual(ws.settings.update({ exceptionExpiryWarningDays: good }), { exceptionExpiryWarningDays: good });
      assert.equal(ws.audit.page(0, 100).filter((e) => e.action === 'settings.update').length, 3);
      // A value written by hand outside the rule is not used: the default applies.
      ws.db.prepare("UPDATE settings SET value = '0' WHERE key = 'exceptionExpiryWarningDays'").run();
      assert.deepEqual(ws.settings.get(), { exceptionExpiryWarningDays: 7 });
    } finally {
      ws.close();
    }
  });

  test('an exception expiring in 3 days warns under the default 7; not under a 2-day period; again under 3', async () => {
    const { ws, session, digest, policy } = await withException('expiry.db', 3, 'changeset');
    try {
      let listed = inbox(ws, session);
      const item = listed.groups[0]!.items.find((i) => i.digest === digest)!;
      assert.equal(listed.expiryWarningDays, 7);
      assert.deepEqual(item.expiryWarnings!.map((w) => [w.policy, w.daysLeft, w.changeSetDigest]), [[policy, 3, digest]]);
      assert.deepEqual(listed.expiryWarnings!.map((w) => [w.policy, w.changeSetLabel]), [[policy, `${item.app} ${item.release}`]]);
      ws.settings.update({ exceptionExpiryWarningDays: 2 });
      listed = inbox(ws, session);
      assert.deepEqual(listed.groups[0]!.items[0]!.expiryWarnings, []);
      assert.deepEqual(listed.expiryWarnings, []);
      // The audit report follows the same setting (it said "within a week" whatever it was).
      assert.doesNotMatch(auditReportHtml(ws, buildChangeSetAuditReport(ws, digest)), /expires within/);
      ws.settings.update({ exceptionExpiryWarningDays: 4 });
      assert.equal(inbox(ws, session).expiryWarnings!.length, 1);
      assert.match(auditReportHtml(ws, buildChangeSetAuditReport(ws, digest)), /expires within 4 days/);
      // A superseded change set is not listed, nor are its exceptions.
      ws.changeSets.setChangeSetState(digest, 'superseded');
      assert.deepEqual(inbox(ws, session).expiryWarnings, []);
      ws.changeSets.setChangeSetState(digest, 'pending');
      // Already expired: no longer a warning (it is expired, shown as such in the review).
      assert.deepEqual(inbox(ws, session, new Date(Date.now() + 5 * DAY)).expiryWarnings, []);
    } finally {
      ws.close();
    }
  });

  test('a contract-wide exception after a contract edit is stale, not "not in force yet"', async () => {
    const { ws, session, digest } = await withException('stale-exception.db', 10, 'contract');
    try {
      assert.deepEqual(exceptionList(session, digest, outboxDir).map((e) => [e.state, e.stateDetail]), [['in-force', 'in force']]);
      importContract(ws, contractFile('stale-exception-r2.yaml', 29), 'test');
      assert.deepEqual(exceptionList(session, digest, outboxDir).map((e) => [e.valid, e.state, e.stateDetail]), [[false, 'stale', 'signed under revision 1: re-sign under revision 2']]);
    } finally {
      ws.close();
    }
  });
});
