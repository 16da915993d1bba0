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
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../core/testing/legacy-keys';
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

describe('contract-wide exceptions through the API', () => {
  test('requested in one change set, co-signed with that context, and listed as contract-wide', async () => {
    const inbox = await callApi(api, 'listInbox', {});
    assert.ok(inbox.ok);
    const blocked = (inbox.value as { groups: { items: { digest: string; verdict: string }[] }[] }).groups
      .flatMap((g) => g.items).find((i) => i.verdict === 'blocked');
    assert.ok(blocked);
    const passphrase = 'correct horse battery staple';
    // The workspace holds Alice's personal key already: a second is refused as a value (issue 10).
    const second = await callApi(api, 'createKey', { name: 'alice', passphrase });
    assert.equal(!second.ok && second.code, 'conflict');
    assert.match(!second.ok ? second.message : '', /this workspace already holds your personal key Alice \(sha256:[0-9a-f]{64}\); rotate it to replace it/);
    const alice = (await addLegacyReviewerKey(ctx.ws, { name: 'alice', passphrase })).id;
    const bob = (await addLegacyReviewerKey(ctx.ws, { name: 'bob', passphrase })).id;
    const expires = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const requested = await callApi(api, 'requestException', {
      digest: blocked.digest, waives: [{ policy: 'k8s-resource-limits', pattern: 'Deployment/acme-analytics/*' }],
      justification: 'Worker limits arrive in 2.15', expires, scope: 'contract', keyId: alice, passphrase,
    });
    assert.ok(requested.ok, JSON.stringify(requested));
    const e = requested.value as { id: string; changeSetDigest: string | null; signatures: unknown[]; required: number };
    assert.equal(e.changeSetDigest, null);
    assert.equal(e.signatures.length, 1);
    const signed = await callApi(api, 'signException', { exceptionId: e.id, keyId: bob, passphrase, digest: blocked.digest });
    assert.ok(signed.ok, JSON.stringify(signed));
    const s = signed.value as { signatures: unknown[]; valid: boolean; covers: { address: string }[] };
    assert.equal(s.signatures.length, 2);
    assert.ok(s.covers.length > 0 && s.covers.every((c) => c.address.startsWith('Deployment/acme-analytics/')), 'each covered resource is listed');
    assert.equal(s.valid, true, 'two signatures meet the demo contract\'s exception quorum');
    const findings = await callApi(api, 'listFindings', { digest: blocked.digest });
    assert.ok(findings.ok);
    const limits = (findings.value as { policy: string; waived: boolean }[]).filter((f) => f.policy === 'k8s-resource-limits');
    assert.ok(limits.length > 0 && limits.every((f) => f.waived));
  });
});
