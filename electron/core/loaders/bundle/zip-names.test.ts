// A zip entry must have one name for every zip reader. yauzl prefers an Info-ZIP Unicode Path
// field to the stored name, Python's zipfile ignores it, streaming readers take the local
// header's name: a vendor could make us review one file while another tool extracts another
// under the same name. Such archives are refused; ordinary ones still load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/errors';
import { tempDir, zipBytes } from '../../testing/test-archives';
import { loadChangeSet } from '../load-change-set';

const MANIFEST = 'apiVersion: countersign.dev/v1\nkind: ChangeSet\nmetadata: {vendor: V, app: a, release: 1.0.0}\nartifacts:\n  - {kind: kubernetes, path: app.yaml}\n';
const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec:\n  containers:\n  - name: c\n    image: ${image}\n`;
const PINNED = `nginx@sha256:${'0'.repeat(64)}`;

function write(bytes: Buffer): string {
  const file = join(tempDir('countersign-zip-names-'), 'bundle.zip');
  writeFileSync(file, bytes);
  return file;
}

test('swapped Unicode Path names (we would review the decoy, Python extracts the miner as app.yaml) are refused', async () => {
  const file = write(zipBytes([
    { name: 'changeset.yaml', data: MANIFEST },
    { name: 'decoy.yaml', unicodePath: 'app.yaml', data: pod(PINNED) },
    { name: 'app.yaml', unicodePath: 'decoy.yaml', data: pod('evil/miner:latest') },
  ]));
  await assert.rejects(loadChangeSet([file]), (e: unknown) => e instanceof InputError && e.file === file && /second \(Unicode Path\) name .*zip readers disagree/.test(e.reason));
});

test('a local header naming the entry differently from the central directory is refused', async () => {
  const file = write(zipBytes([
    { name: 'changeset.yaml', data: MANIFEST },
    { name: 'app.yaml', localName: 'other.yaml', data: pod(PINNED) },
  ]));
  await assert.rejects(loadChangeSet([file]), (e: unknown) => e instanceof InputError && /another name in its local header/.test(e.reason));
});

test('a Unicode Path field that repeats the stored name is fine, and so is an ordinary zip', async () => {
  for (const unicodePath of [undefined, 'app.yaml']) {
    const file = write(zipBytes([{ name: 'changeset.yaml', data: MANIFEST }, { name: 'app.yaml', unicodePath, data: pod(PINNED) }]));
    const cs = await loadChangeSet([file]);
    assert.deepEqual(cs.resources.filter((r) => r.source === 'kubernetes').map((r) => r.address), ['Pod/default/p']);
  }
});
