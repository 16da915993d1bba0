// Issue 10 (people): one personal key per workspace, replaced only by an explicit rotation that
// revokes the old key through a new (published) contract revision.
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { RosterEntry } from '../base/roster';
import { parseContract } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import { ConflictError, InputError, WrongPassphrase } from '../model/errors';
import { attestationsFrom, evaluationRef, generateReviewerKey } from '../signing';
import type { DsseEnvelope } from '../signing';
import { signApproval } from '../signing/sign';
import { currentAuditHead, initWorkspace, verifyAuditChain } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { addLegacyReviewerKey } from '../testing/legacy-keys';
import { verifyRelease } from '../verify';
import { evaluateStored } from './change-set-service';
import { contractFor } from './current-contract';
import { createKey, exportKey, importChangeSet, importContract, listKeys, publishContract, revokeKey, rotateKey, storedPublication, unlockKey } from './index';

const PEERING = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const PASS = 'a long enough passphrase';
const NEW_PASS = 'another long passphrase';
const DAY = 24 * 3600_000;
const root = mkdtempSync(join(tmpdir(), 'countersign-rotate-'));
let n = 0;
let dir: string;
let ws: Workspace;

beforeEach(() => {
  dir = join(root, String(++n));
  ws = initWorkspace(join(dir, 'countersign.db'), { actor: 'os:tester' });
});
afterEach(() => ws.close());
after(() => rmSync(root, { recursive: true, force: true }));

const demo = (): string => readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3');
const entry = (k: { id: string; name: string; pem: string }, roles: RosterEntry['roles'], email = ''): RosterEntry => ({ name: k.name, email, fingerprint: k.id, publicKey: k.pem, roles });
const own = (k: { id: string; name: string }) => ({ ...k, pem: exportKey(ws, k.id).pem });
/** A co-reviewer's key: held in another workspace, only its public half here. */
const colleague = (name: string) => {
  const pair = generateReviewerKey();
  return { id: pair.keyId, name, pem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey: pair.privateKey };
};
function importRoster(roster: readonly RosterEntry[], name = 'r.yaml'): void {
  const file = join(dir, name);
  writeFileSync(file, `${demo()}roster: ${JSON.stringify(roster)}\n`);
  importContract(ws, file, 'test');
}
const latest = () => ws.contracts.latestRevision('acme-prod-eu')!;
const rosterOf = (text: string) => parseContract('r', text).roster ?? [];

