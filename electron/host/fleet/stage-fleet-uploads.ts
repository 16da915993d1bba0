import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError, NotFoundError } from '../../core/model/errors';
import { bundleRoot, droppedOrigin, moveFile, stagedNames } from '../import-files';
import type { UploadedFile } from '../import-files';
import type { DroppedContractFile } from '../../core/app/fleet-preview/preview-fleet';
import type { UploadStore } from '../upload-store';

/** What a Fleet preview reads, staged from browser-mode uploads into a private temporary folder. */
export interface StagedFleetInputs {
  /** The release: its bundle folder, else its files (an archive, plans, manifests). */
  readonly releasePaths: readonly string[];
  /** The user's name for the release (the dropped folder, or the first file + N more). */
  readonly releaseName: string;
  /** Each contract file (and publication) by the user's relative path, and where its bytes are now. */
  readonly contractFiles: readonly DroppedContractFile[];
  /** The error with the temporary folder written as the user's own relative paths. */
  readonly inUserNames: (err: unknown) => unknown;
  /** Removes the temporary folder. */
  readonly dispose: () => void;
}

/**
 * Takes every named upload (each once) and moves it into a private temporary folder: the
 * release under its sanitized relative paths (the loaders read a bundle folder's structure),
 * the contracts by number (they are named by their relative paths, not by where they sit).
 * Names are checked as sets (stagedNames) before anything moves. On any refusal nothing is
 * kept: every named upload and the folder are deleted.
 */
export function stageFleetUploads(uploads: UploadStore, release: readonly UploadedFile[], contracts: readonly UploadedFile[]): StagedFleetInputs {
  const taken = [...release, ...contracts].map((f) => ({ ...f, taken: uploads.take(f.upload) }));
  let dir: string | null = null;
  try {
    const missing = taken.find((f) => f.taken === null);
    if (missing) throw new NotFoundError(missing.path, 'its upload is unknown, expired or already used: drop the file again');
    const releaseRels = stagedNames(release.map((f) => f.path));
    const contractRels = stagedNames(contracts.map((f) => f.path));
    dir = mkdtempSync(join(tmpdir(), 'countersign-fleet-'));
    const targets = [
      ...releaseRels.map((rel) => ({ rel, target: join(dir!, 'release', rel) })),
      ...contractRels.map((rel, i) => ({ rel, target: join(dir!, 'contracts', String(i)) })),
    ];
    targets.forEach(({ rel, target }, i) => {
      try {
        mkdirSync(dirname(target), { recursive: true });
        moveFile(taken[i]!.taken!.file, target);
      } catch (err) {
        throw new InputError(rel, `cannot be prepared for the preview (${(err as NodeJS.ErrnoException).code ?? 'file system error'}: is the name too long?)`);
      }
    });
    const root = bundleRoot(releaseRels);
    const releasePaths = root !== null ? [join(dir, 'release', root)] : releaseRels.map((rel) => join(dir!, 'release', rel));
    const contractFiles = contractRels.map((name, i) => ({ name, path: join(dir!, 'contracts', String(i)) }));
    const staged = dir;
    return {
      releasePaths, releaseName: droppedOrigin(releaseRels, root), contractFiles,
      inUserNames: (err) => inUserNames(err, staged),
      dispose: () => rmSync(staged, { recursive: true, force: true }),
    };
  } catch (err) {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    for (const f of taken) if (f.taken) rmSync(f.taken.file, { force: true });
  }
}

/** The staged release as the user knows it: files inside by their relative paths, the folder itself as what it holds. */
function inUserNames(err: unknown, dir: string): unknown {
  if (!(err instanceof InputError)) return err;
  const names: readonly (readonly [string, string])[] = [[join(dir, 'release'), 'the dropped release'], [dir, 'the dropped files']];
  const strip = (s: string) => names.reduce((t, [from, shown]) => t.split(`${from}/`).join('').split(from).join(shown), s);
  return err.restated(strip(err.file), strip(err.reason));
}
