import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../model/errors';
import { normalizeBundlePath, pathCollisionKey } from './bundle-path';
import { canonicalListing, changeSetDigest } from './digest';
import { parseChangeSetManifest } from './manifest';
import { readChangeSetSource } from './read-source';
import { tarGzBytes, tempDir, zipBytes } from '../../testing/test-archives';

interface Listed { readonly path: string; readonly sha256: string; readonly bytes: number }

/** Reads a v1 listing back: the reference reading the property tests compare against. */
function parseListing(text: string): Listed[] {
  assert.ok(text === '' || text.endsWith('\n'));
  return text.split('\n').slice(0, -1).map((line) => {
    const m = /^([0-9a-f]{64}) {2}(0|[1-9][0-9]*) {2}(.+)$/su.exec(line);
    assert.ok(m, `unparseable listing line ${JSON.stringify(line)}`);
    return { sha256: m[1]!, bytes: Number(m[2]), path: m[3]! };
  });
}

const byPath = (a: Listed, b: Listed): number => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));

/** Characters any reader could take as a line break or a terminal could act on. */
const REFUSED_CHARS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  '\u007f', ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
  '\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
  '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u00ad', '\ufeff', '\u2060', '\ud800', '\udfff', '\ufffd',
];

describe('bundle path rules', () => {
  test('every control, line-breaking, bidi and invisible character is refused anywhere in a path', () => {
    for (const c of REFUSED_CHARS) {
      for (const raw of [`${c}a.yaml`, `k8s/a${c}.yaml`, `k8s${c}/a.yaml`]) {
        const r = normalizeBundlePath(raw);
        assert.equal(r.ok, false, `accepted ${JSON.stringify(raw)}`);
        if (!r.ok) assert.match(r.reason, /character U\+[0-9A-F]{4}|U\+FFFD/);
      }
    }
  });

  test('path forms: accepted as normalized, or refused', () => {
    const accepted: readonly (readonly [string, string])[] = [
      ['a.yaml', 'a.yaml'], ['./a.yaml', 'a.yaml'], ['k8s//a.yaml', 'k8s/a.yaml'], ['k8s/./a.yaml', 'k8s/a.yaml'],
      ['a b.yaml', 'a b.yaml'], ['données/café.yaml', 'données/café.yaml'], ['k8s/😀.yaml', 'k8s/😀.yaml'], ['...yaml', '...yaml'],
    ];
    for (const [raw, path] of accepted) assert.deepEqual(normalizeBundlePath(raw), { ok: true, path }, raw);
    const refused: readonly (readonly [string, RegExp])[] = [
      ['/etc/x', /absolute/], ['C:/x', /absolute/], ['c:x', /absolute/], ['a/../b', /escapes/], ['..', /escapes/],
      ['k8s\\a.yaml', /backslash/], ['..\\x', /backslash/], ['k8s/', /trailing/], ['', /empty/], ['.', /empty/], ['./', /trailing/],
    ];
    for (const [raw, why] of refused) {
      const r = normalizeBundlePath(raw);
      assert.ok(!r.ok && why.test(r.reason), `${JSON.stringify(raw)}: ${JSON.stringify(r)}`);
    }
    assert.deepEqual(normalizeBundlePath('k8s/', { folder: true }), { ok: true, path: 'k8s' });
  });

  test('names one file system confuses share a collision key; distinct names do not', () => {
    const same: readonly (readonly [string, string])[] = [
      ['App.yaml', 'app.yaml'], ['caf\u00e9.yaml', 'cafe\u0301.yaml'], ['STRASSE.yaml', 'straße.yaml'], ['\u212a.yaml', 'k.yaml'],
      ['a.yaml.', 'a.yaml'], ['a.yaml ', 'a.yaml'], ['K8S/x', 'k8s/X'],
    ];
    for (const [a, b] of same) assert.equal(pathCollisionKey(a), pathCollisionKey(b), `${a} / ${b}`);
    assert.notEqual(pathCollisionKey('a.yaml'), pathCollisionKey('b.yaml'));
    assert.notEqual(pathCollisionKey('a/b.yaml'), pathCollisionKey('ab.yaml'));
  });
});

