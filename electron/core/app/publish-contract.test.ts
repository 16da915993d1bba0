// publishContract: only an unrevoked contract-owner of that revision's roster may publish it,
// once, for a bounded time; every refusal stores nothing. And a roster key that is not the key
// its fingerprint names is refused at import, with its line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RosterEntry } from '../base/roster';
import { ConflictError, InputError, UsageError } from '../model/errors';
import { generateReviewerKey, exportPublicKey } from '../signing';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../testing/legacy-keys';
import { createKey, exportKey, importContract, publishContract, revokeKey, storedPublication } from './index';

const PASS = 'a long enough passphrase';
const DAY = 24 * 3600_000;
const NOW = new Date();
const dir = mkdtempSync(join(tmpdir(), 'countersign-publish-'));
let ws: Workspace;
let owner: { id: string; name: string };
let approver: { id: string; name: string };
let revokedOwner: { id: string; name: string };

const demo = (): string => readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3');
const entry = (k: { id: string; name: string }, roles: RosterEntry['roles'], revoked?: string): RosterEntry => ({
  name: k.name, email: '', fingerprint: k.id, publicKey: exportKey(ws, k.id).pem, roles, ...(revoked ? { revoked } : {}),
});
function importText(name: string, text: string): void {
  const file = join(dir, name);
  writeFileSync(file, text);
  importContract(ws, file, 'test');
}
const publish = (revision: number, keyIds: readonly string[], notAfter: string | Date = new Date(NOW.getTime() + 30 * DAY), outboxDir?: string) =>
  publishContract(ws, { contract: 'acme-prod-eu', revision, signers: keyIds.map((keyId) => ({ keyId, passphrase: PASS })), notAfter, now: NOW, ...(outboxDir ? { outboxDir } : {}) });

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  owner = await createKey(ws, { name: 'Olivia Owner', passphrase: PASS });
  approver = await addLegacyReviewerKey(ws, { name: 'Alice', passphrase: PASS });
  revokedOwner = await addLegacyReviewerKey(ws, { name: 'Former Owner', passphrase: PASS });
  // Revision 1: no roster. Revision 2: a roster.
  importText('r1.yaml', demo());
  importText('r2.yaml', `${demo()}roster: ${JSON.stringify([entry(owner, ['contract-owner']), entry(approver, ['approver']), entry(revokedOwner, ['contract-owner'], '2026-01-01T00:00:00Z')])}\n`);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('publishContract refuses, storing nothing', () => {
  const rows: readonly { name: string; run: () => Promise<unknown>; error: new (...a: never[]) => Error; message: RegExp }[] = [
    { name: 'a revision without a roster', run: () => publish(1, [owner.id]), error: UsageError, message: /has no reviewer roster/ },
    { name: 'a revision that does not exist', run: () => publish(9, [owner.id]), error: InputError, message: /no such revision/ },
    { name: 'a signer that is only an approver', run: () => publish(2, [approver.id]), error: UsageError, message: /is not a contract-owner/ },
    { name: 'a signer the roster lists as revoked', run: () => publish(2, [revokedOwner.id]), error: UsageError, message: /is revoked/ },
    { name: 'a signer outside the roster', run: async () => publish(2, [(await addLegacyReviewerKey(ws, { name: 'Stranger', passphrase: PASS })).id]), error: UsageError, message: /is not in the roster/ },
    { name: 'the same signer twice', run: () => publish(2, [owner.id, owner.id]), error: UsageError, message: /twice/ },
    { name: 'a notAfter in the past', run: () => publish(2, [owner.id], new Date(NOW.getTime() - 1000)), error: UsageError, message: /must be in the future/ },
    { name: 'a notAfter more than 400 days away', run: () => publish(2, [owner.id], new Date(NOW.getTime() + 401 * DAY)), error: UsageError, message: /more than 400 days/ },
    { name: 'a notAfter that is not a time', run: () => publish(2, [owner.id], 'next tuesday'), error: UsageError, message: /notAfter 'next tuesday'/ },
    { name: 'a wrong passphrase', run: () => publishContract(ws, { contract: 'acme-prod-eu', revision: 2, signers: [{ keyId: owner.id, passphrase: 'not the passphrase' }], notAfter: new Date(NOW.getTime() + DAY), now: NOW }), error: InputError, message: /wrong passphrase/ },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      await assert.rejects(row.run(), (err: unknown) => err instanceof row.error && row.message.test((err as Error).message));
      assert.ok(ws.contracts.listRevisions('acme-prod-eu').every((r) => r.publishedEnvelope === null));
    });
  }
});

describe('publishContract', () => {
  test('signs the revision with the owner, writes the contract and its publication to the outbox, once', async () => {
    const outbox = join(dir, 'outbox');
    const r = await publish(2, [owner.id], new Date(NOW.getTime() + 30 * DAY), outbox);
    assert.deepEqual(r.files.map((f) => f.name), ['acme-prod-eu-r2.contract.yaml', 'acme-prod-eu-r2.publication.json']);
    assert.deepEqual(readdirSync(outbox).sort(), ['acme-prod-eu-r2.contract.yaml', 'acme-prod-eu-r2.publication.json']);
    assert.equal(readFileSync(join(outbox, 'acme-prod-eu-r2.contract.yaml'), 'utf8'), ws.contracts.latestRevision('acme-prod-eu')!.content);
    const stored = storedPublication(r.revision);
    assert.deepEqual(stored && [stored.revision, stored.signers, stored.notAfter], [2, [owner.id], new Date(NOW.getTime() + 30 * DAY).toISOString()]);
    await assert.rejects(publish(2, [owner.id]), ConflictError);
  });

  test('a workspace-revoked owner cannot unlock its key to publish', async () => {
    importText('r3.yaml', `${demo()}roster: ${JSON.stringify([entry(owner, ['contract-owner']), entry(approver, ['approver', 'contract-owner'])])}\n`);
    revokeKey(ws, approver.id);
    await assert.rejects(publish(3, [approver.id]), /revoked/);
    assert.equal(ws.contracts.latestRevision('acme-prod-eu')!.publishedEnvelope, null);
  });
});

describe('roster keys at import', () => {
  test('a roster entry whose PEM is another key is refused with its entry and line; nothing is stored', () => {
    const other = exportPublicKey(generateReviewerKey().publicKey).pem;
    const before = ws.contracts.listRevisions('acme-prod-eu').length;
    const roster = [entry(owner, ['contract-owner']), { ...entry(approver, ['approver']), publicKey: other }];
    const text = `${demo()}roster:\n${roster.map((e) => `  - ${JSON.stringify(e)}`).join('\n')}\n`;
    const file = join(dir, 'bad-roster.yaml');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('"name":"Alice"')) + 1;
    assert.throws(() => importContract(ws, file, 'test'), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /roster entry 2 \(Alice, sha256:[0-9a-f]{64}\): its publicKey hashes to sha256:[0-9a-f]{64}, not to its fingerprint/);
      assert.equal(err.line, line);
      return true;
    });
    assert.equal(ws.contracts.listRevisions('acme-prod-eu').length, before);
  });
});
