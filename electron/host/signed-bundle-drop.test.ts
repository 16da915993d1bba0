// A bundle folder dropped on the inbox carries its vendor signatures in signatures/: those
// files are DSSE envelopes, yet the drop is a change set (its changeset.yaml says so), never
// "a signed attestation mixed with change-set files".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { signBundle } from '../core/app';
import { repoRoot } from '../core/testing/corpus';
import { reviewer } from '../core/testing/release-fixture';
import type { ApiResult, ImportResult } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';

const dir = mkdtempSync(join(tmpdir(), 'countersign-signed-drop-'));
const bundle = join(dir, 'acme-2.13.2');
let ctx: AppContext;

before(async () => {
  cpSync(join(repoRoot, 'electron/demo/bundles/acme-2.13.2-chart-bump'), bundle, { recursive: true });
  await signBundle({ bundle, signer: reviewer('acme-ci').signer });
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: '' });
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root`, as the renderer sends a dropped folder: paths relative to its parent. */
function folderFiles(root: string): { path: string; dataBase64: string }[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .map((rel) => join(root, rel))
    .filter((p) => statSync(p).isFile())
    .map((p) => ({ path: relative(dir, p), dataBase64: readFileSync(p).toString('base64') }));
}

test('a signed bundle folder dropped whole imports as a change set, its signature stored', async () => {
  const files = folderFiles(bundle);
  assert.ok(files.some((f) => f.path.includes('/signatures/')), 'the dropped folder holds a signature file');
  const r = await callApi(createApiHandlers(ctx), 'importFiles', { files }) as ApiResult<ImportResult>;
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.kind, 'changeset');
  assert.equal(ctx.ws.releaseSignatures.list(r.value.digest).length, 1);
});
