/** The fuzzed loaders, and how one case of each is generated from (seed, index) alone. */
import fc from 'fast-check';
import { attestationBase, attestationCase } from './attestation-cases';
import { bundleCase } from './bundle-cases';
import { backupBase, backupCase } from './backup-cases';
import { contractCase } from './contract-cases';
import { driftCase } from './drift-cases';
import { fleetCase } from './fleet-cases';
import { cosignBase } from './cosign-base';
import { receivedAttestationCase } from './received-attestation-cases';
import { signingRequestCase } from './signing-request-cases';
import { vendorBase, vendorSignatureCase } from './vendor-signature-cases';
import type { FuzzCase } from './fuzz-case';
import { kubernetesCase } from './kubernetes-cases';
import { terraformCase } from './terraform-cases';

export const LOADERS = ['terraform', 'kubernetes', 'bundle', 'contract', 'attestation', 'signing-request', 'received-attestation', 'vendor-signature', 'drift', 'fleet', 'backup'] as const;
export type LoaderName = (typeof LOADERS)[number];

export function isLoaderName(s: string): s is LoaderName {
  return (LOADERS as readonly string[]).includes(s);
}

const arbitraries: Partial<Record<LoaderName, fc.Arbitrary<FuzzCase>>> = {};

function arbitraryOf(loader: LoaderName): fc.Arbitrary<FuzzCase> {
  const make = { terraform: terraformCase, kubernetes: kubernetesCase, bundle: bundleCase, contract: contractCase, attestation: attestationCase,
    'signing-request': signingRequestCase, 'received-attestation': receivedAttestationCase, 'vendor-signature': vendorSignatureCase,
    drift: driftCase, fleet: fleetCase, backup: backupCase,
  }[loader];
  return (arbitraries[loader] ??= make());
}

/** A 32-bit seed per (run seed, loader, case index): any case can be replayed on its own. */
export function caseSeed(seed: number, loader: LoaderName, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const ch of `${loader}#${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h | 0;
}

export async function generateCase(loader: LoaderName, seed: number, index: number): Promise<FuzzCase> {
  // Attestation cases sign with the fixture release; it is built once per process.
  if (loader === 'attestation') await attestationBase();
  // Signing requests and returned files come from two workspaces; vendor signatures from a signed demo bundle.
  if (loader === 'signing-request' || loader === 'received-attestation') await cosignBase();
  if (loader === 'vendor-signature') await vendorBase();
  // Backup cases re-encrypt the base backup's content.
  if (loader === 'backup') await backupBase();
  return fc.sample(arbitraryOf(loader), { seed: caseSeed(seed, loader, index), numRuns: 1 })[0]!;
}
