/**
 * Turns what the user picked or dropped into the API's ImportFile list (relative path +
 * base64 bytes). A dropped folder keeps its structure (`bundle/infra/plan.json`) so the host
 * can find the bundle's changeset.yaml; a picked folder (webkitdirectory) does the same.
 */
import type { ImportFile } from '../../../electron/shared/api-types';

export interface PickedFile {
  readonly path: string;
  readonly file: File;
}

/** Files from an <input type=file> (with webkitRelativePath when a folder was picked). */
export function pickedFromInput(files: FileList | null): PickedFile[] {
  return Array.from(files ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Files and folders from a drop, folders walked recursively. */
export async function pickedFromDrop(data: DataTransfer): Promise<PickedFile[]> {
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

/** base64 of a file without the data: URL prefix; FileReader does it natively, fast for large plans. */
function readBase64(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded);
    reader.onerror = () => reject(new Error(`${file.name}: cannot be read (${reader.error?.message ?? 'unknown error'})`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Reads every file, reporting bytes read so far of the total. */
export async function toImportFiles(picked: readonly PickedFile[], onProgress: (loaded: number, total: number) => void): Promise<ImportFile[]> {
  const total = picked.reduce((n, p) => n + p.file.size, 0);
  let done = 0;
  const out: ImportFile[] = [];
  for (const p of picked) {
    const dataBase64 = await readBase64(p.file, (loaded) => onProgress(done + loaded, total));
    done += p.file.size;
    onProgress(done, total);
    out.push({ path: p.path, dataBase64 });
  }
  return out;
}
