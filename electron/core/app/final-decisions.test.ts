// Issue 10: decisions are final. Once the standing decisions under the judging contract
// revision approve or reject a change set, no new decision is signed until one is withdrawn
// (a signed withdrawal/v1 with a reason, by the decision's own person); after a contract edit
// an approval made under another revision is stale ("signed under revision N: re-sign under
// revision M") and the inbox shows the state under the current revision at once.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPublicKey, generateReviewerKey } from '../signing';
import type { ReviewerKeyPair } from '../signing';
import { signApproval, signRejection } from '../signing/sign';
import { signWithdrawal } from '../signing';
import { currentAuditHead } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { approveChangeSet, createKey, importChangeSet, importContract, initWorkspaceAt, openWorkspaceAt, PolicyRefusal, rejectChangeSet, trustKey, withdrawDecision } from './index';
import { decisionOutcome, decisionsOfPerson } from './decision-state';
import { judgeCurrent, workspaceContext } from './review-context';
import { inbox, quorumStatus, ReviewSession } from './review';

const PEERING = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-final-'));
const outboxDir = join(dir, 'outbox');
after(() => rmSync(dir, { recursive: true, force: true }));

const DEMO = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8');
function contractFile(name: string, approvals: string): string {
  const file = join(dir, name);
  writeFileSync(file, DEMO.replace(/approvals: \{[^}]*\}/, `approvals: {${approvals}}`));
  return file;
}

/** A workspace with the demo contract (quorum as given), the peering change set, my key (Alice) and Bob's public key trusted. */
async function setUp(name: string, approvals = 'quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30') {
  initWorkspaceAt(join(dir, name));
  const ws = openWorkspaceAt(join(dir, name));
  importContract(ws, contractFile(`${name}.yaml`, approvals), 'test');
  const alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
  const bob = generateReviewerKey();
  trustKey(ws, { pem: exportPublicKey(bob.publicKey).pem, source: 'test', name: 'Bob', role: 'reviewer' });
  const { digest } = await importChangeSet(ws, [PEERING]);
  return { ws, alice: alice.id, bob, digest };
}

/** Bob's decision, signed on his machine and received here (stored as an import would store it). */
function receive(ws: Workspace, digest: string, who: ReviewerKeyPair, kind: 'approve' | 'reject') {
  const j = judgeCurrent(ws, workspaceContext(ws), digest, new Date());
  const req = {
    changeSetDigest: digest, contract: { name: j.active.contract.name, digest: j.active.contract.digest },
    evaluation: { digest: j.evaluation.digest, verdict: j.evaluation.verdict, engineVersion: j.evaluation.engineVersion, at: j.evaluation.at },
    reviewer: { privateKey: who.privateKey, name: 'Bob' }, comment: kind === 'reject' ? 'not this week' : 'fine', auditHead: currentAuditHead(ws),
  };
  const signed = kind === 'approve' ? signApproval(req) : signRejection({ ...req, comment: 'not this week' });
  ws.attestations.recordApproval({ kind, changeSetDigest: digest, contractDigest: j.active.contract.digest, evaluationDigest: j.evaluation.digest, keyId: who.keyId, envelope: JSON.stringify(signed.envelope) });
  return signed.digest;
}

const refused = (pattern: RegExp) => (err: unknown) => err instanceof PolicyRefusal && pattern.test(err.message);
const decide = (ws: Workspace, kind: 'approve' | 'reject', digest: string, keyId: string, session?: ReviewSession) =>
  (kind === 'approve' ? approveChangeSet : rejectChangeSet)(ws, { digest, keyId, passphrase: PASS, comment: kind === 'reject' ? 'changed my mind' : '', outboxDir }, session);

