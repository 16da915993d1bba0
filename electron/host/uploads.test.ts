// Browser mode's raw-byte uploads: PUT /upload streams a dropped file to a private temporary
// file (token-checked, size-limited), and importUploads imports the uploads under their
// relative paths, naming the user's files in every error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { repoRoot } from '../core/testing/corpus';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { startBrowserHost } from './browser-host';
import type { BrowserHost } from './browser-host';
import { safeRelative, stagedNames } from './import-files';
import { UploadStore, uploadStoreFor } from './upload-store';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-uploads-test-'));
let ctx: AppContext;
let api: ApiHandlers;
let host: BrowserHost;
const LIMIT = 64 * 1024;

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: DEMO, watch: false });
  api = createApiHandlers(ctx);
  host = await startBrowserHost({ handlers: api, rendererDir: dir, uploads: uploadStoreFor(ctx), token: 't'.repeat(43) });
});
after(async () => {
  await host.close();
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function put(body: Uint8Array | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${host.baseUrl}upload`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/octet-stream', ...headers },
    body,
  });
}

async function upload(bytes: Uint8Array | string): Promise<string> {
  const res = await put(bytes);
  const body = (await res.json()) as { ok: boolean; value: { upload: string; bytes: number } };
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(body.value.bytes, Buffer.byteLength(bytes));
  return body.value.upload;
}

function bundleFiles(folder: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push({ path: `${folder.split('/').at(-1)}/${relative(folder, join(d, e.name))}`, bytes: readFileSync(join(d, e.name)) });
    }
  };
  walk(folder);
  return out;
}

describe('PUT /upload (browser host)', () => {
  test('needs the token, PUT and raw bytes; answers an upload id', async () => {
    assert.equal((await put('x', { authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await put('x', { authorization: '' })).status, 401);
    assert.equal((await put('x', { 'content-type': 'application/json' })).status, 415);
    const post = await fetch(`${host.baseUrl}upload`, { method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/octet-stream' }, body: 'x' });
    assert.equal(post.status, 405);
    const id = await upload('some bytes');
    assert.match(id, /^[A-Za-z0-9_-]{32}$/);
  });

  test('another site cannot upload, even with the token (Origin and Host are checked first)', async () => {
    assert.equal((await put('x', { origin: 'http://evil.example' })).status, 403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/upload', method: 'PUT', headers: { host: `rebound.example:${host.port}`, authorization: `Bearer ${host.token}`, 'content-type': 'application/octet-stream' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    assert.equal(status, 403);
  });

  test('a dropped bundle folder uploaded file by file imports like the folder itself', async () => {
    const files = bundleFiles(join(DEMO, 'bundles/acme-2.14.0-blocked'));
    const uploads = [];
    for (const f of files) uploads.push({ upload: await upload(f.bytes), path: f.path });
    const r = await callApi(api, 'importUploads', { files: uploads });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal((r.value as { verdict: string }).verdict, 'blocked');
    // Each upload is imported once: its file is gone.
    const again = await callApi(api, 'importUploads', { files: uploads.slice(0, 1) });
    assert.equal(!again.ok && again.code, 'not-found');
    assert.match(!again.ok ? again.message : '', /acme-2\.14\.0-blocked\/.*: its upload is unknown/);
  });

  test('a malformed file is refused naming the dropped file and line, never a temporary path; nothing is stored', async () => {
    const before = ctx.ws.listInbox({ state: 'pending' }).total;
    const id = await upload('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [unclosed\n');
    const r = await callApi(api, 'importUploads', { files: [{ upload: id, path: 'manifests/broken.yaml' }] });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, 'bad-input');
    assert.match(r.message, /^manifests\/broken\.yaml:\d+/);
    assert.ok(!/countersign-(import|uploads)-|\/tmp\//.test(r.message), r.message);
    assert.equal(ctx.ws.listInbox({ state: 'pending' }).total, before);
  });

  test('over the size limit: 413 naming the limit, and nothing is kept on disk', async () => {
    const small = new UploadStore({ maxFileBytes: LIMIT });
    const limited = await startBrowserHost({ handlers: api, rendererDir: dir, uploads: small });
    try {
      const res = await fetch(`${limited.baseUrl}upload`, {
        method: 'PUT', headers: { authorization: `Bearer ${limited.token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(LIMIT + 1),
      });
      assert.equal(res.status, 413);
      assert.match(((await res.json()) as { message: string }).message, /over the 0 MB limit|limit of one dropped file/);
      assert.deepEqual(readdirSync(small.folder()), []);
    } finally {
      await limited.close();
    }
  });

  test('importUploads refuses unusable names before anything is imported, and deletes the uploads it named', async () => {
    for (const path of ['../../etc/passwd', '/etc/passwd', 'a/../../b', 'C:/x.json', 'line\nbreak.yaml', 'bidi\u202Eyaml.json', 'nul\u0000.json']) {
      const id = await upload('{}');
      const r = await callApi(api, 'importUploads', { files: [{ upload: id, path }] });
      assert.equal(!r.ok && r.code, 'bad-input', `${JSON.stringify(path)}: ${JSON.stringify(r)}`);
      assert.ok(!r.ok && !/[\n\u202E\u0000]/.test(r.message), r.ok ? '' : r.message);
      assert.equal(uploadStoreFor(ctx).take(id), null, 'the upload is deleted');
    }
    const long = await upload('{}');
    const tooLong = await callApi(api, 'importUploads', { files: [{ upload: long, path: `${'n'.repeat(300)}.json` }] });
    assert.equal(!tooLong.ok && tooLong.code, 'bad-input', JSON.stringify(tooLong));
    assert.match(!tooLong.ok ? tooLong.message : '', /^n+\.json: cannot be prepared for import \(ENAMETOOLONG/);
    const a = await upload('{}');
    const b = await upload('{}');
    const twice = await callApi(api, 'importUploads', { files: [{ upload: a, path: 'x/plan.json' }, { upload: b, path: 'x//plan.json' }] });
    assert.match(!twice.ok ? twice.message : '', /x\/plan\.json: is given twice/);
  });

  test('the desktop path import does not exist in browser mode', async () => {
    const r = await callApi(api, 'importLocalPaths', { paths: ['/etc/passwd'] });
    assert.equal(!r.ok && r.code, 'unsupported');
  });
});

