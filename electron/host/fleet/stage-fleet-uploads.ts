import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError, NotFoundError } from '../../core/model/errors';
import { bundleRoot, droppedOrigin, moveFile, stagedNames } from '../import-files';
import type { UploadedFile } from '../import-files';
import type { UploadStore } from '../upload-store';

/** What a Fleet preview reads, staged from browser-mode uploads into a private temporary folder. */
export interface StagedFleetInputs {
  /** The release: its bundle folder, else its files (an archive, plans, manifests). */
  readonly releasePaths: readonly string[];
  /** The user's name for the release (the dropped folder, or the first file + N more). */
  readonly releaseName: string;
  /** Loose contract files as one folder, and each dropped contracts folder. */
  readonly contractPaths: readonly string[];
  /** The error with the temporary folder written as the user's own relative paths. */
  readonly inUserNames: (err: unknown) => unknown;
  /** Removes the temporary folder. */
  readonly dispose: () => void;
}

/**
 * Takes every named upload (each once) and moves it under its sanitized relative path: the
 * release into `release/`, loose contract files into `loose/` and dropped contract folders
 * into `folders/`. Names are checked as sets (stagedNames) before anything moves. On any
 * refusal nothing is kept: every named upload and the folder are deleted.
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
      ...contractRels.map((rel) => ({ rel, target: join(dir!, rel.includes('/') ? 'folders' : 'loose', rel) })),
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
    const folders = [...new Set(contractRels.filter((rel) => rel.includes('/')).map((rel) => rel.slice(0, rel.indexOf('/'))))].sort();
    const contractPaths = [
      ...(contractRels.some((rel) => !rel.includes('/')) ? [join(dir, 'loose')] : []),
      ...folders.map((folder) => join(dir!, 'folders', folder)),
    ];
    const staged = dir;
    return {
      releasePaths, releaseName: droppedOrigin(releaseRels, root), contractPaths,
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

/** Each staged folder as the user knows it: files inside by their relative paths, the folders themselves by what they hold. */
function inUserNames(err: unknown, dir: string): unknown {
  if (!(err instanceof InputError)) return err;
  const names: readonly (readonly [string, string])[] = [
    [join(dir, 'release'), 'the dropped release'], [join(dir, 'loose'), 'the dropped contract files'],
    [join(dir, 'folders'), 'the dropped contract folders'], [dir, 'the dropped files'],
  ];
  const strip = (s: string) => names.reduce((t, [from, shown]) => t.split(`${from}/`).join('').split(from).join(shown), s);
  return err.restated(strip(err.file), strip(err.reason));
}
