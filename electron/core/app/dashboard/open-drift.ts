/** Open drift items of the scope's installs, from D3's drift store (issue 12, drift review). */
import type { Workspace } from '../../store';
import type { Scope } from './dashboard-queries';

/**
 * Unacknowledged drift items in the newest drift report of each install in scope.
 * fallback until D3 lands: 0. With D3 merged this reads
 *   driftInbox(ws).filter((r) => installs.has(r.install)).reduce((n, r) => n + r.openCount, 0)
 * where `installs` are the scope's installs (drift reports name an install, not a vendor).
 */
export function openDriftItems(ws: Workspace, scope: Scope): number {
  void ws;
  void scope;
  return 0; // fallback until D3 lands
}
