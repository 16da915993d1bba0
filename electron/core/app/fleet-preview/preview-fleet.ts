// Issue 13: the desktop Fleet preview's use case. One release (never stored) against many
// customers' published contracts, through the core fleet evaluator (electron/core/fleet, helper
// F). Until it is merged, the tiny fallback beside this file stands in: swap the import below
// for '../../fleet' when it lands.
import type { FleetMatrix } from '../../fleet/fleet-matrix';
import { loadChangeSet } from '../../loaders/load-change-set';
import { evaluateFleet, loadFleetContracts, renderFleetHtml, renderFleetJson } from './fleet-fallback'; // fallback until F lands

export type { FleetMatrix } from '../../fleet/fleet-matrix';

/**
 * Loads the release from its files (a bundle folder or archive, or bare plans/manifests) and
 * the contracts from files and folders, and evaluates each contract on the release. Bad input
 * throws an InputError naming the file (and line); nothing is written anywhere.
 */
export async function previewFleet(releasePaths: readonly string[], contractPaths: readonly string[]): Promise<FleetMatrix> {
  const changeSet = await loadChangeSet(releasePaths);
  const contracts = await loadFleetContracts(contractPaths);
  return evaluateFleet(changeSet, contracts);
}

/** The matrix as the CLI's `fleet --format html|json` writes it. */
export function fleetExportText(matrix: FleetMatrix, format: 'html' | 'json'): string {
  return format === 'html' ? renderFleetHtml(matrix) : renderFleetJson(matrix);
}
