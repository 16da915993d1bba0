// Issue 12 (day-2 gaps): the dashboard counts an exception as in force only when verify's
// judgement of its signed copies says so. A forged co-reviewer file, one signed by a key this
// workspace does not trust, or a row a thief edited in a copied workspace is never "in force":
// it is counted apart (notCounted), and what is shown comes from the signed statement.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createException, generateReviewerKey } from '../../signing';
import { auditFixture } from '../../testing/audit-report-fixture';
import type { AuditFixture } from '../../testing/audit-report-fixture';
import { currentAuditHead } from '../../store/audit-heads';
import { judgingRevision, resolveRevision } from '../current-contract';
import { dashboard } from './dashboard';

let fx: AuditFixture;
const VENDOR = 'Acme Analytics';

before(async () => {
  fx = await auditFixture();
});
after(() => fx.cleanup());

type Row = { id: number; envelope: string; statement_digest: string };
const rows = (): Row[] => fx.ws.db.prepare('SELECT id, envelope, statement_digest FROM exceptions ORDER BY id').all() as Row[];

/** Writes a row as a forged file or an edited store would hold it: straight into the table, past every app check. */
function insertRow(envelope: string, statementDigest: string, policy: string, expiresAt: string): void {
  fx.ws.db.prepare(`INSERT INTO exceptions (statement_digest, envelope, policy, resource_pattern, change_set_digest, expires_at, justification, requester, created_at)
    VALUES (?, ?, ?, '*', ?, ?, 'forged', 'Alice', ?)`).run(statementDigest, envelope, policy, fx.digest, expiresAt, new Date().toISOString());
}

function withPayload(envelope: string, edit: (statement: { predicate: Record<string, unknown> }) => void): string {
  const e = JSON.parse(envelope) as { payload: string };
  const statement = JSON.parse(Buffer.from(e.payload, 'base64').toString('utf8')) as { predicate: Record<string, unknown> };
  edit(statement);
  return JSON.stringify({ ...e, payload: Buffer.from(JSON.stringify(statement)).toString('base64') });
}

describe('dashboard exceptions are verified, not read from rows', () => {
  test('the fixture\'s three signed exceptions are in force, with the signed waivers and expiry', () => {
    const e = dashboard(fx.ws, { vendor: VENDOR }).exceptions;
    assert.equal(e.inForce, 3);
    assert.equal(e.notCounted, 0);
    assert.deepEqual(e.list.map((x) => x.policy).sort(), ['db-no-replace', 'k8s-resource-limits', 'maintenance-window']);
    assert.ok(e.list.every((x) => x.daysLeft === 6 || x.daysLeft === 7), JSON.stringify(e.list));
  });

  test('a forged copy (payload edited, signatures kept) is not in force, and is counted apart', () => {
    const first = rows()[0]!;
    const forged = withPayload(first.envelope, (s) => { s.predicate.expires = '2099-01-01T00:00:00.000Z'; s.predicate.justification = 'forever'; });
    insertRow(forged, `sha256:${'f'.repeat(64)}`, 'db-no-replace', '2099-01-01T00:00:00.000Z');
    const e = dashboard(fx.ws, { vendor: VENDOR }).exceptions;
    assert.equal(e.inForce, 3);
    assert.equal(e.notCounted, 1);
    assert.ok(e.list.every((x) => x.expiresAt !== '2099-01-01T00:00:00.000Z'));
  });

  test('an exception signed only by a key this workspace does not trust (a co-reviewer\'s file) is not in force', () => {
    const revision = judgingRevision(fx.ws, { vendor: VENDOR, install: 'prod-eu' })!;
    const contract = resolveRevision(revision).contract;
    const stranger = generateReviewerKey();
    const signed = createException({
      contract, changeSetDigest: fx.digest, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }],
      expires: new Date(Date.now() + 3 * 86_400_000), justification: 'trust me', requester: { privateKey: stranger.privateKey, name: 'Alice' },
      auditHead: currentAuditHead(fx.ws),
    });
    insertRow(JSON.stringify(signed.envelope), signed.digest, 'db-no-replace', new Date(Date.now() + 3 * 86_400_000).toISOString());
    const e = dashboard(fx.ws, { vendor: VENDOR }).exceptions;
    assert.equal(e.inForce, 3);
    assert.equal(e.notCounted, 2);
  });

  test('rows a thief edited in a copied workspace: the signed expiry and waivers are shown; an edited envelope stops counting', () => {
    fx.ws.db.exec('DROP TRIGGER exceptions_immutable');
    const [a, b] = rows();
    fx.ws.db.prepare(`UPDATE exceptions SET policy = 'every-policy', resource_pattern = '*', expires_at = '2099-01-01T00:00:00.000Z' WHERE id = ?`).run(a!.id);
    let e = dashboard(fx.ws, { vendor: VENDOR }).exceptions;
    assert.equal(e.inForce, 3);
    assert.ok(!e.list.some((x) => x.policy === 'every-policy' || x.resourcePattern === '*' || x.expiresAt === '2099-01-01T00:00:00.000Z'), JSON.stringify(e.list));
    // The stored request itself edited (its signed copies too): nothing of it verifies any more.
    const edited = withPayload(b!.envelope, (s) => { s.predicate.expires = '2099-01-01T00:00:00.000Z'; });
    fx.ws.db.prepare('UPDATE exceptions SET envelope = ? WHERE id = ?').run(edited, b!.id);
    fx.ws.db.exec('DROP TRIGGER exception_signatures_immutable');
    fx.ws.db.prepare('UPDATE exception_signatures SET envelope = ? WHERE exception_id = ?').run(edited, b!.id);
    e = dashboard(fx.ws, { vendor: VENDOR }).exceptions;
    assert.equal(e.inForce, 2);
    assert.equal(e.notCounted, 3);
    assert.equal(e.expiringSoon + e.list.filter((x) => x.daysLeft !== null && x.daysLeft >= e.warningDays).length, 2);
  });
});
