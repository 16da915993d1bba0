/**
 * Imports picked files: browser mode uploads each file's raw bytes to the host (PUT /upload)
 * and imports the uploads by their relative paths; the desktop app hands the File objects to
 * the preload, which imports them by their paths on this computer.
 */
import type { ApiResult, ImportResult } from '../../../electron/shared/api-types';
import { api, localFiles, uploadFile } from '../api/client';
import type { PickedFile } from './read-files';
import { uploadAll } from './read-files';

/** True when the files are sent to the host before the import (browser mode); the desktop app reads them in place. */
export function uploadsFiles(): boolean {
  return localFiles === null;
}

export async function importPickedFiles(picked: readonly PickedFile[], onProgress: (sent: number, total: number) => void, onUploaded: () => void): Promise<ApiResult<ImportResult>> {
  if (localFiles) return localFiles.importFiles(picked.map((p) => p.file));
  const uploaded = await uploadAll(picked, uploadFile, onProgress);
  if (!uploaded.ok) return uploaded;
  onUploaded();
  return api.importUploads({ files: uploaded.value });
}
