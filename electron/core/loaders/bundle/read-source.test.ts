import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { c as tarCreate } from 'tar';
import { InputError } from '../../model/errors';
import { corpusPath } from '../../testing/corpus';
import { changeSetDigest, listFiles } from './digest';
import { readChangeSetSource } from './read-source';
import { tarGzBytes, tempDir, zipBytes } from '../../testing/test-archives';
import type { ChangeSetSource } from './types';

const MANIFEST = `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: example-vendor
  app: payments
  install: acme-prod
  release: 2.4.10
  previousRelease: "2.4.9"
  createdAt: 2026-01-04T10:00:00Z
  plannedApplyAt: 2026-01-05T03:00:00+01:00
  description: Database and API release.
artifacts:
  - kind: terraform-plan
    path: infra/plan.json
    component: infra
  - kind: kubernetes
    path: k8s/release.yaml
    previous: k8s/previous.yaml
    component: api
`;

/** A bundle folder made of real corpus files, plus an unlisted file the loader must ignore. */
function writeBundle(dir: string, { manifest = MANIFEST, unlisted = true } = {}): string {
  const put = (rel: string, bytes: Uint8Array | string): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), bytes);
  };
  put('changeset.yaml', manifest);
  put('infra/plan.json', readFileSync(corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json')));
  put('k8s/release.yaml', readFileSync(corpusPath('kubernetes', 'kyverno-disallow-latest-tag.resources.yaml')));
  put('k8s/previous.yaml', readFileSync(corpusPath('kubernetes', 'kyverno-require-labels.resources.yaml')));
  if (unlisted) put('notes/README.md', 'not part of the change set\n');
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => p.split('\\').join('/'))
    .sort();
}

function zipFolder(dir: string, out: string, prefix = ''): string {
  writeFileSync(out, zipBytes(filesUnder(dir).map((p) => ({ name: prefix + p, data: readFileSync(join(dir, p)) }))));
  return out;
}

function digestOf(source: ChangeSetSource): string {
  return changeSetDigest(listFiles(source.files));
}

async function rejects(inputs: string[], pattern: RegExp, line?: number): Promise<InputError> {
  try {
    await readChangeSetSource(inputs);
  } catch (e) {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.match(e.message, pattern);
    if (line !== undefined) assert.equal(e.line, line, e.message);
    return e;
  }
  assert.fail(`expected ${inputs.join(' ')} to be rejected`);
}

