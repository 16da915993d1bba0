// A roster-only edit (a reviewer revoked in a new published revision) changes what counts at
// once, in the running app: the contract digest of a v3 contract does not cover its roster, so
// a judgement kept for the earlier revision must not be reused (the review and "Verify as the
// vendor will" agree: the revoked reviewer's exception signature no longer counts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExceptionDto, FindingDto, VendorVerificationDto } from '../shared/api-types';
import { addLegacyReviewerKey } from '../core/testing/legacy-keys';
import { repoRoot } from '../core/testing/corpus';
import { ROSTER_PASS, rosteredWorkspace } from './rostered-workspace';
import type { RosteredWorkspace } from './rostered-workspace';
import { blockedDenyPoliciesAt } from '../core/testing/maintenance-window';

const dir = mkdtempSync(join(tmpdir(), 'countersign-roster-revocation-'));
let w: RosteredWorkspace;

before(async () => {
  w = await rosteredWorkspace(dir, { repoRoot, addLegacyReviewerKey });
});
after(() => {
  w.ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

test('revoking a co-signer in the roster: the exception falls back to 1 of 2 in the review, as in verify', async () => {
  const [alice, bob] = await w.keys(['Alice', 'Bob']);
  const roster = [
    { name: 'Alice', email: 'alice@example.com', keyId: alice!, roles: ['contract-owner', 'approver', 'exception-signer'] },
    { name: 'Bob', email: 'bob@example.com', keyId: bob!, roles: ['approver', 'exception-signer'] },
  ];
  await w.publish(w.demoText, roster, alice!);
  const deny = (await w.call<FindingDto[]>('listFindings', { digest: w.blocked })).filter((f) => f.enforcement === 'deny');
  const requested = await w.call<ExceptionDto>('requestException', {
    digest: w.blocked, waives: deny.map((f) => ({ policy: f.policy, address: f.address })), justification: 'migration window agreed',
    expires: new Date(Date.now() + 5 * 86_400_000).toISOString(), scope: 'changeset', keyId: alice, passphrase: ROSTER_PASS,
  });
  await w.call('signException', { exceptionId: requested.id, keyId: bob, passphrase: ROSTER_PASS, digest: w.blocked });
  const before = (await w.call<ExceptionDto[]>('listExceptions', { digest: w.blocked })).find((e) => e.id === requested.id)!;
  assert.deepEqual([before.valid, before.signatures.map((s) => s.name).sort()], [true, ['Alice', 'Bob']]);

  await w.publish(w.demoText, [roster[0]!, { ...roster[1]!, revoked: new Date().toISOString() }], alice!);
  const after = (await w.call<ExceptionDto[]>('listExceptions', { digest: w.blocked })).find((e) => e.id === requested.id)!;
  assert.deepEqual([after.valid, after.state, after.signatures.map((s) => s.name)], [false, 'awaiting-signatures', ['Alice']]);
  // The review's judgement names the rule; the vendor's verify gets no exception in force, so the findings stay unwaived.
  const notes = w.ctx.session.judge(w.blocked).verification.notes;
  assert.ok(notes.some((n) => n.code === 'revoked-key' && n.message.includes('Bob')), JSON.stringify(notes));
  const verified = await w.call<VendorVerificationDto>('verifyAsVendor', { digest: w.blocked });
  assert.equal(verified.ok, false);
  // Verify judges at the moment of the apply: inside a maintenance window that policy does not fire.
  assert.deepEqual(verified.reasons.filter((r) => r.code === 'unwaived-finding').map((r) => r.message.split(' ')[0]).sort(), blockedDenyPoliciesAt());
});
