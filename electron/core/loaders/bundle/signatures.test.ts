import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../model/errors';
import { corpusPath, repoRoot } from '../../testing/corpus';
import { tarGzBytes, tempDir, zipBytes } from '../../testing/test-archives';
import { changeSetDigest, listFiles } from './digest';
import { readChangeSetSource } from './read-source';
import { MAX_SIGNATURE_BYTES, MAX_SIGNATURE_FILES } from './signatures';
import type { ChangeSetSource } from './types';

const manifest = (artifact = 'k8s/app.yaml'): string => `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata: {vendor: acme, app: shop, install: prod, release: "1.0"}
artifacts:
  - {kind: kubernetes, path: ${artifact}, component: web}
`;

function put(dir: string, rel: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), bytes);
}

function bundle(dir: string, artifact = 'k8s/app.yaml'): string {
  put(dir, 'changeset.yaml', manifest(artifact));
  put(dir, artifact, readFileSync(corpusPath('kubernetes', 'kyverno-disallow-latest-tag.resources.yaml')));
  return dir;
}

const digestOf = (s: ChangeSetSource): string => changeSetDigest(listFiles(s.files));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).map((p) => p.split('\\').join('/')).sort();
}

/** The bundle as a .tar.gz (manifest first), a .tar.gz with the manifest last (the two-pass read) and a .zip. */
function archives(dir: string, tmp: string): string[] {
  const entries = filesUnder(dir).map((p) => ({ name: p, data: readFileSync(join(dir, p)) }));
  const name = (ext: string): string => join(tmp, `${Math.random().toString(36).slice(2)}.${ext}`);
  const [tgz, lastTgz, zip] = [name('tgz'), name('tgz'), name('zip')];
  writeFileSync(tgz, tarGzBytes(entries));
  writeFileSync(lastTgz, tarGzBytes([...entries].reverse()));
  writeFileSync(zip, zipBytes(entries));
  return [tgz, lastTgz, zip];
}

const problems = (s: ChangeSetSource): string[] => (s.signatures ?? []).flatMap((f) => ('problem' in f ? [`${f.name}: ${f.problem}`] : []));
const names = (s: ChangeSetSource): string[] => (s.signatures ?? []).map((f) => f.name);

