import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../model/errors';
import { readContractText } from '../engine/contract/load-contract';
import { ENVELOPE_FILE_SUFFIX, JSON_LINES_SUFFIX, PUBLICATION_FILE_SUFFIX, readAttestations } from '../signing/attestation-files';
import type { LoadedAttestation } from '../signing/attestation-files';

/** One install's contract as the fleet reads it: the file's text, and the publications found beside it. */
export interface FleetContract {
  /** How messages and the matrix name the file: the path as given, or DIR/name. */
  readonly file: string;
  readonly text: string;
  /**
   * The publication envelopes (`*.publication.json`) of the contract's folder; the fleet
   * picks the ones that name this contract (name, vendor, install) and checks their
   * signatures. Absent or empty: the contract is unsigned.
   */
  readonly publications?: readonly LoadedAttestation[];
}

/** A fleet of 500 is the aim; far more files in one run is a mistake (or a hostile folder). */
export const MAX_FLEET_CONTRACTS = 20_000;

const CONTRACT_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Names in a folder that are contracts: YAML/JSON files, not envelopes, not hidden. */
export function isContractFileName(name: string): boolean {
  if (name.startsWith('.')) return false;
  if (name.endsWith(PUBLICATION_FILE_SUFFIX) || name.endsWith(ENVELOPE_FILE_SUFFIX) || name.endsWith(JSON_LINES_SUFFIX)) return false;
  return CONTRACT_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}


/** Every `*.publication.json` of a folder (not sub-folders), each read once. */
function folderPublications(dir: string): LoadedAttestation[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: LoadedAttestation[] = [];
  for (const name of names.filter((n) => n.endsWith(PUBLICATION_FILE_SUFFIX)).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    out.push(...readAttestations(path));
    if (out.length > MAX_FLEET_CONTRACTS) throw new InputError(dir, `more than ${MAX_FLEET_CONTRACTS} publications`);
  }
  return out;
}

/**
 * Reads the contracts of a fleet. A folder contributes its `*.yaml`, `*.yml` and `*.json`
 * files (not `*.publication.json` and other envelopes, not hidden files, not sub-folders), in
 * name order; a file is read whatever its name. Each contract carries the publications of its
 * folder (`contract publish` writes `<name>-r<N>.publication.json` beside
 * `<name>-r<N>.contract.yaml`). A missing or unreadable path, or a folder with no contract,
 * is an InputError naming it; nothing is parsed here (evaluateFleet parses, with lines).
 */
export function loadFleetContracts(paths: readonly string[]): FleetContract[] {
  if (paths.length === 0) throw new InputError('--contracts', 'no contract file or folder given');
  const publicationsOf = new Map<string, readonly LoadedAttestation[]>();
  const publications = (dir: string): readonly LoadedAttestation[] => {
    let found = publicationsOf.get(dir);
    if (!found) publicationsOf.set(dir, (found = folderPublications(dir)));
    return found;
  };
  const out: FleetContract[] = [];
  const seen = new Set<string>();
  const add = (file: string, dir: string): void => {
    if (seen.has(file)) return; // the same file named twice is one install, not a duplicate
    seen.add(file);
    out.push({ file, text: readContractText(file), publications: publications(dir) });
    if (out.length > MAX_FLEET_CONTRACTS) throw new InputError(file, `more than ${MAX_FLEET_CONTRACTS} contracts in one fleet`);
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new InputError(path, 'no such file or folder');
    }
    if (!isDir) {
      add(path, dirname(path));
      continue;
    }
    const names = readdirSync(path).filter(isContractFileName).sort();
    const files = names.map((n) => join(path, n)).filter((f) => statSync(f).isFile());
    if (files.length === 0) throw new InputError(path, 'holds no contract file (*.yaml, *.yml or *.json)');
    for (const f of files) add(f, path);
  }
  return out;
}

/**
 * The same from files already in memory (the desktop Fleet preview's uploads): names ending
 * in `.publication.json` are publications, shared by every contract; the rest are contracts.
 */
export function fleetContractsFromFiles(files: readonly { readonly name: string; readonly text: string; readonly unreadable?: string }[]): FleetContract[] {
  const publications: LoadedAttestation[] = [];
  const contracts: { name: string; text: string }[] = [];
  for (const f of files) {
    if (f.name.endsWith(PUBLICATION_FILE_SUFFIX)) {
      // A publication that cannot be read (not UTF-8…) holds no valid signature, as `readAttestations` has it: the row still shows.
      if (f.unreadable !== undefined) {
        publications.push({ source: f.name, error: f.unreadable });
        continue;
      }
      try {
        publications.push({ source: f.name, envelope: JSON.parse(f.text) as unknown });
      } catch (err) {
        publications.push({ source: f.name, error: `not valid JSON (${(err as Error).message})` });
      }
    } else {
      contracts.push(f);
    }
  }
  if (contracts.length > MAX_FLEET_CONTRACTS) throw new InputError('contracts', `more than ${MAX_FLEET_CONTRACTS} contracts in one fleet`);
  return contracts.map((c) => ({ file: c.name, text: c.text, publications }));
}
