// One person with two keys never reaches a quorum of 2 (issue 10): the roster lists Alice twice
// (same name and email, two keys; the second added the way older builds allowed). Her second
// signature on her own exception, and her second approval, never make a second person: the
// review says so, and verify names the rule (`same-person`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi } from './api-handlers';
import type { ExceptionDto, FindingDto, Inbox, QuorumStatus, VendorVerificationDto } from '../shared/api-types';
import { addLegacyReviewerKey } from '../core/testing/legacy-keys';
import { repoRoot } from '../core/testing/corpus';
import { ROSTER_PASS, rosteredWorkspace } from './rostered-workspace';
import type { RosteredWorkspace } from './rostered-workspace';
import { blockedDenyPoliciesAt } from '../core/testing/maintenance-window';

const dir = mkdtempSync(join(tmpdir(), 'countersign-one-person-'));
let w: RosteredWorkspace;
let first = '';
let second = '';

before(async () => {
  w = await rosteredWorkspace(dir, { repoRoot, addLegacyReviewerKey });
  const keys = await w.keys(['Alice', 'Alice (laptop)']);
  first = keys[0]!;
  second = keys[1]!;
  const roles = ['contract-owner', 'approver', 'exception-signer'];
  // Same person: same email (case and spaces differ), and the same name once normalised.
  const roster = [
    { name: 'Alice Example', email: 'alice@example.com', keyId: first, roles },
    { name: ' alice  EXAMPLE ', email: ' Alice@Example.COM', keyId: second, roles },
  ];
  const text = w.demoText.replace('quorum: 1,', 'quorum: 2,');
  assert.notEqual(text, w.demoText);
  await w.publish(text, roster, first);
});
after(() => {
  w.ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const notesOf = (digest: string) => w.ctx.session.judge(digest).verification.notes;

describe('one person with two keys', () => {
  test('her own exception signed with both keys: still 1 person of 2, not in force; verify notes same-person', async () => {
    const deny = (await w.call<FindingDto[]>('listFindings', { digest: w.blocked })).filter((f) => f.enforcement === 'deny');
    const requested = await w.call<ExceptionDto>('requestException', {
      digest: w.blocked, waives: deny.map((f) => ({ policy: f.policy, address: f.address })), justification: 'migration window',
      expires: new Date(Date.now() + 5 * 86_400_000).toISOString(), scope: 'changeset', keyId: first, passphrase: ROSTER_PASS,
    });
    await w.call('signException', { exceptionId: requested.id, keyId: second, passphrase: ROSTER_PASS, digest: w.blocked });
    const held = (await w.call<ExceptionDto[]>('listExceptions', { digest: w.blocked })).find((e) => e.id === requested.id)!;
    // Both keys' signatures verify, but they are one person: 1 of 2, and the label says why.
    assert.equal(held.signatures.length, 2);
    assert.deepEqual([held.valid, held.persons, held.required, held.state], [false, 1, 2, 'awaiting-signatures']);
    assert.equal(held.stateDetail, 'needs 1 more signature from another person (2 keys of 1 person: each person counts once)');
    assert.ok(notesOf(w.blocked).some((n) => n.code === 'same-person' && n.message.includes('keys of 1 person')), JSON.stringify(notesOf(w.blocked)));
    const verified = await w.call<VendorVerificationDto>('verifyAsVendor', { digest: w.blocked });
    assert.equal(verified.ok, false);
    // No exception in force for the vendor (verify judges at the apply moment: inside a maintenance window that policy does not fire).
    assert.deepEqual(verified.reasons.filter((r) => r.code === 'unwaived-finding').map((r) => r.message.split(' ')[0]).sort(), blockedDenyPoliciesAt());
  });

  test('her second key cannot approve again: 1 of 2 approvals, never approved; verify: quorum-not-met', async () => {
    const inbox = await w.call<Inbox>('listInbox', {});
    const digest = inbox.groups.flatMap((g) => g.items).find((i) => i.verdict === 'needs-approval')!.digest;
    const first1 = await w.call<{ quorum: QuorumStatus }>('approve', { digest, keyId: first, passphrase: ROSTER_PASS, comment: 'ok' });
    assert.deepEqual([first1.quorum.approvals, first1.quorum.approvalsRequired, first1.quorum.state, first1.quorum.final], [1, 2, 'pending', false]);
    // Her other key is the same person: refused, worded for the UI (withdraw first), nothing stored.
    const again = await callApi(w.api, 'approve', { digest, keyId: second, passphrase: ROSTER_PASS, comment: 'ok again' });
    assert.ok(!again.ok && again.code === 'policy-refusal', JSON.stringify(again));
    assert.match(again.message, /you already approved it under revision \d+ .*: withdraw your approval first to decide again/);
    const q = await w.call<QuorumStatus>('getQuorum', { digest });
    assert.deepEqual([q.approvals, q.state, q.final, q.people.length], [1, 'pending', false, 1]);
    const verified = await w.call<VendorVerificationDto>('verifyAsVendor', { digest });
    assert.equal(verified.ok, false);
    assert.deepEqual(verified.reasons.map((r) => r.code), ['quorum-not-met']);
    assert.match(verified.reasons[0]!.message, /^1 valid approval\(s\) from distinct people/);
  });
});