describe('signatures/ is outside the change-set digest', () => {
  test('adding signature files changes neither the digest nor the files, from a folder, a .tar.gz or a .zip', async () => {
    const tmp = tempDir();
    const dir = bundle(join(tmp, 'b'));
    const before = await readChangeSetSource([dir]);
    put(dir, 'signatures/0123456789abcdef.release.dsse.json', '{"payloadType":"x"}');
    put(dir, 'signatures/other.release.dsse.json', 'not json');
    for (const input of [dir, ...archives(dir, tmp)]) {
      const after = await readChangeSetSource([input]);
      assert.equal(digestOf(after), digestOf(before), input);
      assert.deepEqual(after.files.map((f) => f.path), before.files.map((f) => f.path));
      assert.deepEqual(names(after), ['signatures/0123456789abcdef.release.dsse.json', 'signatures/other.release.dsse.json'], input);
      assert.deepEqual(problems(after), [], input);
    }
  });

  test('a signed demo bundle has the digest countersign 0.1.0 computed for it (the fixture), as a folder and as a .tar.gz', async () => {
    const facts = JSON.parse(readFileSync(join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0/fixture.json'), 'utf8')) as { changeSets: { peering: string } };
    const tmp = tempDir();
    const dir = join(tmp, 'peering');
    cpSync(join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering'), dir, { recursive: true });
    put(dir, 'signatures/0123456789abcdef.release.dsse.json', '{"payloadType":"application/vnd.in-toto+json","payload":"","signatures":[]}');
    for (const input of [dir, ...archives(dir, tmp)]) assert.equal(digestOf(await readChangeSetSource([input])), facts.changeSets.peering, input);
  });

  test('a listed file whose name merely looks like signatures is still in the digest', async () => {
    for (const artifact of ['k8s/signatures/app.yaml', 'signatures.yaml', 'signatures-x/app.yaml']) {
      const tmp = tempDir();
      const dir = bundle(join(tmp, 'b'), artifact);
      // Over the signature size cap, so an archive reader that took it for a signature would lose it.
      put(dir, artifact, `${readFileSync(join(dir, artifact), 'utf8')}\n${'#'.repeat(MAX_SIGNATURE_BYTES + 1)}\n`);
      const before = [dir, ...archives(dir, tmp)];
      const digests = await Promise.all(before.map(async (i) => digestOf(await readChangeSetSource([i]))));
      assert.equal(new Set(digests).size, 1, artifact);
      put(dir, artifact, `${readFileSync(join(dir, artifact), 'utf8')}\n# changed\n`);
      for (const input of [dir, ...archives(dir, tmp)]) assert.notEqual(digestOf(await readChangeSetSource([input])), digests[0], `${artifact} ${input}`);
    }
  });

  test('a manifest may not list a file inside signatures/ (any case or Unicode form)', async () => {
    for (const artifact of ['signatures/app.yaml', 'Signatures/app.yaml', 'SIGNATURES/x/app.yaml', './signatures/app.yaml']) {
      const dir = bundle(join(tempDir(), 'b'), artifact);
      await assert.rejects(readChangeSetSource([dir]), (e: unknown) => e instanceof InputError && /signatures\/ is reserved for vendor release signatures/.test(e.message) && e.line === 5, artifact);
    }
  });
});

describe('signature files are hostile input', () => {
  test('signatures as a file, a link, a sub-folder, an oversized file, a linked file: each a problem, the import goes on', async () => {
    const tmp = tempDir();
    const asFile = bundle(join(tmp, 'file'));
    put(asFile, 'signatures', '{}');
    const folderFile = await readChangeSetSource([asFile]);
    assert.match(problems(folderFile).join('\n'), /^signatures: is a file, not a folder/);
    for (const archive of archives(asFile, tmp)) assert.match(problems(await readChangeSetSource([archive])).join('\n'), /^signatures: is a file, not a folder/, archive);

    const linked = bundle(join(tmp, 'link'));
    mkdirSync(join(tmp, 'elsewhere'));
    put(tmp, 'elsewhere/a.release.dsse.json', '{}');
    symlinkSync(join(tmp, 'elsewhere'), join(linked, 'signatures'));
    assert.match(problems(await readChangeSetSource([linked])).join('\n'), /^signatures: is a symbolic link/);

    const mixed = bundle(join(tmp, 'mixed'));
    put(mixed, 'signatures/big.release.dsse.json', Buffer.alloc(MAX_SIGNATURE_BYTES + 1, 0x20));
    put(mixed, 'signatures/sub/a.release.dsse.json', '{}');
    symlinkSync(join(tmp, 'elsewhere', 'a.release.dsse.json'), join(mixed, 'signatures', 'linked.release.dsse.json'));
    const read = await readChangeSetSource([mixed]);
    assert.deepEqual(problems(read).map((p) => p.replace(/: .*/, '')), ['signatures/big.release.dsse.json', 'signatures/linked.release.dsse.json', 'signatures/sub']);
    assert.match(problems(read).join('\n'), /big.*over the 65536-byte limit/);
    assert.match(problems(read).join('\n'), /linked.*symbolic link/);
  });

  test('an oversized or nested signature in an archive is a problem, not kept in memory whole', async () => {
    const tmp = tempDir();
    const dir = bundle(join(tmp, 'b'));
    put(dir, 'signatures/big.release.dsse.json', Buffer.alloc(MAX_SIGNATURE_BYTES + 10, 0x20));
    put(dir, 'signatures/sub/a.release.dsse.json', '{}');
    for (const archive of archives(dir, tmp)) {
      const read = await readChangeSetSource([archive]);
      assert.match(problems(read).join('\n'), /signatures\/big\.release\.dsse\.json: is \d+ bytes or more, over the 65536-byte limit/, archive);
      assert.match(problems(read).join('\n'), /signatures\/sub\/a\.release\.dsse\.json: is in a sub-folder/, archive);
    }
  });

  test('in an archive too, a link or an unprintable name in signatures/ is a problem, never an import error (as from a folder)', async () => {
    const tmp = tempDir();
    const dir = bundle(join(tmp, 'b'));
    const digest = digestOf(await readChangeSetSource([dir]));
    const entries = filesUnder(dir).map((p) => ({ name: p, data: readFileSync(join(dir, p)) }));
    const bad = [
      { name: 'signatures/link.release.dsse.json', data: '', type: '2' as const, linkname: '../changeset.yaml' },
      { name: 'signatures/hard.release.dsse.json', data: '', type: '1' as const, linkname: 'changeset.yaml' },
      { name: 'signatures/evil\u001b[31m\u202e.json', data: '{}' },
      { name: 'signatures/twin.release.dsse.json', data: '{}' },
      { name: 'signatures/TWIN.release.dsse.json', data: '{}' },
      { name: 'signatures/twin.release.dsse.json', data: '{"again": 1}' },
    ];
    const zipped = [{ name: 'signatures/link.release.dsse.json', data: '../changeset.yaml', unixMode: 0o120777 }, { name: 'signatures/evil\u001b[31m\u202e.json', data: '{}' }];
    const sources = {
      'tar.gz': tarGzBytes([...entries, ...bad]),
      'tar.gz in a top folder': tarGzBytes([...entries, ...bad].map((e) => ({ ...e, name: `top/${e.name}` }))),
      zip: zipBytes([...entries, ...zipped]),
    };
    for (const [kind, bytes] of Object.entries(sources)) {
      const archive = join(tmp, `${kind.replace(/ /g, '-')}.${kind === 'zip' ? 'zip' : 'tgz'}`);
      writeFileSync(archive, bytes);
      const read = await readChangeSetSource([archive]);
      assert.equal(digestOf(read), digest, kind);
      const found = problems(read).join('\n');
      assert.match(found, /signatures\/link\.release\.dsse\.json: is a symbolic link/, kind);
      if (kind !== 'zip') assert.match(found, /signatures\/hard\.release\.dsse\.json: is a hard link/, kind);
      if (kind !== 'zip') assert.match(found, /signatures\/TWIN\.release\.dsse\.json: same file as "(top\/)?signatures\/twin\.release\.dsse\.json"/, kind);
      assert.match(found, /signatures\/evil\\x1b\[31m\\u\{202E\}\.json: control character U\+001B/, kind);
      assert.doesNotMatch(found, /[\u001b\u202e]/, kind);
    }
    // Elsewhere in the archive a link is still refused, and a path out of signatures/ is no signature.
    for (const entry of [{ name: 'k8s/link.yaml', data: '', type: '2' as const, linkname: 'app.yaml' }, { name: 'signatures/../x.json', data: '{}' }]) {
      const archive = join(tmp, 'elsewhere.tgz');
      writeFileSync(archive, tarGzBytes([...entries, entry]));
      await assert.rejects(readChangeSetSource([archive]), InputError, entry.name);
    }
  });

  test('names are escaped, and at most MAX_SIGNATURE_FILES files are read', async () => {
    const tmp = tempDir();
    const dir = bundle(join(tmp, 'b'));
    put(dir, 'signatures/evil\u001b[31m\u202e.json', '{}');
    for (let i = 0; i < MAX_SIGNATURE_FILES + 3; i++) put(dir, `signatures/s${String(i).padStart(3, '0')}.release.dsse.json`, '{}');
    const read = await readChangeSetSource([dir]);
    const all = (read.signatures ?? []).map((f) => `${f.name} ${'problem' in f ? f.problem : ''}`).join('\n');
    assert.doesNotMatch(all, /[\u001b\u202e]/);
    assert.match(all, /signatures\/evil\\x1b\[31m\\u\{202E\}\.json control character U\+001B/);
    assert.match(all, new RegExp(`signatures holds ${MAX_SIGNATURE_FILES + 4} entries; only the first ${MAX_SIGNATURE_FILES}`));
    assert.equal((read.signatures ?? []).length, MAX_SIGNATURE_FILES + 1);
  });

  test('bare files have no signatures', async () => {
    const dir = bundle(join(tempDir(), 'b'));
    const read = await readChangeSetSource([join(dir, 'k8s/app.yaml')]);
    assert.deepEqual(read.signatures ?? [], []);
  });
});
