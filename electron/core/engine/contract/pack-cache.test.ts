import { after, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packsRoot } from '../../io/packs-root';
import { InputError } from '../../model/errors';
import { compilePolicy } from '../compile/compile-policy';
import { buildPackCache } from './build-pack-cache';
import { listPacks, loadPack, parsePackFiles, readPackFiles } from './load-pack';
import { usePackCache } from './pack-cache';

// A private copy of the real packs, and a cache built from it the way build/build-cli.mjs does.
const dir = mkdtempSync(join(tmpdir(), 'countersign-pack-cache-'));
const root = join(dir, 'policies');
cpSync(packsRoot(), root, { recursive: true });
const cacheFile = join(dir, 'packs.json');
const built = buildPackCache(root);
writeFileSync(cacheFile, JSON.stringify(built.cache));
after(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => usePackCache(undefined));

const policyFile = (id: string) => join(root, 'baseline', id, 'policy.yaml');

describe('pack cache', () => {
  test('the build caches every built-in pack', () => {
    assert.deepEqual(built.skipped, []);
    // The CLI ships every pack precompiled: baseline and the Pod Security Standards packs.
    assert.deepEqual(Object.keys(built.cache.packs).sort(), listPacks(root));
    for (const pack of ['baseline', 'pss-baseline', 'pss-restricted']) assert.ok(Object.keys(built.cache.packs).includes(pack), pack);
  });

  test('a hit gives exactly the policies the YAML gives, with file paths under this root', () => {
    const parsed = parsePackFiles('baseline', readPackFiles('baseline', root).files);
    usePackCache(cacheFile);
    const cached = loadPack('baseline', root);
    assert.deepEqual(cached, parsed);
    assert.equal(cached[0]?.definedAt.file, policyFile(cached[0]!.id));
  });

  test('a hit compiles CEL on first use; YAML-parsed and contract policies compile up front', () => {
    usePackCache(cacheFile);
    const [cached] = loadPack('baseline', root);
    const lazy = compilePolicy(cached!, {});
    assert.ok(Object.getOwnPropertyDescriptor(lazy, 'condition')?.get, 'lazily compiled');
    assert.equal(typeof lazy.condition.run, 'function');
    const own = compilePolicy({ ...cached!, pack: '' }, {});
    assert.equal(Object.getOwnPropertyDescriptor(own, 'condition')?.get, undefined);
  });

  test('an edited policy file is read from its YAML, not the cache', () => {
    const file = policyFile('db-no-replace');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('title: Databases are not replaced or deleted', 'title: Edited title'));
      usePackCache(cacheFile);
      assert.equal(loadPack('baseline', root).find((p) => p.id === 'db-no-replace')?.title, 'Edited title');
    } finally {
      writeFileSync(file, original);
    }
  });

  test('a broken policy is reported with its file and line even though the pack is cached', () => {
    const file = policyFile('db-no-replace');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('condition: |\n  resource.source', 'condition: |\n  resource.source &&'));
      usePackCache(cacheFile);
      const [broken] = loadPack('baseline', root).filter((p) => p.id === 'db-no-replace');
      assert.throws(() => compilePolicy(broken!, {}), (err: unknown) => err instanceof InputError && err.file === file && err.line !== undefined);
    } finally {
      writeFileSync(file, original);
    }
  });

  test('a missing or corrupt cache file only means parsing the YAML', () => {
    usePackCache(join(dir, 'nope.json'));
    assert.ok(loadPack('baseline', root).length > 0);
    writeFileSync(join(dir, 'bad.json'), '{not json');
    usePackCache(join(dir, 'bad.json'));
    assert.ok(loadPack('baseline', root).length > 0);
  });
});
