// Shadow mode in the workspace: the review marks shadow findings, the verdict and the
// workspace judgement ignore them (one approval is enough, no exception), promoting blocks again.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace } from '../../store';
import { contractYaml, writeBundle } from '../../testing/release-fixture';
import { approveChangeSet, createKey, importChangeSet, importContract } from '../index';
import { findingDtos, ReviewSession } from './index';

const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-shadow-review-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function contractFile(shadow: boolean): string {
  const file = join(dir, `contract-${shadow}.yaml`);
  writeFileSync(file, contractYaml({ quorum: 1, exceptionQuorum: 1 }).replace('countersign.dev/v1', 'countersign.dev/v3').replace('vendor: acme}', 'vendor: Acme Analytics}').replace('  extends: []\n',
    `  extends: []\n  overrides: {rds-not-public: {shadow: ${shadow}}, sg-rule-not-world: {shadow: ${shadow}}, no-privileged: {shadow: ${shadow}}}\n`));
  return file;
}

test('shadow findings are marked in the review, weigh nothing in the judgement, and weigh again once promoted', async () => {
  const ws = initWorkspace(join(dir, 'countersign.db'));
  try {
    importContract(ws, contractFile(true), 'test');
    const digest = (await importChangeSet(ws, [writeBundle(dir)])).digest;
    const session = new ReviewSession(ws);
    const judged = session.judge(digest);
    assert.equal(judged.evaluation.verdict, 'needs-approval');
    const dtos = findingDtos(session.resourceFacts(digest), judged);
    assert.ok(dtos.filter((f) => f.policy === 'rds-not-public').every((f) => f.shadow === true));
    assert.ok(dtos.filter((f) => f.policy === 'new-database').every((f) => f.shadow === false));
    const alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
    await approveChangeSet(ws, { digest, keyId: alice.id, passphrase: PASS, comment: 'ok', outboxDir: join(dir, 'outbox') });
    assert.equal(session.judge(digest).verification.ok, true, JSON.stringify(session.judge(digest).verification.reasons));

    importContract(ws, contractFile(false), 'test');
    const promoted = session.judge(digest);
    assert.equal(promoted.evaluation.verdict, 'blocked');
    assert.equal(promoted.verification.ok, false);
  } finally {
    ws.close();
  }
});
