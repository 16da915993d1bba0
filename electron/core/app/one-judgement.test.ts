// Issue 8, "one path per use case", the services as the CLI calls them (no review session):
// each use case judges the release once, the judgement it returns is the one judging again
// would make, and the outbox file is committed with the row and reconciled after a kill.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../testing/legacy-keys';
import type { ReleaseVerification } from '../verify';
import { ReviewSession } from './review';
import {
  approveChangeSet, contractFor, createKey, evaluateStored, importChangeSet, importContract, judgeInWorkspace, judgementsMade,
  reconcileAttestationOutbox, rejectChangeSet, requestException, signException, withdrawDecision,
} from './index';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-use-case-'));
const outboxDir = join(dir, 'outbox');
let ws: Workspace;
let peering: string;
let blocked: string;
let alice: string;
let bob: string;

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  peering = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.13.3-peering')])).digest;
  blocked = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  alice = (await createKey(ws, { name: 'Alice', passphrase: PASS })).id;
  bob = (await addLegacyReviewerKey(ws, { name: 'Bob', passphrase: PASS })).id;
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Judging again from scratch, over everything the workspace holds now. */
function judgedAgain(digest: string): ReleaseVerification {
  const active = contractFor(ws, ws.changeSets.getChangeSet(digest)!.metadata);
  const { evaluation, stored } = evaluateStored(ws, digest, active);
  return judgeInWorkspace(ws, { changeSetDigest: digest, contract: active.contract, evaluation, evaluationDigest: stored.digest, now: new Date() });
}

const decisionsOf = (v: ReleaseVerification) => ({
  ok: v.ok, quorum: v.quorum, reasons: v.reasons.map((r) => `${r.code} ${r.message}`),
  approvals: v.approvals.map((d) => [d.keyId, d.digest, d.source]), rejections: v.rejections.map((d) => [d.keyId, d.digest, d.source, d.comment]),
});

describe('the services as the CLI calls them', () => {
  test('each decision judges once, and returns what judging again would find (decisions are final until withdrawn)', async () => {
    const seen: [number, number, string][] = [];
    const decide = async (step: () => ReturnType<typeof approveChangeSet>) => {
      const before = judgementsMade();
      const r = await step();
      assert.equal(judgementsMade() - before, 1, `${r.kind} judges once`);
      assert.deepEqual(decisionsOf(r.verification), decisionsOf(judgedAgain(peering)));
      assert.equal(readFileSync(r.path, 'utf8'), r.file.text, 'its file is in the outbox');
      seen.push([r.approvals, r.verification.rejections.length, r.state]);
    };
    await decide(() => approveChangeSet(ws, { digest: peering, keyId: alice, passphrase: PASS, outboxDir }));
    // Final: nobody flips it by signing the opposite; the approver withdraws first.
    await assert.rejects(rejectChangeSet(ws, { digest: peering, keyId: bob, passphrase: PASS, comment: 'wrong VPC', outboxDir }), /already approved under revision/);
    await withdrawDecision(ws, { digest: peering, keyId: alice, passphrase: PASS, reason: 'the VPC is wrong', outboxDir });
    await decide(() => rejectChangeSet(ws, { digest: peering, keyId: alice, passphrase: PASS, comment: 'wrong VPC', outboxDir }));
    await assert.rejects(approveChangeSet(ws, { digest: peering, keyId: bob, passphrase: PASS, outboxDir }), /already rejected by alice/i);
    assert.deepEqual(seen, [[1, 0, 'approved'], [0, 1, 'rejected']]);
  });

  test('requesting and co-signing an exception judge once each', async () => {
    const waives = [{ policy: 'k8s-resource-limits', pattern: 'Deployment/acme-analytics/*' }];
    let before = judgementsMade();
    const req = await requestException(ws, { digest: blocked, waives, justification: 'limits in 2.15', expires: new Date(Date.now() + 86_400_000), keyId: alice, passphrase: PASS, outboxDir });
    assert.equal(judgementsMade() - before, 1);
    assert.ok(req.covers.length > 0);
    before = judgementsMade();
    const signed = await signException(ws, { envelopeText: req.file.text, source: req.file.name, keyId: bob, passphrase: PASS, outboxDir });
    assert.equal(judgementsMade() - before, 1);
    assert.equal(readFileSync(signed.path, 'utf8'), signed.file.text, 'the outbox holds the copy with both signatures');
  });

  test('a judgement is reused while nothing changed, and not past an exception\'s expiry', async () => {
    const expires = new Date(Date.now() + 3_600_000);
    await requestException(ws, { digest: blocked, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }], justification: 'one hour', expires, keyId: alice, passphrase: PASS, outboxDir });
    const session = new ReviewSession(ws);
    const at = (ms: number) => new Date(expires.getTime() + ms);
    const count = (now: Date): number => {
      const before = judgementsMade();
      session.judge(blocked, now);
      return judgementsMade() - before;
    };
    assert.deepEqual([count(at(-60_000)), count(at(-1)), count(at(0)), count(at(1))], [1, 0, 1, 0]);
    assert.equal(count(at(-60_000)), 1, 'a clock that went back is judged again');
  });
});