describe('bundle folder and archives', () => {
  test('a folder, a .tar.gz (as tar writes it) and a .zip of the same bundle have the same digest', async () => {
    const tmp = tempDir();
    const folder = writeBundle(join(tmp, 'bundle'));
    const fromFolder = await readChangeSetSource([folder]);

    const tgz = join(tmp, 'release.tar.gz');
    await tarCreate({ gzip: true, file: tgz, cwd: folder, portable: true }, ['.']);
    const nestedTgz = join(tmp, 'nested.tgz');
    await tarCreate({ gzip: true, file: nestedTgz, cwd: tmp, portable: true }, ['bundle']);
    const zip = zipFolder(folder, join(tmp, 'release.zip'));
    const nestedZip = zipFolder(folder, join(tmp, 'nested.zip'), 'release-2.4.10/');

    const expected = digestOf(fromFolder);
    assert.match(expected, /^sha256:[0-9a-f]{64}$/);
    for (const archive of [tgz, nestedTgz, zip, nestedZip]) {
      const source = await readChangeSetSource([archive]);
      assert.equal(digestOf(source), expected, archive);
      assert.deepEqual(source.files.map((f) => f.path), fromFolder.files.map((f) => f.path));
      assert.equal(source.origin, archive);
    }
  });

  test('the manifest may come before or after the files it lists in a .tar.gz', async () => {
    const folder = writeBundle(tempDir());
    const entries = filesUnder(folder).map((p) => ({ name: p, data: readFileSync(join(folder, p)) }));
    const manifest = entries.find((e) => e.name === 'changeset.yaml')!;
    const others = entries.filter((e) => e !== manifest);
    const tmp = tempDir();
    const expected = digestOf(await readChangeSetSource([folder]));
    for (const [name, order] of [['first.tgz', [manifest, ...others]], ['last.tgz', [...others, manifest]]] as const) {
      writeFileSync(join(tmp, name), tarGzBytes(order));
      const source = await readChangeSetSource([join(tmp, name)]);
      assert.equal(digestOf(source), expected, name);
      assert.deepEqual(source.files.map((f) => f.path), ['changeset.yaml', 'infra/plan.json', 'k8s/release.yaml', 'k8s/previous.yaml']);
    }
  });

  test('reads the manifest, and only the manifest and the files it lists', async () => {
    const source = await readChangeSetSource([writeBundle(tempDir())]);
    assert.deepEqual(source.files.map((f) => f.path), ['changeset.yaml', 'infra/plan.json', 'k8s/release.yaml', 'k8s/previous.yaml']);
    assert.equal(source.manifest?.metadata.release, '2.4.10', 'a version is text, not the number 2.41');
    assert.equal(source.manifest?.metadata.plannedApplyAt, '2026-01-05T03:00:00+01:00');
    assert.deepEqual(source.manifest?.artifacts.map((a) => [a.kind, a.path, a.previous, a.component]), [
      ['terraform-plan', 'infra/plan.json', undefined, 'infra'],
      ['kubernetes', 'k8s/release.yaml', 'k8s/previous.yaml', 'api'],
    ]);
  });

  test('unlisted files do not affect the digest; changing one artifact byte does', async () => {
    const withExtra = await readChangeSetSource([writeBundle(tempDir())]);
    const without = await readChangeSetSource([writeBundle(tempDir(), { unlisted: false })]);
    assert.equal(digestOf(withExtra), digestOf(without));

    const changed = writeBundle(tempDir());
    const plan = readFileSync(join(changed, 'infra/plan.json'));
    plan.writeUInt8(plan.readUInt8(plan.length - 2) ^ 0x20, plan.length - 2);
    writeFileSync(join(changed, 'infra/plan.json'), plan);
    assert.notEqual(digestOf(await readChangeSetSource([changed])), digestOf(without));
  });

  test('the digest is sha256 over the documented listing', () => {
    const files = [
      { path: 'k8s/app.yaml', bytes: Buffer.from('kind: Pod\n') },
      { path: 'changeset.yaml', bytes: Buffer.from('x') },
    ];
    const hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    const listing = `${hex(files[1]!.bytes)}  1  changeset.yaml\n${hex(files[0]!.bytes)}  10  k8s/app.yaml\n`;
    assert.equal(changeSetDigest(listFiles(files)), `sha256:${createHash('sha256').update(listing).digest('hex')}`);
  });

  test('the changeset.yaml path of a folder reads the folder', async () => {
    const folder = writeBundle(tempDir());
    const source = await readChangeSetSource([join(folder, 'changeset.yaml')]);
    assert.equal(source.files.length, 4);
  });

  test('an archive is recognized by its content whatever its name', async () => {
    const tmp = tempDir();
    const folder = writeBundle(join(tmp, 'b'));
    const renamed = join(tmp, 'release.bundle');
    await tarCreate({ gzip: true, file: renamed, cwd: folder, portable: true }, ['.']);
    assert.equal(digestOf(await readChangeSetSource([renamed])), digestOf(await readChangeSetSource([folder])));
  });
});

