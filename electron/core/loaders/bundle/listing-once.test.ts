// An import hashes its files once: the store's check of the files against the change-set digest
// reuses the listing computed from the very same file list, and hashes again whenever the list
// is not exactly the one hashed (another array, a file replaced or renamed in it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildChangeSet, listFiles, readChangeSetSource } from './index';
import { rememberListing } from './digest';
import type { SourceFile } from './index';
import { repoRoot } from '../../testing/corpus';
import { tempWorkspace } from '../../testing/store-fixtures';

const fresh = (files: readonly SourceFile[]) =>
  files.map((f) => ({ path: f.path, sha256: createHash('sha256').update(f.bytes).digest('hex'), bytes: f.bytes.length }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));

const fileList = fc.uniqueArray(fc.record({ path: fc.stringMatching(/^[a-z]{1,8}\.json$/), bytes: fc.uint8Array({ maxLength: 64 }) }), { minLength: 1, maxLength: 5, selector: (f) => f.path });

test('property: listing the same list again, or after a file in it is replaced or renamed, always gives the hashes of what it holds now', () => {
  fc.assert(fc.property(fileList, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.boolean(), (files, at, other, rename) => {
    const list: SourceFile[] = [...files];
    assert.deepEqual(listFiles(list), fresh(list));
    assert.deepEqual(listFiles(list), fresh(list), 'asked again');
    const i = at % list.length;
    list[i] = rename ? { path: `renamed-${list[i]!.path}`, bytes: list[i]!.bytes } : { path: list[i]!.path, bytes: Uint8Array.from([...other, 1]) };
    assert.deepEqual(listFiles(list), fresh(list), 'after a change in place');
  }));
});

test('the store still refuses files that are not the ones the change set was built from, also in the very list it was built from', async () => {
  const t = tempWorkspace();
  try {
    const source = await readChangeSetSource([join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked')]);
    const built = buildChangeSet(source);
    const files = source.files as SourceFile[];
    const i = files.findIndex((f) => f.path.endsWith('.json'));
    files[i] = { path: files[i]!.path, bytes: Buffer.concat([files[i]!.bytes, Buffer.from(' ')]) };
    assert.throws(() => t.ws.changeSets.importChangeSet(source, built), /do not match the change-set digest/);
    assert.equal(t.ws.changeSets.getChangeSet(built.digest), null, 'nothing stored');
  } finally {
    t.cleanup();
  }
});

test('a listing remembered from elsewhere (a worker hashed the file) must name these files at these sizes', () => {
  const files: SourceFile[] = [{ path: 'plan.json', bytes: Buffer.from('{}') }];
  const sha256 = createHash('sha256').update('{}').digest('hex');
  rememberListing(files, [{ path: 'plan.json', sha256, bytes: 2 }]);
  assert.deepEqual(listFiles(files), fresh(files));
  for (const wrong of [[{ path: 'other.json', sha256, bytes: 2 }], [{ path: 'plan.json', sha256, bytes: 3 }], [], [{ path: 'plan.json', sha256, bytes: 2 }, { path: 'x.json', sha256, bytes: 2 }]]) {
    assert.throws(() => rememberListing([...files], wrong), /not of these files/, JSON.stringify(wrong));
  }
});
