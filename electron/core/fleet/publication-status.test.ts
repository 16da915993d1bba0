import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChangeSet } from '../loaders/load-change-set';
import { repoRoot } from '../testing/corpus';
import { contractOwner, fleetContractYaml, publicationText } from '../testing/fleet-fixtures';
import { resolveTrustedKeys } from '../verify/trusted-keys';
import { evaluateFleet } from './evaluate-fleet';
import type { FleetContractStatus } from './fleet-matrix';
import { loadFleetContracts } from './load-fleet-contracts';

const DAY = 86_400_000;
const PUBLISHED = new Date('2026-11-01T00:00:00Z');
const AT = new Date('2026-11-28T03:00:00Z');
const owner = contractOwner();
const stranger = contractOwner('Mallory');

function envelopeOf(text: string): { payload: string; payloadType: string; signatures: { keyid: string; sig: string }[] } {
  return JSON.parse(text) as { payload: string; payloadType: string; signatures: { keyid: string; sig: string }[] };
}

/** A folder of contracts, each beside what `contract publish` would (or would not) have written. */
function fleetFolder(): { dir: string; expected: Record<string, FleetContractStatus> } {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-pub-'));
  const expected: Record<string, FleetContractStatus> = {};
  const put = (install: string, status: FleetContractStatus, contract: string, publication?: string): void => {
    writeFileSync(join(dir, `${install}.contract.yaml`), contract);
    if (publication !== undefined) writeFileSync(join(dir, `${install}-r1.publication.json`), publication);
    expected[install] = status;
  };
  const published = (install: string, extra: Parameters<typeof fleetContractYaml>[0] = { name: install }) => {
    const text = fleetContractYaml({ ...extra, install, roster: [owner.entry] });
    return { text, publication: publicationText(text, owner, { time: PUBLISHED, notAfter: new Date(PUBLISHED.getTime() + 200 * DAY) }) };
  };

  const ok = published('signed');
  put('signed', 'signed', ok.text, ok.publication);
  put('no-roster', 'unsigned', fleetContractYaml({ name: 'no-roster', install: 'no-roster' }));
  put('not-published', 'unsigned', fleetContractYaml({ name: 'not-published', install: 'not-published', roster: [owner.entry] }));
  const stale = fleetContractYaml({ name: 'stale', install: 'stale', roster: [owner.entry] });
  put('stale', 'stale', stale, publicationText(stale, owner, { time: PUBLISHED, notAfter: new Date(PUBLISHED.getTime() + 10 * DAY) }));
  // The contract was edited after it was published: its digest is no longer the one signed.
  const edited = published('edited');
  put('edited', 'bad-signature', edited.text.replace('spec:\n', 'spec:\n  overrides: {"db-no-replace": {"enforcement": "advisory"}}\n'), edited.publication);
  // The publication's payload was altered: its signature no longer verifies.
  const altered = published('altered');
  const env = envelopeOf(altered.publication);
  const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicate: { notAfter: string } };
  statement.predicate.notAfter = '2030-01-01T00:00:00.000Z';
  put('altered', 'bad-signature', altered.text, JSON.stringify({ ...env, payload: Buffer.from(JSON.stringify(statement)).toString('base64') }));
  // Signed by a key the roster does not list as a contract owner.
  const forged = fleetContractYaml({ name: 'forged', install: 'forged', roster: [owner.entry] });
  put('forged', 'bad-signature', forged, publicationText(forged, stranger, { time: PUBLISHED, notAfter: new Date(PUBLISHED.getTime() + 200 * DAY) }).replace(stranger.keyId, owner.keyId));
  // The roster was swapped for the thief's own key, and the thief re-signed: the file is self-consistent.
  const swapped = fleetContractYaml({ name: 'swapped', install: 'swapped', roster: [stranger.entry] });
  put('swapped', 'signed', swapped, publicationText(swapped, stranger, { time: PUBLISHED, notAfter: new Date(PUBLISHED.getTime() + 200 * DAY) }));
  return { dir, expected };
}

describe('publication status per contract', () => {
  test('signed, unsigned, stale and every kind of tampering are told apart (own roster as the trust root)', async () => {
    const cs = await loadChangeSet([`${repoRoot}electron/demo/bundles/acme-2.14.0-blocked`]);
    const { dir, expected } = fleetFolder();
    const m = evaluateFleet(cs, loadFleetContracts([dir]), { at: AT, now: AT });
    assert.equal(m.trust, 'own-roster');
    assert.deepEqual(Object.fromEntries(m.rows.map((r) => [r.install, r.contractStatus])), expected);
    for (const r of m.rows) assert.equal(r.contractStatusDetail === '', r.contractStatus === 'signed', r.install);
    assert.match(m.rows.find((r) => r.install === 'stale')!.contractStatusDetail, /notAfter/);
  });

  test('with --trust keys, only publications signed by one of them count: a swapped roster is caught', async () => {
    const cs = await loadChangeSet([`${repoRoot}electron/demo/bundles/acme-2.14.0-blocked`]);
    const { dir, expected } = fleetFolder();
    const trusted = resolveTrustedKeys([{ pem: owner.entry.publicKey, source: 'owner.pem' }]);
    const m = evaluateFleet(cs, loadFleetContracts([dir]), { at: AT, now: AT, trusted });
    assert.equal(m.trust, 'trusted-keys');
    assert.deepEqual(Object.fromEntries(m.rows.map((r) => [r.install, r.contractStatus])), { ...expected, swapped: 'bad-signature' });
  });

  test('a publication that runs out before the planned apply time is stale already', async () => {
    const cs = await loadChangeSet([`${repoRoot}electron/demo/bundles/acme-2.14.0-blocked`]);
    const { dir } = fleetFolder();
    const m = evaluateFleet(cs, loadFleetContracts([dir]), { at: new Date(PUBLISHED.getTime() + 300 * DAY), now: AT });
    assert.equal(m.rows.find((r) => r.install === 'signed')!.contractStatus, 'stale');
  });

  test('a folder gives its contracts, not its publications or hidden files; a folder without contracts is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-load-'));
    writeFileSync(join(dir, 'a.yaml'), 'x');
    writeFileSync(join(dir, 'b.contract.yml'), 'x');
    writeFileSync(join(dir, 'c.json'), 'x');
    writeFileSync(join(dir, 'a-r1.publication.json'), '{}');
    writeFileSync(join(dir, 'approval-1.dsse.json'), '{}');
    writeFileSync(join(dir, '.hidden.yaml'), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    mkdirSync(join(dir, 'sub.yaml'));
    const loaded = loadFleetContracts([dir]);
    assert.deepEqual(loaded.map((c) => c.file), ['a.yaml', 'b.contract.yml', 'c.json'].map((n) => join(dir, n)));
    assert.equal(loaded[0]!.publications!.length, 1);
    const empty = mkdtempSync(join(tmpdir(), 'fleet-empty-'));
    assert.throws(() => loadFleetContracts([empty]), /holds no contract file/);
    assert.throws(() => loadFleetContracts([join(empty, 'missing')]), /no such file or folder/);
  });
});