describe('bare files', () => {
  test('are named by base name, so the digest does not depend on where they are', async () => {
    const a = tempDir();
    const b = tempDir();
    const plan = readFileSync(corpusPath('terraform', 'checkov-sg-rule-port-update.tfplan.json'));
    writeFileSync(join(a, 'plan.json'), plan);
    mkdirSync(join(b, 'deep'));
    writeFileSync(join(b, 'deep', 'plan.json'), plan);
    const first = await readChangeSetSource([join(a, 'plan.json')]);
    assert.equal(first.manifest, null);
    assert.deepEqual(first.files.map((f) => f.path), ['plan.json']);
    assert.equal(first.origin, join(a, 'plan.json'));
    assert.equal(digestOf(first), digestOf(await readChangeSetSource([join(b, 'deep', 'plan.json')])));
  });

  test('two files with the same base name are rejected', async () => {
    const a = tempDir();
    const b = tempDir();
    writeFileSync(join(a, 'app.yaml'), 'kind: Pod\n');
    writeFileSync(join(b, 'app.yaml'), 'kind: Service\n');
    await rejects([join(a, 'app.yaml'), join(b, 'app.yaml')], /same file name/);
  });

  test('a missing input and a bundle mixed with other inputs are rejected', async () => {
    const tmp = tempDir();
    await rejects([join(tmp, 'nope.json')], /no such file or folder/);
    writeFileSync(join(tmp, 'x.yaml'), 'kind: Pod\n');
    await rejects([writeBundle(join(tmp, 'b')), join(tmp, 'x.yaml')], /must be the only input/);
  });
});

