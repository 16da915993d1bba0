// Hole 5 of issue 7: revoked keys still verified. `countersign verify` only knew the PEM files
// it was given (--trust), not that the workspace revoked one, so an approval made after the
// revocation with a stolen copy of the key passed. Fixed by the owner-signed publication of the
// contract, whose roster lists the key as revoked: the vendor's CI holds only the owner's PEM
// and the latest publication, and the roster says who may sign.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { parseContract } from '../engine';
import type { ResolvedContract } from '../engine';
import type { RosterEntry } from '../base/roster';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import { attestationsFrom, evaluationRef, signContractPublication } from '../signing';
import type { DsseEnvelope } from '../signing';
import { signApproval } from '../signing/sign';
import { currentAuditHead, initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../testing/legacy-keys';
import { verifyRelease } from '../verify';
import type { ReasonCode } from '../verify';
import { approveChangeSet, requestException, createKey, exportKey, importChangeSet, importContract, listKeys, publishContract, revokeKey } from './index';
import { evaluateStored } from './change-set-service';
import { contractFor } from './current-contract';
import { unlockKey } from './key-service';
import { judgeInWorkspace } from './workspace-judgement';

const PEERING = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const PASS = 'a long enough passphrase';
const DAY = 24 * 3600_000;
const dir = mkdtempSync(join(tmpdir(), 'countersign-revoked-'));
const T0 = new Date();
let ws: Workspace;
let digest: string;
let changeSet: ChangeSet;
let stolen: KeyObject;
let bobKey: KeyObject;
let ownerPem: string;
let alicePem: string;
let revokedAt: Date;
/** Revision 1 (before the revocation) and 2 (Alice revoked): the contract file and its publication. */
const published: { text: string; publication: unknown }[] = [];

function rosterYaml(entries: readonly RosterEntry[]): string {
  return `roster: ${JSON.stringify(entries)}\n`;
}

async function importAndPublish(roster: readonly RosterEntry[], revision: number, notAfter: Date, ownerId: string): Promise<void> {
  const demo = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3');
  const file = join(dir, `contract-r${revision}.yaml`);
  writeFileSync(file, `${demo}${rosterYaml(roster)}`);
  importContract(ws, file, 'test');
  const r = await publishContract(ws, { contract: 'acme-prod-eu', revision, signers: [{ keyId: ownerId, passphrase: PASS }], notAfter, now: new Date(T0.getTime() + (revision - 1) * 60_000) });
  assert.equal(r.files.length, 2);
  published[revision - 1] = { text: r.files[0]!.text, publication: JSON.parse(r.files[1]!.text) as unknown };
}

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  digest = (await importChangeSet(ws, [PEERING])).digest;
  changeSet = await loadChangeSet([PEERING]);
  const owner = await createKey(ws, { name: 'Olivia Owner', passphrase: PASS });
  const alice = await addLegacyReviewerKey(ws, { name: 'Alice', passphrase: PASS });
  const bob = await addLegacyReviewerKey(ws, { name: 'Bob', passphrase: PASS });
  ownerPem = exportKey(ws, owner.id).pem;
  alicePem = exportKey(ws, alice.id).pem;
  const entry = (k: { id: string; name: string }, roles: RosterEntry['roles'], revoked?: string): RosterEntry => ({
    name: k.name, email: '', fingerprint: k.id, publicKey: exportKey(ws, k.id).pem, roles, ...(revoked ? { revoked } : {}),
  });
  // The thief's copy: the key decrypted from a copy of the workspace taken before the revocation.
  stolen = (await unlockKey(ws, alice.id, PASS)).privateKey;
  bobKey = (await unlockKey(ws, bob.id, PASS)).privateKey;
  // Revision 1: Alice approves. Published for two days only.
  await importAndPublish([entry(owner, ['contract-owner']), entry(alice, ['approver', 'exception-signer']), entry(bob, ['approver'])], 1, new Date(T0.getTime() + 2 * DAY), owner.id);
  // The customer revokes Alice: in the workspace, and in revision 2 of the contract, published.
  revokedAt = new Date(revokeKey(ws, alice.id).revokedAt);
  await importAndPublish([entry(owner, ['contract-owner']), entry(alice, ['approver', 'exception-signer'], revokedAt.toISOString()), entry(bob, ['approver'])], 2, new Date(T0.getTime() + 30 * DAY), owner.id);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function approvalBy(key: KeyObject, name: string, contract: ResolvedContract, time: Date): DsseEnvelope {
  const active = contractFor(ws, ws.changeSets.getChangeSet(digest)!.metadata);
  const { evaluation, stored } = evaluateStored(ws, digest, active);
  assert.equal(active.contract.digest, contract.digest, 'the roster is outside the digest: both revisions judge alike');
  return signApproval({
    changeSetDigest: digest, contract, evaluation: { ...evaluationRef(evaluation), digest: stored.digest },
    reviewer: { privateKey: key, name }, time, auditHead: currentAuditHead(ws),
  }).envelope;
}

/** What the vendor's CI runs: only the owner's public key is trusted. */
function verifyInCi(revision: 1 | 2, envelopes: readonly unknown[], now: Date, opts: { contractText?: string; trust?: string } = {}) {
  return verifyRelease({
    changeSet,
    contract: parseContract(`contract-r${revision}.yaml`, opts.contractText ?? published[revision - 1]!.text),
    attestations: attestationsFrom(envelopes),
    trustedKeys: [{ pem: opts.trust ?? ownerPem, source: 'OWNER.pem' }],
    now,
  });
}

const codes = (list: readonly { code: ReasonCode }[]): ReasonCode[] => [...new Set(list.map((r) => r.code))];
const later = (ms: number): Date => new Date(revokedAt.getTime() + ms);

describe('an approval signed with a key revoked in the workspace, made after the revocation', () => {
  test('the workspace itself does not count it (it knows the revocation)', () => {
    const active = contractFor(ws, ws.changeSets.getChangeSet(digest)!.metadata);
    const { evaluation, stored } = evaluateStored(ws, digest, active);
    const forged = approvalBy(stolen, 'Alice', active.contract, later(60_000));
    const judged = judgeInWorkspace(ws, {
      changeSetDigest: digest, contract: active.contract, evaluation, evaluationDigest: stored.digest, now: later(120_000), extra: [forged],
    });
    assert.equal(judged.approvals.length, 0);
    assert.ok(judged.notes.some((n) => n.code === 'revoked-key'));
  });

  test('countersign verify with OWNER.pem and the latest publication counts Bob but refuses the thief', () => {
    const contract = parseContract('r2', published[1]!.text);
    const bob = verifyInCi(2, [published[1]!.publication, approvalBy(bobKey, 'Bob', contract, later(60_000))], later(120_000));
    assert.deepEqual(bob.reasons, [], 'control: a valid approver under the same publication verifies');
    assert.equal(bob.ok, true);
    // The thief's approval, dated after the revocation and (claimed) before it: neither counts.
    for (const time of [later(60_000), new Date(revokedAt.getTime() - DAY)]) {
      const result = verifyInCi(2, [published[1]!.publication, approvalBy(stolen, 'Alice', contract, time)], later(120_000));
      assert.equal(result.ok, false, 'an approval by a revoked key must not verify');
      assert.equal(result.approvals.length, 0);
      assert.ok(codes(result.notes).includes('revoked-key'));
    }
  });

  test('the publication from before the revocation, presented alone, fails once past its notAfter', () => {
    const r1 = parseContract('r1', published[0]!.text);
    const forged = approvalBy(stolen, 'Alice', r1, later(60_000));
    const afterNotAfter = new Date(T0.getTime() + 3 * DAY);
    const result = verifyInCi(1, [published[0]!.publication, forged], afterNotAfter);
    assert.equal(result.ok, false);
    assert.ok(codes(result.reasons).includes('no-valid-publication'));
    assert.ok(codes(result.notes).includes('publication-expired'));
    // And beside the latest publication, the old file loses: the newest publication decides.
    const both = verifyInCi(1, [published[0]!.publication, published[1]!.publication, forged], later(120_000));
    assert.ok(codes(both.reasons).includes('roster-mismatch'));
  });

  test('a publication signed by a non-owner (the thief with Alice\'s key) or an untrusted key fails', () => {
    const r2 = parseContract('r2', published[1]!.text);
    const byThief = signContractPublication({
      contract: { name: r2.name, vendor: r2.vendor, install: r2.install ?? '', digest: r2.digest, packs: r2.packs ?? [], roster: r2.roster ?? [] },
      revision: 3, signers: [{ privateKey: stolen, name: 'Alice' }], notAfter: new Date(T0.getTime() + 10 * DAY), time: later(30_000),
    }).envelope;
    const forged = approvalBy(stolen, 'Alice', r2, later(60_000));
    // Trusting Alice's PEM (she is no owner) or the owner's: the thief's publication never counts.
    for (const trust of [alicePem, ownerPem]) {
      const result = verifyInCi(2, [byThief, forged], later(120_000), { trust });
      assert.equal(result.ok, false);
      assert.ok(codes(result.reasons).includes('no-valid-publication'));
    }
    // The real publication, but the verifier trusts only Alice's key: untrusted.
    const untrusted = verifyInCi(2, [published[1]!.publication, forged], later(120_000), { trust: alicePem });
    assert.equal(untrusted.ok, false);
    assert.ok(codes(untrusted.reasons).includes('no-valid-publication'));
  });

  test('a roster tampered after signing (Alice\'s revocation removed from the file) fails', () => {
    const tampered = published[1]!.text.replace(/,"revoked":"[^"]+"/, '');
    assert.notEqual(tampered, published[1]!.text);
    const contract = parseContract('r2-tampered', tampered);
    const result = verifyInCi(2, [published[1]!.publication, approvalBy(stolen, 'Alice', contract, later(60_000))], later(120_000), { contractText: tampered });
    assert.equal(result.ok, false);
    assert.ok(codes(result.reasons).includes('roster-mismatch'));
    assert.equal(result.approvals.length, 0);
  });
});

describe('signing under a roster', () => {
  test('a key the roster does not list as an approver cannot approve in the workspace (it would never count)', async () => {
    const owner = listKeys(ws).reviewer.find((k) => k.name === 'Olivia Owner')!;
    await assert.rejects(approveChangeSet(ws, { digest, keyId: owner.id, passphrase: PASS, outboxDir: join(dir, 'out') }), /roster entry 1 \(Olivia Owner, sha256:[0-9a-f]{64}\) is not an approver/);
    assert.equal(ws.attestations.listApprovals(digest).length, 0);
  });

  test('an approver who is no exception-signer cannot request an exception (its signature would never count)', async () => {
    const bob = listKeys(ws).reviewer.find((k) => k.name === 'Bob')!;
    await assert.rejects(requestException(ws, {
      digest, waives: [{ policy: 'k8s-resource-limits', address: 'x' }], justification: 'test', expires: new Date(Date.now() + 86_400_000),
      keyId: bob.id, passphrase: PASS, scope: 'changeset', outboxDir: join(dir, 'out'),
    }), /roster entry 3 \(Bob, sha256:[0-9a-f]{64}\) is not an exception-signer/);
    assert.equal(ws.attestations.listExceptions(digest).length, 0);
  });
});
