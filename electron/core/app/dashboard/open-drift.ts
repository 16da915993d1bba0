/** Open drift items of the scope's installs, from D3's drift store (issue 12, drift review). */
import type { Workspace } from '../../store';
import { driftInbox } from '../drift/list-reports';
import { dashboardQueries } from './dashboard-queries';
import type { Scope } from './dashboard-queries';

/**
 * Unacknowledged drift items (not only other managers' changes) in the newest drift report of
 * each install in scope. Drift reports name an install, not a vendor: a vendor's installs are
 * those its change sets name, and an install scope is that install within its vendor.
 */
export function openDriftItems(ws: Workspace, scope: Scope): number {
  const inbox = driftInbox(ws);
  if (scope.vendor === undefined) return inbox.reduce((n, r) => n + r.openCount, 0);
  const installs = new Set(dashboardQueries(ws.db).vendorInstalls()
    .filter((v) => v.vendor === scope.vendor && (scope.install === undefined || v.install === scope.install))
    .map((v) => v.install));
  return inbox.filter((r) => installs.has(r.install)).reduce((n, r) => n + r.openCount, 0);
}