/** Path fragments chosen to forge listing lines: hex, sizes, the two-space separator, line breaks. */
const fragment = fc.oneof(
  fc.constantFrom('a', 'b.yaml', '/', './', '..', ' ', '  ', '\n', '\r', '\u0085', '\u2028', '0', '12', 'é', 'e\u0301', '\\', '\u202e', 'A'),
  fc.constantFrom('a'.repeat(64), '0'.repeat(64)),
  fc.string({ maxLength: 4, unit: 'binary' }),
);
const anyPath = fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const listedFile = fc.record({ path: anyPath, sha256: fc.constantFrom('a'.repeat(64), 'b'.repeat(64), '0'.repeat(64)), bytes: fc.nat({ max: 20 }) });
const fileSet = fc.uniqueArray(listedFile, { selector: (f) => f.path, maxLength: 5 });

/** The listing of `files`, or null when the rules refuse one of its paths. */
function listingOrRefusal(files: readonly Listed[]): string | null {
  try {
    return canonicalListing(files);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    assert.ok(!e.message.includes('\n') && !e.message.includes('\u001b'), 'the refusal prints on one line');
    return null;
  }
}

describe('canonical listing (property)', () => {
  test('an accepted listing parses back to exactly its file set', () => {
    fc.assert(fc.property(fileSet, (files) => {
      const listing = listingOrRefusal(files);
      if (listing === null) return;
      assert.deepEqual(parseListing(listing), files.map((f) => ({ ...f })).sort(byPath));
    }), { seed: 7, numRuns: 3000 });
  });

  test('different file sets never share a digest', () => {
    fc.assert(fc.property(fileSet, fileSet, (a, b) => {
      if (listingOrRefusal(a) === null || listingOrRefusal(b) === null) return;
      const sameSet = JSON.stringify([...a].sort(byPath)) === JSON.stringify([...b].sort(byPath));
      assert.equal(changeSetDigest(a) === changeSetDigest(b), sameSet);
    }), { seed: 11, numRuns: 3000 });
  });

  test('a name that spells the listing of another file set is refused: the forgery never shares its digest', () => {
    // The attack, generalized: take any real set, then fold the listing lines after the first
    // `k` into the name of file k, so one file stands for several. A real set's listing only
    // ever parses back to itself, so the forged set must be refused (or differ).
    const realSet = fc.uniqueArray(fc.record({ path: fc.stringMatching(/^[a-z0-9._-]{1,8}(\/[a-z0-9._-]{1,8})?$/), sha256: fc.constantFrom('a'.repeat(64), 'b'.repeat(64)), bytes: fc.nat({ max: 99 }) }), { selector: (f) => f.path, minLength: 2, maxLength: 6 });
    fc.assert(fc.property(realSet, fc.nat(), fc.nat(), (files, at, len) => {
      if (listingOrRefusal(files) === null) return;
      const lines = parseListing(canonicalListing(files));
      const k = at % (lines.length - 1);
      const folded = lines.slice(k + 1, k + 2 + (len % (lines.length - k - 1))).map((f) => `${f.sha256}  ${f.bytes}  ${f.path}`);
      const forged = [...lines.slice(0, k), { ...lines[k]!, path: [lines[k]!.path, ...folded].join('\n') }, ...lines.slice(k + 1 + folded.length)];
      const forgedListing = listingOrRefusal(forged);
      assert.ok(forgedListing === null || changeSetDigest(forged) !== changeSetDigest(files), 'a forged set shares the digest');
    }), { seed: 13, numRuns: 1000 });
  });

  test('a file set embedding a forged line as a name is refused, never digested', () => {
    const real = [{ path: 'app.yaml', sha256: 'a'.repeat(64), bytes: 3 }, { path: 'evil.yaml', sha256: 'b'.repeat(64), bytes: 4 }];
    const forged = [{ path: `app.yaml\n${'b'.repeat(64)}  4  evil.yaml`, sha256: 'a'.repeat(64), bytes: 3 }];
    assert.equal(listingOrRefusal(forged), null);
    assert.match(changeSetDigest(real), /^sha256:[0-9a-f]{64}$/);
  });
});

