/**
 * The dashboard of every vendor, one vendor, or one install: read-only figures from the
 * summary rows (dashboard-queries.ts). Nothing is evaluated or recorded here; exceptions count
 * as in force only when verify's judgement of their signed copies says so (exception-checks.ts).
 */
import type { DashboardDto, DashboardExceptionDto, DashboardLeadTimeDto } from '../../../shared/day2-types';
import { printable } from '../../model/printable-text';
import type { Workspace } from '../../store';
import { dashboardQueries } from './dashboard-queries';
import type { ExceptionRow, Scope } from './dashboard-queries';
import { openDriftItems } from './open-drift';
import { checkedExceptions } from './exception-checks';

const DAY_MS = 86_400_000;
const EXCEPTIONS_LISTED = 50;

/** The value at quantile q (0..1) of ascending numbers, nearest rank; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

function inScope(e: ExceptionRow, scope: Scope): boolean {
  // A contract-wide exception (no change set) may waive findings of any install the contract judges.
  if (e.vendor === null) return true;
  if (scope.vendor !== undefined && e.vendor !== scope.vendor) return false;
  return scope.install === undefined || e.install === scope.install;
}

function exceptionsOf(ws: Workspace, scope: Scope, now: Date): DashboardDto['exceptions'] {
  const warningDays = ws.settings.get().exceptionExpiryWarningDays;
  const rows = dashboardQueries(ws.db).exceptions();
  // Every row checked (not only the scope's), so one cached judgement serves every scope.
  const checked = checkedExceptions(ws, rows, now);
  const inForce: DashboardExceptionDto[] = [];
  let notCounted = 0;
  for (const e of rows) {
    if (!inScope(e, scope)) continue;
    const signed = checked.get(e.id) ?? null;
    // Nothing of it verifies (forged, unknown signer, edited row): never in force, counted apart.
    if (signed === null) {
      notCounted++;
      continue;
    }
    const at = signed.expiresAt === null ? null : Date.parse(signed.expiresAt);
    // An expiry that does not parse is not "in force": fail closed, as verify does.
    if (at !== null && (Number.isNaN(at) || at <= now.getTime())) continue;
    if (!signed.valid) {
      notCounted++;
      continue;
    }
    inForce.push({
      id: e.id, policy: printable(signed.policy), resourcePattern: printable(signed.resourcePattern), expiresAt: signed.expiresAt,
      daysLeft: at === null ? null : Math.floor((at - now.getTime()) / DAY_MS),
      install: e.install === null ? null : printable(e.install), release: e.release === null ? null : printable(e.release),
      changeSetDigest: e.changeSetDigest,
    });
  }
  inForce.sort((a, b) => (a.expiresAt === null ? 1 : 0) - (b.expiresAt === null ? 1 : 0) || Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? '') || a.id - b.id);
  const expiringSoon = inForce.filter((e) => e.daysLeft !== null && e.daysLeft < warningDays).length;
  return { inForce: inForce.length, expiringSoon, warningDays, notCounted, list: inForce.slice(0, EXCEPTIONS_LISTED) };
}

function leadTimeOf(ws: Workspace, scope: Scope): DashboardLeadTimeDto {
  const q = dashboardQueries(ws.db);
  const hours = q.leadHours(scope);
  return {
    decided: hours.length,
    medianHours: round1(quantile(hours, 0.5)),
    p90Hours: round1(quantile(hours, 0.9)),
    maxHours: round1(hours.length ? hours[hours.length - 1]! : null),
    recent: q.recentDecided(scope).map((r) => ({ ...r, release: printable(r.release), install: printable(r.install), hours: round1(r.hours)! })),
  };
}

/** Vendors with their installs, for the selectors. */
function vendorsOf(ws: Workspace): DashboardDto['vendors'] {
  const out = new Map<string, { install: string; label: string }[]>();
  for (const { vendor, install } of dashboardQueries(ws.db).vendorInstalls()) {
    const list = out.get(vendor) ?? [];
    list.push({ install, label: printable(install) });
    out.set(vendor, list);
  }
  return [...out].map(([vendor, installs]) => ({ vendor, label: printable(vendor), installs }));
}

/** The dashboard for `scope` (an install only within its vendor). */
export function dashboard(ws: Workspace, scope: Scope, now = new Date()): DashboardDto {
  const s: Scope = scope.vendor === undefined ? {} : scope.install === undefined ? { vendor: scope.vendor } : { vendor: scope.vendor, install: scope.install };
  const q = dashboardQueries(ws.db);
  return {
    scope: { vendor: s.vendor ?? null, install: s.install ?? null },
    vendors: vendorsOf(ws),
    changeSets: q.changeSetCount(s),
    releases: q.releases(s).map((r) => ({ ...r, release: printable(r.release) })),
    leadTime: leadTimeOf(ws, s),
    exceptions: exceptionsOf(ws, s, now),
    mostViolated: q.mostViolated(s).map((p) => ({ ...p, policy: printable(p.policy) })),
    openDrift: openDriftItems(ws, s),
    at: now.toISOString(),
  };
}
