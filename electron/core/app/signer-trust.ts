import type { RosterEntry } from '../base/roster';
import type { ResolvedContract } from '../engine';
import type { Workspace } from '../store';
import { resolveTrustedKeys } from '../verify';
import type { TrustedKey } from '../verify';
import { rosterKeys } from '../verify/roster-keys';
import { workspaceTrust } from './workspace-judgement';

/**
 * The keys whose signatures on a received or co-signed statement this workspace can check: its
 * own and trusted reviewer keys, plus every key of the roster of the contract that judges the
 * statement (the workspace holds that contract, so it trusts its roster as its own keys). A
 * revocation from either side applies (the earliest wins); a key the roster lists as revoked
 * counts as revoked from the beginning, whatever time a signature claims.
 */
export function signerTrust(ws: Workspace, contract: ResolvedContract): ReadonlyMap<string, TrustedKey> {
  const own = resolveTrustedKeys(workspaceTrust(ws));
  const roster = rosterTrustedKeys(contract.roster ?? [], `contract ${contract.name}`);
  const merged = new Map(own);
  for (const [id, key] of roster) {
    const mine = merged.get(id);
    const revokedAt = earliest(mine?.revokedAt ?? null, key.revokedAt);
    merged.set(id, { ...key, name: key.name || mine?.name || '', revokedAt });
  }
  return merged;
}

/** The roster's keys alone (a signing request's pending statements are checked against its published roster only). */
export function rosterTrustedKeys(roster: readonly RosterEntry[], source: string): ReadonlyMap<string, TrustedKey> {
  const keys = rosterKeys(roster, source);
  return new Map(roster.map((e) => [e.fingerprint, {
    keyId: e.fingerprint,
    publicKey: keys.get(e.fingerprint)!.publicKey,
    name: e.name,
    // Revoked in the roster: never counts (0 = revoked before any signature).
    revokedAt: e.revoked === undefined ? null : 0,
  } satisfies TrustedKey]));
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
