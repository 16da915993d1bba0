// Drift in the workspace (issue 12, D3): reports stored and read back (masked), acknowledgements
// signed, verified, recorded with their audit entry and written to the outbox; forged or
// wrong-key acknowledgements refused by verify; the exit-code input for `countersign drift`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign as edSign } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importChangeSet } from '../change-set-service';
import { createKey } from '../key-service';
import { reconcileAttestationOutbox } from '../outbox';
import { initWorkspace, verifyAuditChain } from '../../store';
import type { Workspace } from '../../store';
import { DRIFT_ACKNOWLEDGEMENT_PREDICATE, readAttestations } from '../../signing';
import type { DsseEnvelope } from '../../signing';
import { verifyDriftAcknowledgements } from '../../verify/verify-drift-acknowledgements';
import { liveStateJson, refreshPlanJson, writeApprovedBundle } from '../../testing/drift-fixtures';
import { PlantedSecrets, assertNoPlanted } from '../../testing/planted-secrets';
import { workspaceTrust } from '../workspace-judgement';
import { acknowledgeDrift, acknowledgedDriftKeys, driftInbox, driftReportDetail, importDriftSnapshot, listDriftReports } from '.';

const PASS = 'correct horse battery staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-drift-ws-'));
const OUTBOX = join(tmp, 'outbox');
const planted = new PlantedSecrets();
const secrets = { approvedPassword: planted.plant('approved password'), livePassword: planted.plant('live password'), liveToken: planted.plant('unapproved user_data') };
let ws: Workspace;
let keyId: string;
const bytes = (text: string) => Buffer.from(text, 'utf8');

before(async () => {
  ws = initWorkspace(join(tmp, 'ws', 'countersign.db'));
  const { digest } = await importChangeSet(ws, [writeApprovedBundle(join(tmp, 'bundle'), secrets)]);
  ws.changeSets.setChangeSetState(digest, 'approved', { reason: 'test: approved by quorum' });
  keyId = (await createKey(ws, { name: 'alice', passphrase: PASS })).id;
});

after(() => {
  ws.close();
  rmSync(tmp, { recursive: true, force: true });
});

function stateReport() {
  return importDriftSnapshot(ws, { install: 'prod-eu', files: [{ name: 'state.json', bytes: bytes(liveStateJson(secrets)) }] })[0]!;
}

describe('drift reports in the workspace', () => {
  test('a state snapshot is stored as a masked report and read back the same; the same snapshot again is stored once', () => {
    const audit = ws.audit.count();
    const first = stateReport();
    assert.equal(first.created, true);
    assert.equal(ws.audit.count(), audit + 1, 'one audit entry (drift.import)');
    const again = stateReport();
    assert.equal(again.created, false);
    assert.equal(again.stored.id, first.stored.id);
    const rows = listDriftReports(ws, { install: 'prod-eu' });
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]!.report, JSON.parse(JSON.stringify(first.report)), 'round trip');
    const kinds = rows[0]!.report.items.map((i) => `${i.kind} ${i.address}`).sort();
    assert.deepEqual(kinds, ['added aws_instance.debug', 'changed aws_security_group.web', 'removed aws_s3_bucket.logs']);
    // The console-opened security group is a finding under the contract.
    const detail = driftReportDetail(ws, first.stored.id);
    const sg = detail.items.find((i) => i.address === 'aws_security_group.web')!;
    assert.ok(sg.fields.some((f) => f.path === 'ingress[1]' && f.live.includes('0.0.0.0/0')), JSON.stringify(sg.fields));
    assert.ok(sg.findings.some((f) => f.policy === 'no-public-ingress'), JSON.stringify(sg.findings));
    assert.equal(detail.openCount, 3);
    // Nothing a snapshot carried as a secret is in the store, the DTOs or the audit log.
    const dump = ws.db.prepare<[], { t: string }>("SELECT group_concat(report, '\n') AS t FROM drift_reports").get()!.t;
    const audit2 = ws.db.prepare<[], { t: string }>("SELECT group_concat(details, '\n') AS t FROM audit_log").get()!.t;
    assertNoPlanted(planted, [{ where: 'drift_reports', text: dump }, { where: 'audit_log', text: audit2 }, { where: 'detail', text: JSON.stringify(detail) }]);
  });

  test('bad input stores nothing and names the file; an unsafe install name is refused', () => {
    const before = listDriftReports(ws).length;
    assert.throws(() => importDriftSnapshot(ws, { install: 'prod-eu', files: [
      { name: 'good.json', bytes: bytes(refreshPlanJson(secrets)) },
      { name: 'bad.json', bytes: bytes('{"format_version": "1.0", "values": {}, "values": {}}') },
    ] }), /bad\.json/);
    for (const install of ['', ' ', 'prod\u202eue', 'a\nb', 'x'.repeat(300)]) {
      assert.throws(() => importDriftSnapshot(ws, { install, files: [{ name: 'p.json', bytes: bytes(refreshPlanJson(secrets)) }] }), /install name/);
    }
    assert.equal(listDriftReports(ws).length, before);
  });

  test('the inbox lists the newest report of each install with its open items', () => {
    const items = driftInbox(ws);
    assert.equal(items.length, 1);
    assert.equal(items[0]!.install, 'prod-eu');
    assert.equal(items[0]!.openCount, 3);
    assert.deepEqual(items[0]!.counts, { changed: 1, added: 1, removed: 1 });
  });
});

