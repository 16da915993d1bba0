// Every kind of failure keeps the code it was given where it was made, across the API boundary:
// the renderer decides what to show from `code` (and `file`/`line`), never from the message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorCode } from '../core/model/errors';
import { InputError } from '../core/model/errors';
import { repoRoot } from '../core/testing/corpus';
import type { ApiErrorCode, ApiResult } from '../shared/api-types';
import { REJECTION_COMMENT_RULE } from '../shared/api-contract';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { toApiError } from './api-errors';

const dir = mkdtempSync(join(tmpdir(), 'countersign-api-errors-'));
const PASS = 'a long enough passphrase';
const NO_DIGEST = `sha256:${'1'.repeat(64)}`;
let ctx: AppContext;
let api: ApiHandlers;
let alice: string;
let blocked: string;

const call = (method: Parameters<typeof callApi>[1], input: unknown) => callApi(api, method, input);
const bytes = (text: string) => Buffer.from(text).toString('base64');

/** What the renderer receives: the value after the transport (JSON over HTTP, or IPC's structured clone). */
async function failure(p: Promise<ApiResult<unknown>>): Promise<Extract<ApiResult<unknown>, { ok: false }>> {
  const r = JSON.parse(JSON.stringify(await p)) as ApiResult<unknown>;
  assert.equal(r.ok, false, JSON.stringify(r));
  if (r.ok) throw new Error('unreachable');
  return r;
}

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
  api = createApiHandlers(ctx);
  const key = await call('createKey', { name: 'alice', passphrase: PASS });
  assert.ok(key.ok);
  alice = (key.value as { keyId: string }).keyId;
  blocked = ctx.ws.listInbox().items.find((i) => i.latestEvaluation?.verdict === 'blocked')!.digest;
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One or more real failures of each kind the core makes; a new code needs its row here. */
const CASES: Readonly<Record<ErrorCode, readonly { readonly name: string; readonly run: () => Promise<ApiResult<unknown>>; readonly file?: string; readonly line?: boolean }[]>> = {
  'bad-input': [
    { name: 'a malformed dropped file names the file and line', file: 'broken.yaml', line: true,
      run: () => call('importFiles', { files: [{ path: 'broken.yaml', dataBase64: bytes('kind: ConfigMap\nmetadata: [unclosed\n') }] }) },
    { name: 'a pasted public key that is not a PEM key', file: 'the pasted public key',
      run: () => call('trustKey', { pem: 'not a key', name: 'x', role: 'reviewer' }) },
  ],
  'bad-request': [
    { name: 'an input that fails the schema', run: () => call('approve', { digest: 'sha256:nope', keyId: alice, passphrase: PASS, comment: '' }) },
    { name: 'a rejection whose comment is only blanks', run: () => call('reject', { digest: blocked, keyId: alice, passphrase: PASS, comment: ' \n\t' }) },
  ],
  'not-found': [
    { name: 'an unknown change set', run: () => call('getChangeSet', { digest: NO_DIGEST }) },
    { name: 'an unknown change set to approve', run: () => call('approve', { digest: NO_DIGEST, keyId: alice, passphrase: PASS, comment: '' }) },
    { name: 'an unknown signing key', run: () => call('approve', { digest: blocked, keyId: NO_DIGEST, passphrase: PASS, comment: '' }) },
    { name: 'a resource past the end', run: () => call('getResource', { digest: blocked, index: 100_000 }) },
    { name: 'an unknown exception', run: () => call('signException', { exceptionId: '99999', keyId: alice, passphrase: PASS }) },
  ],
  conflict: [
    { name: "trusting the workspace's own key", run: async () => {
      const pem = await call('exportPublicKey', { keyId: alice });
      assert.ok(pem.ok);
      return call('trustKey', { pem: (pem.value as { pem: string }).pem, name: 'me', role: 'reviewer' });
    } },
    { name: 'co-signing an exception the key already signed', run: async () => {
      const requested = await call('requestException', { digest: blocked, waives: [{ policy: 'k8s-resource-limits', pattern: 'Deployment/*' }],
        justification: 'limits arrive next release', expires: new Date(Date.now() + 86_400_000).toISOString(), scope: 'changeset', keyId: alice, passphrase: PASS });
      assert.ok(requested.ok, JSON.stringify(requested));
      return call('signException', { exceptionId: (requested.value as { id: string }).id, keyId: alice, passphrase: PASS });
    } },
  ],
  'wrong-passphrase': [
    { name: 'a signature with the wrong passphrase', run: () => call('approve', { digest: blocked, keyId: alice, passphrase: 'not it', comment: '' }) },
  ],
  'policy-refusal': [
    { name: 'approving while blocking findings are not waived', run: () => call('approve', { digest: blocked, keyId: alice, passphrase: PASS, comment: 'ok' }) },
  ],
};

describe('API failures keep the code they were made with', () => {
  for (const [code, cases] of Object.entries(CASES) as [ErrorCode, (typeof CASES)[ErrorCode]][]) {
    for (const c of cases) {
      test(`${code}: ${c.name}`, async () => {
        const r = await failure(c.run());
        assert.equal(r.code, code, r.message);
        assert.ok(r.message.length > 0);
        if (c.file !== undefined) assert.equal(r.file, c.file);
        if (c.line) assert.equal(typeof r.line, 'number');
      });
    }
  }

  test('a blank rejection comment is refused with the one rule message, before any key is opened', async () => {
    const r = await failure(call('reject', { digest: blocked, keyId: alice, passphrase: 'not it', comment: '' }));
    assert.equal(r.code, 'bad-request');
    assert.ok(r.message.endsWith(REJECTION_COMMENT_RULE), r.message);
  });

  test('the host-only codes: unsupported in browser mode, internal for anything unexpected (message only, no stack)', async () => {
    assert.equal((await failure(call('importWithDialog', {}))).code, 'unsupported');
    const logged: string[] = [];
    const r = toApiError(new TypeError('x is undefined'), (m) => logged.push(m));
    const expected: ApiErrorCode = 'internal';
    assert.deepEqual(r, { ok: false, code: expected, message: 'internal error: x is undefined' });
    assert.match(logged[0]!, /TypeError/);
  });

  test('a bad input keeps its file and line as fields', () => {
    assert.deepEqual(toApiError(new InputError('app.yaml', 'tabs are not allowed', 3, 7)), {
      ok: false, code: 'bad-input', message: 'app.yaml:3:7: tabs are not allowed', file: 'app.yaml', line: 3,
    });
  });
});
