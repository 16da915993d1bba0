// Issue 12: the audit report's drift section reads the workspace's drift reports (D3) and checks
// each acknowledgement's signed envelope with the verify code: a stored acknowledgement whose
// envelope was forged, or whose stored note / mode / item no longer matches what was signed, is
// shown as not verified (a thief's copy of the workspace can edit rows the triggers guard).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importChangeSet } from '../change-set-service';
import { createKey } from '../key-service';
import { initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { liveStateJson, writeApprovedBundle } from '../../testing/drift-fixtures';
import { PlantedSecrets } from '../../testing/planted-secrets';
import { acknowledgeDrift, importDriftSnapshot } from '../drift';
import { buildChangeSetAuditReport, buildPeriodAuditReport } from './index';
import { checkStoredAcknowledgement } from './drift-section';
import type { AuditReport } from './index';

const PASS = 'correct horse battery staple';
const NOTE = 'Opened during the outage; closing it is tracked in INC-42';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-report-drift-'));
const planted = new PlantedSecrets();
const secrets = { approvedPassword: planted.plant('approved password'), livePassword: planted.plant('live password'), liveToken: planted.plant('unapproved user_data') };
let ws: Workspace;
let digest: string;
let sgKey: string;

before(async () => {
  ws = initWorkspace(join(tmp, 'ws', 'countersign.db'));
  digest = (await importChangeSet(ws, [writeApprovedBundle(join(tmp, 'bundle'), secrets)])).digest;
  ws.changeSets.setChangeSetState(digest, 'approved', { reason: 'test: approved by quorum' });
  const keyId = (await createKey(ws, { name: 'alice', passphrase: PASS })).id;
  const [row] = importDriftSnapshot(ws, { install: 'prod-eu', files: [{ name: 'state.json', bytes: Buffer.from(liveStateJson(secrets), 'utf8') }] });
  sgKey = row!.report.items.find((i) => i.address === 'aws_security_group.web')!.key;
  await acknowledgeDrift(ws, { key: sgKey, note: NOTE, mode: 'acknowledged', outboxDir: join(tmp, 'outbox') }, { keyId, passphrase: PASS });
});

after(() => {
  ws.close();
  rmSync(tmp, { recursive: true, force: true });
});

const reports = (): readonly [string, AuditReport][] => [
  ['change set', buildChangeSetAuditReport(ws, digest)],
  ['period', buildPeriodAuditReport(ws, { install: 'prod-eu', since: '2000-01-01' })],
];

function sgItemOf(r: AuditReport) {
  return r.drift.reports.flatMap((d) => d.items).find((i) => i.key === sgKey);
}

/** Edits the stored acknowledgement as a thief holding a copy could (dropping the append-only trigger). */
function tamper(sql: string, ...params: string[]): void {
  ws.db.exec('DROP TRIGGER IF EXISTS drift_acknowledgements_immutable');
  ws.db.prepare(sql).run(...params);
}

describe('the drift section of the audit report', () => {
  test('the change-set and period reports list the imported drift items and show the acknowledgement as verified', () => {
    for (const [name, r] of reports()) {
      assert.equal(r.drift.available, true, name);
      assert.equal(r.drift.reports.length, 1, name);
      const d = r.drift.reports[0]!;
      assert.equal(d.install, 'prod-eu', name);
      assert.equal(d.approvedChangeSet, digest, name);
      assert.deepEqual(d.items.map((i) => `${i.kind} ${i.address}`).sort(), ['added aws_instance.debug', 'changed aws_security_group.web', 'removed aws_s3_bucket.logs'], name);
      const sg = sgItemOf(r)!;
      assert.equal(sg.acknowledgement?.verified, true, `${name}: ${sg.acknowledgement?.detail}`);
      assert.equal(sg.acknowledgement?.mode, 'acknowledged');
      assert.equal(sg.acknowledgement?.note, NOTE);
      assert.equal(sg.acknowledgement?.by.name, 'alice');
      assert.equal(d.items.filter((i) => i.acknowledgement !== null).length, 1, `${name}: the other items are open`);
    }
  });

  test('a period of another install or before the snapshot lists no drift', () => {
    assert.equal(buildPeriodAuditReport(ws, { install: 'other', since: '2000-01-01' }).drift.reports.length, 0);
    assert.equal(buildPeriodAuditReport(ws, { install: 'prod-eu', since: '2000-01-01', until: '2000-12-31' }).drift.reports.length, 0);
  });

  test('a stored envelope that is not JSON (the CHECK constraint bypassed) is not verified, never a crash', () => {
    const check = checkStoredAcknowledgement(ws, new Date());
    const shown = { install: 'prod-eu', itemKey: sgKey, mode: 'acknowledged', note: NOTE, keyId: 'k' };
    for (const text of ['', '{"payloadType":', 'null', '[]', '"x"']) assert.equal(check(text, shown).verified, false, JSON.stringify(text));
  });

  // Each case edits the row further; the acknowledgement never comes back as verified.
  const tampered: readonly [string, () => void][] = [
    ['a stored note that differs from the signed one', () => tamper('UPDATE drift_acknowledgements SET note = ?', 'Approved by the CISO')],
    ['a forged signature', () => {
      const env = JSON.parse(ws.db.prepare<[], { envelope: string }>('SELECT envelope FROM drift_acknowledgements').get()!.envelope) as { signatures: { sig: string }[] };
      const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
      sig[0] = sig[0]! ^ 1;
      env.signatures[0]!.sig = sig.toString('base64');
      tamper('UPDATE drift_acknowledgements SET envelope = ?, note = ?', JSON.stringify(env), NOTE);
    }],
    ['a stored value that is not an envelope', () => tamper('UPDATE drift_acknowledgements SET envelope = ?', '{"payloadType":"x"}')],
  ];
  for (const [name, edit] of tampered) {
    test(`${name} shows the acknowledgement as not verified`, () => {
      edit();
      for (const [kind, r] of reports()) {
        const ack = sgItemOf(r)!.acknowledgement;
        assert.ok(ack, kind);
        assert.equal(ack.verified, false, `${kind}: ${name}`);
        assert.notEqual(ack.detail, '', `${kind}: says why`);
      }
    });
  }
});