describe('drift acknowledgements', () => {
  test('acknowledge and revert-by-vendor: signed, verified, audited, in the outbox, and counted by acknowledgedDriftKeys', async () => {
    const report = stateReport().report;
    const sg = report.items.find((i) => i.address === 'aws_security_group.web')!;
    const bucket = report.items.find((i) => i.address === 'aws_s3_bucket.logs')!;
    assert.equal(acknowledgedDriftKeys(ws, 'prod-eu').size, 0);
    await assert.rejects(acknowledgeDrift(ws, { key: sg.key, note: '  ', mode: 'acknowledged', outboxDir: OUTBOX }, { keyId, passphrase: PASS }), /needs a note/);
    await assert.rejects(acknowledgeDrift(ws, { key: sg.key, note: 'x', mode: 'acknowledged', outboxDir: OUTBOX }, { keyId, passphrase: 'wrong passphrase!!' }), /wrong passphrase/);
    const audit = ws.audit.count();
    const ack = await acknowledgeDrift(ws, { key: sg.key, note: 'Opened during the outage of 28 Nov; closing it is tracked in INC-42', mode: 'acknowledged', outboxDir: OUTBOX }, { keyId, passphrase: PASS });
    const revert = await acknowledgeDrift(ws, { key: bucket.key, note: 'Restore the logs bucket in the next release', mode: 'revert-by-vendor', outboxDir: OUTBOX }, { keyId, passphrase: PASS });
    assert.equal(ws.audit.count(), audit + 2);
    assert.equal(verifyAuditChain(ws.db).ok, true);
    assert.deepEqual([...acknowledgedDriftKeys(ws, 'prod-eu')].sort(), [sg.key, bucket.key].sort());
    assert.equal(acknowledgedDriftKeys(ws, 'other-install').size, 0);
    // A second acknowledgement of one item is refused.
    await assert.rejects(acknowledgeDrift(ws, { key: sg.key, note: 'again', mode: 'revert-by-vendor', outboxDir: OUTBOX }, { keyId, passphrase: PASS }), /already acknowledged/);
    // The outbox holds both, under _drift/<install>/, and verify (with the reviewer's key) accepts them.
    assert.ok(ack.path.startsWith(join(OUTBOX, '_drift', 'prod-eu')), ack.path);
    const files = readdirSync(join(OUTBOX, '_drift', 'prod-eu')).sort();
    assert.equal(files.length, 2);
    const loaded = readAttestations(join(OUTBOX, '_drift', 'prod-eu'));
    const v = verifyDriftAcknowledgements(loaded, workspaceTrust(ws), new Date());
    assert.equal(v.ok, true, JSON.stringify(v.problems));
    assert.deepEqual(v.acknowledgements.map((a) => a.predicate.mode).sort(), ['acknowledged', 'revert-by-vendor']);
    assert.equal(v.acknowledgements.find((a) => a.predicate.mode === 'revert-by-vendor')!.predicate.item.kind, 'removed');
    // The detail screen shows them; the inbox counts only what is still open.
    const detail = driftReportDetail(ws, revert.reportId);
    assert.equal(detail.items.find((i) => i.key === sg.key)!.acknowledgement?.mode, 'acknowledged');
    assert.equal(detail.items.find((i) => i.key === sg.key)!.acknowledgement?.reviewer, 'alice');
    assert.equal(driftInbox(ws)[0]!.openCount, 1);
  });

  test('a lost outbox file is written again from the workspace at reconcile', () => {
    const dir = join(OUTBOX, '_drift', 'prod-eu');
    const [name] = readdirSync(dir);
    rmSync(join(dir, name!));
    const r = reconcileAttestationOutbox(ws, OUTBOX, { rewriteMissing: true });
    assert.ok(r.rewritten.some((n) => n.endsWith(name!)), JSON.stringify(r));
    assert.ok(existsSync(join(dir, name!)));
  });

  test('verify refuses forged, altered, wrong-key and wrong-subject acknowledgements', () => {
    const dir = join(OUTBOX, '_drift', 'prod-eu');
    const text = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8');
    const envelope = JSON.parse(text) as DsseEnvelope;
    const trust = workspaceTrust(ws);
    const now = new Date();
    const check = (e: unknown, keys = trust) => verifyDriftAcknowledgements([{ source: 'ack', envelope: e }], keys, now);
    assert.equal(check(envelope).ok, true);
    // Payload altered (mode flipped): the signature no longer verifies.
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicate: { mode: string; item: { key: string } }; subject: { name: string; digest: { sha256: string } }[] };
    const flipped = { ...statement, predicate: { ...statement.predicate, mode: statement.predicate.mode === 'acknowledged' ? 'revert-by-vendor' : 'acknowledged' } };
    const altered = { ...envelope, payload: Buffer.from(JSON.stringify(flipped)).toString('base64') };
    const r1 = check(altered);
    assert.equal(r1.ok, false);
    assert.deepEqual(r1.problems.map((p) => p.code), ['bad-signature']);
    // Signed by a key nobody trusts (a forger's own key with the reviewer's key id).
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forged = { ...envelope, signatures: [{ keyid: envelope.signatures[0]!.keyid, sig: edSign(null, Buffer.from('x'), forger).toString('base64') }] };
    assert.deepEqual(check(forged).problems.map((p) => p.code), ['bad-signature']);
    // The right signature, but the verifier trusts another key: untrusted.
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const r3 = check(envelope, [{ pem: other, source: 'other.pem' }]);
    assert.equal(r3.ok, false);
    assert.deepEqual(r3.problems.map((p) => p.code), ['untrusted-key']);
    // Not a drift acknowledgement at all, or not JSON: never ok.
    assert.equal(verifyDriftAcknowledgements([{ source: 'x', error: 'not valid JSON' }], trust, now).ok, false);
    assert.equal(statement.subject[0]!.name, 'drift-item');
    assert.equal(`sha256:${statement.subject[0]!.digest.sha256}`, statement.predicate.item.key);
    assert.equal((JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicateType: string }).predicateType, DRIFT_ACKNOWLEDGEMENT_PREDICATE);
  });
});

describe('newer snapshots', () => {
  test('the inbox shows the newest report of an install; the older one is history; the same drift stays acknowledged', () => {
    const older = listDriftReports(ws, { install: 'prod-eu' })[0]!;
    const [newer] = importDriftSnapshot(ws, { install: 'prod-eu', files: [{ name: 'refresh.json', bytes: bytes(refreshPlanJson(secrets)) }] });
    assert.equal(newer!.created, true);
    const inbox = driftInbox(ws);
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]!.id, newer!.stored.id);
    assert.equal(driftReportDetail(ws, older.stored.id).superseded, true);
    assert.equal(driftReportDetail(ws, newer!.stored.id).superseded, false);
    // The console-opened ingress rule read from the refresh-only plan is the same drift: its acknowledgement holds.
    const sg = driftReportDetail(ws, newer!.stored.id).items.find((i) => i.address === 'aws_security_group.web')!;
    assert.equal(sg.acknowledgement?.mode, 'acknowledged', JSON.stringify(sg));
  });
});
