/**
 * The Fleet preview's table: which rows show (search, verdict, signature status) and in which
 * order. Pure, so it runs under Node in unit tests.
 */
import type { FleetContractStatusDto, FleetRowDto, Verdict } from '../../../electron/shared/api-types';

export type FleetSortKey = 'install' | 'verdict' | 'deny' | 'approval' | 'status';
export type SortDirection = 'asc' | 'desc';

export interface FleetView {
  readonly query: string;
  readonly verdict: Verdict | 'all';
  /** 'not-signed': unsigned, stale or bad signature. */
  readonly status: FleetContractStatusDto | 'not-signed' | 'all';
  readonly sort: FleetSortKey;
  readonly direction: SortDirection;
}

/** Worst first by default: the installs that would block, then by name. */
export const DEFAULT_FLEET_VIEW: FleetView = { query: '', verdict: 'all', status: 'all', sort: 'verdict', direction: 'desc' };

/** Higher is worse. */
const VERDICT_WEIGHT: Readonly<Record<Verdict, number>> = { pass: 0, 'needs-approval': 1, blocked: 2 };
const STATUS_WEIGHT: Readonly<Record<FleetContractStatusDto, number>> = { signed: 0, unsigned: 1, stale: 2, 'bad-signature': 3 };

/** Compares by UTF-16 code units, as the core sorts installs: the same order on every machine and locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortValue(r: FleetRowDto, key: FleetSortKey): number {
  switch (key) {
    case 'verdict': return VERDICT_WEIGHT[r.verdict];
    case 'deny': return r.deny.length;
    case 'approval': return r.approval.length;
    case 'status': return STATUS_WEIGHT[r.contractStatus];
    default: return 0;
  }
}

function matches(r: FleetRowDto, view: FleetView): boolean {
  if (view.verdict !== 'all' && r.verdict !== view.verdict) return false;
  if (view.status === 'not-signed' ? r.contractStatus === 'signed' : view.status !== 'all' && r.contractStatus !== view.status) return false;
  const q = view.query.trim().toLowerCase();
  if (q === '') return true;
  return [r.install, r.contractName, r.contractFile, ...r.deny, ...r.approval].some((s) => s.toLowerCase().includes(q));
}

/** The rows to show, in order; ties (and the install column) by install name, always ascending within a tie. */
export function fleetRowsShown(rows: readonly FleetRowDto[], view: FleetView): FleetRowDto[] {
  const sign = view.direction === 'asc' ? 1 : -1;
  return rows.filter((r) => matches(r, view)).sort((a, b) => {
    if (view.sort === 'install') return sign * byCodeUnit(a.install, b.install);
    return sign * (sortValue(a, view.sort) - sortValue(b, view.sort)) || byCodeUnit(a.install, b.install);
  });
}

/** Clicking a column: the same column flips its direction; another starts worst (or A) first. */
export function sortedBy(view: FleetView, key: FleetSortKey): FleetView {
  if (view.sort === key) return { ...view, direction: view.direction === 'asc' ? 'desc' : 'asc' };
  return { ...view, sort: key, direction: key === 'install' ? 'asc' : 'desc' };
}

/** The policies a row is about, worst first: blocking ones, then those needing approval (as the CLI's table). */
export function topPolicies(r: FleetRowDto, limit: number): { readonly shown: readonly { readonly id: string; readonly kind: 'deny' | 'approval' }[]; readonly more: number } {
  const all = [...r.deny.map((id) => ({ id, kind: 'deny' as const })), ...r.approval.map((id) => ({ id, kind: 'approval' as const }))];
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

export interface FleetTally {
  readonly blocked: number;
  readonly needsApproval: number;
  readonly pass: number;
  readonly signed: number;
  readonly unsigned: number;
  readonly stale: number;
  readonly badSignature: number;
}

export function fleetTally(rows: readonly FleetRowDto[]): FleetTally {
  const count = (f: (r: FleetRowDto) => boolean) => rows.filter(f).length;
  return {
    blocked: count((r) => r.verdict === 'blocked'), needsApproval: count((r) => r.verdict === 'needs-approval'), pass: count((r) => r.verdict === 'pass'),
    signed: count((r) => r.contractStatus === 'signed'), unsigned: count((r) => r.contractStatus === 'unsigned'),
    stale: count((r) => r.contractStatus === 'stale'), badSignature: count((r) => r.contractStatus === 'bad-signature'),
  };
}
