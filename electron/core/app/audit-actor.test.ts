// Issue 10 (people): "Every audit entry's actor is 'desktop'". Signing actions name the reviewer
// (roster name, else key name, and fingerprint); everything else the OS user. The chain still verifies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { RosterEntry } from '../base/roster';
import { generateReviewerKey, exportPublicKey } from '../signing';
import { initWorkspace, osActor, reviewerActor, verifyAuditChain } from '../store';
import type { AuditEntry, Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { addLegacyReviewerKey } from '../testing/legacy-keys';
import {
  approveChangeSet, rejectChangeSet, createKey, exportKey, importChangeSet, importContract, publishContract, requestException, rotateKey, signException, trustKey,
} from './index';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-actor-'));
const OS = `os:${userInfo().username}`;
let ws: Workspace;
let alice: { id: string };
let carol: { id: string };

before(async () => {
  // No actor given: the session's actor is the OS user (the app no longer says "desktop").
  ws = initWorkspace(join(dir, 'countersign.db'));
  alice = await createKey(ws, { name: 'alice-laptop', passphrase: PASS });
  carol = await addLegacyReviewerKey(ws, { name: 'carol', passphrase: PASS });
  trustKey(ws, { pem: exportPublicKey(generateReviewerKey().publicKey).pem, source: 'bob.pem', name: 'Bob' });
  const e = (k: { id: string }, name: string, roles: RosterEntry['roles']): RosterEntry => ({ name, email: '', fingerprint: k.id, publicKey: exportKey(ws, k.id).pem, roles });
  const text = readFileSync(join(DEMO, 'contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3');
  writeFileSync(join(dir, 'c.yaml'), `${text}roster: ${JSON.stringify([e(alice, 'Alice Example', ['contract-owner', 'approver', 'exception-signer']), e(carol, 'Carol C.', ['exception-signer'])])}\n`);
  importContract(ws, join(dir, 'c.yaml'), 'test');
  const digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  const outboxDir = join(dir, 'outbox');
  const req = await requestException(ws, {
    digest, waives: [{ policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' }],
    justification: 'migration window', expires: new Date(Date.now() + 86_400_000), keyId: alice.id, passphrase: PASS, outboxDir,
  });
  await signException(ws, { envelopeText: req.file.text, source: 'x.json', keyId: carol.id, passphrase: PASS, outboxDir });
  await rejectChangeSet(ws, { digest, keyId: alice.id, passphrase: PASS, outboxDir, comment: 'the database is replaced outside the window' });
  const peering = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.13.3-peering')])).digest;
  await approveChangeSet(ws, { digest: peering, keyId: alice.id, passphrase: PASS, outboxDir });
  await publishContract(ws, { contract: 'acme-prod-eu', revision: 1, signers: [{ keyId: alice.id, passphrase: PASS }], notAfter: new Date(Date.now() + 86_400_000 * 10) });
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const entries = (): readonly AuditEntry[] => ws.audit.page(0, 1000);
const actorsOf = (action: string): string[] => entries().filter((e) => e.action === action).map((e) => e.actor);

describe('the audit actor', () => {
  test('signing actions name the reviewer as the roster lists them, with the fingerprint', () => {
    const aliceActor = `reviewer:Alice Example ${alice.id}`;
    assert.deepEqual(actorsOf('exception.request'), [aliceActor]);
    assert.deepEqual(actorsOf('exception.sign'), [`reviewer:Carol C. ${carol.id}`]);
    assert.deepEqual(actorsOf('approval.approve'), [aliceActor]);
    assert.deepEqual(actorsOf('approval.reject'), [aliceActor]);
    assert.deepEqual(actorsOf('contract.publish'), [aliceActor]);
  });

  test('creating a key names the key (no roster lists it yet)', () => {
    assert.deepEqual(actorsOf('key.create'), [`reviewer:alice-laptop ${alice.id}`, OS]);
  });

  test('everything else names the OS user, never "desktop"', () => {
    for (const action of ['workspace.init', 'trust.add', 'contract.revision', 'changeset.import', 'evaluation.record']) {
      const actors = actorsOf(action);
      assert.ok(actors.length > 0, action);
      assert.deepEqual([...new Set(actors)], [OS], action);
    }
    assert.ok(entries().every((e) => e.actor !== 'desktop'));
  });

  test('a rotation names the new key, and the chain still verifies', async () => {
    const r = await rotateKey(ws, { keyId: carol.id, passphrase: PASS, newPassphrase: 'another long passphrase', retireOthers: true, outboxDir: join(dir, 'outbox') });
    const actor = `reviewer:carol ${r.newKey.id}`;
    assert.deepEqual(actorsOf('key.rotate'), [actor]);
    assert.equal(entries().at(-1)!.action, 'contract.revision');
    assert.equal(entries().at(-1)!.actor, actor);
    assert.deepEqual(verifyAuditChain(ws), { ok: true, entries: entries().length });
  });
});

describe('actor text', () => {
  const hostile = ['\u001b[2J', 'a\nb', '\u202eevil', '\u200b', '\u0085', '\ud800', '\t  spaced  \t', ''];
  for (const name of hostile) {
    test(`a reviewer name ${JSON.stringify(name)} is one printable line`, () => {
      const actor = reviewerActor(name, `sha256:${'a'.repeat(64)}`);
      assert.match(actor, /^reviewer:\S.* sha256:a{64}$/u);
      assert.doesNotMatch(actor, /[\u0000-\u001f\u007f-\u009f\u200b\u202e\u2028\u2029]|[\ud800-\udfff]/u);
    });
  }

  test('property: any name, down to single UTF-16 code units, gives one printable line that keeps the fingerprint last', () => {
    const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((u) => String.fromCharCode(...u));
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), codeUnits), (name) => {
      const actor = reviewerActor(name, `sha256:${'b'.repeat(64)}`);
      return /^reviewer:\S.* sha256:b{64}$/u.test(actor) && !/[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u.test(actor);
    }), { numRuns: 2000 });
  });

  test('the OS actor is "os:" and a printable user name', () => {
    assert.match(osActor(), /^os:\S+$/u);
  });

  test('a hostile key name reaches the audit log escaped', async () => {
    const other = initWorkspace(join(dir, 'other.db'), { actor: 'os:tester' });
    try {
      const k = await createKey(other, { name: 'Mal\u001b]0;pwn\u0007lory', passphrase: PASS });
      const actor = other.audit.page(0, 10).find((e) => e.action === 'key.create')!.actor;
      assert.equal(actor, `reviewer:Mal\\x1b]0;pwn\\x07lory ${k.id}`);
    } finally {
      other.close();
    }
  });
});
