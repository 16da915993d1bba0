// Issue 13: the desktop Fleet preview's use case. One release (read, never stored) against many
// customers' published contracts, through the core fleet evaluator (electron/core/fleet): the
// same matrix `countersign fleet` prints for the same files.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { evaluateFleet, fleetContractsFromFiles, fleetJson, isContractFileName, loadFleetContracts, renderFleetHtml } from '../../fleet';
import type { FleetContract, FleetMatrix } from '../../fleet';
import { FLEET_SCOPE_NOTE } from '../../fleet/fleet-summary';
import { decodeText, formatBytes, maxInputBytes } from '../../io/decode-text';
import { loadChangeSet } from '../../loaders/load-change-set';
import { InputError } from '../../model/errors';
import { PUBLICATION_FILE_SUFFIX } from '../../signing/attestation-files';
import type { Workspace } from '../../store';
import { resolveTrustedKeys } from '../../verify/trusted-keys';
import { ownerTrust } from '../workspace-judgement';

export type { FleetContract, FleetMatrix } from '../../fleet';

/** Whose keys a publication's signature is checked against. */
export type FleetTrust = 'own-roster' | 'workspace';

/** A dropped contract file: the user's relative path, and where its bytes are now. */
export interface DroppedContractFile {
  readonly name: string;
  readonly path: string;
}

/**
 * Dropped contract files as the fleet reads them: contracts (`*.yaml`, `*.yml`, `*.json`, not
 * hidden) and publications (`*.publication.json`, shared by every contract: the fleet picks the
 * ones naming each contract). As `countersign fleet --contracts DIR` reads a folder, other
 * files (a README, .DS_Store) and the sub-folders of a dropped folder (`customers/archive/…`)
 * are left out, so the preview shows the matrix the CLI prints. None at all is an InputError.
 */
export function droppedFleetContracts(files: readonly DroppedContractFile[]): FleetContract[] {
  const topLevel = files.filter((f) => f.name.split('/').length <= 2);
  const kept = topLevel.filter((f) => f.name.endsWith(PUBLICATION_FILE_SUFFIX) || isContractFileName(basename(f.name)));
  const contracts = fleetContractsFromFiles(kept.map((f) => (f.name.endsWith(PUBLICATION_FILE_SUFFIX) ? readPublication(f) : { name: f.name, text: readDropped(f) })));
  if (contracts.length === 0) throw new InputError('the dropped contracts', 'hold no contract file (*.yaml, *.yml or *.json)');
  return contracts;
}

/** Contract files and folders on this computer (the desktop app), read as `countersign fleet --contracts` reads them. */
export function localFleetContracts(paths: readonly string[]): FleetContract[] {
  return loadFleetContracts(paths);
}

/**
 * Loads the release from its files (a bundle folder or archive, or bare plans/manifests) and
 * evaluates each contract on it. Publications are checked against each contract's own roster,
 * or against this workspace's own and trusted contract-owner keys. Bad input throws an
 * InputError naming the file (and line); nothing is written anywhere.
 */
export async function previewFleet(ws: Workspace, releasePaths: readonly string[], contracts: readonly FleetContract[], trust: FleetTrust): Promise<FleetMatrix> {
  const started = performance.now();
  const changeSet = await loadChangeSet(releasePaths);
  const loadMs = performance.now() - started;
  const owners = trust === 'workspace' ? ownerTrust(ws) : null;
  if (owners !== null && owners.length === 0) {
    throw new InputError('Keys & trust', 'this workspace holds no contract-owner key: trust the customers\' contract-owner keys first, or check each contract against its own roster');
  }
  const matrix = evaluateFleet(changeSet, contracts, { trusted: owners === null ? null : resolveTrustedKeys(owners) });
  return matrix.timings ? { ...matrix, timings: { ...matrix.timings, loadMs } } : matrix;
}

/** What the preview says about itself: what a row is, whose keys publications were checked against, and that nothing is kept. */
export function fleetPreviewNotes(matrix: FleetMatrix): readonly string[] {
  return [
    FLEET_SCOPE_NOTE,
    matrix.trust === 'trusted-keys'
      ? 'Publication signatures were checked against the contract-owner keys this workspace holds and trusts (Keys & trust).'
      : "Publication signatures were checked against each contract's own roster: that shows a file is as its roster's owners published it, not who they are.",
    'Nothing is stored in the workspace: the preview is kept in memory, for export, until the app closes.',
  ];
}

/** The matrix as `countersign fleet --format html|json` writes it. */
export function fleetExportText(matrix: FleetMatrix, format: 'html' | 'json'): string {
  return format === 'html' ? renderFleetHtml(matrix) : fleetJson(matrix);
}

/** A publication that does not decode is one that does not hold (as `countersign fleet` reads it), not a refused drop. */
function readPublication(f: DroppedContractFile): { name: string; text: string; unreadable?: string } {
  try {
    return { name: f.name, text: readDropped(f) };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { name: f.name, text: '', unreadable: err.reason };
  }
}

function readDropped(f: DroppedContractFile): string {
  const size = statSync(f.path).size;
  if (size > maxInputBytes()) throw new InputError(f.name, `file is ${formatBytes(size)}, over the ${formatBytes(maxInputBytes())} input limit`);
  return decodeText(readFileSync(f.path), f.name);
}
