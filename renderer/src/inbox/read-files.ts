/**
 * Turns what the user picked or dropped into files with relative paths. A dropped folder keeps
 * its structure (`bundle/infra/plan.json`) so the host can find the bundle's changeset.yaml; a
 * picked folder (webkitdirectory) does the same. Browser mode uploads each file's raw bytes
 * (uploadAll); the desktop app passes the dropped items whole (send-files.ts).
 */
import type { ApiResult } from '../../../electron/shared/api-types';

export interface PickedFile {
  readonly path: string;
  readonly file: File;
}

/** Files from an <input type=file> (with webkitRelativePath when a folder was picked). */
export function pickedFromInput(files: FileList | null): PickedFile[] {
  return Array.from(files ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/**
 * Files and folders from a drop, folders walked recursively. The desktop app takes the dropped
 * items whole (a folder is one item with its path; main reads it).
 */
export async function pickedFromDrop(data: DataTransfer, walkFolders = typeof window === 'undefined' || !window.countersignFiles): Promise<PickedFile[]> {
  if (!walkFolders) return pickedFromInput(data.files);
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

/** What one upload answers: its id, or an error value. */
export type UploadOne = (file: File, onProgress: (sent: number) => void) => Promise<ApiResult<{ readonly upload: string; readonly bytes: number }>>;

/**
 * Sends every picked file (one upload each, reporting bytes sent of the total, which only grows)
 * and answers importUploads' input; the first refused upload fails it, naming the user's file.
 */
export async function uploadAll(
  picked: readonly PickedFile[], upload: UploadOne, onProgress: (sent: number, total: number) => void,
): Promise<ApiResult<{ upload: string; path: string }[]>> {
  const total = picked.reduce((n, p) => n + p.file.size, 0);
  let done = 0;
  const files: { upload: string; path: string }[] = [];
  for (const p of picked) {
    const r = await upload(p.file, (sent) => onProgress(done + Math.min(sent, p.file.size), total));
    if (!r.ok) return { ...r, message: `${p.path}: ${r.message}` };
    done += p.file.size;
    onProgress(done, total);
    files.push({ upload: r.value.upload, path: p.path });
  }
  return { ok: true, value: files };
}
