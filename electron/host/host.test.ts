// The shell's Node side without a browser: imports of dropped bytes, the watched inbox folder,
// and how failures become API values.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { createApiHandlers, callApi } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { watchInbox } from './inbox-watcher';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-host-'));
let ctx: AppContext;
let api: ApiHandlers;

function filesOf(folder: string): { path: string; dataBase64: string }[] {
  const out: { path: string; dataBase64: string }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push({ path: `${folder.split('/').at(-1)}/${relative(folder, join(d, e.name))}`, dataBase64: readFileSync(join(d, e.name)).toString('base64') });
    }
  };
  walk(folder);
  return out;
}

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: DEMO });
  api = createApiHandlers(ctx);
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser host services', () => {
  test('a new workspace is seeded with the demo contract and its three change sets, once', async () => {
    const box = await callApi(api, 'listInbox', {});
    assert.ok(box.ok);
    assert.equal((box.value as { total: number }).total, 3);
    const again = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: DEMO, watch: false });
    assert.equal(again.ws.listInbox().total, 3);
    again.ws.close();
    const info = await callApi(api, 'appInfo', {});
    assert.ok(info.ok);
    assert.equal((info.value as { contractName: string }).contractName, 'acme-prod-eu');
  });

  test('a dropped bundle folder (bytes with relative paths) imports like the folder itself', async () => {
    const r = await callApi(api, 'importFiles', { files: filesOf(join(DEMO, 'bundles/acme-2.14.0-blocked')) });
    assert.ok(r.ok, JSON.stringify(r));
    const value = r.value as { digest: string; created: boolean; verdict: string };
    assert.equal(value.created, false, 'same digest as the seeded folder');
    assert.equal(value.verdict, 'blocked');
  });

  test('a malformed file is refused naming the dropped file and line, and the inbox stays as it was', async () => {
    const before = ctx.ws.listInbox().total;
    const bad = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [unclosed\n').toString('base64');
    const r = await callApi(api, 'importFiles', { files: [{ path: 'broken.yaml', dataBase64: bad }] });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, 'bad-input');
    assert.match(r.message, /^broken\.yaml:\d+/);
    assert.ok(!r.message.includes('countersign-import-'), r.message);
    assert.equal(r.file, 'broken.yaml');
    assert.equal(typeof r.line, 'number');
    assert.equal(ctx.ws.listInbox().total, before);
    const escape = await callApi(api, 'importFiles', { files: [{ path: '../../etc/passwd', dataBase64: bad }] });
    assert.equal(!escape.ok && escape.code, 'bad-input');
  });

  test('signing errors come back as values: unknown key, wrong passphrase; browser mode has no native dialog', async () => {
    const digest = ctx.ws.listInbox().items[0]!.digest;
    const key = await callApi(api, 'createKey', { name: 'Alice', passphrase: 'a long enough passphrase' });
    assert.ok(key.ok);
    const keyId = (key.value as { keyId: string }).keyId;
    const wrong = await callApi(api, 'approve', { digest, keyId, passphrase: 'not the passphrase', comment: '' });
    assert.deepEqual(!wrong.ok && wrong.code, 'wrong-passphrase');
    const unknown = await callApi(api, 'approve', { digest, keyId: `sha256:${'1'.repeat(64)}`, passphrase: 'x', comment: '' });
    assert.equal(!unknown.ok && unknown.code, 'not-found');
    const dialog = await callApi(api, 'importWithDialog', {});
    assert.equal(!dialog.ok && dialog.code, 'unsupported');
  });

  test('the watched inbox folder imports a bundle put there and sets a bad file aside with its error', async () => {
    const logs: string[] = [];
    const watcher = watchInbox(ctx, { settleMs: 50, log: (l) => logs.push(l) });
    try {
      cpSync(join(DEMO, 'bundles/acme-2.13.3-peering'), join(ctx.watchDir!, 'peering'), { recursive: true });
      writeFileSync(join(ctx.watchDir!, 'broken.json'), '{"format_version": "1.2", "resource_changes": [');
      // Two looks that agree are needed before an entry is read.
      await watcher.scan();
      await watcher.scan();
      assert.ok(existsSync(join(ctx.watchDir!, 'imported')) && readdirSync(join(ctx.watchDir!, 'imported')).some((n) => n.endsWith('-peering')));
      assert.ok(readdirSync(join(ctx.watchDir!, 'failed')).some((n) => n.endsWith('-broken.json')));
      assert.equal(ctx.watchProblems[0]!.file, 'broken.json');
      assert.match(ctx.watchProblems[0]!.message, /broken\.json/);
      assert.ok(logs.some((l) => /imported peering/.test(l)));
      const info = await callApi(api, 'appInfo', {});
      assert.ok(info.ok && (info.value as { watchProblems: unknown[] }).watchProblems.length === 1);
    } finally {
      watcher.close();
    }
  });
});
