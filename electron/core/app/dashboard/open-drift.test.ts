// Issue 12: the dashboard's "drift items open" reads D3's drift store, scoped as the rest of the
// dashboard is: every vendor, one vendor (the installs its change sets name), one install of a vendor.
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
import { dashboard } from './dashboard';

const PASS = 'correct horse battery staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-dashboard-drift-'));
const planted = new PlantedSecrets();
const secrets = { approvedPassword: planted.plant('approved password'), livePassword: planted.plant('live password'), liveToken: planted.plant('unapproved user_data') };
let ws: Workspace;

before(async () => {
  ws = initWorkspace(join(tmp, 'ws', 'countersign.db'));
  for (const [vendor, install] of [['Acme Analytics', 'prod-eu'], ['Acme Analytics', 'prod-us'], ['Other Vendor', 'staging']] as const) {
    const { digest } = await importChangeSet(ws, [writeApprovedBundle(join(tmp, `bundle-${install}`), secrets, install, { vendor })]);
    ws.changeSets.setChangeSetState(digest, 'approved', { reason: 'test: approved by quorum' });
  }
  const keyId = (await createKey(ws, { name: 'alice', passphrase: PASS })).id;
  // prod-eu: 3 drift items, one acknowledged → 2 open. staging: 3 open. prod-us: no snapshot.
  const [eu] = importDriftSnapshot(ws, { install: 'prod-eu', files: [{ name: 'state.json', bytes: Buffer.from(liveStateJson(secrets), 'utf8') }] });
  importDriftSnapshot(ws, { install: 'staging', files: [{ name: 'state.json', bytes: Buffer.from(liveStateJson(secrets), 'utf8') }] });
  await acknowledgeDrift(ws, { key: eu!.report.items[0]!.key, note: 'accepted during the outage', mode: 'acknowledged', outboxDir: join(tmp, 'outbox') }, { keyId, passphrase: PASS });
});

after(() => {
  ws.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('open drift on the dashboard', () => {
  const cases: readonly [string, { vendor?: string; install?: string }, number][] = [
    ['every vendor', {}, 5],
    ['a vendor: its installs only', { vendor: 'Acme Analytics' }, 2],
    ['another vendor', { vendor: 'Other Vendor' }, 3],
    ['an install of its vendor', { vendor: 'Acme Analytics', install: 'prod-eu' }, 2],
    ['an install without a snapshot', { vendor: 'Acme Analytics', install: 'prod-us' }, 0],
    ['an install under a vendor that does not have it', { vendor: 'Other Vendor', install: 'prod-eu' }, 0],
    ['a vendor with no change sets', { vendor: 'Nobody' }, 0],
  ];
  for (const [name, scope, open] of cases) {
    test(`${name}: ${open} open`, () => {
      assert.equal(dashboard(ws, scope).openDrift, open);
    });
  }
});
