/**
 * Electron: the paths of the files the user dropped or picked, taken from the File objects
 * themselves (webUtils.getPathForFile, passed in so this stays testable without Electron).
 * Only a File the user gave has a path: one the page made itself (new File(...)) has '' and is
 * refused, so the renderer can never name a path of its own choosing.
 */
export type PathOfFile = (file: File) => string;

export type DroppedPaths = { readonly ok: true; readonly paths: readonly string[] } | { readonly ok: false; readonly message: string };

/** At most this many top-level items per import (a folder counts once: main walks it). */
export const MAX_DROPPED_ITEMS = 10_000;

export function droppedPaths(files: unknown, pathOf: PathOfFile): DroppedPaths {
  if (!Array.isArray(files) || files.length === 0) return { ok: false, message: 'nothing to import: drop or choose files' };
  if (files.length > MAX_DROPPED_ITEMS) return { ok: false, message: `too many files at once (at most ${MAX_DROPPED_ITEMS})` };
  const paths: string[] = [];
  for (const file of files) {
    let path = '';
    try {
      path = typeof File !== 'undefined' && file instanceof File ? pathOf(file) : '';
    } catch {
      path = '';
    }
    if (path === '') {
      const name = typeof (file as { name?: unknown })?.name === 'string' ? (file as { name: string }).name : 'a file';
      return { ok: false, message: `${name}: not a file from this computer (drop it from a folder, or choose it with Import)` };
    }
    paths.push(path);
  }
  return { ok: true, paths: [...new Set(paths)] };
}
