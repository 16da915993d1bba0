// The desktop Fleet preview reads dropped files as `countersign fleet --contracts DIR` reads the
// folder (found by the fleet fuzz target, issue 12: a publication that is not UTF-8 refused the
// whole drop in the preview, while the CLI showed every row with that publication not holding).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateFleet, loadFleetContracts } from '../../fleet';
import { loadChangeSet } from '../../loaders/load-change-set';
import { repoRoot } from '../../testing/corpus';
import { contractOwner, fleetContractYaml, publicationText } from '../../testing/fleet-fixtures';
import { droppedFleetContracts } from './preview-fleet';

const AT = new Date('2026-11-28T03:00:00Z');

describe('Fleet preview: dropped files read as the CLI reads the folder', () => {
  test('a publication that is not UTF-8 does not hold, in both; every row still shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-preview-'));
    try {
      const owner = contractOwner();
      const signed = fleetContractYaml({ name: 'acme', install: 'acme-eu', roster: [owner.entry] });
      writeFileSync(join(dir, 'acme-eu.contract.yaml'), signed);
      writeFileSync(join(dir, 'globex.contract.yaml'), fleetContractYaml({ name: 'globex', install: 'globex' }));
      const good = publicationText(signed, owner, { time: new Date('2026-11-01T00:00:00Z'), notAfter: new Date('2026-12-31T00:00:00Z') });
      writeFileSync(join(dir, 'acme-eu-r1.publication.json'), good);
      writeFileSync(join(dir, 'broken-r1.publication.json'), Buffer.concat([Buffer.from(good.slice(0, 40)), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(good.slice(40))]));
      const release = await loadChangeSet([join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked')]);
      const rows = (m: ReturnType<typeof evaluateFleet>) => m.rows.map((r) => `${r.install} ${r.verdict} ${r.contractStatus}`);
      const cli = evaluateFleet(release, loadFleetContracts([dir]), { at: AT, now: AT });
      const dropped = droppedFleetContracts(readdirSync(dir).map((name) => ({ name: `contracts/${name}`, path: join(dir, name) })));
      const preview = evaluateFleet(release, dropped, { at: AT, now: AT });
      assert.deepEqual(rows(preview), rows(cli));
      assert.deepEqual(rows(cli).map((r) => r.split(' ')[2]), ['signed', 'unsigned'], 'the valid publication still holds beside the broken one');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
