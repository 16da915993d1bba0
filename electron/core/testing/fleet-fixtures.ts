// Contracts of a fleet for tests and the fleet bench: baseline-pack contracts with varied
// parameters, overrides and own policies, and their signed publications.
import type { KeyObject } from 'node:crypto';
import { parseContract } from '../engine';
import type { RosterEntry } from '../base/roster';
import { envelopeFileText, signContractPublication } from '../signing';
import { exportPublicKey, generateReviewerKey } from '../signing/keys';

/** Baseline 4, pinned as the demo contract pins it. */
export const BASELINE_4 = { pack: 'baseline', version: 4, digest: 'sha256:12c2ea770eab9399dddfa092b1fb8df07112d51fcdbc786e8718a579314366ca' };

export interface FleetContractSpec {
  readonly name: string;
  readonly install?: string;
  readonly vendor?: string;
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly overrides?: Readonly<Record<string, { readonly enforcement?: string; readonly enabled?: boolean; readonly shadow?: boolean }>>;
  /** Own policies (policy objects as the contract file writes them). */
  readonly policies?: readonly Readonly<Record<string, unknown>>[];
  readonly roster?: readonly RosterEntry[];
}

/** A countersign.dev/v3 contract extending baseline 4 (JSON flow style: valid YAML, any name). */
export function fleetContractYaml(spec: FleetContractSpec): string {
  const metadata = { name: spec.name, vendor: spec.vendor ?? 'Acme Analytics', ...(spec.install !== undefined ? { install: spec.install } : {}) };
  const lines = [
    'apiVersion: countersign.dev/v3',
    'kind: Contract',
    `metadata: ${JSON.stringify(metadata)}`,
    ...(spec.roster ? [`roster: ${JSON.stringify(spec.roster)}`] : []),
    'spec:',
    `  extends: [${JSON.stringify(BASELINE_4)}]`,
    ...(spec.parameters ? [`  parameters: ${JSON.stringify(spec.parameters)}`] : []),
    ...(spec.overrides ? [`  overrides: ${JSON.stringify(spec.overrides)}`] : []),
    ...(spec.policies ? [`  policies: ${JSON.stringify(spec.policies)}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** An own policy that fails every Terraform resource of `type` (distinct text per `tag`). */
export function ownPolicy(id: string, tag: string, enforcement = 'deny', type = 'aws_s3_bucket'): Record<string, unknown> {
  return {
    id, title: `No ${type} (${tag})`, severity: 'high', enforcement, match: { sources: ['terraform'], types: [type] },
    condition: `resource.type != "${type}" || "${tag}" == "never"`,
  };
}

/** The k-th of `count` distinct configurations: parameters and overrides that change what blocks. */
export function configurationSpec(k: number): Pick<FleetContractSpec, 'parameters' | 'overrides'> {
  const enforcements = ['deny', 'approval', 'advisory'];
  return {
    parameters: {
      'required-tags': { tags: [`Owner${k}`] },
      'elevated-access-approval': { maxDays: 1 + (k % 30) },
    },
    overrides: {
      'db-no-replace': { enforcement: enforcements[k % 3]! },
      'storage-encryption': { enforcement: enforcements[(k + 1) % 3]! },
    },
  };
}

export interface PublishingOwner {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly entry: RosterEntry;
}

export function contractOwner(name = 'Olivia Owner'): PublishingOwner {
  const k = generateReviewerKey();
  return { keyId: k.keyId, privateKey: k.privateKey, entry: { name, email: '', fingerprint: k.keyId, publicKey: exportPublicKey(k.publicKey).pem, roles: ['contract-owner', 'approver'] } };
}

/** The publication file text of a contract (as `contract publish` writes it). */
export function publicationText(contractText: string, owner: PublishingOwner, times: { readonly time: Date; readonly notAfter: Date }, revision = 1): string {
  const c = parseContract('contract.yaml', contractText);
  const signed = signContractPublication({
    contract: { name: c.name, vendor: c.vendor, install: c.install ?? '', digest: c.digest, packs: c.packs ?? [], roster: c.roster ?? [] },
    revision,
    signers: [{ privateKey: owner.privateKey, name: owner.entry.name }],
    notAfter: times.notAfter,
    time: times.time,
  });
  return envelopeFileText(signed.envelope);
}
