import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RosterEntryDto } from '../../electron/shared/contract-editor-types';
import { contractEditSchema } from '../../electron/core/base/contract-edits';
import { localInputValue, notAfterInstant, publicationSigners, reviewerEdit } from '../../renderer/src/revisions/roster-model';
import { saveBlockers } from '../../renderer/src/revisions/save-blockers';
import { authorName, newestFirst } from '../../renderer/src/revisions/revision-format';
import { captureFor, captureTarget, contractHash, expectationOf, noteOwnPolicies } from '../../renderer/src/policy-editor/pending-capture';

const fp = (c: string) => `sha256:${c.repeat(64)}`;
const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';
const entry = (c: string, roles: string[], revoked: string | null = null): RosterEntryDto =>
  ({ name: c, email: '', fingerprint: fp(c), publicKey: PEM, roles, revoked, inWorkspace: true });

test('a reviewer from a workspace key is an upsertReviewer edit the API accepts, roles in a fixed order', () => {
  const r = reviewerEdit({ name: ' Alice ', email: 'alice@example.com', keyId: fp('a'), pem: PEM, roles: ['contract-owner', 'approver'] });
  assert.ok(r.ok);
  assert.deepEqual(r.edit, { op: 'upsertReviewer', entry: { name: 'Alice', email: 'alice@example.com', fingerprint: fp('a'), publicKey: PEM, roles: ['approver', 'contract-owner'] } });
  assert.ok(contractEditSchema.safeParse(r.edit).success);
  const noEmail = reviewerEdit({ name: 'Bob', email: '', keyId: fp('b'), pem: PEM, roles: ['approver'] });
  assert.ok(noEmail.ok && !('email' in (noEmail.edit as { entry: object }).entry));
});

test('a reviewer without a name, role, real fingerprint, public key or with a malformed e-mail is refused with the reason', () => {
  const base = { name: 'A', email: '', keyId: fp('a'), pem: PEM, roles: ['approver'] as const };
  const cases: [object, RegExp][] = [
    [{ name: '  ' }, /name/], [{ roles: [] }, /role/], [{ keyId: 'sha256:abc' }, /fingerprint/], [{ keyId: fp('A') }, /fingerprint/],
    [{ pem: 'junk' }, /public key/], [{ email: 'alice' }, /e-mail/], [{ email: 'a b@c.d' }, /e-mail/], [{ email: 'Eve <e@x.y>' }, /e-mail/],
  ];
  for (const [over, why] of cases) {
    const r = reviewerEdit({ ...base, ...over });
    assert.ok(!r.ok && why.test(r.message), JSON.stringify(over));
  }
});

test('only unrevoked contract owners whose key the workspace holds may sign a publication', () => {
  const roster = [entry('a', ['contract-owner']), entry('b', ['approver']), entry('c', ['contract-owner'], '2026-01-01T00:00:00Z'), entry('d', ['contract-owner', 'approver'])];
  const signers = publicationSigners(roster, new Set([fp('a'), fp('b'), fp('c')]));
  assert.deepEqual(signers.map((s) => s.name), ['a']);
});

test('notAfter: a local date-time becomes an instant; days the calendar lacks are refused, not rolled over', () => {
  const iso = notAfterInstant('2027-03-01T10:30');
  assert.ok(iso && /Z$/.test(iso) && new Date(iso).getTime() === new Date('2027-03-01T10:30').getTime());
  for (const bad of ['', '2027-02-30T10:00', '2027-13-01T00:00', '2027-01-01', '2027-01-01T25:00', 'tomorrow']) assert.equal(notAfterInstant(bad), null, bad);
  const v = localInputValue(new Date(2026, 10, 30, 9, 5), 90);
  assert.match(v, /^2027-02-28T09:05$/);
  assert.ok(notAfterInstant(v));
});

test('Save is blocked with a reason for each: no change, a draft that does not load, a failing test, running tests, no key', () => {
  const ok = { dirty: true, problems: [], tests: [[{ policy: 'p', name: 't', ok: true, message: '' }]], keyChosen: true };
  assert.deepEqual(saveBlockers(ok), []);
  assert.match(saveBlockers({ ...ok, dirty: false }).join(), /Nothing to save/);
  assert.match(saveBlockers({ ...ok, problems: [{ message: 'bad', line: 4 }] }).join(), /line 4.*bad/);
  assert.match(saveBlockers({ ...ok, tests: [[{ policy: 'p', name: 'public LB fails', ok: false, message: 'expected fail, got pass' }]] }).join(), /"public LB fails" of p fails: expected fail, got pass/);
  assert.match(saveBlockers({ ...ok, tests: [undefined] }).join(), /still running/);
  assert.match(saveBlockers({ ...ok, tests: [new Error('unsupported')] }).join(), /could not run: unsupported/);
  assert.match(saveBlockers({ ...ok, keyChosen: false }).join(), /key/);
});

test('"Add as test": an own policy finding goes to that policy with its outcome; anything else to the open own policy, outcome as the draft decides', () => {
  const finding = { digest: fp('e'), resourceIndex: 2, address: 'Deployment/shop/web', policy: 'no-lb', expect: 'fail' as const };
  const own = ['no-lb', 'other'];
  assert.equal(captureFor(finding, 'no-lb', own), finding);
  assert.equal(captureFor(finding, 'other', own), null);
  assert.deepEqual(captureFor({ ...finding, policy: null, expect: null }, 'other', own), { ...finding, policy: null, expect: null });
  const packFinding = { ...finding, policy: 'k8s-resource-limits' };
  assert.deepEqual(captureFor(packFinding, 'other', own), { ...packFinding, expect: null }, "a pack policy's outcome is not this policy's expectation");
  assert.equal(captureFor(null, 'other', own), null);
  assert.deepEqual(['fail', 'error', 'unknown', 'pass', 'weird'].map(expectationOf), ['fail', 'error', 'unknown', 'pass', 'fail']);
});

test('revisions are shown newest first whatever the host order; the author is named without the key id shown beside it', () => {
  assert.deepEqual(newestFirst([{ revision: 1 }, { revision: 3 }, { revision: 2 }]).map((r) => r.revision), [3, 2, 1]);
  assert.equal(authorName(`Alice <${fp('a')}>`, fp('a')), 'Alice');
  assert.equal(authorName(`Alice <${fp('a')}>`, fp('b')), `Alice <${fp('a')}>`, 'another key id stays visible');
  assert.equal(authorName('demo', null), 'demo');
});

test('"Add as test" opens the judging contract at the finding\'s own policy, else the own policy last open there', () => {
  assert.equal(contractHash(null, null), '#/contract');
  assert.equal(contractHash('acme prod/eu', 'p-1'), '#/contract/acme%20prod%2Feu/p-1');
  noteOwnPolicies('acme', ['own-a', 'own-b'], 'own-b');
  assert.equal(captureTarget('acme', 'own-a'), 'own-a');
  assert.equal(captureTarget('acme', 'k8s-resource-limits'), 'own-b', 'a pack policy: the own policy open last');
  assert.equal(captureTarget('acme', null), 'own-b');
  assert.equal(captureTarget('other-vendor', 'own-a'), null, 'another contract: its policy list');
  noteOwnPolicies('acme', ['own-a', 'own-b'], null);
  assert.equal(captureTarget('acme', null), 'own-b', 'opening a pack policy keeps the last own one');
});