describe('the outbox agrees with the workspace', () => {
  // Relative paths of every file: the outbox has one folder per change set (outbox-layout.ts).
  const files = () => (readdirSync(outboxDir, { recursive: true, encoding: 'utf8' })).filter((n) => statSync(join(outboxDir, n)).isFile()).sort();

  test('a missing file is written again from the stored envelope, byte for byte', () => {
    const before = new Map(files().map((n) => [n, readFileSync(join(outboxDir, n), 'utf8')]));
    assert.ok(before.size >= 5, 'every decision and exception of the tests above');
    const lost = [...before.keys()].filter((n) => basename(n).startsWith('approval-') || basename(n).startsWith('exception-')).slice(0, 2);
    assert.ok(lost.every((n) => n.split(sep).length === 5), 'each in its change set\'s folder: vendor/install/release/digest/file');
    for (const n of lost) unlinkSync(join(outboxDir, n));
    const r = reconcileAttestationOutbox(ws, outboxDir, { rewriteMissing: true });
    assert.deepEqual([...r.rewritten].sort(), lost.sort());
    for (const [n, text] of before) assert.equal(readFileSync(join(outboxDir, n), 'utf8'), text, n);
    assert.deepEqual(reconcileAttestationOutbox(ws, outboxDir, { rewriteMissing: true }), { renamed: [], deleted: [], rewritten: [] });
  });

  test('a staged file of a committed attestation is put in place; one never committed is deleted; a live process\'s is left', () => {
    const [path] = files().filter((n) => basename(n).startsWith('approval-'));
    // The staged files sit in the change set's folder, where the writer put them.
    const folder = join(outboxDir, dirname(path!));
    const name = basename(path!);
    const text = readFileSync(join(folder, name), 'utf8');
    unlinkSync(join(folder, name));
    const dead = 2_147_483_000; // no such process
    writeFileSync(join(folder, `.${name}.${dead}.tmp`), text);
    const forged = text.replace(/"sig": "[^"]+"/, '"sig": "AAAA"');
    writeFileSync(join(folder, `.approval-000000000000.dsse.json.${dead}.tmp`), forged);
    writeFileSync(join(folder, `.approval-111111111111.dsse.json.${dead}.tmp`), text.slice(0, 40)); // torn write
    writeFileSync(join(folder, `.approval-222222222222.dsse.json.${process.ppid}.tmp`), forged); // another process, running
    const r = reconcileAttestationOutbox(ws, outboxDir, { rewriteMissing: false });
    assert.deepEqual(r.renamed, [path]);
    assert.equal(r.deleted.length, 2);
    assert.equal(readFileSync(join(folder, name), 'utf8'), text);
    assert.ok(existsSync(join(folder, `.approval-222222222222.dsse.json.${process.ppid}.tmp`)));
    assert.ok(!existsSync(join(folder, 'approval-000000000000.dsse.json')) && !existsSync(join(folder, 'approval-111111111111.dsse.json')));
  });
});
