// Refusals that reach the app's Sign panel speak of what to do, not of CLI commands: the core's
// message is shown as is in the UI (the CLI prints the same sentence).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReviewerKey } from '../signing';
import { addSignature } from '../signing/sign';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { approveChangeSet, createKey, importChangeSet, importContract, PolicyRefusal, requestException, signException } from './index';
import { addLegacyReviewerKey } from '../testing/legacy-keys';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-ui-messages-'));
const outboxDir = join(dir, 'outbox');
let ws: Workspace;
let digest: string;
let alice: { id: string };

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A CLI command line in a message (`countersign exception request`, `countersign keys trust`…). */
const CLI_COMMAND = /countersign (exception|keys|approve|reject|contract|changeset|workspace|verify)\b/;

describe('refusals shown in the Sign panel name no CLI command', () => {
  test('approving with unwaived blocking findings', async () => {
    await assert.rejects(approveChangeSet(ws, { digest, keyId: alice.id, passphrase: PASS, outboxDir }), (err: unknown) => {
      assert.ok(err instanceof PolicyRefusal);
      assert.match(err.message, /request an exception for them, and have it signed, first/);
      assert.doesNotMatch(err.message, CLI_COMMAND);
      return true;
    });
  });

  test('co-signing an exception that carries a signature by a key this workspace does not trust', async () => {
    const r = await requestException(ws, { digest, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }], justification: 'window', expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir });
    const stranger = generateReviewerKey();
    const withStranger = JSON.stringify(addSignature(JSON.parse(r.file.text) as unknown, stranger.privateKey, 'exception'));
    const carol = await addLegacyReviewerKey(ws, { name: 'Carol', passphrase: PASS });
    await assert.rejects(signException(ws, { envelopeText: withStranger, source: 'exception', keyId: carol.id, passphrase: PASS, outboxDir }), (err: unknown) => {
      assert.match((err as Error).message, /does not trust: trust that reviewer's public key first/);
      assert.doesNotMatch((err as Error).message, CLI_COMMAND);
      return true;
    });
  });
});
