/**
 * Issue 7 hole 2: a file name holding a line feed could embed fake lines of the canonical
 * listing, so a one-file import and a real bundle with an extra file shared one digest.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/errors';
import { buildChangeSet } from './build';
import { listFiles } from './digest';
import { readChangeSetSource } from './read-source';
import { tarGzBytes, tempDir, zipBytes } from '../../testing/test-archives';

const HARMLESS = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {k: v}\n';
const DANGEROUS = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {hostNetwork: true, containers: [{name: c, image: nginx:1.27, securityContext: {privileged: true}}]}\n';
const MANIFEST = 'apiVersion: countersign.dev/v1\nkind: ChangeSet\nartifacts:\n  - {kind: kubernetes, path: app.yaml}\n  - {kind: kubernetes, path: zz-evil.yaml}\n';

/** The real bundle the vendor applies: a harmless file, the manifest and a dangerous extra file. */
function realBundle(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'app.yaml'), HARMLESS);
  writeFileSync(join(dir, 'changeset.yaml'), MANIFEST);
  writeFileSync(join(dir, 'zz-evil.yaml'), DANGEROUS);
  return dir;
}

/**
 * The one-file import the reviewer sees: the harmless file under a name that continues with
 * the listing lines of the other two files, so `<sha>  <size>  <name>\n` spells the real listing.
 */
async function forgedBareFile(bundle: string): Promise<string> {
  const real = listFiles((await readChangeSetSource([bundle])).files);
  assert.equal(real[0]!.path, 'app.yaml');
  const tail = real.slice(1).map((f) => `${f.sha256}  ${f.bytes}  ${f.path}`).join('\n');
  const file = join(tempDir(), `app.yaml\n${tail}`);
  writeFileSync(file, HARMLESS);
  return file;
}

describe('change-set digest collision through a file name (issue 7 hole 2)', () => {
  test('a bare file whose name embeds listing lines is refused, naming the file', async () => {
    const bundle = realBundle();
    const forged = await forgedBareFile(bundle);
    const realDigest = buildChangeSet(await readChangeSetSource([bundle])).digest;
    let outcome: unknown;
    try {
      outcome = buildChangeSet(await readChangeSetSource([forged])).digest;
    } catch (e) {
      outcome = e;
    }
    const same = outcome === realDigest ? ', the SAME digest as the real bundle with the extra file' : '';
    assert.ok(outcome instanceof InputError, `the forged import was accepted: ${String(outcome)}${same}`);
    assert.match(outcome.message, /control character U\+000A/);
    assert.ok(!outcome.message.includes('\n'), 'the error itself stays on one line');
  });

  test('the same forged listing cannot be built in memory either (the digest refuses the path)', () => {
    const name = 'app.yaml\n0000000000000000000000000000000000000000000000000000000000000000  1  zz-evil.yaml';
    assert.throws(() => buildChangeSet({ origin: 'x', manifest: null, files: [{ path: name, bytes: Buffer.from(HARMLESS) }] }), /control character/);
  });

  test('archive entries and manifest paths with a line feed are refused', async () => {
    const nl = 'app.yaml\nfake';
    const put = (name: string, bytes: Buffer): string => {
      const file = join(tempDir(), name);
      writeFileSync(file, bytes);
      return file;
    };
    const entries = [{ name: 'changeset.yaml', data: MANIFEST }, { name: 'app.yaml', data: HARMLESS }, { name: 'zz-evil.yaml', data: DANGEROUS }, { name: nl, data: 'x' }];
    await assert.rejects(readChangeSetSource([put('a.tgz', tarGzBytes(entries))]), /entry "app\.yaml\\nfake": control character U\+000A/);
    await assert.rejects(readChangeSetSource([put('a.zip', zipBytes(entries))]), /entry "app\.yaml\\nfake": control character U\+000A/);
    const dir = realBundle();
    writeFileSync(join(dir, 'changeset.yaml'), `${MANIFEST}  - {kind: kubernetes, path: "app.yaml\\nfake"}\n`);
    await assert.rejects(readChangeSetSource([dir]), /changeset\.yaml:6: path "app\.yaml\\nfake": control character U\+000A/);
  });
});