describe('one personal key per workspace', () => {
  test('a second createKey is refused, naming the key held and rotate; nothing is stored', async () => {
    const alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
    const entries = ws.audit.count();
    await assert.rejects(createKey(ws, { name: 'Alice again', passphrase: PASS }), (err: unknown) =>
      err instanceof ConflictError && err.message.includes(`this workspace already holds your personal key Alice (${alice.id}); rotate it to replace it`));
    assert.equal(listKeys(ws).reviewer.length, 1);
    assert.equal(ws.audit.count(), entries);
  });

  test('the store refuses it too (two windows racing past the first check)', async () => {
    await createKey(ws, { name: 'Alice', passphrase: PASS });
    assert.throws(() => ws.keys.createReviewerKey({ id: `sha256:${'1'.repeat(64)}`, name: 'x', publicKeyPem: 'P', encryptedPrivateKey: new Uint8Array(1), kdf: {} }), ConflictError);
  });

  test('the key name in the refusal is escaped', async () => {
    await createKey(ws, { name: 'Al\u001b[2Jice\u202e', passphrase: PASS });
    await assert.rejects(createKey(ws, { name: 'B', passphrase: PASS }), (err: unknown) => !/[\u001b\u202e]/u.test((err as Error).message) && /Al\\x1b\[2Jice\\u\{202E\}/.test((err as Error).message));
  });

  test('after the key is revoked a new one may be created', async () => {
    const alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
    revokeKey(ws, alice.id);
    assert.ok((await createKey(ws, { name: 'Alice 2', passphrase: PASS })).id);
  });

  test('a workspace made before the rule keeps signing with each of its keys; createKey is refused there', async () => {
    const a = await createKey(ws, { name: 'Alice', passphrase: PASS });
    const b = await addLegacyReviewerKey(ws, { name: 'Alice laptop', passphrase: PASS });
    assert.ok((await unlockKey(ws, a.id, PASS)).privateKey);
    assert.ok((await unlockKey(ws, b.id, PASS)).privateKey);
    await assert.rejects(createKey(ws, { name: 'third', passphrase: PASS }), ConflictError);
  });
});

describe('rotateKey', () => {
  test('as contract owner: new key, old revoked, new revision (old entry revoked, new entry same person) published by the new key until the old notAfter', async () => {
    const alice = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
    const bob = colleague('Bob');
    importRoster([entry(alice, ['contract-owner', 'approver'], 'alice@example.com'), entry(bob, ['approver'])]);
    const notAfter = new Date(Date.now() + 20 * DAY);
    await publishContract(ws, { contract: 'acme-prod-eu', revision: 1, signers: [{ keyId: alice.id, passphrase: PASS }], notAfter });
    const now = new Date(Date.now() + 60_000);
    const r = await rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: join(dir, 'outbox'), now });

    assert.deepEqual(r.revoked, [alice.id]);
    assert.equal(r.newKey.name, 'Alice');
    const keys = listKeys(ws).reviewer;
    assert.notEqual(keys.find((k) => k.id === alice.id)!.revokedAt, null);
    assert.equal(keys.filter((k) => k.revokedAt === null).map((k) => k.id).join(), r.newKey.id);
    assert.deepEqual(r.contracts, [{ contract: 'acme-prod-eu', revision: 2, status: 'published', message: 'saved and published revision 2, signed by the new key' }]);

    const rev = latest();
    assert.equal(rev.revision, 2);
    const roster = rosterOf(rev.content);
    assert.deepEqual(roster.find((e) => e.fingerprint === alice.id), { ...entry(alice, ['contract-owner', 'approver'], 'alice@example.com'), revoked: now.toISOString() });
    assert.deepEqual(roster.find((e) => e.fingerprint === r.newKey.id), { name: 'Alice', email: 'alice@example.com', fingerprint: r.newKey.id, publicKey: r.newKey.publicKeyPem, roles: ['contract-owner', 'approver'] });
    assert.deepEqual(roster.find((e) => e.fingerprint === bob.id), entry(bob, ['approver']));
    const pub = storedPublication(rev)!;
    assert.deepEqual(pub.signers, [r.newKey.id]);
    assert.equal(pub.notAfter, notAfter.toISOString());
    assert.equal(verifyAuditChain(ws).ok, true);
  });

  test('the published revision verifies approvals by the new key and refuses the old key\'s later ones', async () => {
    const digest = (await importChangeSet(ws, [PEERING])).digest;
    const alice = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
    importRoster([entry(alice, ['contract-owner', 'approver'])]);
    await publishContract(ws, { contract: 'acme-prod-eu', revision: 1, signers: [{ keyId: alice.id, passphrase: PASS }], notAfter: new Date(Date.now() + 20 * DAY) });
    const oldKey = (await unlockKey(ws, alice.id, PASS)).privateKey;
    const outbox = join(dir, 'outbox');
    const rotatedAt = new Date(Date.now() + 60_000);
    const r = await rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: outbox, now: rotatedAt });
    const newKey = (await unlockKey(ws, r.newKey.id, NEW_PASS)).privateKey;
    const published = readFileSync(join(outbox, 'acme-prod-eu-r2.publication.json'), 'utf8');
    const text = readFileSync(join(outbox, 'acme-prod-eu-r2.contract.yaml'), 'utf8');
    const changeSet = await loadChangeSet([PEERING]);
    const approval = (key: KeyObject, time: Date): DsseEnvelope => {
      const active = contractFor(ws, ws.changeSets.getChangeSet(digest)!.metadata);
      const { evaluation, stored } = evaluateStored(ws, digest, active);
      return signApproval({ changeSetDigest: digest, contract: active.contract, evaluation: { ...evaluationRef(evaluation), digest: stored.digest }, reviewer: { privateKey: key, name: 'Alice' }, time, auditHead: currentAuditHead(ws) }).envelope;
    };
    // The vendor is handed the new owner key (the old one is revoked by the publication itself).
    const verify = (env: DsseEnvelope) => verifyRelease({
      changeSet, contract: parseContract('r2.yaml', text), attestations: attestationsFrom([JSON.parse(published) as unknown, env]),
      trustedKeys: [{ pem: r.newKey.publicKeyPem, source: 'NEW.pem' }], now: new Date(rotatedAt.getTime() + 120_000),
    });
    const good = verify(approval(newKey, new Date(rotatedAt.getTime() + 60_000)));
    assert.deepEqual(good.reasons, []);
    assert.equal(good.ok, true);
    const bad = verify(approval(oldKey, new Date(rotatedAt.getTime() + 60_000)));
    assert.equal(bad.ok, false);
    assert.equal(bad.approvals.length, 0);
    assert.ok(bad.notes.some((x) => x.code === 'revoked-key'));
  });

  test('when not a contract owner: the revision is saved, not published, and says who must publish it', async () => {
    const alice = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
    const olivia = colleague('Olivia Owner');
    importRoster([entry(olivia, ['contract-owner']), entry(alice, ['approver', 'exception-signer'])]);
    const r = await rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: join(dir, 'outbox') });
    assert.deepEqual(r.contracts.map((c) => [c.revision, c.status, c.message]), [[2, 'needs-publishing', 'saved revision 2; needs publishing by a contract owner']]);
    assert.equal(latest().publishedEnvelope, null);
    const roster = rosterOf(latest().content);
    assert.deepEqual(roster.map((e) => [e.name, e.roles.join('+'), e.revoked !== undefined]), [
      ['Olivia Owner', 'contract-owner', false], ['Alice', 'approver+exception-signer', true], ['Alice', 'approver+exception-signer', false],
    ]);
  });

  test('an owner whose contract holds unpublished changes: saved, not published (someone else\'s edits are not published with it)', async () => {
    const alice = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
    importRoster([entry(alice, ['contract-owner'])], 'r1.yaml');
    await publishContract(ws, { contract: 'acme-prod-eu', revision: 1, signers: [{ keyId: alice.id, passphrase: PASS }], notAfter: new Date(Date.now() + 20 * DAY) });
    importRoster([entry(alice, ['contract-owner', 'approver'])], 'r2.yaml');
    const r = await rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: join(dir, 'outbox') });
    assert.equal(r.contracts[0]!.status, 'needs-publishing');
    assert.match(r.contracts[0]!.message, /^saved revision 3; not published: revision 2 before it holds unpublished changes/);
  });

  test('contracts whose roster does not list the key are left alone', async () => {
    const alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
    importRoster([entry(colleague('Olivia'), ['contract-owner'])]);
    const r = await rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: join(dir, 'outbox') });
    assert.deepEqual(r.contracts, []);
    assert.equal(latest().revision, 1);
  });

  test('a stored contract that no longer loads is skipped when it does not name the key, and stops the rotation when it does', async () => {
    const alice = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
    importRoster([entry(alice, ['contract-owner'])]);
    // As when the packs a revision extends changed since it was stored: its digest no longer matches.
    const stale = (name: string, roster: string) => ws.contracts.saveRevision({
      contract: name, digest: `sha256:${'0'.repeat(64)}`, author: 'test',
      content: `${demo().replace('name: acme-prod-eu', `name: ${name}`).replace('vendor: Acme Analytics', `vendor: Other ${name}`)}${roster}`,
    });
    stale('unrelated', '');
    const r = await rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: join(dir, 'outbox') });
    assert.deepEqual(r.contracts.map((c) => c.contract), ['acme-prod-eu']);

    // The fingerprint spelled with YAML escapes: still found, and the rotation refused, storing nothing.
    const hex = r.newKey.id.slice(7);
    stale('naming', `roster:\n  - name: Alice\n    fingerprint: "sha256:\\x${hex.charCodeAt(0).toString(16)}${hex.slice(1)}"\n    publicKey: x\n    roles: [approver]\n`);
    const entries = ws.audit.count();
    await assert.rejects(rotateKey(ws, { keyId: r.newKey.id, passphrase: NEW_PASS, newPassphrase: 'a third long passphrase', outboxDir: join(dir, 'outbox') }), /now resolves to/);
    assert.equal(ws.audit.count(), entries);
  });

  const refusals: readonly { name: string; input: (id: string) => Parameters<typeof rotateKey>[1]; error: new (...a: never[]) => Error; message: RegExp }[] = [
    { name: 'a wrong old passphrase', input: (id) => ({ keyId: id, passphrase: 'not the passphrase!', newPassphrase: NEW_PASS, outboxDir: 'x' }), error: WrongPassphrase, message: /wrong passphrase/ },
    { name: 'a weak new passphrase', input: (id) => ({ keyId: id, passphrase: PASS, newPassphrase: 'short', outboxDir: 'x' }), error: InputError, message: /at least 12 characters/ },
    { name: 'the old passphrase again', input: (id) => ({ keyId: id, passphrase: PASS, newPassphrase: PASS, outboxDir: 'x' }), error: InputError, message: /not the old one/ },
    { name: 'an empty new name', input: (id) => ({ keyId: id, passphrase: PASS, newPassphrase: NEW_PASS, name: '  ', outboxDir: 'x' }), error: InputError, message: /needs a name/ },
  ];
  for (const row of refusals) {
    test(`refuses ${row.name}, storing nothing`, async () => {
      const alice = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
      importRoster([entry(alice, ['contract-owner'])]);
      const entries = ws.audit.count();
      await assert.rejects(rotateKey(ws, row.input(alice.id)), (err: unknown) => err instanceof row.error && row.message.test((err as Error).message));
      assert.equal(ws.audit.count(), entries);
      assert.deepEqual(listKeys(ws).reviewer.map((k) => [k.id, k.revokedAt]), [[alice.id, null]]);
    });
  }

  test('a revoked key cannot be rotated', async () => {
    const alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
    revokeKey(ws, alice.id);
    await assert.rejects(rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: 'x' }), ConflictError);
  });

  test('a failure while saving the revisions rolls the whole rotation back: the old key stays in force, no new key, no revision', async () => {
    const alice = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
    importRoster([entry(alice, ['contract-owner'])]);
    const entries = ws.audit.count();
    const save = ws.contracts.saveRevision.bind(ws.contracts);
    ws.contracts.saveRevision = (input) => {
      save(input);
      throw new Error('disk full');
    };
    await assert.rejects(rotateKey(ws, { keyId: alice.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: 'x' }), /disk full/);
    assert.deepEqual(listKeys(ws).reviewer.map((k) => [k.id, k.revokedAt]), [[alice.id, null]]);
    assert.equal(latest().revision, 1);
    assert.equal(ws.audit.count(), entries);
  });

  test('in a workspace with several keys, retireOthers revokes every other one, in the workspace and the roster', async () => {
    const a = own(await createKey(ws, { name: 'Alice', passphrase: PASS }));
    const b = own(await addLegacyReviewerKey(ws, { name: 'Alice laptop', passphrase: PASS }));
    importRoster([entry(a, ['contract-owner', 'approver']), entry(b, ['approver'])]);
    const r = await rotateKey(ws, { keyId: a.id, passphrase: PASS, newPassphrase: NEW_PASS, retireOthers: true, outboxDir: join(dir, 'outbox') });
    assert.deepEqual([...r.revoked].sort(), [a.id, b.id].sort());
    assert.deepEqual(listKeys(ws).reviewer.filter((k) => k.revokedAt === null).map((k) => k.id), [r.newKey.id]);
    const roster = rosterOf(latest().content);
    assert.ok(roster.filter((e) => e.fingerprint !== r.newKey.id).every((e) => e.revoked !== undefined));
  });

  test('without retireOthers, a workspace with several keys is refused: it would hold two personal keys again', async () => {
    const a = await createKey(ws, { name: 'Alice', passphrase: PASS });
    const b = await addLegacyReviewerKey(ws, { name: 'Alice laptop', passphrase: PASS });
    await assert.rejects(rotateKey(ws, { keyId: a.id, passphrase: PASS, newPassphrase: NEW_PASS, outboxDir: 'x' }), (err: unknown) =>
      err instanceof ConflictError && err.message.includes(`also holds Alice laptop (${b.id}), made before one personal key per workspace: retire it with this rotation`));
  });
});
