import type { ResolvedContract } from '../engine';
import { countsAs, describeEntry } from '../verify';

/**
 * Why this key's signature could never count under the contract's roster (null when it can, or
 * when the contract has no roster): signing anyway would store an approval or exception
 * signature that neither the workspace nor `verify` counts.
 */
export function rosterSigningProblem(contract: ResolvedContract, keyId: string, role: 'approver' | 'exception-signer'): string | null {
  const roster = contract.roster ?? [];
  if (roster.length === 0) return null;
  const index = roster.findIndex((e) => e.fingerprint === keyId);
  if (index < 0) return `key ${keyId} is not in the reviewer roster of contract ${contract.name}`;
  const entry = roster[index]!;
  if (countsAs(entry, role)) return null;
  return `${describeEntry(entry, index)} ${entry.revoked !== undefined ? `is revoked (${entry.revoked})` : `is not an ${role}`} in the roster of contract ${contract.name}`;
}
