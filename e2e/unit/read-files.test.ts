// What the user drops or picks becomes files with relative paths: folder structure kept (the
// host finds changeset.yaml by it), every batch of a large folder read; each file is uploaded
// raw (bytes exact, progress monotone, a refusal names the file). The browser's FileSystemEntry
// is stood in for with minimal fakes that behave as Chromium's do (readEntries answers in
// batches, then an empty one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UploadOne } from '../../renderer/src/inbox/read-files';
import { pickedFromDrop, pickedFromInput, uploadAll } from '../../renderer/src/inbox/read-files';

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

test('each file is uploaded raw: bytes exact (binary, UTF-8, empty), progress only grows to the total', async () => {
  const binary = new Uint8Array([0, 255, 1, 254, 10, 13]);
  const picked = [
    { path: 'a.bin', file: new File([binary], 'a.bin') },
    { path: 'b.yaml', file: new File(['name: café ✓\n'], 'b.yaml') },
    { path: 'empty.json', file: new File([], 'empty.json') },
  ];
  const received = new Map<string, Buffer>();
  const upload: UploadOne = async (file, onProgress) => {
    const bytes = Buffer.from(await file.arrayBuffer());
    onProgress(Math.floor(bytes.length / 2));
    onProgress(bytes.length);
    const id = String(received.size).padStart(32, 'u');
    received.set(id, bytes);
    return { ok: true, value: { upload: id, bytes: bytes.length } };
  };
  const seen: [number, number][] = [];
  const out = await uploadAll(picked, upload, (sent, total) => seen.push([sent, total]));
  assert.ok(out.ok);
  assert.deepEqual(out.value.map((f) => f.path), ['a.bin', 'b.yaml', 'empty.json']);
  const bytesOf = (i: number) => received.get(out.value[i]!.upload)!;
  assert.deepEqual(bytesOf(0), Buffer.from(binary));
  assert.equal(bytesOf(1).toString('utf8'), 'name: café ✓\n');
  assert.equal(bytesOf(2).length, 0);
  const total = binary.length + Buffer.byteLength('name: café ✓\n');
  assert.ok(seen.every(([, t]) => t === total));
  assert.ok(seen.every(([l], i) => i === 0 || l >= seen[i - 1]![0]), 'monotone');
  assert.deepEqual(seen.at(-1), [total, total]);
});

test('a refused upload fails the import naming the user\'s file; later files are not sent', async () => {
  const picked = [{ path: 'bundle/big-plan.json', file: new File(['x'], 'big-plan.json') }, { path: 'bundle/other.json', file: new File(['y'], 'other.json') }];
  let sent = 0;
  const upload: UploadOne = () => {
    sent++;
    return Promise.resolve({ ok: false, code: 'bad-request', message: 'the file is over the 512 MB limit of one dropped file' });
  };
  const out = await uploadAll(picked, upload, () => undefined);
  assert.equal(out.ok, false);
  assert.match(!out.ok ? out.message : '', /^bundle\/big-plan\.json: the file is over the 512 MB limit/);
  assert.equal(sent, 1);
});

test('the desktop app takes dropped items whole (main reads folders itself)', async () => {
  const folder = new File([], 'bundle');
  const picked = await pickedFromDrop(drop([dirEntry('/bundle', [fileEntry('/bundle/changeset.yaml', 'x')])], [folder]), false);
  assert.deepEqual(picked.map((p) => p.file), [folder]);
});
