// The decision API (issue 10) as the renderer calls it: settings validated at the boundary
// (whole days 1..90) and by the core; withdrawDecision needs a reason, answers with the new
// quorum (no longer final), and the inbox follows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import type { Inbox, SignResult } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';

const dir = mkdtempSync(join(tmpdir(), 'countersign-decision-api-'));
const PASS = 'correct horse battery staple';
let ctx: AppContext;
let api: ApiHandlers;

async function ok<T>(method: Parameters<typeof callApi>[1], input: unknown): Promise<T> {
  const r = await callApi(api, method, input);
  assert.ok(r.ok, `${method}: ${JSON.stringify(r)}`);
  return r.value as T;
}
async function code(method: Parameters<typeof callApi>[1], input: unknown): Promise<string> {
  const r = await callApi(api, method, input);
  assert.ok(!r.ok, `${method} should fail: ${JSON.stringify(r)}`);
  return r.code;
}

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
  api = createApiHandlers(ctx);
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('decision API', () => {
  test('settings: 7 by default; out-of-range or non-integer refused at the boundary; a valid one is used by the inbox', async () => {
    assert.deepEqual(await ok('getSettings', {}), { exceptionExpiryWarningDays: 7 });
    for (const bad of [0, 91, 2.5, '7', null, -3]) assert.equal(await code('updateSettings', { exceptionExpiryWarningDays: bad }), 'bad-request', String(bad));
    assert.equal(await code('updateSettings', { exceptionExpiryWarningDays: 7, other: 1 }), 'bad-request');
    assert.deepEqual(await ok('updateSettings', { exceptionExpiryWarningDays: 30 }), { exceptionExpiryWarningDays: 30 });
    assert.equal((await ok<Inbox>('listInbox', {})).expiryWarningDays, 30);
  });

  test('approve → final; withdraw needs a reason; withdrawn → pending, the form may decide again', async () => {
    const inbox = await ok<Inbox>('listInbox', {});
    const digest = inbox.groups.flatMap((g) => g.items).find((i) => i.verdict === 'needs-approval')!.digest;
    const { keyId } = await ok<{ keyId: string }>('createKey', { name: 'Alice', passphrase: PASS });
    const approved = await ok<SignResult>('approve', { digest, keyId, passphrase: PASS, comment: 'ok' });
    assert.deepEqual([approved.quorum.state, approved.quorum.final], ['approved', true]);
    assert.equal(await code('approve', { digest, keyId, passphrase: PASS, comment: 'again' }), 'policy-refusal');
    assert.equal(await code('withdrawDecision', { digest, keyId, passphrase: PASS, reason: '   ' }), 'bad-request');
    const withdrawn = await ok<SignResult>('withdrawDecision', { digest, keyId, passphrase: PASS, reason: 'wrong peering target' });
    assert.ok(existsSync(withdrawn.file));
    assert.deepEqual([withdrawn.quorum.state, withdrawn.quorum.final, withdrawn.quorum.approvals], ['pending', false, 0]);
    const item = (await ok<Inbox>('listInbox', {})).groups.flatMap((g) => g.items).find((i) => i.digest === digest)!;
    assert.equal(item.state, 'pending');
    await ok<SignResult>('approve', { digest, keyId, passphrase: PASS, comment: 'ok after all' });
  });
});