describe('colliding names in a bundle', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n';
  const manifest = 'apiVersion: countersign.dev/v1\nkind: ChangeSet\nartifacts:\n  - {kind: kubernetes, path: app.yaml}\n';
  const put = (name: string, bytes: Buffer): string => {
    const file = join(tempDir(), name);
    writeFileSync(file, bytes);
    return file;
  };

  test('an archive holding two names one file system confuses is refused (case, NFC/NFD, a file used as a folder)', async () => {
    for (const other of ['App.yaml', 'APP.YAML', 'app.yaml.']) {
      const entries = [{ name: 'changeset.yaml', data: manifest }, { name: 'app.yaml', data: pod }, { name: other, data: 'kind: Secret\n' }];
      await assert.rejects(readChangeSetSource([put('c.tgz', tarGzBytes(entries))]), /same file as "app\.yaml" on a case-insensitive/);
      await assert.rejects(readChangeSetSource([put('c.zip', zipBytes(entries))]), /same file as "app\.yaml" on a case-insensitive/);
    }
    const fileAndFolder = [{ name: 'changeset.yaml', data: manifest }, { name: 'app.yaml', data: pod }, { name: 'App.yaml/x', data: 'y' }];
    await assert.rejects(readChangeSetSource([put('f.tgz', tarGzBytes(fileAndFolder))]), /entry "App\.yaml\/x": is inside "app\.yaml", which is a file/);
    const folderThenFile = [{ name: 'changeset.yaml', data: manifest }, { name: 'k8s/a.yaml', data: pod }, { name: 'app.yaml', data: pod }, { name: 'k8s', data: 'y' }];
    await assert.rejects(readChangeSetSource([put('g.zip', zipBytes(folderThenFile))]), /entry "k8s": is a file, but other entries use it as a folder/);
    const nfd = [{ name: 'changeset.yaml', data: manifest }, { name: 'app.yaml', data: pod }, { name: 'caf\u00e9', data: 'x' }, { name: 'cafe\u0301', data: 'y' }];
    await assert.rejects(readChangeSetSource([put('n.tgz', tarGzBytes(nfd))]), /same file as "café"/);
  });

  test('a tar entry with a backslash is refused (a separator to some readers, a name character to others)', async () => {
    const base = [{ name: 'changeset.yaml', data: manifest }, { name: 'app.yaml', data: pod }];
    await assert.rejects(readChangeSetSource([put('b.tgz', tarGzBytes([...base, { name: 'k8s\\x.yaml', data: 'x' }]))]), /entry "k8s\\x\.yaml": must use "\/"/);
  });

  test('changeset.yaml cannot list two paths one file system confuses, nor a folder', () => {
    const head = 'apiVersion: countersign.dev/v1\nkind: ChangeSet\nartifacts:\n';
    assert.throws(() => parseChangeSetManifest('changeset.yaml', `${head}  - {kind: kubernetes, path: app.yaml}\n  - {kind: kubernetes, path: App.yaml}\n`),
      (e: unknown) => e instanceof InputError && e.line === 5 && /"App\.yaml" is the same file as "app\.yaml" \(line 4\)/.test(e.message));
    assert.throws(() => parseChangeSetManifest('changeset.yaml', `${head}  - {kind: kubernetes, path: new.yaml, previous: NEW.yaml}\n`), /same file/);
    assert.throws(() => parseChangeSetManifest('changeset.yaml', `${head}  - {kind: kubernetes, path: ChangeSet.yaml}\n`), /cannot be an artifact/);
    assert.throws(() => parseChangeSetManifest('changeset.yaml', `${head}  - {kind: kubernetes, path: k8s/}\n`), /trailing/);
    assert.throws(() => parseChangeSetManifest('changeset.yaml', `${head}  - {kind: kubernetes, path: "a\\u2028b"}\n`), /U\+2028/);
  });

  test('bare files whose names differ only in case are refused; a bare name with a control character too', async () => {
    const a = tempDir();
    const b = tempDir();
    writeFileSync(join(a, 'app.yaml'), pod);
    writeFileSync(join(b, 'APP.yaml'), pod);
    await assert.rejects(readChangeSetSource([join(a, 'app.yaml'), join(b, 'APP.yaml')]), /same file name/);
    for (const c of ['\r', '\u001b', '\u0085', '\u2029', '\u202e']) {
      writeFileSync(join(a, `x${c}.yaml`), pod);
      await assert.rejects(readChangeSetSource([join(a, `x${c}.yaml`)]), /file name "x\\(x|u\{)[0-9a-fA-F]+\}?\.yaml": /);
    }
  });
});
