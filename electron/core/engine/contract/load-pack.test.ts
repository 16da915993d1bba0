import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../model/errors';
import { listPacks, loadPack } from './load-pack';

const root = mkdtempSync(join(tmpdir(), 'countersign-packs-'));
after(() => rmSync(root, { recursive: true, force: true }));

function writePolicy(pack: string, folder: string, id = folder, extra = ''): void {
  mkdirSync(join(root, pack, folder, 'tests'), { recursive: true });
  writeFileSync(join(root, pack, folder, 'policy.yaml'), `id: ${id}\ntitle: ${id}\nseverity: low\nenforcement: advisory\ncondition: "true"\n${extra}`);
}

describe('loadPack', () => {
  writePolicy('demo', 'zeta');
  writePolicy('demo', 'alpha');
  mkdirSync(join(root, 'demo', '_shared'), { recursive: true });
  writeFileSync(join(root, 'demo', 'README.md'), '# not a policy');

  test('reads policies/<pack>/<id>/policy.yaml sorted by id, skipping non-policy entries', () => {
    const policies = loadPack('demo', root);
    assert.deepEqual(policies.map((p) => p.id), ['alpha', 'zeta']);
    assert.equal(policies[0]?.pack, 'demo');
    assert.equal(policies[0]?.definedAt.file, join(root, 'demo', 'alpha', 'policy.yaml'));
    assert.deepEqual(listPacks(root), ['demo']);
  });

  test('the folder name must equal the id', () => {
    writePolicy('mismatch', 'folder-name', 'other-id');
    assert.throws(() => loadPack('mismatch', root), (err: unknown) => err instanceof InputError && /must equal its folder name "folder-name"/.test(err.reason));
  });

  test('an unknown pack or a path-like name is an InputError', () => {
    assert.throws(() => loadPack('nope', root), InputError);
    assert.throws(() => loadPack('../demo', root), InputError);
  });

  test('a folder without policy.yaml is an error, not silently skipped', () => {
    mkdirSync(join(root, 'holes', 'empty'), { recursive: true });
    assert.throws(() => loadPack('holes', root), /no policy.yaml/);
  });

  test('a schema error names the policy file and line', () => {
    writePolicy('broken', 'bad', 'bad', 'severity2: high\n');
    assert.throws(() => loadPack('broken', root), (err: unknown) => err instanceof InputError && err.file.endsWith(join('bad', 'policy.yaml')) && err.line === 6);
  });
});

describe('loadPack in one process', () => {
  test('a policy file edited between two loads is read as edited (parsed packs are kept by content)', () => {
    writePolicy('edited', 'one', 'one', 'description: first\n');
    assert.equal(loadPack('edited', root)[0]?.description, 'first');
    assert.equal(loadPack('edited', root), loadPack('edited', root), 'the same content is parsed once');
    writePolicy('edited', 'one', 'one', 'description: second\n');
    assert.equal(loadPack('edited', root)[0]?.description, 'second');
    writePolicy('edited', 'two');
    assert.deepEqual(loadPack('edited', root).map((p) => p.id), ['one', 'two']);
  });
});