describe('final decisions', () => {
  test('approved under quorum 1: approving or rejecting again is refused, in the UI\'s words', async () => {
    const { ws, alice, digest } = await setUp('final.db');
    try {
      const r = await decide(ws, 'approve', digest, alice);
      assert.equal(r.state, 'approved');
      await assert.rejects(decide(ws, 'approve', digest, alice), refused(/already approved under revision 1 by Alice: withdraw an approval first to change it/));
      await assert.rejects(decide(ws, 'reject', digest, alice), refused(/already approved under revision 1 by Alice/));
      assert.equal(ws.attestations.listApprovals(digest).length, 1, 'nothing more was signed');
      assert.equal(ws.changeSets.getChangeSet(digest)!.state, 'approved');
    } finally {
      ws.close();
    }
  });

  test('another person\'s reject after a final approval is refused; the state never flips', async () => {
    const { ws, alice, bob, digest } = await setUp('flip.db');
    try {
      receive(ws, digest, bob, 'approve');
      ws.changeSets.setChangeSetState(digest, 'approved');
      await assert.rejects(decide(ws, 'reject', digest, alice), refused(/already approved under revision 1 by Bob: withdraw an approval first/));
      assert.equal(ws.changeSets.getChangeSet(digest)!.state, 'approved');
    } finally {
      ws.close();
    }
  });

  test('withdraw by the reviewer: pending again, a withdrawal file in the outbox, and they can decide again', async () => {
    const { ws, alice, digest } = await setUp('withdraw.db');
    try {
      const session = new ReviewSession(ws);
      await decide(ws, 'approve', digest, alice, session);
      await assert.rejects(withdrawDecision(ws, { digest, keyId: alice, passphrase: PASS, reason: '  ', outboxDir }), /needs a reason/);
      const w = await withdrawDecision(ws, { digest, keyId: alice, passphrase: PASS, reason: 'the peering target changed', outboxDir }, session);
      assert.equal(w.state, 'pending');
      assert.equal(w.decision, 'approve');
      assert.match(w.file.name, /^withdrawal-[0-9a-f]{12}\.dsse\.json$/);
      assert.ok(existsSync(w.path));
      const q = quorumStatus(session, digest);
      assert.equal(q.final, false);
      assert.equal(q.approvals, 0);
      assert.deepEqual(q.people.flatMap((p) => p.signatures.map((s) => [s.check, s.detail])), [['withdrawn', 'withdrawn: the peering target changed']]);
      assert.deepEqual(ws.audit.page(0, 1000).map((e) => e.action).slice(-2), ['approval.withdraw', 'changeset.state']);
      // Nothing left to withdraw; a new decision is taken.
      await assert.rejects(withdrawDecision(ws, { digest, keyId: alice, passphrase: PASS, reason: 'again', outboxDir }, session), refused(/have no standing approval or rejection/));
      const again = await decide(ws, 'reject', digest, alice, session);
      assert.equal(again.state, 'rejected');
      assert.equal(quorumStatus(session, digest).finalReason, `already rejected by Alice (judged under revision 1): withdraw the rejection first to change it`);
    } finally {
      ws.close();
    }
  });

  test('a withdrawal of someone else\'s decision is refused, and so is a second decision by one person', async () => {
    const { ws, alice, bob, digest } = await setUp('others.db', 'quorum: 2, exceptionQuorum: 1, maxExceptionDays: 30');
    try {
      const bobs = receive(ws, digest, bob, 'approve');
      await assert.rejects(withdrawDecision(ws, { digest, keyId: alice, passphrase: PASS, reason: 'no', decision: bobs, outboxDir }), refused(/was made by Bob: only they can withdraw it/));
      await assert.rejects(withdrawDecision(ws, { digest, keyId: alice, passphrase: PASS, reason: 'no', outboxDir }), refused(/no standing approval or rejection/));
      assert.equal(ws.withdrawals.list(digest).length, 0);
      const r = await decide(ws, 'approve', digest, alice);
      assert.equal(r.state, 'approved', 'Bob and Alice: 2 of 2');
      const q = quorumStatus(new ReviewSession(ws), digest);
      assert.equal(q.finalReason, 'already approved under revision 1 by Bob and Alice: withdraw an approval first to change it');
      assert.deepEqual(q.people.map((p) => [p.name, p.standing, p.signatures.map((s) => s.withdrawable)]), [['Alice', 'approve', [true]], ['Bob', 'approve', [false]]]);
    } finally {
      ws.close();
    }
  });

  test('a received withdrawal removes a decision only when its own person signed it (another person, an unknown key: it stands)', async () => {
    const { ws, bob, digest } = await setUp('received.db', 'quorum: 2, exceptionQuorum: 1, maxExceptionDays: 30');
    try {
      const carol = generateReviewerKey();
      trustKey(ws, { pem: exportPublicKey(carol.publicKey).pem, source: 'test', name: 'Carol', role: 'reviewer' });
      const stranger = generateReviewerKey();
      const bobs = receive(ws, digest, bob, 'approve');
      const store = (by: ReviewerKeyPair, name: string) => {
        const w = signWithdrawal({ changeSetDigest: digest, withdraws: bobs, decision: 'approve', reason: `by ${name}`, reviewer: { privateKey: by.privateKey, name: 'Bob' }, auditHead: currentAuditHead(ws) });
        ws.withdrawals.record({ changeSetDigest: digest, statementDigest: w.digest, withdraws: bobs, keyId: by.keyId, reason: `by ${name}`, envelope: JSON.stringify(w.envelope) });
      };
      const approvals = () => quorumStatus(new ReviewSession(ws), digest).approvals;
      store(carol, 'Carol');
      store(stranger, 'a stranger');
      assert.equal(approvals(), 1, 'Bob\'s approval stands');
      store(bob, 'Bob');
      assert.equal(approvals(), 0, 'Bob withdrew it');
    } finally {
      ws.close();
    }
  });

  test('a withdrawal verify does not honour (it says it withdraws an approval, but names a rejection) leaves the rejection standing in the app too', async () => {
    const { ws, alice, bob, digest } = await setUp('mismatch.db');
    try {
      const rejection = receive(ws, digest, bob, 'reject');
      const w = signWithdrawal({ changeSetDigest: digest, withdraws: rejection, decision: 'approve', reason: 'mislabelled', reviewer: { privateKey: bob.privateKey, name: 'Bob' }, auditHead: currentAuditHead(ws) });
      ws.withdrawals.record({ changeSetDigest: digest, statementDigest: w.digest, withdraws: rejection, keyId: bob.keyId, reason: 'mislabelled', envelope: JSON.stringify(w.envelope) });
      const session = new ReviewSession(ws);
      const judged = session.judge(digest);
      assert.ok(judged.verification.reasons.some((r) => r.code === 'rejected'), 'verify: the rejection stands');
      const q = quorumStatus(session, digest);
      assert.deepEqual([q.state, q.rejections], ['rejected', 1]);
      await assert.rejects(decide(ws, 'approve', digest, alice, session), refused(/already rejected by Bob/));
    } finally {
      ws.close();
    }
  });

  test('a person\'s approval and rejection both standing (verify: conflicting-decisions) is final and fails closed; that person may withdraw either', async () => {
    const { ws, alice, digest } = await setUp('conflict.db');
    try {
      const session = new ReviewSession(ws);
      await decide(ws, 'approve', digest, alice, session);
      const v = session.judge(digest).verification;
      const approval = v.approvals[0]!;
      const rejection = { ...approval, decision: 'reject' as const, digest: `sha256:${'9'.repeat(64)}`, comment: 'no' };
      // As verify's rule reads it: the person's decisions apart from the approvals and rejections.
      const conflicted = { ...v, approvals: [], rejections: [], conflicts: [approval, rejection] };
      const contract = session.contractFor(digest).contract;
      const outcome = decisionOutcome(ws, conflicted, contract);
      assert.deepEqual([outcome.state, outcome.final, outcome.reason], ['rejected', true, 'Alice both approved and rejected it (conflicting decisions): withdraw one of them first']);
      assert.deepEqual(decisionsOfPerson(outcome, contract.roster, alice).map((d) => d.decision), ['approve', 'reject']);
    } finally {
      ws.close();
    }
  });

  test('one person deciding twice before the quorum: refused until they withdraw', async () => {
    const { ws, alice, digest } = await setUp('twice.db', 'quorum: 2, exceptionQuorum: 1, maxExceptionDays: 30');
    try {
      const r = await decide(ws, 'approve', digest, alice);
      assert.equal(r.state, 'pending');
      await assert.rejects(decide(ws, 'approve', digest, alice), refused(/you already approved it under revision 1 .*: withdraw your approval first to decide again/));
      await assert.rejects(decide(ws, 'reject', digest, alice), refused(/withdraw your approval first/));
    } finally {
      ws.close();
    }
  });

  test('after a contract edit: the approval is stale (revision 1, re-sign under 2), the inbox says pending at once, and re-signing is allowed', async () => {
    const { ws, alice, digest } = await setUp('stale.db');
    try {
      const session = new ReviewSession(ws);
      await decide(ws, 'approve', digest, alice, session);
      assert.equal(inbox(ws, session).groups[0]!.items[0]!.state, 'approved');
      importContract(ws, contractFile('stale-r2.yaml', 'quorum: 1, exceptionQuorum: 1, maxExceptionDays: 29'), 'test');
      const item = inbox(ws, session).groups[0]!.items[0]!;
      assert.equal(item.state, 'pending', 'not the stored "approved"');
      assert.equal(item.staleDecisions, 1);
      const q = quorumStatus(session, digest);
      assert.equal(q.stale, 1);
      assert.deepEqual(q.revision.number, 2);
      assert.deepEqual(q.people[0]!.signatures.map((s) => [s.check, s.detail, s.withdrawable]), [['stale', 'signed under revision 1: re-sign under revision 2', false]]);
      const again = await decide(ws, 'approve', digest, alice, session);
      assert.equal(again.state, 'approved');
      const after2 = inbox(ws, session).groups[0]!.items[0]!;
      assert.deepEqual([after2.state, after2.staleDecisions], ['approved', 0]);
    } finally {
      ws.close();
    }
  });
});
