import type { Workspace } from '../../store';
import { driftStore } from '../../store/drift';

/**
 * Keys of the install's acknowledged drift items (acknowledged, or marked to be reverted by the
 * vendor): `countersign drift` exits 0 when every open item is among them. Only acknowledgements
 * this workspace signed and stored count (each verified before it was recorded).
 */
export function acknowledgedDriftKeys(ws: Workspace, install: string): ReadonlySet<string> {
  return new Set(driftStore(ws).listAcknowledgements(install).map((a) => a.itemKey));
}