describe('upload names (safeRelative, stagedNames)', () => {
  test('property: a name made of ordinary segments stays the same relative path; any .. or unprintable segment is refused', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._ -]{1,12}$/).filter((s) => s !== '.' && s !== '..' && s.trim() === s && s !== '');
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (parts) => {
      assert.equal(safeRelative(parts.join('/')), parts.join('/'));
      assert.equal(safeRelative(`./${parts.join('\\')}`), parts.join('/'));
    }));
    const bad = fc.constantFrom('..', 'a\nb', 'a\rb', 'a\u0007b', 'a\u202Eb', 'a\u200Bb', 'a\u2028b', 'a\u007fb');
    fc.assert(fc.property(fc.array(segment, { maxLength: 3 }), bad, fc.array(segment, { maxLength: 3 }), (pre, b, post) => {
      assert.throws(() => safeRelative([...pre, b, ...post].join('/')), /not a usable file name/);
    }));
  });

  test('a file that is also another file\'s folder is refused (it would hide one of them)', () => {
    assert.throws(() => stagedNames(['a', 'a/b.json']), /a: is both a file and the folder of a\/b\.json/);
    assert.deepEqual(stagedNames(['a/x.json', 'a/b/y.json']), ['a/x.json', 'a/b/y.json']);
  });

  test('names one file system would take for the same file (case, Unicode normalization) are refused, as files and as folders', () => {
    // macOS and Windows file systems fold case and (APFS) normalization: the second file would replace the first.
    const pairs = [['Plan.json', 'plan.json'], ['caf\u00e9.json', 'cafe\u0301.json'], ['K8S/a.yaml', 'k8s/a.YAML/c.yaml'], ['\u212Aube.yaml', 'kube.yaml']];
    for (const [a, b] of pairs) assert.throws(() => stagedNames([a!, b!]), /is given twice|is both a file and the folder/, `${a} ${b}`);
    // Folders that are the same folder are fine: a bundle dropped whole names it many times.
    assert.deepEqual(stagedNames(['K8S/a.yaml', 'K8S/b.yaml']), ['K8S/a.yaml', 'K8S/b.yaml']);
  });
});

describe('UploadStore', () => {
  test('private folder and files; each upload taken once; limits per file and pending; expiry; close removes everything', async () => {
    let now = 0;
    const store = new UploadStore({ maxFileBytes: 10, maxPendingBytes: 15, ttlMs: 1000, now: () => now });
    const a = await store.receive(Readable.from([Buffer.from('12345'), Buffer.from('678')]));
    assert.ok(a.ok);
    if (process.platform !== 'win32') {
      assert.equal(statSync(store.folder()).mode & 0o777, 0o700);
      assert.equal(statSync(join(store.folder(), a.id)).mode & 0o777, 0o600);
    }
    assert.deepEqual((await store.receive(Readable.from([Buffer.alloc(11)]))), { ok: false, reason: 'too-large' });
    assert.deepEqual((await store.receive(Readable.from([Buffer.alloc(4)]), 11)), { ok: false, reason: 'too-large' });
    assert.deepEqual((await store.receive(Readable.from([Buffer.alloc(8)]))), { ok: false, reason: 'too-much-pending' });
    assert.deepEqual(readdirSync(store.folder()), [a.id], 'refused uploads leave no file');
    const taken = store.take(a.id);
    assert.equal(readFileSync(taken!.file, 'utf8'), '12345678');
    assert.equal(store.take(a.id), null);
    const b = await store.receive(Readable.from([Buffer.from('x')]));
    assert.ok(b.ok);
    now = 2000;
    assert.equal(store.take(b.id), null, 'expired');
    assert.ok(!existsSync(join(store.folder(), b.id)));
    // Uploads received at the same time share the pending limit.
    const together = await Promise.all([1, 2].map(() => store.receive(Readable.from((async function* () {
      for (let i = 0; i < 3; i++) {
        yield Buffer.alloc(3);
        await new Promise((r) => setImmediate(r));
      }
    })()))));
    assert.deepEqual(together.map((r) => r.ok).sort(), [false, true], JSON.stringify(together));
    const folder = store.folder();
    store.close();
    assert.ok(!existsSync(folder));
  });
});
