// Co-signing across machines through the desktop API (issue 10): a signing request and the
// signed files that come back are recognised by importFiles and the watched inbox before the
// change-set loaders, never refused as "neither a Terraform plan nor a Kubernetes object".
import { outboxFolderFor } from '../core/app/outbox-layout';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { COSIGN_PASS, twoWorkspaces } from '../core/testing/cosign-fixtures';
import type { TwoWorkspaces } from '../core/testing/cosign-fixtures';
import type { ApiResult, AttestationsImportResult, CoSignStatusDto, ExceptionDto, SigningRequestDto, SigningRequestImportResult } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { watchInbox } from './inbox-watcher';

const dir = mkdtempSync(join(tmpdir(), 'countersign-cosign-host-'));
let ctxA: AppContext;
let ctxB: AppContext;
let apiA: ApiHandlers;
let apiB: ApiHandlers;
let w: TwoWorkspaces;

const open = (name: string) => openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, name), seedDemo: false, demoDir: '' });
const fileOf = (path: string) => ({ path: basename(path), dataBase64: readFileSync(path).toString('base64') });
function value<T>(r: ApiResult<unknown>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as T;
}

before(async () => {
  ctxA = await open('a');
  ctxB = await open('b');
  apiA = createApiHandlers(ctxA);
  apiB = createApiHandlers(ctxB);
  w = await twoWorkspaces(dir, { a: ctxA.ws, b: ctxB.ws });
});
after(() => {
  ctxA.ws.close();
  ctxB.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('co-signing through the desktop API', () => {
  let signedPath = '';

  test('A sends the request, B drops it on the inbox: the review opens with what awaits B', async () => {
    const sent = value<SigningRequestDto>(await callApi(apiA, 'exportSigningRequest', { digest: w.digest, note: 'limits' }));
    // Written into the change set's own folder of the outbox (vendor/install/release/digest).
    const folder = outboxFolderFor(ctxA.ws, ctxA.outboxDir, w.digest, 'per-change-set');
    assert.equal(sent.path, join(folder, sent.fileName));
    assert.equal(folder.endsWith(w.digest.slice('sha256:'.length)), true);
    assert.deepEqual(sent.exceptions, [{ digest: w.exception.digest, signatures: 1 }]);
    assert.equal((readdirSync(folder).includes(sent.fileName)), true);
    const received = value<SigningRequestImportResult>(await callApi(apiB, 'importFiles', { files: [fileOf(sent.path)] }));
    assert.equal(received.kind, 'signing-request');
    assert.equal(received.digest, w.digest);
    assert.equal(received.summary, `Signing request from Alice: exception ${w.exception.digest.slice(0, 19)}… awaiting your signature`);
    const status = value<CoSignStatusDto>(await callApi(apiB, 'coSignStatus', { digest: w.digest }));
    assert.deepEqual(status.awaiting.map((a) => [a.from, a.digest, a.signatures, a.quorum]), [['Alice', w.exception.digest, 1, 2]]);
  });

  test('B signs with the normal form; A drops the signed file: recorded as a signature, quorum met', async () => {
    const exceptionId = String(ctxB.ws.attestations.getExceptionByStatement(w.exception.digest)!.id);
    const signed = value<ExceptionDto>(await callApi(apiB, 'signException', { exceptionId, keyId: w.bob.id, passphrase: COSIGN_PASS, digest: w.digest }));
    assert.ok(signed);
    assert.deepEqual(value<CoSignStatusDto>(await callApi(apiB, 'coSignStatus', { digest: w.digest })).awaiting, [], 'B signed: nothing awaits B');
    signedPath = signed.file; // in B's outbox, the change set's folder
    const imported = value<AttestationsImportResult>(await callApi(apiA, 'importFiles', { files: [fileOf(signedPath)] }));
    assert.equal(imported.kind, 'attestations');
    assert.equal(imported.digest, w.digest);
    assert.equal(imported.summary, `1 signature recorded: exception ${w.exception.digest.slice(0, 19)}… now 2 of 2`);
    // A holds no key of Bob's, but the roster names him: his signature shows as "Bob", never as a bare fingerprint.
    const held = value<ExceptionDto[]>(await callApi(apiA, 'listExceptions', { digest: w.digest }));
    assert.deepEqual(held.flatMap((e) => e.signatures.map((s) => s.name)).sort(), ['Alice', 'Bob']);
  });

  test('the watched inbox routes an attestation file too (here: one already held)', async () => {
    const logs: string[] = [];
    const watcher = watchInbox(ctxA, { settleMs: 10_000, log: (l) => logs.push(l) });
    try {
      writeFileSync(join(ctxA.watchDir!, 'from-bob.dsse.json'), readFileSync(signedPath));
      await watcher.scan();
      await watcher.scan();
    } finally {
      watcher.close();
    }
    assert.deepEqual(ctxA.watchProblems, []);
    assert.ok(readdirSync(join(ctxA.watchDir!, 'imported')).some((n) => n.endsWith('-from-bob.dsse.json')));
    assert.match(logs.join('\n'), /imported from-bob\.dsse\.json from the inbox folder \(already held: exception sha256:/);
  });

  test('the desktop app also saves a copy where the save dialog says (owner-only); cancelled: the outbox only', async () => {
    const chosen = join(dir, 'usb', 'for-bob.json');
    mkdirSync(join(dir, 'usb'));
    const withDialog = createApiHandlers({ ...ctxA, pickSavePath: async () => chosen });
    const sent = value<SigningRequestDto>(await callApi(withDialog, 'exportSigningRequest', { digest: w.digest }));
    assert.equal(sent.savedAs, chosen);
    assert.equal(readFileSync(chosen, 'utf8'), readFileSync(sent.path, 'utf8'));
    assert.equal(statSync(chosen).mode & 0o777, 0o600);
    const cancelled = createApiHandlers({ ...ctxA, pickSavePath: async () => null });
    assert.equal(value<SigningRequestDto>(await callApi(cancelled, 'exportSigningRequest', { digest: w.digest })).savedAs, null);
  });

  test('signed files are never refused as change-set files', async () => {
    const envelope = readFileSync(signedPath, 'utf8');
    const rows: readonly { name: string; files: { path: string; dataBase64: string }[]; message: RegExp }[] = [
      { name: 'a broken envelope: its line', files: [{ path: 'x.dsse.json', dataBase64: Buffer.from(`${envelope.slice(0, -3)},,}`).toString('base64') }], message: /^x\.dsse\.json:\d+:\d+: malformed JSON/ },
      { name: 'an envelope with a forged signature', files: [{ path: 'x.dsse.json', dataBase64: Buffer.from(envelope.replace(/"sig": "(.)/, (_m, c: string) => `"sig": "${c === 'A' ? 'B' : 'A'}`)).toString('base64') }], message: /refused, not signed: the signature by .* does not verify/ },
      { name: 'an envelope beside a plan', files: [fileOf(signedPath), { path: 'pod.yaml', dataBase64: Buffer.from('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n').toString('base64') }], message: /is a signed attestation, but pod\.yaml is not/ },
      { name: 'a broken signing request: its line', files: [{ path: 'r.json', dataBase64: Buffer.from('{\n"apiVersion": "countersign.dev/signing-request/v1",\n x\n}').toString('base64') }], message: /^r\.json:3:\d+: malformed JSON/ },
    ];
    for (const row of rows) {
      const r = await callApi(apiA, 'importFiles', { files: row.files });
      assert.equal(r.ok, false, row.name);
      if (r.ok) continue;
      assert.match(r.message, row.message, row.name);
      assert.doesNotMatch(r.message, /neither a Terraform plan nor a Kubernetes object/, row.name);
    }
  });
});
