// Issue 8, "one path per use case": approving in the desktop app judges the release once (it
// used to judge it three times, and every screen refetched after it judged it again, each
// time verifying every signature), and the answer carries the new quorum.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import { judgementsMade } from '../core/app';
import { repoRoot } from '../core/testing/corpus';
import { parseApiInput } from '../shared/api-contract';
import { REJECTION_COMMENT_RULE } from '../shared/api-contract';
import type { ExceptionDto, QuorumStatus, SignResult } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../core/testing/legacy-keys';
import type { AppContext } from './app-context';

const dir = mkdtempSync(join(tmpdir(), 'countersign-one-judgement-'));
const PASS = 'correct horse battery staple';
let ctx: AppContext;
let api: ApiHandlers;
const digests = new Map<string, string>();

async function ok<T>(method: Parameters<typeof callApi>[1], input: unknown): Promise<T> {
  const r = await callApi(api, method, input);
  assert.ok(r.ok, `${method}: ${JSON.stringify(r)}`);
  return r.value as T;
}

/** What the review screen asks for about a change set (and asks again after every signature). */
async function refetchScreen(digest: string): Promise<void> {
  await ok('getChangeSet', { digest });
  await ok('listResources', { digest });
  await ok('listFindings', { digest });
  await ok('getQuorum', { digest });
  await ok('listExceptions', { digest });
  await ok('listInbox', {});
}

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
  api = createApiHandlers(ctx);
  const inbox = await ok<{ groups: { items: { digest: string; verdict: string }[] }[] }>('listInbox', {});
  for (const i of inbox.groups.flatMap((g) => g.items)) digests.set(i.verdict, i.digest);
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one judgement per use case through the desktop API', () => {
  test('approving judges the release once; the refetched screens judge nothing again; the answer is the new quorum', async () => {
    const digest = digests.get('needs-approval')!;
    const { keyId } = await ok<{ keyId: string }>('createKey', { name: 'Alice', passphrase: PASS });
    // Nothing judged yet in this session (had the screen been shown, approving would reuse its judgement: zero).
    const before = judgementsMade();
    const signed = await ok<SignResult>('approve', { digest, keyId, passphrase: PASS, comment: 'peering reviewed' });
    assert.equal(judgementsMade() - before, 1, 'approve judges the release once');
    await refetchScreen(digest);
    assert.equal(judgementsMade() - before, 1, 'the screens refetched after the approval reuse its judgement');
    assert.deepEqual(signed.quorum, await ok<QuorumStatus>('getQuorum', { digest }), 'the answer is the quorum the screen shows');
    assert.equal(signed.quorum.approvals, 1);
    assert.equal(readFileSync(signed.file, 'utf8').length > 0, true);
    assert.deepEqual(readdirSync(ctx.outboxDir).filter((n) => n.startsWith('.')), [], 'no staged file left behind');
  });

  test('requesting and co-signing an exception judge the release once each, the listed exception included', async () => {
    const digest = digests.get('blocked')!;
    const alice = (await addLegacyReviewerKey(ctx.ws, { name: 'Alice 2', passphrase: PASS })).id;
    const bob = (await addLegacyReviewerKey(ctx.ws, { name: 'Bob', passphrase: PASS })).id;
    await refetchScreen(digest);
    let before = judgementsMade();
    const requested = await ok<ExceptionDto>('requestException', {
      digest, waives: [{ policy: 'k8s-resource-limits', pattern: 'Deployment/acme-analytics/*' }], justification: 'limits arrive in 2.15',
      expires: new Date(Date.now() + 3 * 86_400_000).toISOString(), scope: 'changeset', keyId: alice, passphrase: PASS,
    });
    assert.equal(judgementsMade() - before, 1, 'request judges once');
    assert.equal(requested.signatures.length, 1);
    before = judgementsMade();
    const signed = await ok<ExceptionDto>('signException', { exceptionId: requested.id, keyId: bob, passphrase: PASS, digest });
    assert.equal(judgementsMade() - before, 1, 'co-signing judges once');
    assert.equal(signed.valid, true);
    await refetchScreen(digest);
    assert.equal(judgementsMade() - before, 1, 'the refetched screens reuse that judgement');
  });

  test('a rejection with a blank comment is refused at the API boundary with the rule\'s own message', () => {
    for (const comment of ['', ' ', '\n\t ']) {
      const parsed = parseApiInput('reject', { digest: `sha256:${'a'.repeat(64)}`, keyId: `sha256:${'b'.repeat(64)}`, passphrase: PASS, comment });
      assert.equal(parsed.ok, false, JSON.stringify(comment));
      assert.match(parsed.ok ? '' : parsed.message, new RegExp(REJECTION_COMMENT_RULE));
    }
    assert.equal(parseApiInput('approve', { digest: `sha256:${'a'.repeat(64)}`, keyId: `sha256:${'b'.repeat(64)}`, passphrase: PASS, comment: ' ' }).ok, true, 'an approval needs none');
  });

  test('opening the app puts a lost outbox file back from the workspace', async () => {
    // The outbox has one folder per change set (vendor/install/release/digest): the file is looked for at any depth.
    const names = readdirSync(ctx.outboxDir, { recursive: true, encoding: 'utf8' }).filter((n) => basename(n).startsWith('approval-'));
    assert.ok(names.length > 0);
    assert.equal(names[0]!.split(sep).length, 5, names[0]);
    const text = readFileSync(join(ctx.outboxDir, names[0]!), 'utf8');
    rmSync(join(ctx.outboxDir, names[0]!));
    const again = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
    again.ws.close();
    assert.equal(readFileSync(join(ctx.outboxDir, names[0]!), 'utf8'), text);
  });
});
