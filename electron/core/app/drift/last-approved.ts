// Written by D1 for `countersign drift` before D3's drift store landed; D3 owns this folder and may adapt it.
import type { ChangeSet } from '../../model/changeset';
import { InputError } from '../../model/errors';
import type { Workspace } from '../../store';
import { rebuildStored } from '../change-set-service';

/**
 * The install's last approved change set (the latest to reach `approved`), rebuilt from its
 * stored files; null when the install has none. One install name used by two vendors (or two
 * apps) is refused: drift against the wrong one would report the wrong things.
 */
export function lastApprovedChangeSet(ws: Workspace, install: string): { readonly digest: string; readonly changeSet: ChangeSet } | null {
  const owners = ws.db.prepare<[string], { vendor: string; app: string }>(
    "SELECT DISTINCT vendor, app FROM change_sets WHERE install = ? AND state = 'approved' LIMIT 2",
  ).all(install);
  if (owners.length > 1) {
    throw new InputError(install, `install name used by more than one vendor or app (${owners.map((o) => `${o.vendor}/${o.app}`).join(', ')}): cannot tell which approved change set to compare with`);
  }
  const row = ws.db.prepare<[string], { digest: string }>(
    "SELECT digest FROM change_sets WHERE install = ? AND state = 'approved' ORDER BY state_changed_at DESC, rowid DESC LIMIT 1",
  ).get(install);
  return row ? { digest: row.digest, changeSet: rebuildStored(ws, row.digest) } : null;
}

/**
 * The vendor whose change sets name this install, when exactly one does ('' otherwise): a
 * refresh-only plan needs no approved change set, but is judged by the install's own contract.
 */
export function installVendor(ws: Workspace, install: string): string {
  const vendors = ws.db.prepare<[string], { vendor: string }>('SELECT DISTINCT vendor FROM change_sets WHERE install = ? LIMIT 2').all(install);
  return vendors.length === 1 ? vendors[0]!.vendor : '';
}
