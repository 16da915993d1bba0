/**
 * One generated fuzz input, as plain data so a child process can rebuild it from (loader,
 * seed, index) alone and a failure can be replayed from those three numbers.
 */
export type CaseKind =
  /** A corpus file parsed, mutated as data (values, keys, structure) and written back. */
  | 'structure'
  /** Format-specific text edits (YAML anchors, tags, documents, odd scalars; archive entries). */
  | 'text'
  /** Hostile bundle containers (traversal, links, duplicate entries, truncation): refusals by design, not counted in the verdict share. */
  | 'container'
  /** Bytes flipped, inserted, cut. */
  | 'bytes';

export interface CaseFile {
  /** Path inside the case folder (forward slashes). */
  readonly path: string;
  readonly data?: string | Uint8Array;
  /** Makes a symbolic link to this target instead of a file. */
  readonly symlinkTo?: string;
}

/** How a workspace backup case is restored, and what must come of it. */
export interface RestoreSpec {
  readonly passphrase: string;
  readonly force: boolean;
  /** `fail`: the file is damaged or the passphrase wrong; `succeed`: it is the backup as written; `either`: re-encrypted with the right passphrase. */
  readonly expect: 'fail' | 'succeed' | 'either';
}

export interface FuzzCase {
  /** What was done, short enough for one line of the summary. */
  readonly label: string;
  readonly kind: CaseKind;
  readonly files: readonly CaseFile[];
  /** What the loader is given, relative to the case folder. */
  readonly input: string;
  /** Sign-off inputs: receive into a workspace that already took the untouched original (default: one that took nothing). */
  readonly receiver?: 'fresh' | 'after-original';
  /** A packed bundle's entries (path under the bundle folder, as in a folder case): what properties look at. */
  readonly packed?: readonly CaseFile[];
  /** Marker strings planted as secrets (Secret data, Terraform sensitive values): none may appear in any output. */
  readonly secrets: readonly string[];
  /** The input is known to be bad whatever else a mutation did (two contracts naming one install): a result is a disagreement. */
  readonly mustRefuse?: string;
  /** Workspace backups: the restore to run (the target is `target/countersign.db` in the case folder). */
  readonly restore?: RestoreSpec;
}
