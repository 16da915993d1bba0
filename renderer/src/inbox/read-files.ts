/**
 * Turns what the user picked or dropped into an import. A dropped folder keeps its structure
 * (`bundle/infra/plan.json`) so the host can find the bundle's changeset.yaml; a picked folder
 * (webkitdirectory) does the same. Browser mode streams each file's raw bytes to the host
 * (uploadFile) and imports the uploads by their relative paths; the desktop app passes the
 * files themselves to the preload, which imports them by their paths on this computer.
 */
import type { ApiResult, ImportResult } from '../../../electron/shared/api-types';
import { api, localFiles, uploadFile } from '../api/client';

export interface PickedFile {
  readonly path: string;
  readonly file: File;
}

/** Files from an <input type=file> (with webkitRelativePath when a folder was picked). */
export function pickedFromInput(files: FileList | null): PickedFile[] {
  return Array.from(files ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Files and folders from a drop, folders walked recursively (the desktop app takes the dropped items whole: it reads folders itself). */
export async function pickedFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  if (localFiles) return pickedFromInput(data.files);
  // Entries must be taken synchronously: the DataTransfer is emptied after the event.
  const entries = Array.from(data.items, (item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((e) => e === null)) return pickedFromInput(data.files);
  const out: PickedFile[] = [];
  for (const entry of entries) if (entry) await walk(entry, out);
  return out;
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}

/** True when the files are sent to the host before the import (browser mode); the desktop app reads them in place. */
export function uploadsFiles(): boolean {
  return localFiles === null;
}

/**
 * Imports the picked files: uploads each (reporting bytes sent of the total), then one
 * importUploads call; in the desktop app, one call with the files themselves. An upload
 * refused (too large) fails the import, naming the user's file.
 */
export async function importPickedFiles(picked: readonly PickedFile[], onProgress: (sent: number, total: number) => void, onUploaded: () => void): Promise<ApiResult<ImportResult>> {
  if (localFiles) return localFiles.importFiles(picked.map((p) => p.file));
  const total = picked.reduce((n, p) => n + p.file.size, 0);
  let done = 0;
  const files: { upload: string; path: string }[] = [];
  for (const p of picked) {
    const r = await uploadFile(p.file, (sent) => onProgress(done + sent, total));
    if (!r.ok) return { ...r, message: `${p.path}: ${r.message}` };
    done += p.file.size;
    onProgress(done, total);
    files.push({ upload: r.value.upload, path: p.path });
  }
  onUploaded();
  return api.importUploads({ files });
}
