// What the user drops or picks becomes the API's ImportFile list: folder structure kept (the host
// finds changeset.yaml by it), every batch of a large folder read, bytes exact, progress monotone.
// The browser's FileSystemEntry and FileReader are stood in for with minimal fakes that behave
// as Chromium's do (readEntries answers in batches, then an empty one).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pickedFromDrop, pickedFromInput, toImportFiles } from '../../renderer/src/inbox/read-files';

class FakeFileReader {
  result: string | null = null;
  error: Error | null = null;
  onprogress: ((e: { loaded: number }) => void) | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readAsDataURL(blob: Blob): void {
    void blob.arrayBuffer().then((buf) => {
      this.onprogress?.({ loaded: Math.floor(buf.byteLength / 2) });
      this.onprogress?.({ loaded: buf.byteLength });
      this.result = `data:application/octet-stream;base64,${Buffer.from(buf).toString('base64')}`;
      this.onload?.();
    });
  }
}

before(() => {
  (globalThis as { FileReader?: unknown }).FileReader = FakeFileReader;
});

function fileEntry(fullPath: string, content: string): FileSystemEntry {
  const file = new File([content], fullPath.split('/').pop()!);
  return { isFile: true, isDirectory: false, fullPath, name: file.name, file: (ok: (f: File) => void) => ok(file) } as unknown as FileSystemEntry;
}

function dirEntry(fullPath: string, children: readonly FileSystemEntry[], batch = 100): FileSystemEntry {
  return {
    isFile: false, isDirectory: true, fullPath, name: fullPath.split('/').pop(),
    createReader: () => {
      let at = 0;
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => { const part = children.slice(at, at + batch); at += batch; ok(part); } };
    },
  } as unknown as FileSystemEntry;
}

function drop(entries: readonly (FileSystemEntry | null)[], files: readonly File[] = []): DataTransfer {
  return { items: entries.map((e) => ({ webkitGetAsEntry: () => e })), files } as unknown as DataTransfer;
}

test('a dropped bundle folder keeps its relative structure, and large folders are read batch by batch', async () => {
  const many = Array.from({ length: 250 }, (_, i) => fileEntry(`/acme/k8s/m${String(i).padStart(3, '0')}.yaml`, `kind: ConfigMap # ${i}`));
  const picked = await pickedFromDrop(drop([dirEntry('/acme', [fileEntry('/acme/changeset.yaml', 'vendor: acme'), dirEntry('/acme/k8s', many, 100)])]));
  assert.equal(picked.length, 251);
  assert.equal(picked[0]!.path, 'acme/changeset.yaml');
  assert.equal(picked[250]!.path, 'acme/k8s/m249.yaml');
  assert.ok(picked.every((p) => !p.path.startsWith('/')));
});

test('a drop without entries falls back to its file list; a picked folder keeps webkitRelativePath', async () => {
  const plan = new File(['{}'], 'plan.json');
  assert.deepEqual((await pickedFromDrop(drop([null], [plan]))).map((p) => p.path), ['plan.json']);
  const inFolder = Object.assign(new File(['x'], 'a.yaml'), { webkitRelativePath: 'bundle/k8s/a.yaml' });
  const list = Object.assign([inFolder, plan], { item: (i: number) => [inFolder, plan][i] ?? null }) as unknown as FileList;
  assert.deepEqual(pickedFromInput(list).map((p) => p.path), ['bundle/k8s/a.yaml', 'plan.json']);
  assert.deepEqual(pickedFromInput(null), []);
});

test('bytes arrive exactly (binary, UTF-8, empty), and progress only grows to the total', async () => {
  const binary = new Uint8Array([0, 255, 1, 254, 10, 13]);
  const picked = [
    { path: 'a.bin', file: new File([binary], 'a.bin') },
    { path: 'b.yaml', file: new File(['name: café ✓\n'], 'b.yaml') },
    { path: 'empty.json', file: new File([], 'empty.json') },
  ];
  const seen: [number, number][] = [];
  const out = await toImportFiles(picked, (loaded, total) => seen.push([loaded, total]));
  assert.deepEqual(out.map((f) => f.path), ['a.bin', 'b.yaml', 'empty.json']);
  assert.deepEqual(Buffer.from(out[0]!.dataBase64, 'base64'), Buffer.from(binary));
  assert.equal(Buffer.from(out[1]!.dataBase64, 'base64').toString('utf8'), 'name: café ✓\n');
  assert.equal(out[2]!.dataBase64, '');
  const total = binary.length + Buffer.byteLength('name: café ✓\n');
  assert.ok(seen.every(([, t]) => t === total));
  assert.ok(seen.every(([l], i) => i === 0 || l >= seen[i - 1]![0]), 'monotone');
  assert.deepEqual(seen.at(-1), [total, total]);
});
