/**
 * A fleet for the Fleet preview's e2e test and screenshots: the demo's blocked release, and
 * customers' contracts covering every row kind: blocked, needs approval, pass; signed, unsigned,
 * stale and bad (tampered) publications; a hostile install name (markup and a bidi override).
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractOwner, fleetContractYaml, publicationText } from '../electron/core/testing/fleet-fixtures';
import { ROOT } from './harness';

export const HOSTILE_INSTALL = '<img src=x onerror=alert(1)>\u202Egnp.exe';

const DAY = 86_400_000;
/** The policies the demo's blocked release fires under baseline 4. */
const FIRING = ['db-no-replace', 'maintenance-window', 'k8s-resource-limits', 'network-change-approval', 'no-public-ingress'];

export interface FleetFiles {
  /** The release bundle folder. */
  readonly release: string;
  /** The contracts folder (contracts and publications). */
  readonly contracts: string;
  /** A folder with one contract that does not parse (line 4). */
  readonly broken: string;
}

export function writeFleetFiles(extraInstalls = 0): FleetFiles {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-fleet-e2e-'));
  const release = join(dir, 'acme-2.14.0-blocked');
  cpSync(join(ROOT, 'electron/demo/bundles/acme-2.14.0-blocked'), release, { recursive: true });
  const contracts = join(dir, 'customers');
  mkdirSync(contracts);
  const owner = contractOwner('Olivia Owner');
  const now = Date.now();
  const publish = (file: string, text: string, times: { time: Date; notAfter: Date }) => {
    writeFileSync(join(contracts, `${file}.contract.yaml`), text);
    writeFileSync(join(contracts, `${file}.publication.json`), publicationText(text, owner, times));
  };
  const current = { time: new Date(now - DAY), notAfter: new Date(now + 90 * DAY) };
  // Blocked, unsigned.
  writeFileSync(join(contracts, 'acme-prod-eu.yaml'), fleetContractYaml({ name: 'acme-prod-eu', install: 'acme-prod-eu' }));
  // Needs approval, signed: the deny policies lowered to approval.
  publish('globex-prod-r3', fleetContractYaml({
    name: 'globex-prod', install: 'globex-prod', roster: [owner.entry],
    overrides: { 'db-no-replace': { enforcement: 'approval' }, 'maintenance-window': { enforcement: 'approval' }, 'k8s-resource-limits': { enforcement: 'approval' } },
  }), current);
  // Pass, signed: every firing policy off.
  publish('initech-staging-r1', fleetContractYaml({
    name: 'initech-staging', install: 'initech-staging', roster: [owner.entry], overrides: Object.fromEntries(FIRING.map((id) => [id, { enabled: false }])),
  }), current);
  // Blocked, stale publication (notAfter passed).
  publish('umbrella-prod-r7', fleetContractYaml({ name: 'umbrella-prod', install: 'umbrella-prod', roster: [owner.entry] }), { time: new Date(now - 120 * DAY), notAfter: new Date(now - 2 * DAY) });
  // Blocked, tampered after publication: the signature no longer covers the file.
  publish('hooli-prod-r2', fleetContractYaml({ name: 'hooli-prod', install: 'hooli-prod', roster: [owner.entry] }), current);
  writeFileSync(join(contracts, 'hooli-prod-r2.contract.yaml'), fleetContractYaml({
    name: 'hooli-prod', install: 'hooli-prod', roster: [owner.entry], overrides: { 'db-no-replace': { enabled: false } },
  }));
  // A hostile install name from a customer's metadata.
  writeFileSync(join(contracts, 'hostile.yaml'), fleetContractYaml({ name: 'hostile', install: HOSTILE_INSTALL, overrides: { 'db-no-replace': { enforcement: 'advisory' } } }));
  for (let i = 0; i < extraInstalls; i++) {
    const id = `tenant-${String(i + 1).padStart(3, '0')}`;
    writeFileSync(join(contracts, `${id}.yaml`), fleetContractYaml({
      name: id, install: id, overrides: i % 3 === 0 ? Object.fromEntries(FIRING.map((p) => [p, { enabled: false }])) : i % 3 === 1 ? { 'db-no-replace': { enforcement: 'approval' }, 'maintenance-window': { enforcement: 'approval' }, 'k8s-resource-limits': { enforcement: 'approval' } } : {},
    }));
  }
  const broken = join(dir, 'broken');
  mkdirSync(broken);
  writeFileSync(join(broken, 'wayne-prod.yaml'), 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: wayne\nspec: {}\n');
  return { release, contracts, broken };
}
