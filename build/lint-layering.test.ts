// The layering rule is an ESLint error: these tests lint small snippets as if they lived in
// each layer, generated from the LAYERS table itself, so a row that stops being enforced (or a
// config change that silently drops the rule) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

// The table is read from the config itself (a JS module, imported by URL so tsc does not type it).
const config = (await import(new URL('../eslint.config.js', import.meta.url).href)) as {
  readonly LAYERS: Readonly<Record<string, readonly string[]>>;
  readonly IPC_OWNERS: readonly string[];
};
const { LAYERS, IPC_OWNERS } = config;

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const rows = LAYERS;
const layers = Object.keys(rows);
const PSEUDO: Readonly<Record<string, string>> = { node: 'node:fs', electron: 'electron' };

async function errors(filePath: string, code: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const layerErrors = (filePath: string, code: string) => errors(filePath, code, 'countersign/layers');
const ipcErrors = (filePath: string, code: string) => errors(filePath, code, 'no-restricted-imports');

/** An import of `target` (a layer folder, a file, or a pseudo-layer) written as it would be from `file`. */
function importOf(file: string, target: string): string {
  let spec = PSEUDO[target];
  if (!spec) {
    const to = target.endsWith('.json') ? target : `${target}/some-module`;
    spec = posix.relative(posix.dirname(file), to);
    if (!spec.startsWith('.')) spec = `./${spec}`;
  }
  return `import * as x from '${spec}';\nexport const a = x;\n`;
}

const productionFile = (layer: string) => `${layer}/sub/some-file.ts`;

test('every row refuses every layer it does not list, naming the folder and its row', async () => {
  let checked = 0;
  for (const layer of layers) {
    const allowed = new Set([layer, ...rows[layer]!]);
    for (const target of [...layers, 'node', 'electron']) {
      if (allowed.has(target) || layer.startsWith(`${target}/`) || target.startsWith(`${layer}/`)) continue;
      const file = productionFile(layer);
      const found = await layerErrors(file, importOf(file, target));
      assert.equal(found.length, 1, `${layer} importing ${target} should be refused`);
      assert.match(found[0]!, new RegExp(`Layer ${layer} may not import ${target}`));
      assert.match(found[0]!, /your folder, and the row that lists what it may use/i);
      assert.ok(found[0]!.includes(`LAYERS['${layer}']`), found[0]);
      checked++;
    }
  }
  assert.ok(checked > layers.length, 'the table forbids something for most rows');
});

test('every row accepts each layer it lists, and its own folder', async () => {
  for (const layer of layers) {
    for (const target of [layer, ...rows[layer]!]) {
      const file = productionFile(layer);
      assert.deepEqual(await layerErrors(file, importOf(file, target)), [], `${layer} may import ${target}`);
    }
  }
});

test('an import is judged by the folder it reaches, not by how it is spelled', async () => {
  // The same layer seen from two depths: refused from the store, accepted from verify.
  assert.equal((await layerErrors('electron/core/store/x.ts', "import { a } from '../engine';\nexport const b = a;\n")).length, 1);
  assert.deepEqual(await layerErrors('electron/core/verify/deep/er/x.ts', "import { a } from '../../../engine/evaluate';\nexport const b = a;\n"), []);
  // Re-exports and dynamic imports count as imports.
  assert.equal((await layerErrors('electron/core/store/x.ts', "export { a } from '../engine';\n")).length, 1);
  assert.equal((await layerErrors('electron/core/store/x.ts', "export const m = () => import('../engine');\n")).length, 1);
  // Type-only imports too: a type from a forbidden layer is still a dependency on it.
  assert.equal((await layerErrors('electron/core/store/x.ts', "import type { A } from '../engine';\nexport type B = A;\n")).length, 1);
});

test('a file in a folder with no row is an error that says to add the row', async () => {
  const found = await layerErrors('electron/new-folder/x.ts', "import { a } from '../core/model';\nexport const b = a;\n");
  assert.equal(found.length, 1);
  assert.match(found[0]!, /is in no layer: add its folder as a row of LAYERS/);
});

test('test files may import fixtures and Node; production files of the same folder may not', async () => {
  const code = "import { tempDir } from '../testing/test-archives';\nimport { test } from 'node:test';\nexport const a = [tempDir, test];\n";
  assert.deepEqual(await layerErrors('electron/core/reports/x.test.ts', code), []);
  assert.equal((await layerErrors('electron/core/reports/x.ts', code)).length, 1);
  // Tests still may not reach Electron from outside the shell.
  assert.equal((await layerErrors('electron/core/store/x.test.ts', importOf('electron/core/store/x.test.ts', 'electron'))).length, 1);
  // The renderer has no test exemption: not even a test file under it imports Node.
  assert.equal((await layerErrors('renderer/src/review/x.test.ts', "import { test } from 'node:test';\nexport const a = test;\n")).length, 1);
});

test('base, model, shared and the renderer refuse Node built-ins in every spelling, and native Node modules', async () => {
  for (const layer of ['electron/core/base', 'electron/core/model', 'electron/shared', 'renderer/src']) {
    for (const spec of ['node:crypto', 'crypto', 'fs/promises', 'path', 'better-sqlite3', 'electron']) {
      const found = await layerErrors(`${layer}/x.ts`, `import * as x from '${spec}';\nexport const a = x;\n`);
      assert.equal(found.length, 1, `${layer} importing ${spec}`);
    }
  }
});

test('everything the renderer may reach through the table is Node-free and Electron-free', () => {
  const seen = new Set<string>();
  const visit = (layer: string): void => {
    if (seen.has(layer)) return;
    seen.add(layer);
    for (const dep of rows[layer] ?? []) visit(dep);
  };
  visit('renderer/src');
  assert.ok(seen.has('electron/core/base') && seen.has('electron/shared'));
  assert.ok(!seen.has('node') && !seen.has('electron'), [...seen].join(', '));
});

test('the table has no cycles, so every layer sits above the ones it uses', () => {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (layer: string, path: readonly string[]): void => {
    if (state.get(layer) === 'done' || !(layer in rows)) return;
    assert.notEqual(state.get(layer), 'open', `cycle: ${[...path, layer].join(' → ')}`);
    state.set(layer, 'open');
    for (const dep of rows[layer]!) visit(dep, [...path, layer]);
    state.set(layer, 'done');
  };
  for (const layer of layers) visit(layer, []);
});

test('raw ipcMain, ipcRenderer and contextBridge are refused outside the two files that own them', async () => {
  assert.deepEqual(IPC_OWNERS, ['electron/main/ipc.ts', 'electron/preload/preload.ts']);
  for (const file of ['electron/main/main.ts', 'electron/preload/other.ts', 'electron/host/x.ts', 'renderer/src/x.ts']) {
    for (const code of [
      "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n",
      "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      "import { contextBridge as bridge } from 'electron';\nexport const a = bridge;\n",
      "import * as e from 'electron';\nexport const a = e.ipcMain;\n",
      "import e from 'electron';\nexport const a = e.ipcMain;\n",
    ]) {
      const found = await ipcErrors(file, code);
      assert.ok(found.length >= 1, `${file}: ${code}`);
      assert.match(found[0]!, /electron\/main\/ipc\.ts and electron\/preload\/preload\.ts/);
    }
  }
  assert.deepEqual(await ipcErrors('electron/main/ipc.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n"), []);
  assert.deepEqual(await ipcErrors('electron/preload/preload.ts', "import { contextBridge, ipcRenderer } from 'electron';\nexport const a = [contextBridge, ipcRenderer];\n"), []);
  assert.deepEqual(await ipcErrors('electron/main/main.ts', "import { app } from 'electron';\nexport const a = app;\n"), []);
});

test("the README's layout names every layer folder", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## Tests'));
  for (const layer of layers) {
    const name = layer.replace(/^electron\//, '');
    assert.match(layout, new RegExp(`^\\s*${name}/?\\s`, 'm'), `${name} missing from README layout`);
  }
});

test('files that read parsed contracts refuse a raw YAML node range (fleet contracts share nodes: rangeIn gives the file position)', async () => {
  const code = "import type { Node } from 'yaml';\nexport const at = (n: Node) => n.range?.[0];\n";
  const restricted = (file: string, text = code) => errors(file, text, 'no-restricted-syntax');
  for (const file of ['electron/core/engine/contract/parse-contract.ts', 'electron/core/engine/contract/parse-policy.ts', 'electron/core/engine/contract/new-file.ts']) {
    const found = await restricted(file);
    assert.equal(found.length, 1, file);
    assert.match(found[0]!, /rangeIn\(src, node\)/);
  }
  // Every way of reading it: a computed member, and destructuring.
  for (const text of [
    "import type { Node } from 'yaml';\nexport const at = (n: Node) => n['range']?.[0];\n",
    "import type { Node } from 'yaml';\nexport const at = (n: Node) => { const { range } = n; return range?.[0]; };\n",
    "import type { Node } from 'yaml';\nexport const at = ({ range: r }: Node) => r?.[0];\n",
  ]) assert.equal((await restricted('electron/core/engine/contract/parse-contract.ts', text)).length, 1, text);
  // A name that only contains it is not the node's range.
  assert.deepEqual(await restricted('electron/core/engine/contract/parse-contract.ts', 'export const a = (x: { ranges: number }) => x.ranges;\n'), []);
  // Where ranges are the file's own: the YAML source itself, the segment memo, tests, and the
  // folders that parse their own text whole.
  for (const file of ['electron/core/engine/contract/yaml-source.ts', 'electron/core/engine/contract/yaml-segments.ts', 'electron/core/engine/contract/parse-contract.test.ts', 'electron/core/engine/contract/edit/locate.ts', 'electron/core/engine/contract/vap/vap-documents.ts']) {
    assert.deepEqual(await restricted(file), [], file);
  }
});