describe('bad bundles', () => {
  afterEach(() => { delete process.env.COUNTERSIGN_MAX_INPUT_MB; });

  const manifestFor = (paths: string[]): string =>
    `apiVersion: countersign.dev/v1\nkind: ChangeSet\nartifacts:\n${paths.map((p) => `  - {kind: kubernetes, path: ${p}}\n`).join('')}`;
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n';

  function archive(name: string, bytes: Buffer): string {
    const file = join(tempDir(), name);
    writeFileSync(file, bytes);
    return file;
  }

  test('path traversal in an archive entry is rejected, naming the archive and the entry', async () => {
    const tgz = archive('evil.tgz', tarGzBytes([{ name: 'changeset.yaml', data: manifestFor(['app.yaml']) }, { name: 'app.yaml', data: pod }, { name: 'x/../../evil.sh', data: 'rm -rf' }]));
    const e = await rejects([tgz], /entry "x\/\.\.\/\.\.\/evil\.sh".*escapes the bundle/);
    assert.equal(e.file, tgz);
    const zip = archive('evil.zip', zipBytes([{ name: 'changeset.yaml', data: manifestFor(['app.yaml']) }, { name: 'app.yaml', data: pod }, { name: '..\\evil.sh', data: 'x' }]));
    await rejects([zip], /entry "\.\.\/evil\.sh".*escapes the bundle/);
  });

  test('absolute entry paths are rejected', async () => {
    await rejects([archive('abs.tgz', tarGzBytes([{ name: '/etc/cron.d/x', data: 'x' }]))], /entry "\/etc\/cron\.d\/x": absolute path/);
    await rejects([archive('abs.zip', zipBytes([{ name: 'C:\\Windows\\x.dll', data: 'x' }]))], /absolute path/);
  });

  test('symbolic links, hard links and devices in an archive are rejected', async () => {
    const base = [{ name: 'changeset.yaml', data: manifestFor(['app.yaml']) }];
    await rejects([archive('sym.tgz', tarGzBytes([...base, { name: 'app.yaml', type: '2', linkname: '/etc/passwd' }]))], /entry "app\.yaml": symbolic links are not allowed/);
    await rejects([archive('hard.tgz', tarGzBytes([...base, { name: 'app.yaml', type: '1', linkname: 'changeset.yaml' }]))], /hard links are not allowed/);
    await rejects([archive('dev.tgz', tarGzBytes([...base, { name: 'tty', type: '3' }]))], /device/);
    await rejects([archive('sym.zip', zipBytes([...base, { name: 'app.yaml', data: '/etc/passwd', unixMode: 0o120777 }]))], /symbolic links are not allowed/);
  });

  test('more than 10,000 entries are rejected', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ name: `f/${i}.txt`, data: '' }));
    await rejects([archive('many.tgz', tarGzBytes(many))], /more than 10000 entries/);
    await rejects([archive('many.zip', zipBytes(many.map((e) => ({ ...e, store: true }))))], /more than the 10000 allowed/);
  });

  test('an entry over the size limit is stopped while decompressing, whatever its header says', async () => {
    process.env.COUNTERSIGN_MAX_INPUT_MB = '1';
    const zeros = Buffer.alloc(3 * 1024 * 1024);
    const base = { name: 'changeset.yaml', data: manifestFor(['app.yaml']) };
    await rejects([archive('bomb.tgz', tarGzBytes([base, { name: 'app.yaml', data: zeros }]))], /entry "app\.yaml".*over the 1\.0 MB input limit/);
    await rejects([archive('bomb.zip', zipBytes([base, { name: 'app.yaml', data: zeros }]))], /entry "app\.yaml".*over the 1\.0 MB input limit/);
    // The header claims 100 bytes: only inflating tells, and inflating must stop early.
    await rejects([archive('liar.zip', zipBytes([base, { name: 'app.yaml', data: zeros, declaredSize: 100 }]))], /entry "app\.yaml"/);
    // Many entries each under the limit, together over it.
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `part${i}.bin`, data: Buffer.alloc(400 * 1024) }));
    await rejects([archive('total.tgz', tarGzBytes([base, { name: 'app.yaml', data: pod }, ...parts]))], /archive's content is over the 1\.0 MB input limit/);
  });

  test('a truncated or corrupt archive is rejected', async () => {
    const whole = tarGzBytes([{ name: 'changeset.yaml', data: manifestFor(['app.yaml']) }, { name: 'app.yaml', data: pod }]);
    await rejects([archive('cut.tgz', whole.subarray(0, whole.length - 20))], /not a readable \.tar\.gz archive: the gzip stream is truncated/);
    const noEnd = tarGzBytes([{ name: 'changeset.yaml', data: manifestFor(['app.yaml']) }, { name: 'app.yaml', data: pod }], { noEnd: true });
    await rejects([archive('noend.tgz', noEnd)], /truncated tar archive/);
    await rejects([archive('junk.tgz', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not gzip at all')]))], /not a readable \.tar\.gz archive/);
    const zip = zipBytes([{ name: 'changeset.yaml', data: manifestFor(['app.yaml']) }, { name: 'app.yaml', data: pod }]);
    await rejects([archive('cut.zip', zip.subarray(0, zip.length - 30))], /not a readable \.zip archive/);
  });

  test('an archive without changeset.yaml is rejected', async () => {
    await rejects([archive('none.tgz', tarGzBytes([{ name: 'app.yaml', data: pod }]))], /no changeset\.yaml at the top of the archive/);
    await rejects([archive('none.zip', zipBytes([{ name: 'a/changeset.yaml', data: 'x' }, { name: 'b/changeset.yaml', data: 'x' }]))], /several top-level folders/);
    await rejects([tempDir()], /the folder has no changeset\.yaml/);
  });

  test('a listed file that is missing is rejected at its line in changeset.yaml', async () => {
    const manifest = manifestFor(['app.yaml', 'gone.yaml']);
    const tgz = archive('miss.tgz', tarGzBytes([{ name: 'changeset.yaml', data: manifest }, { name: 'app.yaml', data: pod }]));
    const e = await rejects([tgz], /changeset\.yaml:5: lists gone\.yaml, which is not in the bundle/, 5);
    assert.equal(e.file, `${tgz}/changeset.yaml`);
    const folder = tempDir();
    writeFileSync(join(folder, 'changeset.yaml'), manifest);
    writeFileSync(join(folder, 'app.yaml'), pod);
    await rejects([folder], /lists gone\.yaml, which is not in the bundle/, 5);
  });

  test('a folder bundle cannot reach outside itself', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.yaml'), pod);
    const folder = tempDir();
    writeFileSync(join(folder, 'changeset.yaml'), manifestFor(['app.yaml', 'link.yaml']));
    writeFileSync(join(folder, 'app.yaml'), pod);
    symlinkSync(join(outside, 'secret.yaml'), join(folder, 'link.yaml'));
    await rejects([folder], /lists link\.yaml, which points outside the bundle folder/, 5);
    writeFileSync(join(folder, 'changeset.yaml'), manifestFor(['app.yaml', `../${relative(dirname(folder), outside)}/secret.yaml`]));
    await rejects([folder], /escapes the bundle/, 5);
  });
});
