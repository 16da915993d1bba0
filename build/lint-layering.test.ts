// The layering rule is an ESLint error: these tests lint small snippets as if they lived in
// each layer, so a config change that silently drops the rule fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('the core may not import Electron', async () => {
  const errors = await layeringErrors('electron/core/engine/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /core must not import Electron/);
});

test('the core may not import the shell, CLI or renderer layers', async () => {
  for (const spec of ['../../main/window', '../../cli/cli', '../../../renderer/src/App', '../../host/server']) {
    const errors = await layeringErrors('electron/core/engine/x.ts', `import { x } from '${spec}';\nexport const a = x;\n`);
    assert.equal(errors.length, 1, spec);
  }
});

test('the renderer may not import Node built-ins, Electron or the core', async () => {
  for (const spec of ['node:fs', 'fs', 'path', 'electron', 'better-sqlite3', '../../electron/core/engine']) {
    const errors = await layeringErrors('renderer/src/x.ts', `import * as x from '${spec}';\nexport const a = x;\n`);
    assert.ok(errors.length >= 1, `${spec} should be refused in the renderer`);
  }
});

test('the renderer may import the shared API contract, and the core may import Node', async () => {
  assert.deepEqual(await layeringErrors('renderer/src/x.ts', "import { apiContract } from '../../electron/shared/api-contract';\nexport const a = apiContract;\n"), []);
  assert.deepEqual(await layeringErrors('electron/core/engine/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"), []);
});
