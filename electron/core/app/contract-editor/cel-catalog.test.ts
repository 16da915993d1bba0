import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBuilder } from '../../base/policy-builder';
import { defaultContract, parseContract } from '../../engine';
import { initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { corpusPath, repoRoot } from '../../testing/corpus';
import { assertNoPlanted, PlantedSecrets, searchable } from '../../testing/planted-secrets';
import { plantedBundle, writeBundle } from '../../testing/planted-inputs';
import { importChangeSet, importContract } from '../index';
import { resolveRevision } from '../current-contract';
import { CATALOG_LIMITS, celCatalog } from './cel-catalog';
import { SHAPE_LIMITS, ShapeCollector } from './resource-shapes';

const dir = mkdtempSync(join(tmpdir(), 'countersign-cel-catalog-'));
const secrets = new PlantedSecrets();
let ws: Workspace;
const anyVendor = defaultContract(); // vendor '': judges every change set

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(repoRoot, 'electron/demo/contract.yaml'), 'test');
  await importChangeSet(ws, [writeBundle(join(dir, 'planted'), plantedBundle(secrets))]);
  await importChangeSet(ws, [join(repoRoot, 'electron/demo/bundles/acme-2.13.2-chart-bump')]);
  await importChangeSet(ws, [corpusPath('kubernetes', 'gatekeeper-privileged-container-disallowed.yaml')]);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('celCatalog', () => {
  test('holds no planted secret, from any place a secret can sit in an input', () => {
    const catalog = celCatalog(ws, anyVendor);
    assert.ok(catalog.changeSetsRead >= 3);
    // The planted inputs were read: their masked fields are in the catalogue, their values are not.
    const db = catalog.resourceTypes.find((t) => t.type === 'aws_db_instance');
    assert.ok(db?.paths.some((p) => p.path === 'object.password'));
    assert.ok(db?.paths.some((p) => p.path === 'object.settings[0].secret_list[0]'));
    assert.ok(catalog.resourceTypes.some((t) => t.type === 'Secret' && t.paths.some((p) => p.path === 'object.data.password')));
    assertNoPlanted(secrets, [{ where: 'celCatalog', text: searchable(catalog) }]);
  });

  test('resource types, namespaces, label keys and field paths come from the stored change sets', () => {
    const catalog = celCatalog(ws, anyVendor);
    const types = catalog.resourceTypes.map((t) => `${t.source}/${t.type}`);
    assert.ok(types.includes('kubernetes/Pod'), types.join(', '));
    assert.ok(types.includes('kubernetes/Secret'));
    assert.ok(catalog.namespaces.length > 0 && catalog.namespaces.every((n) => n !== ''));
    const pod = catalog.resourceTypes.find((t) => t.type === 'Pod');
    const paths = pod?.paths.map((p) => p.path) ?? [];
    assert.ok(paths.includes('object.spec.containers[0].securityContext.privileged'), paths.join('\n'));
    assert.deepEqual(pod?.paths.find((p) => p.path === 'object.spec.containers[0].securityContext.privileged')?.kinds, ['boolean']);
    assert.ok(catalog.containerPaths.some((p) => p.path === 'c.spec.securityContext.privileged'));
    assert.ok(catalog.containerPaths.some((p) => p.path === 'c.image'));
    // Secret values read masked, and a masked value is never offered as an example.
    const secret = catalog.resourceTypes.find((t) => t.type === 'Secret');
    assert.ok(secret && secret.paths.length > 0);
    assert.ok(secret.paths.every((p) => !p.examples.includes('(sensitive value)')));
  });

  test('every path is one a builder row can use as written', () => {
    const catalog = celCatalog(ws, anyVendor);
    for (const t of catalog.resourceTypes) {
      for (const p of t.paths) {
        const b = toBuilder(`lookup(${p.path.startsWith('object') ? 'object' : 'oldObject'}, ${JSON.stringify(p.path.replace(/^(object|oldObject)\.?/, ''))}, null) != null`);
        assert.equal(b.items[0]?.kind, 'row', p.path);
      }
    }
  });

  test('each policy\'s parameters, with their types', () => {
    const catalog = celCatalog(ws, anyVendor);
    const registries = catalog.policies.find((p) => p.policy === 'images-approved-registries');
    assert.deepEqual(registries?.parameters.map((p) => p.name), ['registries']);
    assert.equal(registries?.parameters[0]?.type, 'registry-list', 'the type baseline 3 declares');
  });

  test('only the change sets of the contract\'s vendor are read, at most the cap', () => {
    const other = parseContract('x.yaml', 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: other, vendor: nobody-here}\nspec: {extends: [baseline]}\n');
    const none = celCatalog(ws, other);
    assert.equal(none.changeSetsRead, 0);
    assert.deepEqual(none.resourceTypes, []);
    const acme = celCatalog(ws, resolveRevision(ws.contracts.latestRevision('acme-prod-eu')!).contract); // the demo contract: vendor acme
    assert.equal(acme.changeSetsRead, 1);
    assert.ok(acme.resourceTypes.every((t) => t.source !== 'kubernetes' || t.type !== 'Pod'));
    assert.equal(celCatalog(ws, anyVendor, { maxChangeSets: 1 }).changeSetsRead, 1);
    assert.equal(celCatalog(ws, anyVendor, { maxChangeSets: 1 }).truncated, true);
    assert.ok(CATALOG_LIMITS.changeSets >= 10);
  });
});

describe('ShapeCollector bounds what one hostile value can add', () => {
  test('depth, keys, paths and examples are capped, and the cap is reported', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const c = new ShapeCollector('object');
    c.add({ wide, deep, weird: { 'a]b': 1, ok: 'x'.repeat(200) } });
    for (let i = 0; i < 20; i++) c.add({ many: `value-${i}` });
    const result = c.result();
    assert.equal(c.truncated, true);
    assert.ok(result.length <= SHAPE_LIMITS.paths);
    assert.ok(result.every((p) => p.path.split('.').length <= SHAPE_LIMITS.depth + 1));
    assert.ok(!result.some((p) => p.path.includes('a]b')));
    assert.deepEqual(result.find((p) => p.path === 'object.weird.ok')?.examples, []);
    assert.equal(result.find((p) => p.path === 'object.many')?.examples.length, SHAPE_LIMITS.examples);
  });
});
