import type { FleetContractStatus, FleetMatrix, FleetRow } from './fleet-matrix';

/** How many rows have each verdict and each contract status: the header of every rendering. */
export interface FleetCounts {
  readonly installs: number;
  readonly blocked: number;
  readonly needsApproval: number;
  readonly pass: number;
  readonly status: Readonly<Record<FleetContractStatus, number>>;
}

export function fleetCounts(m: FleetMatrix): FleetCounts {
  const status: Record<FleetContractStatus, number> = { signed: 0, unsigned: 0, stale: 0, 'bad-signature': 0 };
  let blocked = 0;
  let needsApproval = 0;
  for (const r of m.rows) {
    status[r.contractStatus]++;
    if (r.verdict === 'blocked') blocked++;
    else if (r.verdict === 'needs-approval') needsApproval++;
  }
  return { installs: m.rows.length, blocked, needsApproval, pass: m.rows.length - blocked - needsApproval, status };
}

/** The policies a row is about, worst first: blocking ones, then those needing approval. */
export function topPolicies(r: FleetRow, limit: number): { readonly shown: readonly string[]; readonly more: number } {
  const all = [...r.deny, ...r.approval];
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

/** Said in every rendering: what a fleet row is, and what it is not. */
export const FLEET_SCOPE_NOTE = "Exceptions and approvals are not applied: each row is the contract's own verdict on the release.";

export function trustNote(m: FleetMatrix): string {
  return m.trust === 'trusted-keys'
    ? 'Publication signatures were checked against the contract-owner keys given with --trust.'
    : "Publication signatures were checked against each contract's own roster (no --trust given): that shows a file is as its roster's owners published it, not who they are.";
}

/** `1 install`, `2 installs`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
